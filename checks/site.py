"""Building the site for tests and benchmarks: into a temporary folder, from
the real project or from a copy of it that a test may change; serving a
build; and the Chromium that browser tests and benchmarks drive."""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Debian's Chromium, driven through Playwright, and how it is started.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# What a copy of the project needs in order to build.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "worksheets", "workbook")


class BuildFailed(AssertionError):
    def __init__(self, result: subprocess.CompletedProcess[str]) -> None:
        super().__init__(f"mkdocs build failed ({result.returncode}):\n{result.stderr}")
        self.result = result


def build(dest: Path, *, site_url: str = "http://127.0.0.1:8000/", project: Path = ROOT,
          check: bool = True) -> subprocess.CompletedProcess[str]:
    """A strict build of ``project`` into ``dest``; raises BuildFailed on failure.

    Not quiet: MkDocs' ``-q`` drops warnings before strict mode counts them,
    so ``--strict -q`` passes a build with a broken link."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1",
           "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )
    if check and result.returncode != 0:
        raise BuildFailed(result)
    return result


def copy_project(dest: Path) -> Path:
    """A copy of the project that a test may change before building it."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_GZIPPED: dict[tuple[str, int, int, int], bytes] = {}


def _gzipped(path: Path) -> bytes:
    """The file gzipped, compressed once for as long as it stays the same
    file (a rebuilt or redeployed file has another inode, time or size):
    each page load asks for the same theme, bundles and search index."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_ino, stat.st_mtime_ns, stat.st_size)
    if key not in _GZIPPED:
        _GZIPPED[key] = gzip.compress(path.read_bytes(), mtime=0)
    return _GZIPPED[key]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".mjs": "text/javascript"}
    # Text is sent gzipped when the browser accepts it, as static hosts do,
    # so what Lighthouse and the tests see on the wire is what readers get.
    COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt")

    def send_head(self):  # noqa: ANN201 (http.server's API)
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in self.COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _HTTPServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        # A browser that drops a connection it no longer needs (a page left
        # mid-load, a test that went offline) is not an error of the server's.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class Server:
    """A static file server on 127.0.0.1, in a thread, like any static host.

    Tests share one for the session's build; :meth:`serving` puts another
    build at the same address for a while (a deploy, as readers' browsers
    see it), and :meth:`paused` frees the port for a while (for ``mkdocs
    serve`` at the address the session's PDFs were made for)."""

    def __init__(self, directory: Path, port: int) -> None:
        self.directory, self.port = Path(directory), port
        self.url = f"http://127.0.0.1:{port}/"
        self.httpd: _HTTPServer | None = None

    def _handler(self, directory: Path):  # noqa: ANN202
        return functools.partial(_QuietHandler, directory=str(directory))

    def _start(self, *, wait: float = 0.0) -> None:
        deadline = time.monotonic() + wait
        while True:
            try:
                self.httpd = _HTTPServer(("127.0.0.1", self.port), self._handler(self.directory))
                break
            except OSError:  # whoever had the port while paused has not let go yet
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def _stop(self) -> None:
        assert self.httpd is not None
        self.httpd.shutdown()
        self.httpd.server_close()
        self.httpd = None

    def __enter__(self) -> Server:
        self._start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()

    def deploy(self, directory: Path) -> None:
        """Serves ``directory`` from the next request on, at the same address."""
        self.directory = Path(directory)
        if self.httpd is not None:
            self.httpd.RequestHandlerClass = self._handler(self.directory)

    @contextlib.contextmanager
    def serving(self, directory: Path) -> Iterator[Server]:
        """Serves ``directory`` at this address while the ``with`` block runs."""
        before = self.directory
        self.deploy(directory)
        try:
            yield self
        finally:
            self.deploy(before)

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Nothing listens at this address while the ``with`` block runs."""
        self._stop()
        try:
            yield
        finally:
            self._start(wait=30)


def nav_pages(site: Path) -> list[str]:
    """Every page of the built site as a path relative to its root ("guides/x/")."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages
