"""Where a build's CPU time goes: MkDocs and Material's work against the plugin's.

    .venv/bin/python bench/build_split.py [--added 200] [--repeat 3]

Builds a copy of the project in this process (``WORKBOOK_PDFS=off``, strict)
without and then with ``--added`` synthetic worksheets (bench/build.py's),
``--repeat`` times each, timing every plugin event of every plugin, Markdown
(MkDocs' ``Page.render``) and the theme's templates (Jinja's
``Template.render``) with the thread's CPU clock. Prints the CPU time of each
part in a build without and with the added worksheets, and what each added
worksheet costs in each part (the medians' difference, divided), so that the
plugin's own share of a worksheet can be told apart from what MkDocs and
Material spend on any page. A part's time leaves out the timed parts it
calls (templates a plugin renders count as templates); Markdown a plugin
converts with its own converter counts as the plugin's.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import logging
import os
import statistics
import tempfile
import time
from pathlib import Path

import jinja2
from mkdocs import plugins
from mkdocs.__main__ import cli
from mkdocs.structure import pages

from _site import copy_project, table
from build import write_synthetic

#: CPU seconds by part, for the build under way.
SPLIT: collections.Counter[str] = collections.Counter()


#: For each timed call under way, the CPU time its timed callees took (counted as theirs).
_NESTED: list[float] = []


def _timed(name: str, function):
    def wrapper(*args, **kwargs):
        start = time.thread_time()
        _NESTED.append(0.0)
        try:
            return function(*args, **kwargs)
        finally:
            elapsed = time.thread_time() - start
            inner = _NESTED.pop()
            SPLIT[name] += elapsed - inner
            if _NESTED:
                _NESTED[-1] += elapsed
    return wrapper


def instrument() -> None:
    """Times every plugin event, Markdown and the theme's templates from now on."""
    register = plugins.PluginCollection._register_event  # noqa: SLF001 (the one place MkDocs adds handlers)

    def timed_register(self, event_name, method, plugin_name=None):
        if isinstance(method, plugins.CombinedEvent):
            return register(self, event_name, method, plugin_name)
        owner = "workbook (this site)" if plugin_name == "workbook" else f"{plugin_name} plugin"
        return register(self, event_name, _timed(owner, method), plugin_name)

    plugins.PluginCollection._register_event = timed_register  # noqa: SLF001
    pages.Page.render = _timed("Markdown (MkDocs' Page.render)", pages.Page.render)
    jinja2.Template.render = _timed("theme templates (Jinja)", jinja2.Template.render)


def one_build(project: Path, dest: Path) -> dict[str, float]:
    """CPU seconds by part of one strict build of ``project``, PDFs off."""
    SPLIT.clear()
    start = time.thread_time()
    cwd = os.getcwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            cli(["build", "-q", "--strict", "-d", str(dest)], standalone_mode=False)
    finally:
        os.chdir(cwd)
        logging.getLogger("mkdocs").handlers.clear()  # each cli() run adds its own
    total = time.thread_time() - start
    parts = dict(SPLIT)
    parts["the rest (MkDocs: config, files, nav, writing pages)"] = total - sum(parts.values())
    parts["whole build"] = total
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--added", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.update(WORKBOOK_PDFS="off", NO_MKDOCS_2_WARNING="1", SITE_URL="http://127.0.0.1:8000/")
    instrument()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="tw-bench-split-") as tmp:
        project = copy_project(Path(tmp) / "project")
        runs: dict[int, list[dict[str, float]]] = {0: [], args.added: []}
        one_build(project, Path(tmp) / "site")  # imports and caches warm, not counted
        for _ in range(args.repeat):
            for count in runs:
                write_synthetic(project, count)
                runs[count].append(one_build(project, Path(tmp) / "site"))
    names = sorted({name for r in runs[args.added] for name in r}, key=lambda n: -runs[args.added][0].get(n, 0))
    names.remove("whole build")
    names.append("whole build")

    def med(count: int, name: str) -> float:
        return statistics.median(r.get(name, 0.0) for r in runs[count])

    rows = [[name, f"{med(0, name) * 1000:.0f}", f"{med(args.added, name) * 1000:.0f}",
             f"{(med(args.added, name) - med(0, name)) / args.added * 1000:.2f}"] for name in names]
    print(f"CPU time of a strict build (PDFs off) without and with {args.added} synthetic worksheets, "
          f"median of {args.repeat}, in this process (load average {load:.1f} at the start)\n")
    print(table(["Part", "Without (ms)", f"With {args.added} (ms)", "Per added worksheet (ms)"], rows))


if __name__ == "__main__":
    main()
