"""Every PDF of one build: each worksheet in Letter and A4, and the whole
workbook in both, taken from the cache or rendered.

:func:`make` plans one job per file, takes what the cache holds, renders
the rest (in worker processes when there are several) and stores them.
WeasyPrint is imported only when something must be rendered, so a build
whose PDFs are all cached never loads it.

Switches, read from the environment: ``WORKBOOK_PDFS=off`` builds without
PDFs; ``WORKBOOK_PDF_CACHE=DIR`` moves the cache from ``.cache/pdf/``.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from workbook.pdf import cache, downloads, font, markup
from workbook.pdf.errors import PdfError
from workbook.pdf.fields import PdfField
from workbook.worksheet.schema import Worksheet

SWITCH = "WORKBOOK_PDFS"
CACHE_ENV = "WORKBOOK_PDF_CACHE"
#: At most this many render processes.
MAX_WORKERS = 4


def enabled() -> bool:
    """False when ``WORKBOOK_PDFS`` is off, 0, false or no."""
    return os.environ.get(SWITCH, "on").strip().lower() not in ("off", "0", "false", "no")


def cache_folder(project: Path) -> Path:
    return Path(os.environ.get(CACHE_ENV) or project / ".cache" / "pdf")


@dataclass(frozen=True)
class Job:
    path: str                      # where the PDF goes in the site
    key: str                       # its cache key
    html: str
    fields: Mapping[str, PdfField]
    label: str                     # what a message calls it


@dataclass
class Made:
    """What a build made: the files, and the sizes the download links show."""

    files: dict[str, bytes] = field(default_factory=dict)       # site path -> PDF
    sheets: dict[str, dict[str, int]] = field(default_factory=dict)  # worksheet id -> {paper: bytes}
    workbook: dict[str, int] = field(default_factory=dict)           # paper -> bytes
    missing: list[Job] = field(default_factory=list)  # not in the cache and not rendered (render=False)

    def first_pdf(self, worksheet_id: str) -> str:
        """The path of the worksheet's first PDF (Letter), or "" when it has none."""
        sizes = self.sheets.get(worksheet_id, {})
        return downloads.sheet_path(worksheet_id, next(iter(sizes))) if sizes else ""


def plan(worksheets: list[Worksheet], site: markup.Site, face: Path, *, title: str) -> list[Job]:
    """One job per PDF; raises :class:`markup.TemplateProblem` for a broken template."""
    code = cache.code_digest()
    jobs = []
    for paper in markup.PAPERS:
        for worksheet in worksheets:
            html = markup.document([worksheet], site, paper, face)
            jobs.append(Job(downloads.sheet_path(worksheet.id, paper),
                            cache.key(html, paper=paper, font=face, code=code), html,
                            markup.field_map([worksheet]), f"worksheets/{worksheet.id}.yml ({paper})"))
        if worksheets:
            html = markup.document(worksheets, site, paper, face, title=title)
            jobs.append(Job(downloads.workbook_path(paper), cache.key(html, paper=paper, font=face, code=code),
                            html, markup.field_map(worksheets, whole=True), f"the whole workbook ({paper})"))
    return jobs


def make(worksheets: list[Worksheet], site: markup.Site, folder: Path, *, render: bool = True) -> Made:
    """Every PDF of ``worksheets``, cached in ``folder``.

    With ``render=False`` (``mkdocs serve``) nothing is rendered: the PDFs the
    cache holds are made, and the jobs for the others are left in
    ``Made.missing`` for :mod:`workbook.pdf.later`; a page then offers only
    the PDFs made, so it never links an old or half-written file.

    Raises :class:`PdfError` whose message is one line saying what to fix.
    """
    try:
        face = font.subset(font.source_font(), folder / "fonts")
    except font.FontMissing as error:
        raise PdfError(f"PDF downloads: {error}") from None
    try:
        jobs = plan(worksheets, site, face, title=f"{site.name}: every worksheet")
    except markup.TemplateProblem as error:
        raise PdfError(f"PDF template: {error}") from None
    store = cache.Cache(folder)
    found = {job.key: store.get(job.key) for job in jobs}
    missing = [job for job in jobs if found[job.key] is None]
    if render:
        for job, data in zip(missing, render_all(missing), strict=True):
            store.put(job.key, data)
            found[job.key] = data

    made = Made(missing=[] if render else missing)
    sheet_papers = {downloads.sheet_path(w.id, p): (w.id, p) for w in worksheets for p in markup.PAPERS}
    book_papers = {downloads.workbook_path(p): p for p in markup.PAPERS}
    for job in jobs:
        data = found[job.key]
        if data is None:
            continue
        made.files[job.path] = data
        if job.path in sheet_papers:
            worksheet_id, paper = sheet_papers[job.path]
            made.sheets.setdefault(worksheet_id, {})[paper] = len(data)
        else:
            made.workbook[book_papers[job.path]] = len(data)
    return made


def render_all(jobs: list[Job]) -> list[bytes]:
    """Render ``jobs``, in worker processes when there are several."""
    if not jobs:
        return []
    from workbook.pdf import render  # noqa: PLC0415 (WeasyPrint loads only when a PDF must be made)

    workers = min(len(jobs), os.cpu_count() or 1, MAX_WORKERS)
    try:
        if workers == 1:
            return [render.render(job.html, job.fields, what=job.label) for job in jobs]
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            # The biggest (the whole workbook) first, so no worker idles at the end.
            order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i].html))
            futures = {i: pool.submit(render.render, jobs[i].html, jobs[i].fields, what=jobs[i].label)
                       for i in order}
            return [futures[i].result() for i in range(len(jobs))]
    except PdfError as error:
        raise PdfError(f"PDF downloads: {error}") from None
    except Exception as error:  # noqa: BLE001 (any WeasyPrint failure becomes one readable line)
        raise PdfError(f"PDF downloads: WeasyPrint failed ({type(error).__name__}: {error})") from None
