"""How much the PDFs cost a build, and how big each one is.

    .venv/bin/python bench/pdf.py

Builds the site (strict) three times into temporary folders, with a
temporary PDF cache so your own ``.cache/pdf`` is left alone:

1. without PDFs (``WORKBOOK_PDFS=off``);
2. with PDFs and an empty cache (cold: every PDF renders, as on CI);
3. with PDFs and the cache from run 2 (warm: what ``mkdocs serve`` sees
   when no worksheet changed).

Then prints every PDF's size, in bytes and KB, and flags any worksheet PDF
over the 100 KB budget (exit status 1 if there is one).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 100_000


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(dest: Path, **env: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds (the build and its render workers) of one build."""
    started, cpu = time.perf_counter(), _cpu()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)],
                   cwd=ROOT, check=True, capture_output=True, text=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **env})
    return time.perf_counter() - started, _cpu() - cpu


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        cache = str(tmp_path / "cache")
        times = {
            "without PDFs": build(tmp_path / "off", WORKBOOK_PDFS="off"),
            "with PDFs, cold cache": build(tmp_path / "cold", WORKBOOK_PDFS="on", WORKBOOK_PDF_CACHE=cache),
            "with PDFs, warm cache": build(tmp_path / "warm", WORKBOOK_PDFS="on", WORKBOOK_PDF_CACHE=cache),
        }
        print(f"Full build time ({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}):")
        for what, (seconds, cpu) in times.items():
            print(f"  {what:24} {seconds:6.1f} s wall {cpu:6.1f} s CPU")
        over = []
        print("\nPDF sizes:")
        for pdf in sorted((tmp_path / "warm").rglob("*.pdf")):
            n = pdf.stat().st_size
            whole = pdf.name.startswith("trust-workbook-")
            flag = "" if whole or n <= LIMIT else "  OVER 100 KB"
            if flag:
                over.append(pdf.name)
            print(f"  {pdf.relative_to(tmp_path / 'warm').as_posix():58} {n:8d} bytes {n / 1000:7.1f} KB{flag}")
        cold = sorted(p.relative_to(tmp_path / "cold") for p in (tmp_path / "cold").rglob("*.pdf"))
        warm = sorted(p.relative_to(tmp_path / "warm") for p in (tmp_path / "warm").rglob("*.pdf"))
        same = cold == warm and all((tmp_path / "cold" / p).read_bytes() == (tmp_path / "warm" / p).read_bytes()
                                    for p in cold)
        print(f"\nCold and warm builds produced identical PDFs: {'yes' if same else 'NO'}")
    return 1 if over or not same else 0


if __name__ == "__main__":
    sys.exit(main())
