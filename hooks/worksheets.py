"""Wires the worksheet definitions (``worksheets/*.yml``) into the build.

``on_files`` reads and validates every definition on every build (so
``mkdocs serve`` picks up an edited file; ``watch:`` lists ``worksheets/``)
and adds one generated page per worksheet at ``worksheets/<id>.md``, kept
out of the navigation. A mistake stops the build with one line per problem.
``on_page_markdown`` fills the Worksheets index's marker with the cards.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from workbook.worksheet import catalogue, load
from workbook.worksheet import page as pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

_worksheets: list = []


def _folder(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "worksheets"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _worksheets
    docs = Path(config.docs_dir)
    try:
        _worksheets = load.load_all(_folder(config), docs)
    except load.WorksheetError as error:
        raise PluginError("Worksheet definitions have mistakes:\n" + str(error)) from None
    guides = load.guide_sections(docs)
    for worksheet in _worksheets:
        uri = pages.src_uri(worksheet)
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"worksheets/{worksheet.id}.yml: id: docs/{uri} already exists: "
                              "choose another id, or remove that page")
        content = pages.page_markdown(worksheet, guides, use_directory_urls=config.use_directory_urls)
        files.append(File.generated(config, uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if catalogue.MARKER not in markdown:
        return markdown
    here = page.file.src_uri
    html = catalogue.cards(_worksheets, lambda w: _link(w, here, config))
    return markdown.replace(catalogue.MARKER, html)


def _link(worksheet, here: str, config: MkDocsConfig) -> str:  # noqa: ANN001
    return pages.relative_link(pages.src_uri(worksheet), here, use_directory_urls=config.use_directory_urls)
