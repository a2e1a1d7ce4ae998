"""Accessible names that axe does not catch on a loaded page (Lighthouse
does, or a screen reader user would): the search dialog, the progress bar
and every heading permalink, checked in the built HTML of every page."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from checks import quality
from workbook.permalinks import name_permalinks


def test_a_permalink_is_named_after_its_heading() -> None:
    html = ('<h2 id="sincere-apology">Offer a <em>sincere</em> apology<a class="headerlink" '
            'href="#sincere-apology" title="Link to this section">&para;</a></h2>')
    link = BeautifulSoup(name_permalinks(html), "html.parser").select_one("a.headerlink")
    assert link["aria-label"] == "Link to this section: Offer a sincere apology"
    assert link["href"] == "#sincere-apology"


def test_raw_html_and_entities_in_a_heading_become_plain_words() -> None:
    # As Material's tags plugin writes its listing headings, and a heading with a link in it.
    html = ('<h2 id="tag:x">\n<span class="md-tag">care &amp; "time"</span><a class="headerlink" '
            'href="#tag:x" title="Link to this section">&para;</a></h2>\n'
            '<h3 id="raw">See <a href="../x/">the guide</a><a class="headerlink" href="#raw" '
            'title="Link to this section">&para;</a></h3>')
    named = name_permalinks(html)
    links = BeautifulSoup(named, "html.parser").select("a.headerlink")
    assert [a["aria-label"] for a in links] == ['Link to this section: care & "time"',
                                                "Link to this section: See the guide"]
    assert name_permalinks(named) == named  # naming twice changes nothing


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
