"""Rendered PDFs kept on disk, keyed by everything that shapes them.

The key is a hash of the HTML handed to WeasyPrint (which already holds
the definition's text, the template, the stylesheet, the site name and
``site_url``), the paper size, the embedded font's bytes, the WeasyPrint
version and this package's own code. An unchanged worksheet is therefore
never rendered twice, in ``mkdocs build`` or in ``mkdocs serve``, and any
change to what it depends on renders it afresh. Entries are plain files
under ``.cache/pdf/`` in the project (git-ignored); deleting the folder is
always safe.

Finding the key of a PDF that way means writing its HTML (Jinja and
Markdown), which costs more than the rest of a warm build's PDF step. So
each PDF also has an *input key* (:func:`input_key`), hashed from what
that HTML is made of without making it: the validated definitions, the
template folder's files, the site's name and address, the paper, the
title, the font, every Python file of the ``workbook`` package and the
versions of the libraries that write or render the HTML. The cache keeps
``<input key>.key`` holding the HTML key it led to last time; only when
that is missing is the HTML written and hashed. The PDF itself stays
stored under its HTML key, so the same HTML still gives the same bytes,
and whatever changes the HTML also changes the input key.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from workbook import atomic, fingerprint

_CODE = Path(__file__).parent
#: Libraries whose version can change the HTML (or, for WeasyPrint, the PDF).
LIBRARIES = ("jinja2", "markupsafe", "markdown", "mkdocs", "weasyprint")
_HEX_KEY = re.compile(r"[0-9a-f]{64}")


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


def package_digest(templates: Path) -> str:
    """A hash of every Python file of the ``workbook`` package and every file
    in ``templates``, with the library versions and Python's: all the code and
    files an input key stands for."""
    files = fingerprint.package_files()
    files += [(f"templates:{path.relative_to(templates).as_posix()}", path)
              for path in templates.rglob("*") if path.is_file()]
    return fingerprint.digest(files, LIBRARIES)


def input_key(*, sheets: Iterable[str], paper: str, site: Iterable[object], title: str | None,
              font: Path, package: str) -> str:
    """The input key of one PDF: ``sheets`` are the definitions' digests
    (:func:`sheet_digest`) in order, ``site`` the site's name, address and
    URL style, ``package`` the :func:`package_digest`."""
    digest = hashlib.sha256(b"trust-workbook pdf input key 1\0")
    for part in (package, paper, repr(tuple(site)), repr(title), font.resolve().as_uri()):
        digest.update(hashlib.sha256(part.encode()).digest())
    digest.update(_font_digest(font))
    for sheet in sheets:
        digest.update(bytes.fromhex(sheet))
    return digest.hexdigest()


def sheet_digest(definition_json: str) -> str:
    """The digest of one validated definition, as its JSON (every field of the model)."""
    return hashlib.sha256(definition_json.encode()).hexdigest()


@functools.cache
def _font_digest(font: Path) -> bytes:
    # The subset is named by its source font's hash, so its bytes never change under one path.
    return hashlib.sha256(font.read_bytes()).digest()


@functools.cache
def _weasyprint_version() -> str:
    # From the installed package's metadata: importing WeasyPrint takes
    # seconds, and a build whose PDFs are all cached never needs it.
    return fingerprint.library_version("weasyprint")


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
        self._write(self.path(key), data)

    def key_for(self, inputs: str) -> str | None:
        """The HTML key that the input key ``inputs`` led to, if it was stored."""
        try:
            found = (self.folder / f"{inputs}.key").read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return found if _HEX_KEY.fullmatch(found) else None

    def put_key(self, inputs: str, key: str) -> None:
        self._write(self.folder / f"{inputs}.key", key.encode("ascii"))

    def _write(self, target: Path, data: bytes) -> None:
        atomic.write(target, data)
