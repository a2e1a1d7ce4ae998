"""What the benchmarks share: building the site (or a plain-Material twin of
it), serving a build on 127.0.0.1, and printing tables.

The plain twin is the same Markdown built by MkDocs and Material alone: no
plugin of ours, no theme overrides, no site CSS or JavaScript, no custom Markdown
extension, Material's fonts turned off (as the site has them) so neither
build asks another host for anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import yaml
from mkdocs.utils.yaml import get_yaml_loader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks.site import PROJECT_PARTS, Server, copy_project, free_port  # noqa: E402

__all__ = ["ROOT", "PROJECT_PARTS", "Server", "copy_project", "free_port", "build", "plain_config",
           "table", "PAGE_TYPES"]

#: The page types the weight and Lighthouse benchmarks measure.
PAGE_TYPES = {
    "home": "",
    "guide": "guides/rebuilding-trust/",
    "worksheet": "worksheets/promise-log/",
    "worksheets index": "worksheets/",
    "checklist": "checklist/",
    "my-answers": "my-answers/",
    "for-therapists": "for-therapists/",
    "homework": "homework/#v=1&i=w:promise-log,w:weekly-check-in&n=Before%20Tuesday",
}


def build(project: Path, dest: Path, *, config: Path | None = None, strict: bool = True,
          site_url: str = "http://127.0.0.1:8000/", pdfs: bool = True, markdown_cache: bool = True) -> float:
    """Builds ``project`` into ``dest`` and returns the wall time in seconds.

    ``pdfs=False`` sets ``WORKBOOK_PDFS=off`` (workbook/pdf/build.py): no PDF downloads.
    ``markdown_cache=False`` sets ``WORKBOOK_MARKDOWN_CACHE=off``
    (workbook/markdown_cache.py): every page's Markdown converted, as MkDocs alone does.
    """
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1",
           "WORKBOOK_PDFS": "on" if pdfs else "off"}
    if not markdown_cache:
        env["WORKBOOK_MARKDOWN_CACHE"] = "off"
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(dest)]
    if strict:
        cmd.append("--strict")
    if config is not None:
        cmd += ["-f", str(config)]
    if dest.exists():
        shutil.rmtree(dest)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build of {project} failed:\n{result.stderr}")
    return elapsed


def plain_config(project: Path, docs: Path, dest: Path, *, site_url: str, nav: bool = False) -> Path:
    """Writes ``dest`` (an mkdocs.yml): the project's Markdown under plain Material.

    ``nav=True`` keeps the site's own navigation (``docs`` must then be the
    project's docs): Material's script does more on a page whose navigation
    has sixteen entries in tabs and sections than on a one-page site.
    """
    with (project / "mkdocs.yml").open(encoding="utf-8") as f:
        real = yaml.load(f, Loader=get_yaml_loader())  # noqa: S506 (MkDocs' own loader)
    extensions = []
    for entry in real.get("markdown_extensions", []):
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        if not name.startswith("workbook."):
            extensions.append(entry)
    theme = {key: real["theme"][key] for key in ("name", "language", "font", "palette", "features")
             if key in real["theme"]}
    plain = {
        "site_name": real["site_name"],
        "site_description": real.get("site_description", ""),
        "site_url": site_url,
        "docs_dir": str(docs),
        "theme": theme,
        "markdown_extensions": extensions,
        "plugins": ["search"],
    }
    if nav:
        plain["nav"] = real["nav"]
    dest.write_text(yaml.safe_dump(plain, sort_keys=False), encoding="utf-8")
    return dest


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table (it reads fine in a terminal and pastes into the README)."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.rjust(w) if i else c.ljust(w)
                                 for i, (c, w) in enumerate(zip(row, widths))) + " |"

    rule = "|" + "|".join("-" * (w + 1) + (":" if i else "-") for i, w in enumerate(widths)) + "|"
    return "\n".join([line(cells[0]), rule] + [line(row) for row in cells[1:]])
