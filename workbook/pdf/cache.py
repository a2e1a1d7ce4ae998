"""Rendered PDFs kept on disk, keyed by everything that shapes them.

The key is a hash of the HTML handed to WeasyPrint (which already holds
the definition's text, the template, the stylesheet, the site name and
``site_url``), the paper size, the embedded font's bytes, the WeasyPrint
version and this package's own code. An unchanged worksheet is therefore
never rendered twice, in ``mkdocs build`` or in ``mkdocs serve``, and any
change to what it depends on renders it afresh. Entries are plain files
under ``.cache/pdf/`` in the project (git-ignored); deleting the folder is
always safe.
"""

from __future__ import annotations

import functools
import hashlib
import os
from importlib.metadata import version
from pathlib import Path

_CODE = Path(__file__).parent


def code_digest() -> str:
    """A hash of this package's Python files: a code change invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(_CODE.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key(html: str, *, paper: str, font: Path, code: str) -> str:
    """The cache key of one PDF."""
    # The same parts in the same order as ever (html, paper, font, WeasyPrint, code),
    # so the entries already cached keep their keys.
    parts = [hashlib.sha256(html.encode()).digest(), hashlib.sha256(paper.encode()).digest(),
             _font_digest(font), hashlib.sha256(_weasyprint_version().encode()).digest(),
             hashlib.sha256(code.encode()).digest()]
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.hexdigest()


@functools.cache
def _font_digest(font: Path) -> bytes:
    # The subset is named by its source font's hash, so its bytes never change under one path.
    return hashlib.sha256(font.read_bytes()).digest()


@functools.cache
def _weasyprint_version() -> str:
    # From the installed package's metadata: importing WeasyPrint takes
    # seconds, and a build whose PDFs are all cached never needs it.
    return version("weasyprint")


class Cache:
    """PDF bytes by key, as ``<folder>/<key>.pdf``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pdf"

    def get(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, data: bytes) -> None:
        """Store atomically, so a build stopped half-way leaves no broken entry."""
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f"{key}.{os.getpid()}.part"
        partial.write_bytes(data)
        partial.replace(self.path(key))
