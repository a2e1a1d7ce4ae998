"""What the therapist tools list, gathered from one build's shared data.

:func:`gather` turns the guides (their steps, from :mod:`workbook.checklist`,
and the heading ids their rendered pages ended up with) and the worksheet
definitions into the entries of :mod:`workbook.links`. Guide pages arrive as
plain data (:class:`RenderedPage`), so nothing here needs MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from workbook import checklist, links


@dataclass(frozen=True)
class RenderedPage:
    """A guide page after rendering: its table of contents and its HTML."""

    toc: Iterable  # MkDocs' AnchorLinks: .id, .title, .level, .children
    html: str


def headings(toc: Iterable) -> tuple[links.Heading, ...]:
    """Every heading of a table of contents, in page order."""
    out = []

    def walk(items: Iterable) -> None:
        for item in items:
            out.append(links.Heading(item.id, item.title, item.level))
            walk(item.children)

    walk(toc)
    return tuple(out)


def worksheet_page(meta: dict, title: str | None, url: str, pdf: str) -> links.WorksheetPage | None:
    """A page whose front matter names a ``worksheet`` (generated or written by hand), else None."""
    sheet_id = meta.get("worksheet")
    if not sheet_id:
        return None
    sheet_id = str(sheet_id)
    return links.WorksheetPage(sheet_id, title or sheet_id, url, str(meta.get("description", "")), pdf,
                               links.therapist_note(meta.get("therapist")))


def gather(guides: list[checklist.Guide], rendered: Callable[[checklist.Guide], RenderedPage],
           sheets: Iterable[links.WorksheetPage]) -> list[links.Entry]:
    """Every public target: guide sections, worksheet pages (in the order given), steps.

    ``rendered(guide)`` gives a guide's rendered page.
    """
    guide_pages, steps = [], []
    for guide in guides:
        page = rendered(guide)
        guide_pages.append(links.GuidePage(
            guide.slug, guide.title, guide.url, headings(page.toc),
            {s.id: tuple(step.id for step in s.steps) for s in guide.sections},
            links.aliases(page.html)))
        steps += [links.StepTarget(step.id, checklist.plain_text(step.text), guide.title, guide.url)
                  for step in guide.steps]
    return links.entries(guide_pages, list(sheets), steps)
