"""Every PDF of one build: each worksheet in Letter and A4, and the whole
workbook in both, taken from the cache or made.

:func:`make` plans one job per file, takes what the cache holds (found by
each job's input key, without writing its HTML: see :mod:`workbook.pdf.cache`),
renders the rest (in worker processes when there are several) and stores them.
The whole workbook is not rendered: its contents page is, alone, and the
worksheets' own PDFs of the same paper are put after it
(:mod:`workbook.pdf.assemble`). Its cache key is made of the contents' key
and the worksheets' PDF keys, so an edited worksheet renders again only its
own two PDFs, and the workbook is assembled again (in a second or two).
WeasyPrint is imported only when something must be rendered, so a build
whose PDFs are all cached never loads it.

Switches, read from the environment: ``WORKBOOK_PDFS=off`` builds without
PDFs; ``WORKBOOK_PDF_CACHE=DIR`` moves the cache from ``.cache/pdf/``.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.pdf import cache, downloads, font, markup
from workbook.pdf.errors import PdfError
from workbook.model import as_data
from workbook.pdf.fields import PdfField
from workbook.worksheet.page import src_uri
from workbook.worksheet.schema import Worksheet

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from workbook.pdf.assemble import Part

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
    """One PDF to make: what it holds, and its input key (known without writing its HTML)."""

    path: str                      # where the PDF goes in the site
    inputs: str                    # its input key (cache.input_key)
    worksheets: tuple[Worksheet, ...]
    paper: str
    title: str | None              # the whole workbook's title; None for one worksheet
    label: str                     # what a message calls it

    def html(self, site: markup.Site, face: Path, first_pages: list[int] | None = None) -> str:
        """Its HTML (for the whole workbook, its contents page, given where each
        worksheet starts); raises :class:`markup.TemplateProblem` for a broken template."""
        return markup.document(list(self.worksheets), site, self.paper, face, title=self.title,
                               first_pages=first_pages, folder=markup.TEMPLATES)

    def fields(self) -> Mapping[str, PdfField]:
        return {} if self.title is not None else markup.field_map(list(self.worksheets))


@dataclass(frozen=True)
class Render:
    """A PDF the cache did not have: its HTML, ready for WeasyPrint.

    For the whole workbook, ``html`` is its contents page and ``parts`` the
    worksheets' PDFs that follow it; ``longer`` holds the contents page again
    for when it runs to 2, 3, ... pages (each worksheet's page number moves).
    """

    path: str
    key: str                       # its cache key (cache.key, from the HTML; see workbook_key)
    html: str
    fields: Mapping[str, PdfField]
    label: str
    parts: tuple[Part, ...] = ()
    longer: tuple[str, ...] = ()


#: Changes whenever the way the whole workbook is assembled changes its bytes
#: (the code digest in each part's key covers workbook/pdf/ too).
ASSEMBLY = "trust-workbook assembled from its worksheets 1"


def workbook_key(contents_key: str, part_keys: list[str]) -> str:
    """The whole workbook's cache key: its contents page's key and its worksheets' PDF keys."""
    digest = hashlib.sha256(ASSEMBLY.encode() + b"\0" + bytes.fromhex(contents_key))
    for part in part_keys:
        digest.update(bytes.fromhex(part))
    return digest.hexdigest()


@dataclass
class Made:
    """What a build made: the files, and the sizes the download links show."""

    files: dict[str, bytes] = field(default_factory=dict)       # site path -> PDF
    sheets: dict[str, dict[str, int]] = field(default_factory=dict)  # worksheet id -> {paper: bytes}
    workbook: dict[str, int] = field(default_factory=dict)           # paper -> bytes
    missing: list[Render] = field(default_factory=list)  # not in the cache and not rendered (render=False)

    def first_pdf(self, worksheet_id: str) -> str:
        """The path of the worksheet's first PDF (Letter), or "" when it has none."""
        sizes = self.sheets.get(worksheet_id, {})
        return downloads.sheet_path(worksheet_id, next(iter(sizes))) if sizes else ""


def plan(worksheets: list[Worksheet], site: markup.Site, face: Path, *, title: str) -> list[Job]:
    """One job per PDF, each with its input key; no HTML is written here."""
    package = cache.package_digest(markup.TEMPLATES)  # the folder Job.html writes from
    sheets = {w.id: cache.sheet_digest(json.dumps(as_data(w), ensure_ascii=False)) for w in worksheets}
    where = astuple(site)

    def job(path: str, chosen: list[Worksheet], paper: str, whole_title: str | None, label: str) -> Job:
        inputs = cache.input_key(sheets=[sheets[w.id] for w in chosen], paper=paper, site=where,
                                 title=whole_title, font=face, package=package)
        return Job(path, inputs, tuple(chosen), paper, whole_title, label)

    jobs = []
    for paper in markup.PAPERS:
        for worksheet in worksheets:
            jobs.append(job(downloads.sheet_path(worksheet.id, paper), [worksheet], paper, None,
                            f"worksheets/{worksheet.id}.yml ({paper})"))
        if worksheets:
            jobs.append(job(downloads.workbook_path(paper), worksheets, paper, title,
                            f"the whole workbook ({paper})"))
    return jobs


def make(worksheets: list[Worksheet], site: markup.Site, folder: Path, *, render: bool = True) -> Made:
    """Every PDF of ``worksheets``, cached in ``folder``.

    A PDF whose input key the cache knows is read without writing its
    HTML; any other has its HTML written and hashed, and is rendered only
    when the cache has no PDF for that HTML either. The whole workbook of a
    paper is made once all its worksheets' PDFs of that paper are there.

    With ``render=False`` (``mkdocs serve``) nothing is rendered: the PDFs the
    cache holds are made, and the renders for the others are left in
    ``Made.missing`` for :mod:`workbook.pdf.later`; a page then offers only
    the PDFs made, so it never links an old or half-written file. The whole
    workbook is among those only once its worksheets' current PDFs are all
    in the cache (a later rebuild, after the worksheets' renders, plans it).

    Raises :class:`PdfError` whose message is one line saying what to fix.
    """
    try:
        face = font.subset(font.source_font(), folder / "fonts")
    except font.FontMissing as error:
        raise PdfError(f"PDF downloads: {error}") from None
    jobs = plan(worksheets, site, face, title=f"{site.name}: every worksheet")
    store = cache.Cache(folder)
    code = cache.code_digest() if jobs else ""
    found: dict[str, bytes] = {}
    keys: dict[str, str] = {}   # site path -> cache key of what found holds
    missing: list[tuple[Job, Render]] = []
    for job in (j for j in jobs if j.title is None):
        known = store.key_for(job.inputs)
        data = store.get(known) if known else None
        if data is None:
            html = _html(job, site, face)
            known = cache.key(html, paper=job.paper, font=face, code=code)
            data = store.get(known)
            if data is None:
                missing.append((job, Render(job.path, known, html, job.fields(), job.label)))
                continue
            store.put_key(job.inputs, known)
        found[job.path] = data
        keys[job.path] = known
    with Workers() as workers:  # started by the first round that needs them, kept for the second
        if render:
            _render_into(store, missing, found, keys, workers)
        books: list[tuple[Job, Render]] = []
        for job in (j for j in jobs if j.title is not None):
            known = store.key_for(job.inputs)
            data = store.get(known) if known else None
            if data is None:
                parts = [downloads.sheet_path(w.id, job.paper) for w in job.worksheets]
                if not all(path in found for path in parts):
                    continue  # under serve: planned by the rebuild after its worksheets' renders
                todo = _workbook(job, site, face, code, store, found, keys)
                data = store.get(todo.key)
                if data is None:
                    books.append((job, todo))
                    continue
                store.put_key(job.inputs, todo.key)
            found[job.path] = data
        if render:
            _render_into(store, books, found, keys, workers)

    made = Made(missing=[] if render else [todo for _, todo in missing + books])
    sheet_papers = {downloads.sheet_path(w.id, p): (w.id, p) for w in worksheets for p in markup.PAPERS}
    book_papers = {downloads.workbook_path(p): p for p in markup.PAPERS}
    for job in jobs:
        data = found.get(job.path)
        if data is None:
            continue
        made.files[job.path] = data
        if job.path in sheet_papers:
            worksheet_id, paper = sheet_papers[job.path]
            made.sheets.setdefault(worksheet_id, {})[paper] = len(data)
        else:
            made.workbook[book_papers[job.path]] = len(data)
    return made


def _html(job: Job, site: markup.Site, face: Path, first_pages: list[int] | None = None) -> str:
    try:
        return job.html(site, face, first_pages)
    except markup.TemplateProblem as error:
        raise PdfError(f"PDF template: {error}") from None


def _render_into(store: cache.Cache, todo: list[tuple[Job, Render]], found: dict[str, bytes],
                 keys: dict[str, str], workers: Workers) -> None:
    for (job, one), data in zip(todo, render_all([r for _, r in todo], workers=workers), strict=True):
        store.put(one.key, data)
        store.put_key(job.inputs, one.key)
        found[job.path] = data
        keys[job.path] = one.key


def _most_contents_pages(worksheets: int) -> int:
    """The most pages the whole workbook's contents may run to (a worksheet's entry is two short lines)."""
    return 2 + worksheets // 10


def _workbook(job: Job, site: markup.Site, face: Path, code: str, store: cache.Cache,
              found: dict[str, bytes], keys: dict[str, str]) -> Render:
    """The render of the whole workbook of ``job.paper``: its contents page, for
    each length it may have, and the worksheets' PDFs (``found``) after it."""
    from workbook.pdf import assemble  # noqa: PLC0415 (pikepdf loads only when a workbook must be made)

    parts, counts = [], []
    for worksheet in job.worksheets:
        path = downloads.sheet_path(worksheet.id, job.paper)
        what = f"worksheets/{worksheet.id}.yml ({job.paper})"
        try:
            counts.append(assemble.page_count(found[path], what))
        except assemble.Unreadable as error:
            raise PdfError(f"PDF downloads: the cached PDF of {what} cannot be read ({error.problem}): "
                           f"delete {store.path(keys[path])} (or the whole PDF cache, {store.folder}) "
                           "and build again") from None
        parts.append(assemble.Part(worksheet.id, worksheet.title, site.page(src_uri(worksheet)), found[path]))
    covers = []
    for contents_pages in range(1, _most_contents_pages(len(parts)) + 1):
        first, starts = contents_pages + 1, []
        for count in counts:
            starts.append(first)
            first += count
        covers.append(_html(job, site, face, starts))
    contents_key = cache.key(covers[0], paper=job.paper, font=face, code=code)
    key = workbook_key(contents_key, [keys[downloads.sheet_path(w.id, job.paper)] for w in job.worksheets])
    return Render(job.path, key, covers[0], {}, job.label, tuple(parts), tuple(covers[1:]))


#: How much lower the priority of PDFs rendered in the background is (os.nice).
BACKGROUND_NICENESS = 10
#: How often a background worker checks that the process that started it still runs.
PARENT_CHECK_SECONDS = 0.5


def _background_worker() -> None:
    """Set-up of a worker rendering in the background: a lower priority, and an
    exit as soon as the process that started it is gone (stopping ``mkdocs
    serve`` must not leave renders running with no one to hand them to)."""
    try:
        os.nice(BACKGROUND_NICENESS)
    except OSError:
        pass  # not allowed here: render at the normal priority
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="workbook-parent-watch", daemon=True).start()


