"""`mkdocs serve` (what scripts/serve runs) rebuilds when a worksheet's YAML
or a guide changes, and its pages carry the live-reload script that reloads
them. With PDFs on, an edited worksheet's page shows at once and links its
PDF only once the new one is rendered: never an old or half-written file.
How fast is measured by bench/serve.py, not here."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

from pypdf import PdfReader
from watchdog.events import FileSystemEventHandler

from checks import site
from checks.serving import Serve, fetch, fetch_bytes, wait_for

PDF_LINK = re.compile(r'href="([^"]*promise-log-letter\.pdf)"')
BOOK_LINK = re.compile(r'href="([^"]*trust-workbook-letter\.pdf)"')


def test_editing_a_worksheet_rebuilds_the_served_page(tmp_path: Path) -> None:
    project = site.copy_project(tmp_path / "project")
    with Serve(project) as serve:
        page = serve.url + "worksheets/promise-log/"
        first = wait_for(page, "Promise log", 120)
        assert "livereload" in first, "served pages must carry the live-reload script"
        # No service worker under serve: it would answer from its cache and stop live reload.
        assert 'name="tw-worker"' not in first
        assert 'const BUILD = "off";' in fetch(serve.url + "sw.js")
        serve.edit("worksheets/promise-log.yml", "title: Promise log", "title: Promise diary")
        wait_for(page, "Promise diary", 120)
        serve.edit("docs/guides/activities.md", "## Share your stories ", "## Share your life stories ")
        wait_for(serve.url + "guides/activities/", "Share your life stories", 120)


def test_serve_looks_for_edits_every_tenth_of_a_second(tmp_path: Path) -> None:
    from watchdog.observers.polling import PollingObserver  # noqa: PLC0415 (what mkdocs serve uses)

    from workbook import watching  # noqa: PLC0415

    observer = PollingObserver(timeout=0.5)  # as MkDocs makes it
    observer.schedule(FileSystemEventHandler(), str(tmp_path), recursive=True)  # before the plugin's on_serve
    assert watching.poll_every(observer) is True
    observer.schedule(FileSystemEventHandler(), str(tmp_path.parent), recursive=False)  # after it
    assert [e.timeout for e in observer.emitters] == [watching.EVERY] * 2


def _pdf_text(url: str) -> str:
    data = fetch_bytes(url)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), f"{url} is not a whole PDF"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _check_links(serve: Serve, page: str, title: str) -> tuple[bool, bool]:
    """Whether the page and the Worksheets index link their PDFs; each linked one is the new version."""
    sheet = PDF_LINK.search(fetch(page))
    if sheet:
        assert title in _pdf_text(serve.url + "worksheets/promise-log/" + sheet[1]), "an old PDF is linked"
    book = BOOK_LINK.search(fetch(serve.url + "worksheets/"))
    if book:
        assert title in _pdf_text(serve.url + "worksheets/" + book[1]), "an old workbook is linked"
    return bool(sheet), bool(book)


def test_under_serve_a_pdf_is_linked_only_once_its_new_version_is_rendered(tmp_path: Path,
                                                                           server: site.Server) -> None:
    # mkdocs serve sets site_url to its own address, and the PDFs carry it:
    # served at the session build's address (its server paused meanwhile),
    # the unchanged PDFs come from the cache that build filled. The edit
    # below gives two of them content no cache holds, so they must render.
    project = site.copy_project(tmp_path / "project")
    with server.paused(), \
            Serve(project, pdfs=True, log=tmp_path / "serve.log", port=server.port) as serve:
        page = serve.url + "worksheets/promise-log/"
        wait_for(page, "promise-log-letter.pdf", 900, every=1)  # in the shared cache, or rendered
        assert "Promise log" in _pdf_text(page + "promise-log-letter.pdf")
        title = f"Promise diary {time.time_ns()}"  # new content: never in the cache
        serve.edit("worksheets/promise-log.yml", "title: Promise log", f"title: {title}")
        wait_for(page, title, 120)
        # Until the new PDFs are rendered the links are absent; once there, they are the new ones.
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            try:
                sheet, book = _check_links(serve, page, title)
            except OSError:  # serve holds requests while it rebuilds
                continue
            if sheet and book:
                break
            time.sleep(0.5)
        else:
            raise AssertionError("the new PDFs were never linked:\n" + (tmp_path / "serve.log").read_text())
