"""Names every heading permalink after its heading (``workbook.permalinks``).

``on_post_page`` sees the page as it will be written, after Material's tags
plugin has filled in its listing headings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbook.permalinks import name_permalinks

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if 'class="headerlink"' not in output:
        return output
    return name_permalinks(output)
