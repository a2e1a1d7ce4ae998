"""Wires the practice settings (``extra.practice``) into the build.

``on_config`` validates them once, so a mistake stops the build with a line
that names the setting; ``on_page_markdown`` fills the Getting support guide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from workbook import practice

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

_practice: practice.Practice | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _practice
    try:
        _practice = practice.load(config.extra.get("practice"))
    except practice.PracticeError as error:
        raise PluginError(str(error)) from None
    config.extra["practice"] = practice.as_template_data(_practice)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if practice.MARKER not in markdown:
        return markdown
    return markdown.replace(practice.MARKER, practice.support_markdown(_practice))
