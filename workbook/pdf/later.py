"""PDFs rendered after the pages, for ``mkdocs serve``.

Under serve an edit must show in the browser at once, and rendering a PDF
takes seconds. So a serve build makes only the PDFs the cache already holds
(:func:`workbook.pdf.build.make` with ``render=False``) and hands the rest
to :func:`render_later`, which renders them from a background thread, in
worker processes at a lower priority (so rebuilds get the cores first): the
worksheets' own PDFs first (after an edit, only the edited worksheet's are
missing), then the whole workbook. Each finished batch goes into the
content-keyed cache (written whole to a temporary name, then renamed:
:mod:`workbook.atomic`) and a stamp is written in :func:`ready_folder`,
which the plugin asks serve to watch: the rebuild that follows finds the
new PDFs in the cache and only then links them. Until then a page offers no
link for a PDF whose content would be out of date.

The whole workbook is assembled from its worksheets' PDFs
(:mod:`workbook.pdf.assemble`), so :func:`workbook.pdf.build.make` plans it
only once the current PDF of every worksheet is in the cache: after an
edit, the rebuild that the worksheets' batch starts hands it here (its
contents page rendered and the worksheets' PDFs put after it, a second or
two), and the rebuild after that links it. Meanwhile the Worksheets index
offers no whole workbook, rather than the old one.

What is rendering is kept at module level because serve creates the
plugin anew for every rebuild; a job already rendering is not started
twice. A job for content edited away meanwhile still finishes and stays in
the cache, where it harms nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from workbook.pdf import cache, downloads, markup
from workbook.pdf.build import Render, render_all
from workbook.pdf.errors import PdfError

log = logging.getLogger("mkdocs.plugins.workbook")

_lock = threading.Lock()
_rendering: set[str] = set()  # cache keys


def ready_folder(folder: Path) -> Path:
    """Where a stamp is written after each batch (serve watches it)."""
    return folder / "serve-ready"


def signal_ready(folder: Path) -> None:
    target = ready_folder(folder)
    target.mkdir(parents=True, exist_ok=True)
    (target / "stamp").write_text(f"{time.time()}\n", encoding="utf-8")


def batches(jobs: list[Render]) -> list[list[Render]]:
    """The worksheets' own PDFs, then the whole workbook's (empty batches left out)."""
    books = {downloads.workbook_path(p) for p in markup.PAPERS}
    sheets = [job for job in jobs if job.path not in books]
    whole = [job for job in jobs if job.path in books]
    return [batch for batch in (sheets, whole) if batch]


def _in_background(jobs: list[Render]) -> list[bytes]:
    return render_all(jobs, background=True)


def render_later(jobs: list[Render], folder: Path, *, done: Callable[[Path], None] = signal_ready,
                 render: Callable[[list[Render]], list[bytes]] = _in_background) -> threading.Thread | None:
    """Renders the ``jobs`` not already rendering into the cache at ``folder``, in a
    background thread, calling ``done(folder)`` after each batch. Returns the thread."""
    with _lock:
        todo = [job for job in jobs if job.key not in _rendering]
        _rendering.update(job.key for job in todo)
    if not todo:
        return None

    def work() -> None:
        store = cache.Cache(folder)
        try:
            for batch in batches(todo):
                started = time.monotonic()
                for job, data in zip(batch, render(batch), strict=True):
                    store.put(job.key, data)
                log.info(f"PDFs rendered after the pages: {', '.join(job.path for job in batch)} "
                         f"({time.monotonic() - started:.1f} s)")
                done(folder)
        except PdfError as error:
            log.warning(str(error))
        finally:
            with _lock:
                _rendering.difference_update(job.key for job in todo)

    thread = threading.Thread(target=work, name="workbook-pdfs", daemon=True)
    thread.start()
    return thread