def make_one(job: Render) -> bytes:
    """The PDF of one render: WeasyPrint for a worksheet; for the whole
    workbook, its contents page (again if it ran longer than one page, so
    its page numbers are right) and then the assembly."""
    # Imported here only: the process that hands out the jobs (the build, or
    # mkdocs serve) never loads WeasyPrint for them.
    from workbook.pdf import render  # noqa: PLC0415

    if not job.parts:
        return render.render(job.html, job.fields, what=job.label)
    from workbook.pdf import assemble  # noqa: PLC0415

    covers = (job.html, *job.longer)
    contents = render.render(covers[0], {}, what=job.label)
    pages = assemble.page_count(contents, job.label)
    if pages > 1:
        if pages > len(covers):
            raise PdfError(f"{job.label}: the contents run to {pages} pages, more than the "
                           f"{len(covers)} workbook/pdf/build.py plans for: raise _most_contents_pages")
        contents = render.render(covers[pages - 1], {}, what=job.label)
        if assemble.page_count(contents, job.label) != pages:
            raise PdfError(f"{job.label}: the contents page count changes with its page numbers: "
                           "check .toc in workbook/pdf/templates/pdf.css")
    try:
        return assemble.assemble(contents, job.parts)
    except assemble.Unreadable as error:
        raise PdfError(f"{job.label}: cannot put {error.what} in it ({error.problem})") from None


