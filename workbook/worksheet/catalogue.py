"""The cards on the Worksheets index (``docs/worksheets/index.md``).

The plugin replaces :data:`MARKER` with :func:`cards`. Each card has a status
slot (``data-tw-status``) that ``docs/assets/js/worksheet/worksheet.js`` fills
from this browser's saved answers: not started, in progress or done.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from workbook.worksheet.form import attr_json, client_definition
from workbook.worksheet.page import minutes
from workbook.worksheet.schema import WHO_LABELS, Worksheet

#: Where the index shows the cards.
MARKER = "<!-- workbook:worksheets -->"

e = html.escape


def card(worksheet: Worksheet, href: str) -> str:
    tags = ", ".join(e(t) for t in worksheet.tags)
    return "".join([
        f'<li class="tw-card" data-tw-card="{worksheet.id}">',
        f'<h2 class="tw-card__title" id="card-{worksheet.id}"><a href="{e(href, quote=True)}">{e(worksheet.title)}</a></h2>',
        f'<p class="tw-card__summary">{e(worksheet.summary)}</p>',
        f'<p class="tw-card__meta">{minutes(worksheet)} · {WHO_LABELS[worksheet.who]} · '
        f'<span class="tw-card__tags">Topics: {tags}</span></p>',
        f'<p class="tw-card__status" data-tw-status="{worksheet.id}" '
        f'data-tw-definition="{attr_json(client_definition(worksheet))}" hidden>'
        'Your progress: <strong data-tw-status-text></strong></p>',
        "</li>",
    ])


def cards(worksheets: list[Worksheet], href: Callable[[Worksheet], str]) -> str:
    """Every worksheet as a card, in the order given; one raw HTML block."""
    if not worksheets:
        return '<p class="tw-cards-empty">No worksheets yet.</p>'
    return ('<ul class="tw-cards">\n'
            + "\n".join(card(w, href(w)) for w in worksheets)
            + "\n</ul>")
