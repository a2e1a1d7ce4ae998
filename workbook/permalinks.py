"""Heading permalinks that say where they lead.

The ``toc`` extension ends every heading with a "¶" link. A screen reader
announces it as "pilcrow", or as the same "Link to this section" on every
heading. ``PermalinksExtension`` (``workbook.permalinks`` in mkdocs.yml)
names each one after its heading instead: "Link to this section: Offer a
sincere apology".
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def heading_text(heading: etree.Element, permalink: etree.Element) -> str:
    """The heading's words, without the permalink's own text."""
    parts = [heading.text or ""]
    for child in heading:
        if child is not permalink:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


class _PermalinkNames(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for heading in root.iter():
            if heading.tag not in _HEADINGS:
                continue
            for link in heading.findall("a"):
                if "headerlink" in (link.get("class") or "").split():
                    text = heading_text(heading, link)
                    if text:
                        link.set("aria-label", f"Link to this section: {text}")


class PermalinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        # After toc (priority 5), which adds the links.
        md.treeprocessors.register(_PermalinkNames(md), "workbook-permalinks", 4)


def makeExtension(**kwargs: object) -> PermalinksExtension:  # noqa: N802 (Markdown's API)
    return PermalinksExtension(**kwargs)
