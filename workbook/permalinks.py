"""Heading permalinks that say where they lead.

The ``toc`` extension ends every heading with a "¶" link. A screen reader
announces it as "pilcrow", or as the same "Link to this section" on every
heading. ``name_permalinks`` names each one after its heading instead:
"Link to this section: Offer a sincere apology".

It works on a page's final HTML (the plugin's ``on_post_page``)
rather than inside Markdown, because some headings get their words only
after Markdown is done: Material's tags plugin fills its listing headings
by substituting placeholders in the rendered page.
"""

from __future__ import annotations

import html
import re

PREFIX = "Link to this section: "

_HEADING = re.compile(
    r"(?P<open><h(?P<level>[1-6])\b[^>]*>)(?P<inner>(?:(?!</h(?P=level)>).)*?)"
    r'(?P<link><a\b(?=[^>]*\bclass="headerlink")[^>]*>)',
    re.S | re.I,
)
_TAG = re.compile(r"<[^>]+>")
_LABEL = re.compile(r'\saria-label="[^"]*"')


def heading_text(inner_html: str) -> str:
    """The words of a heading's HTML, as a reader sees them."""
    return " ".join(html.unescape(_TAG.sub(" ", inner_html)).split())


def name_permalinks(page_html: str) -> str:
    """``page_html`` with every heading permalink named after its heading."""

    def name(match: re.Match[str]) -> str:
        text = heading_text(match.group("inner"))
        link = _LABEL.sub("", match.group("link"))
        if text:
            label = html.escape(PREFIX + text, quote=True)
            link = link[:2] + f' aria-label="{label}"' + link[2:]
        return match.group("open") + match.group("inner") + link

    return _HEADING.sub(name, page_html)
