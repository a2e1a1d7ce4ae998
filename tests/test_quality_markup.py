"""Accessible names that axe does not catch on a loaded page (Lighthouse
does, or a screen reader user would): the search dialog, the progress bar
and every heading permalink, checked in the built HTML of every page."""

from __future__ import annotations

from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from tests import quality


def render(text: str) -> BeautifulSoup:
    html = markdown.markdown(text, extensions=["attr_list", "toc", "workbook.permalinks"],
                             extension_configs={"toc": {"permalink": True,
                                                        "permalink_title": "Link to this section"}})
    return BeautifulSoup(html, "html.parser")


def test_a_permalink_is_named_after_its_heading() -> None:
    soup = render("## Offer a *sincere* apology {#sincere-apology}\n\nText.")
    link = soup.select_one("h2 a.headerlink")
    assert link["aria-label"] == "Link to this section: Offer a sincere apology"
    assert link["href"] == "#sincere-apology"


def test_a_heading_made_of_markup_only_keeps_the_toc_title() -> None:
    soup = render("## `code` and **bold** {#mixed}")
    assert soup.select_one("a.headerlink")["aria-label"] == "Link to this section: code and bold"


def pages(built: Path) -> list[tuple[str, BeautifulSoup]]:
    found = []
    for path in quality.site_pages(built):
        file = built / (path if path.endswith(".html") else f"{path}index.html")
        found.append((path or "/", BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")))
    return found


def test_every_dialog_progressbar_and_permalink_has_a_name(built_site: Path) -> None:
    problems = []
    permalinks = 0
    for path, soup in pages(built_site):
        for element in soup.select('[role="dialog"], [role="progressbar"]'):
            if not (element.get("aria-label") or element.get("aria-labelledby")):
                problems.append(f"{path}: unnamed {element['role']} {element.get('class')}")
        for link in soup.select("a.headerlink"):
            permalinks += 1
            heading = " ".join(link.parent.get_text(" ").replace("¶", "").split())
            if link.get("aria-label") != f"Link to this section: {heading}":
                problems.append(f"{path}: permalink {link.get('href')} is named {link.get('aria-label')!r}")
    assert permalinks > 50
    assert not problems, "\n".join(problems)
