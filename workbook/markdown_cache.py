"""Markdown conversions kept between builds.

MkDocs converts every page's Markdown again on every build and on every
rebuild under ``mkdocs serve``; it is the largest single part of a build
of this site (about 0.3 s of 0.8 s in process). A page whose Markdown and
surroundings have not changed converts to the same HTML, so the plugin
gives each page a ``render`` (:func:`attach`) that looks in a folder first
(``.cache/markdown`` in the project, or ``WORKBOOK_MARKDOWN_CACHE``) and
converts, as MkDocs does, only on a miss.

The key of a conversion (:func:`page_key`) holds everything it depends on:

- the page's Markdown as MkDocs hands it over, after every plugin's
  ``on_page_markdown`` (the plugin's blocks set aside are comments there);
- the page's source path, destination and URL;
- every file of the build with its destination and URL: links are
  resolved and checked against them (:func:`build_key`, once per build);
- the Markdown extensions and their options, and the link checks' levels;
- Python's version, MkDocs', Markdown's, pymdown-extensions' and Material's,
  and every Python file of this package (the site's own extension,
  ``workbook.steps``).

A hit gives the page back all that MkDocs' ``Page.render`` leaves on it:
the HTML, the table of contents, the title from the first heading, the
anchor ids the page holds, the links it makes to anchors of other pages
(checked once every page is read), and each line the conversion logged, said
again from the same logger: a strict build still stops on a broken link in a
page that comes from the cache. Entries are JSON files written whole
(workbook/atomic.py); one that cannot be read is a miss, so deleting the
folder, or any file in it, is always safe.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.toc import AnchorLink, get_toc

from workbook import atomic, fingerprint

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

#: Overrides the folder; ``off`` converts every page, as MkDocs alone does.
CACHE_ENV = "WORKBOOK_MARKDOWN_CACHE"
#: What a conversion's output depends on besides this package's code.
LIBRARIES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")
#: Extensions that read other files into a page: their text is in no key,
#: so a build that uses one converts every page.
READS_OTHER_FILES = ("pymdownx.snippets", "markdown_include.include")
_FORMAT = "trust-workbook markdown cache 1"
#: How many entries a folder may hold before a build removes those it did not
#: use: this many for each page it built, and this many more (copies of the
#: project built for tests share one folder).
KEPT_PER_PAGE = 8
KEPT_ANYWAY = 2000


def cache_folder(project: Path) -> Path | None:
    """Where entries live, or None when the cache is off."""
    setting = os.environ.get(CACHE_ENV, "")
    if setting.lower() == "off":
        return None
    return Path(setting) if setting else project / ".cache" / "markdown"


def build_key(config: MkDocsConfig, files: Files) -> str | None:
    """The part of every page's key that is the same for the whole build;
    None when a Markdown option is not plain data (a function, say), whose
    effect a key cannot capture, or an extension reads other files
    (:data:`READS_OTHER_FILES`): the build then converts every page."""
    if any(name in READS_OTHER_FILES for name in config.markdown_extensions):
        return None
    try:
        settings = json.dumps([config.markdown_extensions, config.mdx_configs,
                               dict(config.validation.links)], sort_keys=True)
    except TypeError:
        return None
    digest = hashlib.sha256(f"{_FORMAT}\0{settings}\0".encode())
    digest.update(fingerprint.code_and_libraries(LIBRARIES).encode())
    for file in sorted(files, key=lambda f: f.src_uri):
        digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\0{file.inclusion.name}\0".encode())
    return digest.hexdigest()


def page_key(build: str, page: Page) -> str:
    """The key of one page's conversion (``page.markdown`` must be set)."""
    digest = hashlib.sha256(build.encode())
    file = page.file
    digest.update(f"\0{file.src_uri}\0{file.dest_uri}\0{file.url}\0".encode())
    digest.update((page.markdown or "").encode())
    return digest.hexdigest()


@dataclass
class Record:
    """All that ``Page.render`` leaves on a page, as plain data."""

    content: str
    toc: list[dict]
    title: str | None
    anchors: list[str] | None
    links: dict[str, dict[str, str]] | None  # target src_uri -> anchor -> the link as written
    logs: list[tuple[str, int, str]]  # (logger, level, message), in order


def record_of(page: Page, logs: list[tuple[str, int, str]]) -> Record:
    links = None
    if page.links_to_anchors is not None:
        links = {target.src_uri: dict(found) for target, found in page.links_to_anchors.items()}
    anchors = None if page.present_anchor_ids is None else sorted(page.present_anchor_ids)
    return Record(content=page.content or "", toc=_tokens(page.toc.items), title=page._title_from_render,  # noqa: SLF001
                  anchors=anchors, links=links, logs=logs)


