"""What the "My answers" page needs to know about every worksheet.

The page lists saved answers, writes them out as a readable Markdown file
and previews an import; answers are stored under field and option ids, so
the page needs the words that go with them. :func:`catalogue` turns the
validated definitions into that data (plain JSON types, in form order) and
:func:`catalogue_attribute` into an HTML attribute value for the page's
``data-tw-catalogue``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable

from workbook.worksheet.schema import Rows, Scale, Worksheet, _Choice, _Field

#: The spot in docs/my-answers.md that the plugin fills.
MARKER = "<!-- workbook:answers -->"


def _field(field: _Field) -> dict:
    out: dict = {"id": field.id, "type": field.type, "label": field.label}
    if field.renamed_from:
        out["from"] = field.renamed_from  # answers/backup.js brings older answers up to date with it
    if isinstance(field, _Choice):
        out["options"] = {option.id: option.label for option in field.options}
    if isinstance(field, Scale):
        out["scale"] = [field.scale.min, field.scale.max]
    if isinstance(field, Rows):
        out["columns"] = [_field(column) for column in field.columns]
    return out


def entry(worksheet: Worksheet, url: str) -> dict:
    """One worksheet: ``{"id", "title", "url", "who", "version", "sections": [...]}``."""
    return {
        "id": worksheet.id, "title": worksheet.title, "url": url, "who": worksheet.who,
        "version": worksheet.version,
        "sections": [{"title": section.title, "fields": [_field(f) for f in section.fields]}
                     for section in worksheet.sections],
    }


def catalogue(worksheets: Iterable[Worksheet], url: Callable[[Worksheet], str]) -> list[dict]:
    """Every worksheet, in title order, with ``url`` giving each page's link."""
    return [entry(w, url(w)) for w in sorted(worksheets, key=lambda w: w.title.lower())]


def catalogue_attribute(data: list[dict]) -> str:
    """The catalogue as a double-quoted HTML attribute's value (escaped)."""
    return html.escape(json.dumps(data, separators=(",", ":"), ensure_ascii=False), quote=True)


def root(data: list[dict]) -> str:
    """The page's component root, which the plugin puts in place of :data:`MARKER`."""
    return (f'<div class="tw-my-answers" data-tw-my-answers data-tw-catalogue="{catalogue_attribute(data)}">'
            '<p class="tw-my-answers__loading">Your answers are listed here once the page has loaded. '
            "This needs JavaScript, which runs only in your browser.</p></div>")
