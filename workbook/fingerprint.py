"""What the caches' keys say about the code: a digest of this package's
Python files, of library versions and of Python's own version, so that a
change to any of them is a change of key, never a stale entry."""

from __future__ import annotations

import functools
import hashlib
import sys
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

PACKAGE = Path(__file__).parent  # workbook/


def package_files() -> list[tuple[str, Path]]:
    """Every Python file of the package, named by its path inside it."""
    return [(path.relative_to(PACKAGE).as_posix(), path) for path in PACKAGE.rglob("*.py")]


def digest(files: Iterable[tuple[str, Path]], libraries: Iterable[str]) -> str:
    """A hash of ``files`` (name, path: each name, size and bytes, in name
    order), then of each library's installed version, then of Python's."""
    found = hashlib.sha256()
    for name, path in sorted(files):
        found.update(f"{name}\0{path.stat().st_size}\0".encode())
        found.update(path.read_bytes())
    for library in libraries:
        found.update(f"{library}={library_version(library)}\0".encode())
    found.update(sys.version.encode())
    return found.hexdigest()


def code_and_libraries(libraries: Iterable[str]) -> str:
    """:func:`digest` of the package's Python files and ``libraries``."""
    return digest(package_files(), libraries)


@functools.cache
def library_version(library: str) -> str:
    # From the installed package's metadata, without importing the library.
    return version(library)
