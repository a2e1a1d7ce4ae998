"""PDFs rendered after the pages under mkdocs serve (workbook/pdf/later.py)."""

from __future__ import annotations

import threading
from pathlib import Path

from workbook.pdf import cache, later
from workbook.pdf.build import Render


def _job(path: str, key: str) -> Render:
    return Render(path=path, key=key, html="<p>x</p>", fields={}, label=path)


def test_worksheets_render_before_the_whole_workbook_and_each_batch_is_announced(tmp_path: Path) -> None:
    jobs = [_job("worksheets/trust-workbook-letter.pdf", "b" * 64), _job("worksheets/a/a-letter.pdf", "a" * 64)]
    order, announced = [], []
    gate = threading.Event()

    def render(batch: list[Render]) -> list[bytes]:
        gate.wait(5)
        order.append([job.path for job in batch])
        return [b"%PDF-1.7 " + job.path.encode() for job in batch]

    def done(folder: Path) -> None:
        # Each batch is in the cache, whole, before it is announced.
        announced.append([job.path for job in jobs if cache.Cache(folder).get(job.key) is not None])

    thread = later.render_later(jobs, tmp_path, done=done, render=render)
    assert thread is not None
    assert later.render_later(jobs, tmp_path, done=done, render=render) is None, "started twice"
    gate.set()
    thread.join(10)
    assert order == [["worksheets/a/a-letter.pdf"], ["worksheets/trust-workbook-letter.pdf"]]
    assert announced == [["worksheets/a/a-letter.pdf"],
                         ["worksheets/trust-workbook-letter.pdf", "worksheets/a/a-letter.pdf"]]
    # Once finished, the same jobs may be started again (after the cache was emptied).
    again = later.render_later(jobs, tmp_path, done=done, render=render)
    assert again is not None
    again.join(10)


def test_a_failed_render_is_logged_and_announces_nothing(tmp_path: Path, caplog) -> None:  # noqa: ANN001
    from workbook.pdf.errors import PdfError

    def render(batch: list[Render]) -> list[bytes]:
        raise PdfError("PDF downloads: worksheets/a.yml: broken")

    calls = []
    thread = later.render_later([_job("worksheets/a/a-letter.pdf", "c" * 64)], tmp_path,
                                done=calls.append, render=render)
    thread.join(10)
    assert calls == []
    assert "worksheets/a.yml: broken" in caplog.text


def _niceness() -> int:
    import os
    return os.nice(0)


def test_pdfs_rendered_in_the_background_run_at_a_lower_priority() -> None:
    # The rebuild a writer waits for must get the cores before the PDFs.
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from workbook.pdf import build
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                             initializer=build._background_worker) as pool:
        worker = pool.submit(_niceness).result()
    assert worker >= min(os.nice(0) + build.BACKGROUND_NICENESS, 19)


_ORPHAN_PARENT = """
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from workbook.pdf import build

def pid():
    return os.getpid()

if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=build._background_worker)
    print(pool.submit(pid).result(), flush=True)
    pool.submit(time.sleep, 600)  # a long render, still running when this process is killed
    time.sleep(600)
"""


def test_a_background_worker_stops_when_the_process_that_started_it_is_gone(tmp_path: Path) -> None:
    # Stopping mkdocs serve must not leave renders running with no parent.
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(_ORPHAN_PARENT, encoding="utf-8")
    root = Path(__file__).resolve().parents[1]
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=root,
                              env={**os.environ, "PYTHONPATH": str(root)})
    try:
        worker = int(parent.stdout.readline())
        os.kill(worker, 0)  # running
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if not _running(worker):
                break
            time.sleep(0.2)
        else:
            os.kill(worker, signal.SIGKILL)
            raise AssertionError("the worker kept running after its parent was killed")
    finally:
        if parent.poll() is None:
            parent.kill()


def _running(pid: int) -> bool:
    """True while ``pid`` runs (an exited process its new parent has not reaped yet counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")


def test_serve_renders_in_the_background(monkeypatch) -> None:
    from workbook.pdf import build
    seen = []
    monkeypatch.setattr(later, "render_all", lambda jobs, **kw: seen.append(kw) or [b""] * len(jobs))
    later._in_background([_job("worksheets/a/a-letter.pdf", "d" * 64)])
    assert seen == [{"background": True}]
    assert build.render_all([], background=True) == []