class Workers:
    """The worker processes of one build, started at the first round that needs
    them and kept for the next: the whole workbooks (second round) render in
    workers that have loaded WeasyPrint already for the worksheets (first)."""

    def __init__(self, *, background: bool = False) -> None:
        self.background = background
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def run(self, jobs: list[Render]) -> list[bytes]:
        if not jobs:
            return []
        try:
            workers = min(len(jobs), os.cpu_count() or 1, MAX_WORKERS)
            if self.pool is None:
                if workers == 1 and not self.background:
                    return [make_one(job) for job in jobs]
                # Imported here: a build whose PDFs all come from the cache starts no
                # process (multiprocessing and concurrent.futures take 8 ms to import).
                import multiprocessing  # noqa: PLC0415
                from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415
                self.pool = ProcessPoolExecutor(max_workers=max(workers, min(2, os.cpu_count() or 1)),
                                                mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_background_worker if self.background else None)
            # The biggest first, so no worker idles at the end.
            order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i].html))
            futures = {i: self.pool.submit(make_one, jobs[i]) for i in order}
            return [futures[i].result() for i in range(len(jobs))]
        except PdfError as error:
            raise PdfError(f"PDF downloads: {error}") from None
        except Exception as error:  # noqa: BLE001 (any WeasyPrint failure becomes one readable line)
            raise PdfError(f"PDF downloads: WeasyPrint failed ({type(error).__name__}: {error})") from None


def render_all(jobs: list[Render], *, background: bool = False, workers: Workers | None = None) -> list[bytes]:
    """Render ``jobs``, in worker processes when there are several (``workers``,
    when given, are used and left running for the caller's next round).

    ``background`` (``mkdocs serve``, workbook/pdf/later.py): always in
    worker processes, at a lower priority, so that the rebuilds a writer
    is waiting for get the cores first and no render holds the serve
    process's interpreter lock.
    """
    if workers is not None:
        return workers.run(jobs)
    with Workers(background=background) as own:
        return own.run(jobs)
