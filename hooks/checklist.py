"""Wires the checklist index (``workbook.checklist``) into the build.

``on_nav`` reads every guide's source in the navigation's order, stops the
build on a step with no id or a duplicate id, and keeps the steps;
``on_page_markdown`` writes them into docs/checklist/index.md where its
marker stands. Pages are rendered after ``on_nav``, so the index is complete
whichever page MkDocs renders first.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from workbook import checklist

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

GUIDES = "guides/"

guides: list[checklist.Guide] = []


def guide_sources(nav: Navigation, files: Files, docs_dir: str) -> list[checklist.Source]:
    """Every guide page: those in the navigation in its order, then any other."""
    ordered = [page.file for page in nav.pages if page.file.src_uri.startswith(GUIDES)]
    rest = sorted(
        (f for f in files.documentation_pages() if f.src_uri.startswith(GUIDES) and f not in ordered),
        key=lambda f: f.src_uri,
    )
    sources = []
    for file in ordered + rest:
        title = (file.page.title if file.page and file.page.title else None) or _title_from(file)
        sources.append(checklist.Source(
            path=posixpath.join(posixpath.basename(docs_dir.rstrip("/")), file.src_uri),
            url=file.url,
            title=title,
            markdown=file.content_string,
        ))
    return sources


def _title_from(file) -> str:  # noqa: ANN001 (mkdocs File)
    for line in file.content_string.splitlines():
        if line.startswith("title:"):
            return line.removeprefix("title:").strip().strip("\"'")
    return file.name.replace("-", " ").capitalize()


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    global guides
    sources = guide_sources(nav, files, config.docs_dir)
    found = checklist.problems(sources)
    if found:
        raise PluginError("The guides' action steps need fixing:\n" + "\n".join(found))
    guides = checklist.collect(sources)
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if checklist.MARKER not in markdown:
        return markdown

    def link_to(url: str, anchor: str) -> str:
        href = get_relative_url(url, page.url) if url else "."
        if config.use_directory_urls and href != "." and not href.endswith("/") and url.endswith("/"):
            href += "/"
        return f"{href}#{anchor}" if anchor else href

    return markdown.replace(checklist.MARKER, checklist.index_markdown(guides, link_to))
