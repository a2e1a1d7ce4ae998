"""Lighthouse (mobile) on each page type of a fresh build, served by nginx.

    .venv/bin/python bench/lighthouse.py [--preset desktop] [--runs 3] [--only checklist]

Installs the npm ``lighthouse`` package (13) into bench/.node (git-ignored) the
first time, builds the site, serves it with Debian's nginx and the
configuration the build ships (``site/_nginx.conf``: gzip, a year of
caching for hashed assets, the security headers; checks/nginx_server.py),
and runs Lighthouse on Debian's Chromium for every page type and for two
plain-Material twins (the guide's text as a one-page site, and the whole
project's Markdown with the site's own navigation, measured on the guide
page), ``--runs`` times each (3 by default).
Each figure is the median of the runs (each score and metric on its own).
Writes every run's scores, metrics and failed audits to
bench/out/lighthouse.json and prints a table with the load average. About
15 s a run on this machine; it needs no network once installed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import tempfile
from pathlib import Path

from _site import PAGE_TYPES, ROOT, build, copy_project, free_port, plain_config, table
from weight import same_text_markdown

from checks.nginx_server import Nginx
from workbook import csp, nginx

NODE = ROOT / "bench" / ".node"
LIGHTHOUSE = NODE / "node_modules" / ".bin" / "lighthouse"
OUT = ROOT / "bench" / "out"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    print("Installing lighthouse@13 into bench/.node ...", flush=True)
    subprocess.run(["npm", "--prefix", str(NODE), "install", "--no-audit", "--no-fund", "--ignore-scripts",
                    "lighthouse@13"], check=True)


def run(url: str, out: Path, preset: str) -> dict:
    cmd = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
    return json.loads(out.read_text(encoding="utf-8"))


def summary(report: dict) -> dict:
    audits = report["audits"]
    failed = {}
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] > 0 and audit.get("score") is not None and audit["score"] < 1:
                nodes = [item["node"].get("snippet", "") for item in audit.get("details", {}).get("items", [])
                         if isinstance(item.get("node"), dict)][:3]
                where = f" ({'; '.join(nodes)})" if nodes else ""
                failed.setdefault(category, []).append(f"{ref['id']}: {audit['title']}{where}")
    return {
        "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "metrics": {name: audits[key]["numericValue"] for key, name in METRICS.items()},
        "transferred": audits["total-byte-weight"]["numericValue"],
        "failed": failed,
    }


def median(runs: list[dict]) -> dict:
    """Each score, metric and size: the median of the runs; failed audits from every run."""
    failed: dict[str, list[str]] = {}
    for r in runs:
        for category, audits in r["failed"].items():
            failed.setdefault(category, [])
            failed[category] += [a for a in audits if a not in failed[category]]
    return {
        "scores": {c: statistics.median(r["scores"][c] for r in runs) for c in CATEGORIES},
        "metrics": {m: statistics.median(r["metrics"][m] for r in runs) for m in METRICS.values()},
        "transferred": statistics.median(r["transferred"] for r in runs),
        "failed": failed,
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", action="append", help="a page type (repeatable); all by default")
    args = parser.parse_args()
    load_before = os.getloadavg()
    ensure_lighthouse()
    (OUT / "reports").mkdir(parents=True, exist_ok=True)
    results = {}
    with tempfile.TemporaryDirectory(prefix="tw-bench-lighthouse-") as tmp:
        tmp = Path(tmp)
        port, plain_port = free_port(), free_port()
        build(ROOT, tmp / "site", site_url=f"http://127.0.0.1:{port}/")
        # A baseline measured under the same conditions: the guide's text on plain Material.
        guide_html = (tmp / "site" / PAGE_TYPES["guide"] / "index.html").read_text(encoding="utf-8")
        (tmp / "plain-docs").mkdir()
        (tmp / "plain-docs" / "index.md").write_text(same_text_markdown(guide_html), encoding="utf-8")
        project = copy_project(tmp / "project")
        config = plain_config(project, tmp / "plain-docs", tmp / "plain.yml",
                              site_url=f"http://127.0.0.1:{plain_port}/")
        build(project, tmp / "plain-site", config=config, strict=False,
              site_url=f"http://127.0.0.1:{plain_port}/")
        # A second baseline: every page's Markdown on plain Material with the
        # site's own navigation (tabs, sections, sixteen entries), measured on the guide.
        nav_port = free_port()
        nav_config = plain_config(project, project / "docs", tmp / "plain-nav.yml",
                                  site_url=f"http://127.0.0.1:{nav_port}/", nav=True)
        build(project, tmp / "plain-nav-site", config=nav_config, strict=False,
              site_url=f"http://127.0.0.1:{nav_port}/")
        # Plain Material has no plugin to write _nginx.conf: it gets the same
        # configuration, with a policy allowing its own inline scripts.
        for twin in ("plain-site", "plain-nav-site"):
            plain_pages = [p.read_text(encoding="utf-8") for p in (tmp / twin).rglob("*.html")]
            (tmp / twin / "_nginx.conf").write_text(
                nginx.server_config(csp.site_policy(plain_pages)), encoding="utf-8")
        with (Nginx(tmp / "site", port) as server, Nginx(tmp / "plain-site", plain_port) as plain,
              Nginx(tmp / "plain-nav-site", nav_port) as plain_nav):
            targets = {name: server.url + path for name, path in PAGE_TYPES.items()}
            targets["plain Material (guide text)"] = plain.url
            targets["plain Material (guide, site nav)"] = plain_nav.url + PAGE_TYPES["guide"]
            if args.only:
                targets = {name: url for name, url in targets.items() if name in args.only}
            for name, url in targets.items():
                runs = []
                for i in range(args.runs):
                    print(f"Lighthouse: {name} ({i + 1}/{args.runs}) ...", flush=True)
                    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
                    runs.append({**summary(run(url, OUT / "reports" / f"{slug}-{i + 1}.json", args.preset)),
                                 "load": os.getloadavg()[0]})
                results[name] = median(runs)
    load_after = os.getloadavg()
    (OUT / "lighthouse.json").write_text(json.dumps({"preset": args.preset, "runs": args.runs,
                                                     "load": [load_before, load_after], "pages": results},
                                                    indent=2), encoding="utf-8")

    rows = []
    for name, r in results.items():
        m = r["metrics"]
        rows.append([name, *(r["scores"][c] for c in CATEGORIES),
                     f"{m['FCP'] / 1000:.1f}", f"{m['LCP'] / 1000:.1f}", f"{m['TBT']:.0f}",
                     f"{m['CLS']:.3f}", f"{m['SI'] / 1000:.1f}", f"{r['transferred'] / 1000:.0f}"])
    print(f"\nLighthouse 13, {args.preset} preset, served by nginx with site/_nginx.conf; median of "
          f"{args.runs} runs (scores out of 100; FCP, LCP, SI in s; TBT in ms; kB transferred, gzipped)."
          f"\nLoad average (1 min) {load_before[0]:.2f} at the start, {load_after[0]:.2f} at the end.\n")
    print(table(["Page type", "Perf.", "A11y", "Best pr.", "SEO", "FCP", "LCP", "TBT", "CLS", "SI", "kB"], rows))
    for name, r in results.items():
        for category, audits in r["failed"].items():
            for audit in audits:
                print(f"  {name} / {category}: {audit}")
    print(f"\nWritten to {OUT.relative_to(ROOT) / 'lighthouse.json'}")


if __name__ == "__main__":
    main()
