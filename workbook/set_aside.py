"""Generated HTML kept out of Markdown's way.

The plugin writes some blocks of a page as finished HTML: a worksheet's form,
the cards on the Worksheets index, the root of the My answers page with every
worksheet's words in one attribute. Left in the Markdown, each is parsed
tag by tag and attribute by attribute twice (by MkDocs, which looks for
anchor ids, and by md_in_html) only to come out unchanged, and that work
grows with every worksheet. :class:`SetAside` swaps each block for a one-line
comment before Markdown runs and puts the block back in the HTML after.

A block set aside is not read for anchor ids by MkDocs: none of these
blocks holds an id that a page links to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["SetAside"]

_SLOT = "<!-- workbook:set-aside {} -->"


@dataclass
class SetAside:
    """The blocks of one page, in the order they were set aside."""

    blocks: list[str] = field(default_factory=list)

    def keep(self, block: str) -> str:
        """Keeps ``block`` and returns the comment that holds its place in the Markdown."""
        self.blocks.append(block)
        return _SLOT.format(len(self.blocks) - 1)

    def put_back(self, page_html: str) -> str:
        """``page_html`` with each comment replaced by its block again."""
        for number, block in enumerate(self.blocks):
            page_html = page_html.replace(_SLOT.format(number), block, 1)
        return page_html
