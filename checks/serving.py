"""Running ``mkdocs serve`` on a copy of the project, for the tests
(tests/test_serve.py) and the rebuild benchmark (bench/serve.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from checks import site


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (127.0.0.1 only)
        return response.read().decode("utf-8")


def fetch_bytes(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (127.0.0.1 only; a PDF while serve is busy)
        return response.read()


def wait_for(url: str, text: str, seconds: float, *, every: float = 0.5) -> str:
    """The page at ``url`` once it contains ``text``; AssertionError after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if text in last:
                return last
        except OSError:
            pass
        time.sleep(every)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


class Serve:
    """``mkdocs serve --livereload`` on ``project`` at a free port, while the ``with`` block runs."""

    def __init__(self, project: Path, *, pdfs: bool = False, env: dict[str, str] | None = None,
                 log: Path | None = None, port: int | None = None) -> None:
        self.project, self.log = project, log
        port = port or site.free_port()
        self.address = f"127.0.0.1:{port}"
        self.url = f"http://{self.address}/"
        self.env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
                    "SITE_URL": self.url, **(env or {})}
        self.env["WORKBOOK_PDFS"] = "on" if pdfs else "off"  # the tests' default is off
        self.process: subprocess.Popen[str] | None = None

    def __enter__(self) -> Serve:
        self._out = open(self.log, "w", encoding="utf-8") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", self.address],
            cwd=self.project, env=self.env, stdout=self._out, stderr=self._out, text=True)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=30)
        if self.log:
            self._out.close()

    def edit(self, relative: str, old: str, new: str) -> None:
        """Replaces ``old`` by ``new`` once in the project's file ``relative``."""
        path = self.project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{relative} has no {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
