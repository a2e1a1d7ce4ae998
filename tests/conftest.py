"""Shared fixtures: one strict build of the site per test session, served on
127.0.0.1 at the very address the build was told (``site_url``), and
Playwright pointed at Debian's Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from checks import site
from checks.site import CHROMIUM, CHROMIUM_ARGS

# PDFs (workbook/pdf/) render in the session build below and in the PDF tests
# only. Every other build here is of a copy with its own site_url, where the
# PDF cache misses and all of them would render again for nothing.
os.environ.setdefault("WORKBOOK_PDFS", "off")
# One PDF cache for the project and every copy of it that a test builds (a
# copy's own .cache/ would start empty and render every PDF again). The cache
# is keyed by content (workbook/pdf/cache.py), so a copy with different
# worksheets or another site_url still gets PDFs of its own; tests that must
# prove rendering works give their PDFs content no cache can hold.
os.environ.setdefault("WORKBOOK_PDF_CACHE", str(site.ROOT / ".cache" / "pdf"))
# The same for Markdown conversions (workbook/markdown_cache.py): keyed by the
# pages and the files around them, so copies with the same pages share entries.
os.environ.setdefault("WORKBOOK_MARKDOWN_CACHE", str(site.ROOT / ".cache" / "markdown"))



@pytest.fixture(scope="session")
def site_port() -> int:
    """A port that stays the same from run to run when it is free: the PDFs
    carry site_url, so a new port each run would render them all again."""
    import socket  # noqa: PLC0415

    for port in range(8765, 8775):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    return site.free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """The real site, built once with site_url set to the test server's address."""
    dest = tmp_path_factory.mktemp("site")
    switch = os.environ.get("WORKBOOK_PDFS")
    os.environ["WORKBOOK_PDFS"] = "on"  # the real site, with its PDFs
    try:
        site.build(dest, site_url=f"http://127.0.0.1:{site_port}/")
    finally:
        os.environ["WORKBOOK_PDFS"] = switch or "off"
    return dest


@pytest.fixture(scope="session")
def server(built_site: Path, site_port: int) -> Iterator[site.Server]:
    with site.Server(built_site, site_port) as running:
        yield running


@pytest.fixture(scope="session")
def base_url(server: site.Server) -> str:
    """pytest-playwright's base_url: page.goto("guides/x/") lands on the test server."""
    return server.url


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with test worksheets, a worksheet page and a
    guide added (tests/fixture_project.py says which tests need which)."""
    from tests import fixture_project as fixture  # noqa: PLC0415

    return fixture.make(tmp_path_factory.mktemp("fixture-project"))


@pytest.fixture(scope="session")
def fixture_port() -> int:
    return site.free_port()


@pytest.fixture(scope="session")
def fixture_site(fixture_project: Path, fixture_port: int, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture copy, built once for its own server's address."""
    dest = tmp_path_factory.mktemp("fixture-site")
    site.build(dest, site_url=f"http://127.0.0.1:{fixture_port}/", project=fixture_project)
    return dest


@pytest.fixture(scope="session")
def fixture_url(fixture_site: Path, fixture_port: int) -> Iterator[str]:
    """The fixture copy, served at the address it was built for."""
    with site.Server(fixture_site, fixture_port) as running:
        yield running.url


@pytest.fixture(scope="session")
def settings_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy with a practice set and offline use off, built once with
    WORKBOOK_PDFS=off (tests/fixture_project.py)."""
    from tests import fixture_project as fixture  # noqa: PLC0415

    project = fixture.make_settings(tmp_path_factory.mktemp("settings-project"))
    dest = tmp_path_factory.mktemp("settings-site")
    switch = os.environ.get("WORKBOOK_PDFS")
    os.environ["WORKBOOK_PDFS"] = "off"  # whatever a test set: tests/test_pdf_failures.py relies on it
    try:
        site.build(dest, project=project)
    finally:
        os.environ["WORKBOOK_PDFS"] = switch or "off"
    return dest


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


class PageWatch:
    """What a page did that it should not: console errors, uncaught
    exceptions, and requests to anywhere but the test server."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.outside_requests: list[str] = []

    def problems(self) -> list[str]:
        return ([f"console: {m}" for m in self.console_errors]
                + [f"exception: {m}" for m in self.page_errors]
                + [f"request: {u}" for u in self.outside_requests])


@pytest.fixture
def watch(page) -> PageWatch:  # noqa: ANN001 (pytest-playwright's Page)
    """Records and blocks everything a page asks of other hosts."""
    recorder = PageWatch()

    def on_console(message) -> None:  # noqa: ANN001
        if message.type == "error":
            recorder.console_errors.append(message.text)

    def on_route(route) -> None:  # noqa: ANN001
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            route.continue_()
        else:
            recorder.outside_requests.append(url)
            route.abort()

    page.on("console", on_console)
    page.on("pageerror", lambda error: recorder.page_errors.append(str(error)))
    page.context.route("**/*", on_route)
    return recorder
