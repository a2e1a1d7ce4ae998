"""Lighthouse (mobile) on each page type of a fresh build, served locally.

    .venv/bin/python bench/lighthouse.py [--preset desktop]

Installs the npm ``lighthouse`` package into bench/.node (git-ignored) the
first time, builds the site, serves it on 127.0.0.1 and runs Lighthouse on
Debian's Chromium for every page type. Writes every score, metric and
failed audit to bench/out/lighthouse.json and prints a table. About 15 s a
page on this machine; it needs no network once installed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

from _site import PAGE_TYPES, ROOT, Server, build, copy_project, free_port, plain_config, table
from weight import same_text_markdown

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
    print("Installing lighthouse@12 into bench/.node ...", flush=True)
    subprocess.run(["npm", "--prefix", str(NODE), "install", "--no-audit", "--no-fund",
                    "lighthouse@12"], check=True)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    args = parser.parse_args()
    ensure_lighthouse()
    OUT.mkdir(exist_ok=True)
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
        with Server(tmp / "site", port) as server, Server(tmp / "plain-site", plain_port) as plain:
            targets = {name: server.url + path for name, path in PAGE_TYPES.items()}
            targets["plain Material (guide text)"] = plain.url
            for name, url in targets.items():
                print(f"Lighthouse: {name} ...", flush=True)
                results[name] = summary(run(url, tmp / "report.json", args.preset))
    (OUT / "lighthouse.json").write_text(json.dumps({"preset": args.preset, "pages": results}, indent=2),
                                         encoding="utf-8")

    rows = []
    for name, r in results.items():
        m = r["metrics"]
        rows.append([name, *(r["scores"][c] for c in CATEGORIES),
                     f"{m['FCP'] / 1000:.1f}", f"{m['LCP'] / 1000:.1f}", f"{m['TBT']:.0f}",
                     f"{m['CLS']:.3f}", f"{m['SI'] / 1000:.1f}", f"{r['transferred'] / 1000:.0f}"])
    print(f"\nLighthouse 12, {args.preset} preset (scores out of 100; FCP, LCP, SI in s; TBT in ms; "
          "kB transferred, gzipped by the local server as a static host would)\n")
    print(table(["Page type", "Perf.", "A11y", "Best pr.", "SEO", "FCP", "LCP", "TBT", "CLS", "SI", "kB"], rows))
    for name, r in results.items():
        for category, audits in r["failed"].items():
            for audit in audits:
                print(f"  {name} / {category}: {audit}")
    print(f"\nWritten to {OUT.relative_to(ROOT) / 'lighthouse.json'}")


if __name__ == "__main__":
    main()
