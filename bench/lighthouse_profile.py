"""Where each page's main-thread time goes, from the reports bench/lighthouse.py kept.

    .venv/bin/python bench/lighthouse_profile.py [--detail]

Reads bench/out/reports/<page>-<run>.json (every run of the last
``bench/lighthouse.py``) and prints, per page type, the median over its runs
of the CPU time Lighthouse attributes (``bootup-time``, already multiplied by
its simulated 4x CPU slowdown) to:

- **own**: the site's own modules and stylesheets (``assets/js/``, ``assets/css/``);
- **Material**: the theme's bundle, its search worker and stylesheets
  (``assets/javascripts/``, ``assets/stylesheets/``);
- **page**: the HTML document itself (parsing, style, layout of its DOM);
- **browser**: what Chromium does not attribute to any file ("Unattributable").

Beside them: total blocking time, the long tasks by owner, the forced
reflows Lighthouse found (with the file they come from), layout shifts,
render-blocking files, the number of requests and bytes. ``--detail`` also
lists each run's long tasks and forced reflows.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "bench" / "out" / "reports"


def owner(url: str, page_url: str) -> str:
    if url in ("Unattributable", "Other"):
        return "browser"
    if "/assets/js/" in url or "/assets/css/" in url:
        return "own"
    if "/assets/javascripts/" in url or "/assets/stylesheets/" in url:
        return "Material"
    if url.split("#")[0] == page_url.split("#")[0]:
        return "page"
    return "other"


def profile(report: dict) -> dict:
    audits = report["audits"]
    page = report["finalDisplayedUrl"]
    cpu: dict[str, float] = defaultdict(float)
    for item in audits["bootup-time"]["details"]["items"]:
        cpu[owner(item["url"], page)] += item["total"]
    long_tasks: dict[str, float] = defaultdict(float)
    tasks = []
    for item in audits["long-tasks"]["details"]["items"]:
        long_tasks[owner(item["url"], page)] += item["duration"]
        tasks.append((round(item["startTime"]), round(item["duration"]), item["url"].rsplit("/", 1)[-1] or "page"))
    reflows = []
    for section in audits.get("forced-reflow-insight", {}).get("details", {}).get("items", []):
        for item in section.get("items", []):
            source = item.get("source") or {}
            url = source.get("url", "") if isinstance(source, dict) else ""
            reflows.append((owner(url, page) if url else "browser", url.rsplit("/", 1)[-1],
                            source.get("line") if isinstance(source, dict) else None,
                            source.get("column") if isinstance(source, dict) else None,
                            round(item.get("reflowTime", 0), 1)))
    shifts = [(item.get("node", {}).get("snippet", "")[:70], round(item.get("score", 0), 3))
              for item in audits.get("layout-shifts", {}).get("details", {}).get("items", [])]
    blocking = [(item["url"].rsplit("/", 1)[-1], round(item.get("wastedMs", 0)))
                for item in audits.get("render-blocking-insight", {}).get("details", {}).get("items", [])]
    requests = audits["network-requests"]["details"]["items"]
    return {
        "perf": round(report["categories"]["performance"]["score"] * 100),
        "TBT": audits["total-blocking-time"]["numericValue"],
        "benchmarkIndex": report["environment"].get("benchmarkIndex"),
        "cpu": dict(cpu),
        "long": dict(long_tasks),
        "tasks": tasks,
        "reflows": reflows,
        "shifts": shifts,
        "blocking": blocking,
        "requests": len(requests),
        "own_requests": sum(1 for r in requests if "/assets/js/" in r["url"] or "/assets/css/" in r["url"]),
        "kB": sum(r.get("transferSize", 0) for r in requests) / 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--detail", action="store_true")
    args = parser.parse_args()
    by_page: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(REPORTS.glob("*-[0-9]*.json")):
        name = path.stem.rsplit("-", 1)[0]
        by_page[name].append(profile(json.loads(path.read_text(encoding="utf-8"))))
    owners = ["own", "Material", "page", "browser"]
    print("Median of each page's runs; CPU ms as Lighthouse reports them (4x simulated slowdown).")
    print(f"{'page':18} {'perf':>4} {'TBT':>5} " + " ".join(f"{o + ' cpu':>12}" for o in owners)
          + " " + " ".join(f"{o + ' long':>13}" for o in owners) + f" {'reqs':>4} {'own':>3} {'kB':>5} {'bench':>5}")
    for name, runs in by_page.items():
        med = lambda f: statistics.median(f(r) for r in runs)  # noqa: E731
        print(f"{name:18} {med(lambda r: r['perf']):4.0f} {med(lambda r: r['TBT']):5.0f} "
              + " ".join(f"{med(lambda r, o=o: r['cpu'].get(o, 0)):12.0f}" for o in owners) + " "
              + " ".join(f"{med(lambda r, o=o: r['long'].get(o, 0)):13.0f}" for o in owners)
              + f" {med(lambda r: r['requests']):4.0f} {med(lambda r: r['own_requests']):3.0f}"
              f" {med(lambda r: r['kB']):5.0f} {med(lambda r: r['benchmarkIndex'] or 0):5.0f}")
    print()
    for name, runs in by_page.items():
        reflow_owners = sorted({(o, f) for r in runs for (o, f, *_rest) in r["reflows"]})
        shifts = [s for r in runs for s in r["shifts"]]
        print(f"{name}: forced reflows from {reflow_owners or 'none'}; "
              f"layout shifts {shifts[:3] or 'none'}; render-blocking {runs[0]['blocking']}")
        if args.detail:
            for i, r in enumerate(runs, 1):
                print(f"  run {i}: long tasks {r['tasks']}")
                print(f"  run {i}: reflows {r['reflows']}")


if __name__ == "__main__":
    main()
