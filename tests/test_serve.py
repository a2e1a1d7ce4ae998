"""`mkdocs serve` (what scripts/serve runs) rebuilds when a worksheet's YAML
changes, and its pages carry the live-reload script that reloads them."""

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


def wait_for(url: str, text: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if text in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


def test_editing_a_worksheet_rebuilds_the_served_page(tmp_path: Path) -> None:
    project = site.copy_project(tmp_path / "project")
    port = site.free_port()
    address = f"127.0.0.1:{port}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "WORKBOOK_PDFS": "off", "SITE_URL": f"http://{address}/"}
    serve = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", address],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        page = f"http://{address}/worksheets/promise-log/"
        first = wait_for(page, "Promise log", 120)
        assert "livereload" in first, "served pages must carry the live-reload script"
        # No service worker under serve: it would answer from its cache and stop live reload.
        assert 'name="tw-worker"' not in first
        assert 'const BUILD = "off";' in fetch(f"http://{address}/sw.js")
        definition = project / "worksheets" / "promise-log.yml"
        text = definition.read_text(encoding="utf-8")
        assert "title: Promise log" in text
        definition.write_text(text.replace("title: Promise log", "title: Promise diary", 1), encoding="utf-8")
        wait_for(page, "Promise diary", 120)
    finally:
        serve.terminate()
        serve.wait(timeout=30)
