"""The note for therapists (a worksheet's ``therapist`` block) as HTML.

The same short list appears in two places: collapsed in a "For therapists"
box on the worksheet page (hidden in print, never in the client's PDF), and
under each worksheet in the For therapists page's link directory. Every
text is plain and escaped here.
"""

from __future__ import annotations

import html

from workbook.worksheet.schema import Therapist

#: The class of the box on a worksheet page; worksheet.css hides it in print.
BOX_CLASS = "tw-therapist-note"


def note_html(note: Therapist) -> str:
    """What it is for, when to use it and when not, time, debrief questions."""
    e = html.escape
    questions = "".join(f"<li>{e(q)}</li>" for q in note.debrief)
    return (
        f'<dl class="{BOX_CLASS}__list">\n'
        f"<dt>What it is for</dt><dd>{e(note.purpose)}</dd>\n"
        f"<dt>Use it when</dt><dd>{e(note.use_when)}</dd>\n"
        f"<dt>Not when</dt><dd>{e(note.avoid_when)}</dd>\n"
        f"<dt>Time</dt><dd>{e(note.time)}</dd>\n"
        f"<dt>To ask at the next session</dt><dd><ul>{questions}</ul></dd>\n"
        "</dl>"
    )


def box_html(note: Therapist | None) -> str:
    """The collapsed "For therapists" box on a worksheet page ("" without a note).

    Raw HTML with no blank line, so Markdown leaves it whole.
    """
    if note is None:
        return ""
    return f'<details class="{BOX_CLASS}">\n<summary>For therapists</summary>\n{note_html(note)}\n</details>\n'
