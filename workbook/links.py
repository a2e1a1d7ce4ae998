"""Everything a therapist can link to, with its full address.

``entries`` gathers the public targets of a build: every guide section (a
heading with an id), every worksheet, every checklist step. Each has a short
key that homework links carry (``s:<guide>/<heading id>``, ``w:<worksheet
id>``, ``c:<step id>``) and a path relative to the site's root.

``manifest`` is the JSON the build publishes (``assets/manifest.json``):
the homework builder offers exactly these entries and the "Your homework"
page accepts no other key. ``full_url`` joins a path to the configured
``site_url``, so a practice's own copy hands out its own links.

Nothing here knows about MkDocs: the plugin passes in titles, URLs and tables
of contents as plain data.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Iterable

from workbook.model import Invalid, check
from workbook.worksheet.schema import Therapist
from workbook.worksheet.therapist import note_html

#: Where the link directory goes in docs/for-therapists/index.md.
DIRECTORY_MARKER = "<!-- workbook:link-directory -->"
#: The class of an old heading id kept as an alias (see README.md):
#: ``<span id="old-id" class="tw-old-id"></span>`` on the line above the heading.
ALIAS_CLASS = "tw-old-id"
_ALIAS_OR_HEADING = re.compile(
    rf'<span id="(?P<alias>[^"]+)" class="{ALIAS_CLASS}"></span>|<h[1-6] id="(?P<heading>[^"]+)"')
#: The manifest's path in the built site.
MANIFEST_PATH = "assets/manifest.json"
#: The client-facing page that opens a homework link.
HOMEWORK_PATH = "homework/"
#: The longest note a homework link carries; longer ones are cut, visibly.
NOTE_LIMIT = 500
FORMAT = 1


@dataclass(frozen=True)
class Heading:
    id: str
    title: str
    level: int


@dataclass(frozen=True)
class GuidePage:
    slug: str
    title: str
    url: str  # relative to the site root: "guides/establishing-trust/"
    headings: tuple[Heading, ...]
    steps_by_section: dict[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # old heading id -> current one


@dataclass(frozen=True)
class WorksheetPage:
    id: str
    title: str
    url: str  # "worksheets/promise-log/"
    summary: str = ""
    pdf: str = ""  # path of its PDF, when the build has one
    therapist: Therapist | None = None  # its note for therapists, when it has one


@dataclass(frozen=True)
class StepTarget:
    id: str
    text: str  # plain text
    guide: str  # guide title
    url: str  # the guide page's URL


@dataclass(frozen=True)
class Entry:
    key: str
    kind: str  # "section" | "worksheet" | "step"
    title: str
    context: str  # what it belongs to (the guide), or ""
    path: str  # relative to the site root, anchor included
    level: int = 0
    steps: tuple[str, ...] = ()
    summary: str = ""
    pdf: str = ""
    alias_of: str = ""  # the current key, when this key is an old heading id kept working
    therapist: Therapist | None = None  # a worksheet's note for therapists (not in the manifest)


def aliases(page_html: str) -> dict[str, str]:
    """Old heading ids kept as aliases in a page's HTML: each alias span
    belongs to the first heading after it."""
    found: dict[str, str] = {}
    waiting: list[str] = []
    for match in _ALIAS_OR_HEADING.finditer(page_html):
        if match["alias"]:
            waiting.append(match["alias"])
        else:
            found.update({old: match["heading"] for old in waiting})
            waiting = []
    return found


def therapist_note(meta: object) -> Therapist | None:
    """A worksheet page's ``therapist`` front matter (see
    :func:`workbook.worksheet.page.page_markdown`) as a note, or ``None``."""
    if not isinstance(meta, dict):
        return None
    try:
        return check(Therapist, meta)
    except Invalid:
        return None  # the worksheet loader has already reported the definition


def section_key(guide_slug: str, heading_id: str) -> str:
    return f"s:{guide_slug}/{heading_id}"


def entries(guides: Iterable[GuidePage], worksheets: Iterable[WorksheetPage],
            steps: Iterable[StepTarget]) -> list[Entry]:
    """Every public target, guides first (in their order, headings in page
    order), then worksheets, then checklist steps."""
    out = []
    for guide in guides:
        for heading in guide.headings:
            path = guide.url if heading.level == 1 else f"{guide.url}#{heading.id}"
            out.append(Entry(section_key(guide.slug, heading.id), "section", heading.title,
                             guide.title if heading.level > 1 else "", path, heading.level,
                             tuple(guide.steps_by_section.get(heading.id, ()))))
        current = {e.key: e for e in out}
        for old, new in guide.aliases.items():
            target = current.get(section_key(guide.slug, new))
            if target is not None:
                out.append(Entry(section_key(guide.slug, old), target.kind, target.title, target.context,
                                 target.path, target.level, target.steps, alias_of=target.key))
    for sheet in worksheets:
        out.append(Entry(f"w:{sheet.id}", "worksheet", sheet.title, "", sheet.url,
                         summary=sheet.summary, pdf=sheet.pdf, therapist=sheet.therapist))
    for step in steps:
        out.append(Entry(f"c:{step.id}", "step", step.text, step.guide, f"{step.url}#{step.id}"))
    return out


def full_url(site_url: str | None, path: str) -> str:
    """``path`` (relative to the site root) as a full address under ``site_url``."""
    base = (site_url or "/").rstrip("/") + "/"
    return base + path


def manifest(items: list[Entry], site_url: str | None) -> dict:
    """The JSON published with each build for the homework builder and page."""
    return {
        "format": FORMAT,
        "site_url": full_url(site_url, ""),
        "homework": HOMEWORK_PATH,
        "note_limit": NOTE_LIMIT,
        "items": [
            {k: v for k, v in {
                "key": e.key, "kind": e.kind, "title": e.title, "context": e.context,
                "path": e.path, "steps": list(e.steps), "summary": e.summary, "pdf": e.pdf,
                "alias_of": e.alias_of,
            }.items() if v or k in ("key", "kind", "title", "path")}
            for e in items
        ],
    }


def directory_html(items: list[Entry], site_url: str | None, href: callable) -> str:
    """The link directory: one list per guide, then the worksheets, each
    with its note for therapists collapsed under it.

    ``href(path)`` returns the link from the page holding the directory.
    Every text is escaped here; docs/assets/js/therapists/copy-link.js shows the copy
    buttons.
    """
    out = ['<div class="tw-directory" data-link-directory>']
    current = None

    def close() -> None:
        if current is not None:
            out.append("</ul>")

    for entry in items:
        if entry.kind == "step" or entry.alias_of:
            continue
        if entry.kind == "section" and entry.level == 1:
            close()
            current = entry.title
            out.append(f'<h3 class="tw-directory__guide">{html.escape(entry.title)}</h3>')
            out.append('<ul class="tw-directory__list">')
        elif entry.kind == "worksheet" and current != "Worksheets":
            close()
            current = "Worksheets"
            out.append('<h3 class="tw-directory__guide" id="directory-worksheets">Worksheets</h3>')
            out.append('<ul class="tw-directory__list">')
        elif current is None:  # a guide with no top heading
            current = entry.context
            out.append('<ul class="tw-directory__list">')
        out.append(_item_html(entry, full_url(site_url, entry.path), href(entry.path)))
        if entry.pdf:
            out.append(_item_html(Entry(entry.key + ":pdf", "pdf", f"{entry.title} (PDF)", "", entry.pdf),
                                  full_url(site_url, entry.pdf), href(entry.pdf)))
    close()
    out.append("</div>")
    return "\n".join(out)


def _item_html(entry: Entry, url: str, link: str) -> str:
    title = html.escape(entry.title)
    note = ""
    if entry.therapist is not None:
        note = (f'<details class="tw-directory__note"><summary>Therapist note'
                f'<span class="tw-visually-hidden"> for {title}</span></summary>\n'
                f"{note_html(entry.therapist)}</details>")
    return (
        f'<li class="tw-directory__item" data-kind="{entry.kind}">'
        f'<a href="{html.escape(link)}">{title}</a>'
        f'<code class="tw-directory__url">{html.escape(url)}</code>'
        f'<button type="button" class="tw-directory__copy" data-copy="{html.escape(url)}" hidden>'
        f'Copy link<span class="tw-visually-hidden"> to {title}</span></button>{note}</li>'
    )