def restore(page: Page, record: Record, files: Files) -> bool:
    """Gives ``page`` what ``record`` holds; False, with the page untouched,
    if a page it links to is not among ``files`` or the record is damaged."""
    try:
        toc = get_toc(record.toc)
        links = None
        if record.links is not None:
            links = {}
            for src_uri, found in record.links.items():
                target = files.get_file_from_path(src_uri)
                if target is None:
                    return False
                links[target] = dict(found)
        anchors = None if record.anchors is None else set(record.anchors)
        logs = [(str(name), int(level), str(message)) for name, level, message in record.logs]
    except (AttributeError, KeyError, TypeError, ValueError):
        return False
    if not isinstance(record.content, str) or not isinstance(record.title, (str, type(None))):
        return False
    page.content = record.content
    page.toc = toc
    page._title_from_render = record.title  # noqa: SLF001 (what Page.title reads after render)
    page.present_anchor_ids = anchors
    if links is not None:
        page.links_to_anchors = links
    for name, level, message in logs:
        logging.getLogger(name).log(level, message)
    return True


def _tokens(items: list[AnchorLink]) -> list[dict]:
    """A table of contents as the tokens ``get_toc`` reads."""
    return [{"name": item.title, "id": item.id, "level": item.level, "children": _tokens(item.children)}
            for item in items]


class Cache:
    """Records by key, as ``<folder>/<key>.json``; remembers which keys this
    build asked for, so that :meth:`prune` keeps them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def get(self, key: str) -> Record | None:
        self.used.add(key)
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            return Record(**data)
        except (OSError, ValueError, TypeError):
            return None

    def put(self, key: str, record: Record) -> None:
        try:
            atomic.write(self.folder / f"{key}.json", json.dumps(asdict(record), ensure_ascii=False))
        except OSError:
            pass  # a folder that cannot be written to only costs speed

    def prune(self, limit: int | None = None) -> int:
        """Once the folder holds more than ``limit`` entries (by default
        :data:`KEPT_PER_PAGE` for each key this build used, plus
        :data:`KEPT_ANYWAY`), removes those this build did not use, oldest
        first, down to ``limit``: each edit of a page leaves its old conversion
        behind. Returns how many were removed."""
        if limit is None:
            limit = KEPT_PER_PAGE * len(self.used) + KEPT_ANYWAY
        try:
            entries = [(path.stat().st_mtime_ns, path) for path in self.folder.glob("*.json")]
        except OSError:
            return 0
        removed = 0
        for _, path in sorted(entries)[:max(0, len(entries) - limit)]:
            if path.stem not in self.used:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass  # gone already, or another build's to remove
        return removed


class _Lines(logging.Handler):
    """Every line of INFO or above logged by this thread while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.thread = threading.get_ident()
        self.lines: list[tuple[str, int, str]] = []
        self._last: logging.LogRecord | None = None

    def emit(self, record: logging.LogRecord) -> None:
        # A line that propagates reaches this handler on both loggers, one
        # call after the other. (The record itself is kept, not its id():
        # a freed record's id can be another record's.)
        if record.thread == self.thread and record is not self._last:
            self._last = record
            self.lines.append((record.name, record.levelno, record.getMessage()))


@contextmanager
def _logged() -> Iterator[list[tuple[str, int, str]]]:
    # MkDocs' own loggers do not pass their lines on to the root logger.
    handler = _Lines()
    loggers = [logging.getLogger("mkdocs"), logging.getLogger()]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler.lines
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def attach(page: Page, cache: Cache, build: str) -> None:
    """Gives ``page`` a ``render`` that uses ``cache`` (MkDocs calls
    ``page.render(config, files)`` right after every ``on_page_markdown``)."""
    convert: Callable[[MkDocsConfig, Files], None] = page.render

    def render(config: MkDocsConfig, files: Files) -> None:
        if page.markdown is None:
            convert(config, files)  # MkDocs' own error
            return
        key = page_key(build, page)
        record = cache.get(key)
        if record is not None and restore(page, record, files):
            return
        with _logged() as lines:
            convert(config, files)
        cache.put(key, record_of(page, lines))

    page.render = render  # type: ignore[method-assign]


__all__ = ["CACHE_ENV", "KEPT_ANYWAY", "KEPT_PER_PAGE", "READS_OTHER_FILES", "Cache", "Record", "attach", "build_key", "cache_folder", "page_key", "record_of",
           "restore"]
