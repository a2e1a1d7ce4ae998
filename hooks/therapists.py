"""Wires the therapist tools (``workbook.links``) into the build.

``on_env`` runs once every page has been converted, so each guide's table
of contents (its real heading ids) and each worksheet page the worksheet
hook generated are known; it gathers every public target. Then
``on_page_context`` fills the link directory's marker on the For
therapists page, and ``on_post_build`` publishes ``assets/manifest.json``,
the only keys the homework builder offers and the homework page accepts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from workbook import checklist, links

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

WORKSHEETS = "worksheets/"

_nav: Navigation | None = None
_items: list[links.Entry] = []


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    global _nav
    _nav = nav
    return nav


def _headings(page: Page) -> tuple[links.Heading, ...]:
    out = []

    def walk(items) -> None:  # noqa: ANN001 (mkdocs AnchorLinks)
        for item in items:
            out.append(links.Heading(item.id, item.title, item.level))
            walk(item.children)

    walk(page.toc)
    return tuple(out)


def _pdf_for(sheet_id: str, files: Files) -> str:
    for file in files:
        uri = file.src_uri
        if uri.endswith(".pdf") and (uri.startswith(f"{WORKSHEETS}{sheet_id}/") or uri == f"{WORKSHEETS}{sheet_id}.pdf"):
            return file.url
    return ""


# Priority: after the default (0), so other hooks that collect in on_env
# have run first; nothing here changes what they see.
@event_priority(-50)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    global _items
    nav_pages = _nav.pages if _nav else []
    docs = files.documentation_pages()
    guides = checklist.collect(checklist.guide_sources(nav_pages, docs, config.docs_dir))
    guide_pages = []
    steps = []
    for guide in guides:
        page = files.get_file_from_path(guide.path.split("/", 1)[1]).page
        guide_pages.append(links.GuidePage(
            guide.slug, guide.title, guide.url, _headings(page),
            {s.id: tuple(step.id for step in s.steps) for s in guide.sections},
            links.aliases(page.content or "")))
        steps += [links.StepTarget(step.id, checklist.plain_text(step.text), guide.title, guide.url)
                  for step in guide.steps]
    sheets = []
    for file in sorted(docs, key=lambda f: f.src_uri):
        page = file.page
        if not file.src_uri.startswith(WORKSHEETS) or page is None or not page.meta.get("worksheet"):
            continue
        sheet_id = str(page.meta["worksheet"])
        sheets.append(links.WorksheetPage(sheet_id, page.title or sheet_id, file.url,
                                          str(page.meta.get("description", "")), _pdf_for(sheet_id, files),
                                          links.therapist_note(page.meta.get("therapist"))))
    _items = links.entries(guide_pages, sheets, steps)
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.content and links.DIRECTORY_MARKER in page.content:
        def href(path: str) -> str:
            target, _, anchor = path.partition("#")
            link = get_relative_url(target, page.url) if target else get_relative_url(".", page.url)
            if target.endswith("/") and not link.endswith("/"):
                link += "/"
            return link + (f"#{anchor}" if anchor else "")

        page.content = page.content.replace(
            links.DIRECTORY_MARKER, links.directory_html(_items, config.site_url, href))
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    target = Path(config.site_dir) / links.MANIFEST_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    data = links.manifest(_items, config.site_url)
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
