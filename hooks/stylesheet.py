"""Serves the site's own stylesheets as one file (see workbook/stylesheet.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from workbook import stylesheet

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

_parts: list[str] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _parts
    _parts = stylesheet.own_parts(config.extra_css)
    config.extra_css = stylesheet.with_bundle(config.extra_css)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    texts = []
    for part in _parts:
        path = Path(config.docs_dir) / part
        if not path.is_file():
            raise PluginError(f"mkdocs.yml: extra_css lists {part}, but docs/{part} does not exist")
        texts.append((part, path.read_text(encoding="utf-8")))
        if (joined := files.get_file_from_path(part)) is not None:
            files.remove(joined)  # served inside the bundle, not on its own
    files.append(File.generated(config, stylesheet.BUNDLE, content=stylesheet.join(texts)))
    return files
