"""Wires the checklist index (``workbook.checklist``) into the build.

``on_nav`` reads every guide's source in the navigation's order, stops the
build on a step with no id or a duplicate id, and keeps the steps;
``on_page_markdown`` writes them into docs/checklist/index.md where its
marker stands. Pages are rendered after ``on_nav``, so the index is complete
whichever page MkDocs renders first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from workbook import checklist

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

guides: list[checklist.Guide] = []


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    global guides
    sources = checklist.guide_sources(nav.pages, files.documentation_pages(), config.docs_dir)
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
