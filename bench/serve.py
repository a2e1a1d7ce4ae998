"""How fast an edit shows under ``mkdocs serve`` (what scripts/serve runs).

    .venv/bin/python bench/serve.py [--repeat 3]

Serves a copy of the project with PDFs on (the PDF cache from
``WORKBOOK_PDF_CACHE``, or the project's .cache/pdf, so only edited
worksheets' PDFs are rendered), then edits one worksheet's YAML and one
guide, ``--repeat`` times each, and prints the time from saving the file to
the served page showing the change (polled every 20 ms), and for the
worksheet the time until its page links the new PDF. Issue 13's target:
the page within 1.5 s; PDFs may follow.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

from _site import ROOT, copy_project, table

from checks.serving import Serve, fetch, wait_for

PAGE = "worksheets/promise-log/"
GUIDE = "guides/activities/"
PDF_LINK = re.compile(r'href="([^"]*promise-log-letter\.pdf)"')


def timed(serve: Serve, relative: str, old: str, new: str, url: str, shows: str) -> float:
    serve.edit(relative, old, new)
    started = time.monotonic()
    wait_for(url, shows, 120, every=0.02)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("WORKBOOK_PDF_CACHE", str(ROOT / ".cache" / "pdf"))
    load = os.getloadavg()
    page_times, pdf_times, guide_times = [], [], []
    with tempfile.TemporaryDirectory(prefix="tw-bench-serve-") as tmp:
        project = copy_project(Path(tmp) / "project")
        with Serve(project, pdfs=True, log=Path(tmp) / "serve.log") as serve:
            wait_for(serve.url + PAGE, "Promise log", 300)
            wait_for(serve.url + PAGE, "promise-log-letter.pdf", 600)  # every PDF cached or rendered
            title = "Promise log"
            heading = "Share your stories"
            for i in range(args.repeat):
                new_title = f"Promise log {i + 1}"
                started = time.monotonic()
                page_times.append(timed(serve, "worksheets/promise-log.yml", f"title: {title}",
                                        f"title: {new_title}", serve.url + PAGE, new_title))
                title = new_title
                # The new PDF is linked once rendered (its size in the link changes with the title).
                deadline = time.monotonic() + 300
                while time.monotonic() < deadline:
                    try:
                        html = fetch(serve.url + PAGE)
                    except OSError:  # serve holds a request while it rebuilds
                        continue
                    if PDF_LINK.search(html) and new_title in html:
                        break
                    time.sleep(0.05)
                pdf_times.append(time.monotonic() - started)
                new_heading = f"Share your stories {i + 1}"
                guide_times.append(timed(serve, "docs/guides/activities.md", f"## {heading} ",
                                         f"## {new_heading} ", serve.url + GUIDE, new_heading))
                heading = new_heading
        print("".join(line for line in (Path(tmp) / "serve.log").read_text().splitlines(True)
                      if "built in" in line or "rendered after" in line or "Detected" in line))
    rows = [["worksheet YAML -> page", *(f"{t:.2f}" for t in page_times), f"{statistics.median(page_times):.2f}"],
            ["worksheet YAML -> its PDF linked", *(f"{t:.2f}" for t in pdf_times),
             f"{statistics.median(pdf_times):.2f}"],
            ["guide -> page", *(f"{t:.2f}" for t in guide_times), f"{statistics.median(guide_times):.2f}"]]
    print(f"\nmkdocs serve, PDFs on; seconds from saving to served (load average {load[0]:.2f})\n")
    print(table(["Edit", *(f"run {i + 1}" for i in range(args.repeat)), "median"], rows))


if __name__ == "__main__":
    main()
