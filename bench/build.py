"""Build time: the site against plain Material, and growth with worksheets.

    .venv/bin/python bench/build.py [--repeat 3] [--sizes 10 100 1000]

Prints two tables:

1. the wall time of a full strict ``mkdocs build`` of the site, of the same
   Markdown built by plain MkDocs + Material (no hooks, no overrides, no
   custom extension; bench/_site.py), and their ratio (median of --repeat
   runs each);
2. the build time with 10, 100 and 1,000 synthetic worksheet definitions
   added to a copy of the project, and the time each worksheet adds over
   the copy with none added, so that growth can be seen to stay linear.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

import yaml

from _site import ROOT, build, copy_project, plain_config, table

SYNTHETIC_PREFIX = "synthetic-"


def synthetic_worksheet(n: int) -> dict:
    """A valid worksheet definition (the format in the shared decisions) using every field type."""
    wid = f"{SYNTHETIC_PREFIX}{n:04d}"
    return {
        "id": wid,
        "title": f"Synthetic worksheet {n}",
        "summary": "A generated worksheet that exists only to time the build.",
        "time": 10,
        "who": "together",
        "version": 1,
        "tags": ["reliability"],
        "supports": ["guides/establishing-trust.md#reliability"],
        "intro": "Generated for **bench/build.py**.",
        "sections": [
            {"id": "first", "title": "First part", "fields": [
                {"id": "note", "type": "long_text", "label": "What happened this week?",
                 "help": "A sentence or two."},
                {"id": "title-line", "type": "short_text", "label": "Give it a name."},
                {"id": "when", "type": "date", "label": "When did you talk?"},
                {"id": "sure", "type": "scale", "label": "How sure do you feel?",
                 "scale": {"min": 1, "max": 5, "min_label": "Not at all", "max_label": "Completely"}},
            ]},
            {"id": "second", "title": "Second part", "fields": [
                {"id": "mood", "type": "single_choice", "label": "How did it go?",
                 "options": ["Well", "Mixed", "Badly"]},
                {"id": "topics", "type": "multiple_choice", "label": "Which areas came up?",
                 "options": ["Time", "Money", "Family"]},
                {"id": "agreed", "type": "checkbox", "label": "We agreed on a next step."},
                {"id": "rows", "type": "rows", "label": "Promises made", "columns": [
                    {"id": "what", "type": "short_text", "label": "What was promised"},
                    {"id": "kept", "type": "single_choice", "label": "Kept?",
                     "options": ["Yes", "Not yet", "No"]},
                ]},
            ]},
        ],
    }


def write_synthetic(project: Path, count: int) -> None:
    folder = project / "worksheets"
    folder.mkdir(exist_ok=True)
    for old in folder.glob(f"{SYNTHETIC_PREFIX}*.yml"):
        old.unlink()
    for n in range(1, count + 1):
        data = synthetic_worksheet(n)
        (folder / f"{data['id']}.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def median_build(project: Path, dest: Path, repeat: int, **kwargs: object) -> float:
    return statistics.median(build(project, dest, **kwargs) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="tw-bench-build-") as tmp:
        tmp = Path(tmp)
        project = copy_project(tmp / "project")
        dest = tmp / "site"

        cold_pdfs = build(project, dest)  # renders every PDF into the copy's empty cache
        site_time = median_build(project, dest, args.repeat)
        no_pdfs = median_build(project, dest, args.repeat, pdfs=False)
        pages = len(list(dest.rglob("index.html")))
        config = plain_config(project, project / "docs", tmp / "plain.yml",
                              site_url="http://127.0.0.1:8000/")
        plain_time = median_build(project, tmp / "plain-site", args.repeat, config=config, strict=False)
        plain_pages = len(list((tmp / "plain-site").rglob("index.html")))
        print(f"Full build, median of {args.repeat} (seconds)\n")
        print(table(["Build", "Pages", "Wall time (s)", "Ratio to plain"], [
            ["Trust Workbook, PDFs rendered (empty PDF cache, one run)", pages, f"{cold_pdfs:.2f}",
             f"{cold_pdfs / plain_time:.2f}x"],
            ["Trust Workbook, PDFs from the cache", pages, f"{site_time:.2f}", f"{site_time / plain_time:.2f}x"],
            ["Trust Workbook, WORKBOOK_PDFS=off", pages, f"{no_pdfs:.2f}", f"{no_pdfs / plain_time:.2f}x"],
            ["Same Markdown, plain MkDocs + Material", plain_pages, f"{plain_time:.2f}", "1.00x"],
        ]))

        if not (ROOT / "hooks" / "worksheets.py").exists():
            print("\nhooks/worksheets.py is not there yet: worksheet definitions are not built.")
            return
        real = len(list((project / "worksheets").glob("*.yml")))
        write_synthetic(project, 0)
        base = median_build(project, dest, args.repeat, pdfs=False)
        rows = [[f"0 (the site's {real})", f"{base:.2f}", "", ""]]
        for size in args.sizes:
            write_synthetic(project, size)
            elapsed = median_build(project, dest, 1 if size >= 1000 else args.repeat, pdfs=False)
            built = len(list((dest / "worksheets").glob(f"{SYNTHETIC_PREFIX}*/index.html")))
            if built != size:
                raise SystemExit(f"expected {size} synthetic worksheet pages, found {built}")
            extra = elapsed - base
            rows.append([size, f"{elapsed:.2f}", f"{extra:.2f}", f"{extra / size * 1000:.1f}"])
        print("\nSynthetic worksheets added to the site (strict build, WORKBOOK_PDFS=off: "
              "bench/pdf.py times the PDFs)\n")
        print(table(["Added worksheets", "Build (s)", "Added time (s)", "Per worksheet (ms)"], rows))


if __name__ == "__main__":
    main()
