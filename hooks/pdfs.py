"""Wires the PDF downloads (``workbook/pdf/``) into the build.

``on_files`` renders every worksheet definition to a fillable, tagged PDF
in Letter and A4, and the whole workbook in both sizes, and adds them as
generated files (addresses in :mod:`workbook.pdf.downloads`). PDFs already
in the cache (``.cache/pdf/``, keyed by content) are reused; the rest render
in parallel worker processes. ``on_page_markdown`` adds the download links
to each worksheet page and fills the Worksheets index's marker.

``WORKBOOK_PDFS=off`` builds the site without PDFs (and without the links);
``WORKBOOK_PDF_CACHE`` moves the cache; ``WORKBOOK_PDF_FONT`` embeds
another font file. A broken template, a missing font or a failed render
stops the build with one line saying what to fix.

Must come after ``hooks/worksheets.py`` in ``hooks:``, which checks the
definitions and generates the pages this hook adds links to.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from workbook.pdf import cache, downloads, font, markup, render
from workbook.worksheet import load_all
from workbook.worksheet import page as pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

SWITCH = "WORKBOOK_PDFS"
CACHE_ENV = "WORKBOOK_PDF_CACHE"

# What this build made: page src_uri -> (worksheet title, {paper: size}); the workbook's sizes.
_sheets: dict[str, tuple[str, str, dict[str, int]]] = {}
_workbook: dict[str, int] = {}


def enabled() -> bool:
    return os.environ.get(SWITCH, "on").strip().lower() not in ("off", "0", "false", "no")


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _sheets.clear()
    _workbook.clear()
    if not enabled():
        return files
    project = _project(config)
    worksheets = load_all(project / "worksheets", Path(config.docs_dir))  # checked by hooks/worksheets.py
    folder = Path(os.environ.get(CACHE_ENV) or project / ".cache" / "pdf")
    try:
        face = font.subset(font.source_font(), folder / "fonts")
    except font.FontMissing as error:
        raise PluginError(f"PDF downloads (hooks/pdfs.py): {error}") from None
    site = markup.Site(config.site_name, config.site_url or "/", config.use_directory_urls)
    code = cache.code_digest()
    store = cache.Cache(folder)

    jobs = []  # (src path, cache key, html, fields, label)
    try:
        for paper in markup.PAPERS:
            for worksheet in worksheets:
                html = markup.document([worksheet], site, paper, face)
                jobs.append((downloads.sheet_path(worksheet.id, paper),
                             cache.key(html, paper=paper, font=face, code=code), html,
                             markup.field_map([worksheet]), f"worksheets/{worksheet.id}.yml ({paper})"))
            if worksheets:
                html = markup.document(worksheets, site, paper, face, title=f"{config.site_name}: every worksheet")
                jobs.append((downloads.workbook_path(paper), cache.key(html, paper=paper, font=face, code=code),
                             html, markup.field_map(worksheets, whole=True), f"the whole workbook ({paper})"))
    except markup.TemplateProblem as error:
        raise PluginError(f"PDF template (hooks/pdfs.py): {error}") from None

    made = {key: store.get(key) for _, key, *_ in jobs}
    missing = [job for job in jobs if made[job[1]] is None]
    for (_, key, *_), data in zip(missing, _render_all(missing), strict=True):
        store.put(key, data)
        made[key] = data

    for path, key, *_ in jobs:
        files.append(File.generated(config, path, content=made[key]))
    for worksheet in worksheets:
        sizes = {p: len(made[k]) for path, k, *_ in jobs for p in markup.PAPERS
                 if path == downloads.sheet_path(worksheet.id, p)}
        _sheets[pages.src_uri(worksheet)] = (worksheet.id, worksheet.title, sizes)
    _workbook.update({p: len(made[k]) for path, k, *_ in jobs for p in markup.PAPERS
                      if path == downloads.workbook_path(p)})
    return files


def _render_all(jobs: list) -> list[bytes]:
    """Render the PDFs the cache lacks, in worker processes when there are several."""
    if not jobs:
        return []
    workers = min(len(jobs), os.cpu_count() or 1, 4)
    try:
        if workers == 1:
            return [render.render(html, fields, what=label) for _, _, html, fields, label in jobs]
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            # The biggest (the whole workbook) first, so no worker idles at the end.
            order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i][2]))
            futures = {i: pool.submit(render.render, jobs[i][2], jobs[i][3], what=jobs[i][4]) for i in order}
            return [futures[i].result() for i in range(len(jobs))]
    except render.PdfError as error:
        raise PluginError(f"PDF downloads (hooks/pdfs.py): {error}") from None
    except Exception as error:  # noqa: BLE001 (any WeasyPrint failure becomes one readable line)
        raise PluginError(f"PDF downloads (hooks/pdfs.py): WeasyPrint failed "
                          f"({type(error).__name__}: {error})") from None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    here = page.file.src_uri
    if here in _sheets:
        worksheet_id, title, sizes = _sheets[here]
        block = downloads.sheet_block(worksheet_id, title, sizes, here)
        return _before_form(markdown, block)
    if downloads.MARKER in markdown:
        block = downloads.workbook_block(_workbook, here) if _workbook else ""
        return markdown.replace(downloads.MARKER, block)
    return markdown


def _before_form(markdown: str, block: str) -> str:
    """``block`` just above the worksheet's form (or, failing that, after its title)."""
    lines = markdown.split("\n")
    for start in ("<form", "# "):
        for i, line in enumerate(lines):
            if line.startswith(start):
                at = i if start == "<form" else i + 1
                return "\n".join([*lines[:at], block, *lines[at:]])
    return block + "\n" + markdown
