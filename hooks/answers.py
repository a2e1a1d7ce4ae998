"""Fills the "My answers" page (docs/my-answers.md) with the worksheet catalogue,
and puts the "Add to my calendar" box on weekly worksheets (workbook.reminders).

The page's script (docs/assets/js/my-answers.js) needs each worksheet's
title, link and question wording to list, export and import answers;
``workbook.answers_catalogue`` builds that from the definitions, read here
again so this hook does not depend on another hook's state.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from workbook import answers_catalogue, reminders
from workbook.worksheet import WorksheetError, load_all
from workbook.worksheet import page as pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if answers_catalogue.MARKER not in markdown:
        return markdown
    folder = Path(config.config_file_path).parent / "worksheets"
    try:
        worksheets = load_all(folder, Path(config.docs_dir))
    except WorksheetError as error:
        raise PluginError("Worksheet definitions have mistakes:\n" + str(error)) from None
    here = page.file.src_uri
    data = answers_catalogue.catalogue(worksheets, lambda w: pages.relative_link(
        pages.src_uri(w), here, use_directory_urls=config.use_directory_urls))
    return answers_catalogue.fill(markdown, data)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    worksheet = page.meta.get("worksheet")
    if not isinstance(worksheet, str):
        return html
    return reminders.add_calendar(html, worksheet, page.meta.get("title") or page.title or worksheet)
