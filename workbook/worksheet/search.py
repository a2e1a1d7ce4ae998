"""What the site search indexes of a worksheet's form.

The form (:mod:`workbook.worksheet.form`) is most of a worksheet page, and
Material's search plugin parses every tag of it: inputs, options, the rows
table and its template, buttons. Readers search for what a worksheet asks,
not for its buttons, so the search plugin is shown this instead, in the
form's place: each section's heading (with the id the form's heading has,
so a result opens that section), its intro, and each question with its help
and, for a table, its column headings. The plugin puts the real form back
once the page is indexed (``workbook/plugin.py``).

Left out on purpose: the toolbar, choice labels, scale ends, "Remove row"
and "Add a row", the hidden results and the "No longer on this worksheet"
box, which only say something once answers exist.
"""

from __future__ import annotations

import html

from workbook.worksheet.form import section_intro_html
from workbook.worksheet.schema import Rows, Worksheet, _Field

__all__ = ["StandInLost", "index_with", "stand_in", "without_stand_in"]

e = html.escape
#: Around the stand-in while it is in the page: comments, which search skips.
_START, _END = "<!-- workbook:search -->", "<!-- /workbook:search -->"


class StandInLost(ValueError):
    """The page no longer holds the stand-in it was given: the form cannot go back."""


def _question(field: _Field) -> list[str]:
    parts = [f"<p>{e(field.label)}</p>"]
    if field.help:
        parts.append(f"<p>{e(field.help)}</p>")
    if isinstance(field, Rows):
        parts.append("<ul>" + "".join(f"<li>{e(c.label)}</li>" for c in field.columns) + "</ul>")
    return parts


def stand_in(worksheet: Worksheet) -> str:
    """The form's searchable text as small HTML, one heading per section."""
    parts = []
    for section in worksheet.sections:
        parts.append(f'<h2 id="{section.id}">{e(section.title)}</h2>')
        if section.intro:
            parts.append(section_intro_html(section.intro))
        for field in section.fields:
            parts += _question(field)
    return "\n".join(parts)


def index_with(page_html: str, form: str, worksheet: Worksheet) -> str:
    """``page_html`` with ``form`` replaced by its :func:`stand_in`, between markers."""
    return page_html.replace(form, f"{_START}\n{stand_in(worksheet)}\n{_END}", 1)


def without_stand_in(page_html: str, form: str) -> str:
    """``page_html`` with the stand-in that :func:`index_with` left replaced by ``form`` again.

    Raises :class:`StandInLost` when the markers are gone (something between
    the two steps rewrote the page): publishing it would lose the form.
    """
    start = page_html.find(_START)
    end = page_html.find(_END, start)
    if start < 0 or end < 0:
        raise StandInLost("the worksheet's form was set aside for the search index and cannot be put back")
    return page_html[:start] + form + page_html[end + len(_END):]
