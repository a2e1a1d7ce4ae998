"""Build time: the site against plain Material, and growth with worksheets.

    .venv/bin/python bench/build.py [--repeat 5] [--sizes 10 100 1000]

Prints two tables:

1. the wall time of a full strict ``mkdocs build`` of the site (PDFs from
   the cache; PDFs off; PDFs and the Markdown cache off, so every page is
   converted as MkDocs alone does) against the same Markdown built by plain MkDocs
   + Material (no plugin of ours, no overrides, no custom extension;
   bench/_site.py). The builds run in turn, round after round, and the
   ratio is the median of each round's ratio: on a shared machine the load
   changes between rounds more than within one. A second twin adds the
   worksheet pages the plugin generates, as Markdown files (the same pages
   as the site, so its ratio is what the plugin itself costs);
2. the time 10, 100 and 1,000 synthetic worksheet definitions add to a
   copy of the project (each round builds it without them, then with them),
   and the time per worksheet, so that growth can be seen to stay linear:
   with every page converted (a new worksheet's page is, once), and again
   with the Markdown cache warm (each build done twice, the second timed).

Beside each wall time is the CPU time the build used (user + system, with
its PDF workers): on a loaded machine it moves much less between runs.

Targets (issue 13): PDFs cached at most 1.3x plain, PDFs off at most 1.2x,
at most 10 ms per added worksheet at 1,000.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from _site import build as _timed_build
from _site import copy_project, plain_config, table

SYNTHETIC_PREFIX = "synthetic-"

#: CPU seconds (user + system, the build and its PDF workers) of every build, in order.
CPU: list[float] = []


def build(*args: object, **kwargs: object) -> float:
    """``_site.build`` (returns wall seconds), also noting the CPU seconds the
    build used in :data:`CPU`: on a shared, loaded machine CPU time shifts far
    less than wall time between runs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = _timed_build(*args, **kwargs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall


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


def same_pages_docs(project: Path, dest: Path) -> Path:
    """``project``'s docs plus every worksheet page's Markdown as the plugin generates it."""
    from workbook.worksheet import guide_sections, load_all, page  # noqa: PLC0415 (bench/_site.py puts ROOT on the path)

    shutil.copytree(project / "docs", dest)
    guides = guide_sections(project / "docs")
    for worksheet in load_all(project / "worksheets", project / "docs", guides=guides):
        (dest / page.src_uri(worksheet)).write_text(page.page_markdown(worksheet, guides), encoding="utf-8")
    return dest


def paired(repeat: int, *builds: Callable[[], float]) -> tuple[list[list[float]], list[list[float]]]:
    """Each build's wall and CPU times, run in turn ``repeat`` times, so that
    every round meets the same load on a shared machine."""
    times: list[list[float]] = [[] for _ in builds]
    cpu: list[list[float]] = [[] for _ in builds]
    for _ in range(repeat):
        for i, run in enumerate(builds):
            times[i].append(run())
            cpu[i].append(CPU[-1])
    return times, cpu


def median_ratio(times: list[float], base: list[float]) -> float:
    """The median over rounds of ``times[i] / base[i]``."""
    return statistics.median(t / b for t, b in zip(times, base, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="tw-bench-build-") as tmp:
        tmp = Path(tmp)
        project = copy_project(tmp / "project")
        dest = tmp / "site"
        config = plain_config(project, project / "docs", tmp / "plain.yml",
                              site_url="http://127.0.0.1:8000/")

        same_config = plain_config(project, same_pages_docs(project, tmp / "same-docs"), tmp / "same.yml",
                                   site_url="http://127.0.0.1:8000/")

        cold_pdfs = build(project, dest)  # renders every PDF the cache lacks
        cold_cpu = CPU[-1]
        (plain, warm, off, converted, same), (plain_cpu, warm_cpu, off_cpu, converted_cpu, same_cpu) = paired(
            args.repeat,
            lambda: build(project, tmp / "plain-site", config=config, strict=False),
            lambda: build(project, dest),
            lambda: build(project, dest, pdfs=False),
            lambda: build(project, dest, pdfs=False, markdown_cache=False),
            lambda: build(project, tmp / "same-site", config=same_config, strict=False))
        pages = len(list(dest.rglob("index.html")))
        plain_pages = len(list((tmp / "plain-site").rglob("index.html")))
        same_pages = len(list((tmp / "same-site").rglob("index.html")))
        median = statistics.median
        print(f"Full build, {args.repeat} rounds of plain / PDFs cached / PDFs off; "
              "ratio = median of each round's ratio to plain\n")
        print(table(["Build", "Pages", "Median wall time (s)", "Ratio to plain", "Median CPU time (s)",
                     "CPU ratio"], [
            ["Trust Workbook, PDFs rendered (PDF cache as found, one run)", pages, f"{cold_pdfs:.2f}",
             f"{cold_pdfs / median(plain):.2f}x", f"{cold_cpu:.2f}", f"{cold_cpu / median(plain_cpu):.2f}x"],
            ["Trust Workbook, PDFs from the cache", pages, f"{median(warm):.2f}",
             f"{median_ratio(warm, plain):.2f}x", f"{median(warm_cpu):.2f}", f"{median_ratio(warm_cpu, plain_cpu):.2f}x"],
            ["Trust Workbook, WORKBOOK_PDFS=off", pages, f"{median(off):.2f}", f"{median_ratio(off, plain):.2f}x",
             f"{median(off_cpu):.2f}", f"{median_ratio(off_cpu, plain_cpu):.2f}x"],
            ["Trust Workbook, PDFs off and WORKBOOK_MARKDOWN_CACHE=off (every page converted)", pages,
             f"{median(converted):.2f}", f"{median_ratio(converted, plain):.2f}x",
             f"{median(converted_cpu):.2f}", f"{median_ratio(converted_cpu, plain_cpu):.2f}x"],
            ["Same Markdown, plain MkDocs + Material", plain_pages, f"{median(plain):.2f}", "1.00x",
             f"{median(plain_cpu):.2f}", "1.00x"],
            ["Same Markdown and the generated worksheet pages, plain", same_pages, f"{median(same):.2f}",
             f"{median_ratio(same, plain):.2f}x", f"{median(same_cpu):.2f}", f"{median_ratio(same_cpu, plain_cpu):.2f}x"],
        ]))
        print(f"\nAgainst the same pages on plain Material (CPU ratio): PDFs cached "
              f"{median_ratio(warm_cpu, same_cpu):.2f}x, PDFs off {median_ratio(off_cpu, same_cpu):.2f}x")

        real = len(list((project / "worksheets").glob("*.yml")))
        rows = []
        for size in args.sizes:
            # Each round builds the copy with none added, then with ``size``
            # added, first converting every page (a new worksheet's page always
            # is converted once), then again with the Markdown cache warm.
            # A 1,000-worksheet round takes about a minute, so at most 3
            # (one round on this shared machine has ranged 9.5 to 17.7 ms).
            rounds = min(args.repeat, 3) if size >= 1000 else args.repeat
            added: list[float] = []
            added_cpu: list[float] = []
            added_warm_cpu: list[float] = []
            base_times: list[float] = []
            for _ in range(rounds):
                write_synthetic(project, 0)
                base_times.append(build(project, dest, pdfs=False, markdown_cache=False))
                base_cpu = CPU[-1]
                write_synthetic(project, size)
                elapsed = build(project, dest, pdfs=False, markdown_cache=False)
                added.append(elapsed - base_times[-1])
                added_cpu.append(CPU[-1] - base_cpu)
                warm = []
                for count in (0, size):  # each built once to fill the cache, then timed
                    write_synthetic(project, count)
                    build(project, dest, pdfs=False)
                    build(project, dest, pdfs=False)
                    warm.append(CPU[-1])
                added_warm_cpu.append(warm[1] - warm[0])
            built = len(list((dest / "worksheets").glob(f"{SYNTHETIC_PREFIX}*/index.html")))
            if built != size:
                raise SystemExit(f"expected {size} synthetic worksheet pages, found {built}")
            extra = median(added)
            rows.append([size, rounds, f"{median(base_times):.2f}", f"{median(base_times) + extra:.2f}",
                         f"{extra:.2f}", f"{extra / size * 1000:.1f}", f"{median(added_cpu) / size * 1000:.1f}",
                         f"{median(added_warm_cpu) / size * 1000:.1f}"])
        write_synthetic(project, 0)
        print(f"\nSynthetic worksheets added to the site's {real} (strict build, WORKBOOK_PDFS=off: "
              "bench/pdf.py times the PDFs); added time = median over rounds of (with - without), "
              "every page converted; the last column with the Markdown cache warm\n")
        print(table(["Added worksheets", "Rounds", "Without (s)", "With (s)", "Added time (s)",
                     "Per worksheet (ms)", "CPU per worksheet (ms)", "CPU, Markdown cached (ms)"], rows))


if __name__ == "__main__":
    main()
