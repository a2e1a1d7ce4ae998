"""Where the PDFs live in the built site, and the links that offer them.

The addresses are public (therapists link to them), so they never change:

- ``worksheets/<id>/<id>-letter.pdf`` and ``worksheets/<id>/<id>-a4.pdf``
  beside each worksheet's page (``worksheets/<id>/``);
- ``worksheets/trust-workbook-letter.pdf`` and
  ``worksheets/trust-workbook-a4.pdf``, every worksheet in one file,
  offered on the Worksheets index.
"""

from __future__ import annotations

import posixpath

from workbook.pdf.markup import PAPER_NAMES

#: Where the Worksheets index offers the whole workbook.
MARKER = "<!-- workbook:pdf-workbook -->"
WORKBOOK = "trust-workbook"


def sheet_path(worksheet_id: str, paper: str) -> str:
    """The PDF's path in the site (and its src_uri): ``worksheets/x/x-a4.pdf``."""
    return f"worksheets/{worksheet_id}/{worksheet_id}-{paper}.pdf"


def workbook_path(paper: str) -> str:
    return f"worksheets/{WORKBOOK}-{paper}.pdf"


def size(n_bytes: int) -> str:
    """``48 KB`` (1 KB = 1,000 bytes, never shown as 0), ``1.2 MB`` from a million."""
    if n_bytes >= 1_000_000:
        return f"{n_bytes / 1_000_000:.1f} MB"
    return f"{max(1, round(n_bytes / 1000))} KB"


def _links(targets: dict[str, tuple[str, int]], here: str, what: str) -> str:
    """Markdown links from the page ``here`` (a src path) to each PDF."""
    base = posixpath.dirname(here)
    items = []
    for paper, (path, n_bytes) in targets.items():
        href = posixpath.relpath(path, base or ".")
        items.append(f'[PDF, {PAPER_NAMES[paper]}, {size(n_bytes)}]({href})'
                     f'{{ type="application/pdf" title="{what}, {PAPER_NAMES[paper]} paper" }}')
    return " · ".join(items)


def sheet_block(worksheet_id: str, title: str, sizes: dict[str, int], here: str) -> str:
    """The download line on a worksheet's page (Markdown with raw HTML around it)."""
    targets = {p: (sheet_path(worksheet_id, p), n) for p, n in sizes.items()}
    return (f'<p class="tw-pdf-downloads" markdown>Print it or fill it in any PDF reader: '
            f"{_links(targets, here, f'{title} as a fillable PDF')}</p>\n")


def workbook_block(sizes: dict[str, int], here: str) -> str:
    """The whole-workbook offer on the Worksheets index."""
    targets = {p: (workbook_path(p), n) for p, n in sizes.items()}
    return (f'<p class="tw-pdf-downloads tw-pdf-downloads--workbook" markdown>Every worksheet in one '
            f"file, with a contents page, to print or fill in on screen: "
            f"{_links(targets, here, 'The whole workbook as a fillable PDF')}</p>\n")


def before_form(markdown: str, block: str) -> str:
    """``block`` just above the worksheet's form (or, failing that, after its title)."""
    lines = markdown.split("\n")
    for start in ("<form", "# "):
        for i, line in enumerate(lines):
            if line.startswith(start):
                at = i if start == "<form" else i + 1
                return "\n".join([*lines[:at], block, *lines[at:]])
    return block + "\n" + markdown
