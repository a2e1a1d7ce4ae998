"""The guides: finished content, stable action steps and anchors, reading
level, tags and the safety notes."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from checks import readability
from checks import site
from tests.test_build import built_path, nav_files
from workbook import steps

DOCS = site.ROOT / "docs"
GUIDES = sorted((DOCS / "guides").glob("*.md"))
PUBLIC_LINKS = Path(__file__).parent / "data" / "public_links.txt"
#: Pages besides the guides whose every heading is a public link.
LINKED_PAGES = ("safety/", "privacy/", "sources/")
TAGS = {"communication", "reliability", "boundaries", "expectations", "appreciation",
        "intimacy", "conflict", "repair", "rituals"}
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path.name} has no front matter"
    return yaml.safe_load(text.split("---\n", 2)[1]) or {}


def soup_of(built: Path) -> BeautifulSoup:
    return BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser")


def guide_url(path: Path) -> str:
    return f"guides/{path.stem}/"


# --- every page has content ---------------------------------------------------

def test_every_nav_page_has_a_title_and_some_text(built_site: Path) -> None:
    empty = []
    for md in nav_files():
        article = soup_of(built_path(built_site, md)).select_one("article")
        if article is None or article.find("h1") is None or len(article.get_text(" ", strip=True).split()) < 5:
            empty.append(md)
    assert empty == []


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.stem)
def test_no_guide_is_left_unwritten(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    assert "coming soon" not in text.lower()
    assert "TODO" not in text
    words = readability.measure(text).words
    assert 900 <= words <= 1800, f"{guide.name} has {words} words of prose; aim for 900 to 1,800"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.stem)
def test_every_guide_describes_itself(guide: Path) -> None:
    description = str(front_matter(guide).get("description", ""))
    assert len(description) >= 40 and not description.upper().startswith("TODO"), guide.name


# --- action steps -------------------------------------------------------------

def all_markdown() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def test_every_task_list_item_has_an_explicit_id() -> None:
    problems = []
    for path in all_markdown():
        _, found = steps.find_steps(path.read_text(encoding="utf-8"))
        problems += [f"{path.relative_to(DOCS)}:{p.line}: {p.message}" for p in found]
    assert problems == []


def site_steps() -> dict[Path, list[steps.Step]]:
    return {path: found for path in all_markdown()
            if (found := steps.find_steps(path.read_text(encoding="utf-8"))[0])}


def test_every_practice_in_the_guides_has_steps() -> None:
    found = site_steps()
    assert all(guide in found for guide in GUIDES)
    # Seven guides, each with several practices: well over forty steps.
    assert sum(len(found[guide]) for guide in GUIDES) >= 40


def test_step_ids_are_unique_across_the_site(built_site: Path) -> None:
    counts = Counter(step.id for found in site_steps().values() for step in found)
    assert [step_id for step_id, n in counts.items() if n > 1] == []
    # A step's id must not clash with any heading id either, so that one
    # page can gather every step (the checklist) and still link to each.
    heading_ids = {h["id"] for page in built_site.rglob("*.html")
                   for h in soup_of(page).find_all(HEADINGS) if h.get("id")}
    assert sorted(set(counts) & heading_ids) == []


def test_every_step_renders_as_a_checkbox_carrying_its_id(built_site: Path) -> None:
    missing = []
    for path, found in site_steps().items():
        soup = soup_of(built_path(built_site, path.relative_to(DOCS).as_posix()))
        for step in found:
            li = soup.select_one(f"li.tw-step#{step.id}")
            if li is None or li.select_one(f'input[type=checkbox][data-step="{step.id}"]') is None:
                missing.append(f"{path.relative_to(DOCS)}: {step.id}")
    assert missing == []


# --- public links ---------------------------------------------------------------

def read_links(path: Path = PUBLIC_LINKS) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def unresolved_links(site_dir: Path, links: Iterable[str]) -> list[str]:
    """Each link ("guides/x/#id") whose page or element id is missing, with why."""
    problems = []
    ids_by_page: dict[str, set[str]] = {}
    for link in links:
        page, _, anchor = link.partition("#")
        if page not in ids_by_page:
            html = site_dir / page / "index.html"
            ids_by_page[page] = ({e["id"] for e in soup_of(html).find_all(id=True)}
                                 if html.is_file() else set())
            if not html.is_file():
                problems.append(f"{link}: no page at {page or '/'}")
                continue
        if anchor and anchor not in ids_by_page[page]:
            problems.append(f"{link}: no element with id '{anchor}' on {page}")
    return problems


def test_the_link_list_is_well_formed() -> None:
    links = read_links()
    assert len(links) == len(set(links)), "a link is listed twice"
    malformed = [line for line in links if not line.partition("#")[0].endswith("/") or "#" not in line]
    assert malformed == [], "write each link as page path, '/', '#', id: guides/x/#some-id"


def test_every_public_link_resolves(built_site: Path) -> None:
    assert unresolved_links(built_site, read_links()) == []


def test_every_guide_heading_is_a_listed_public_link(built_site: Path) -> None:
    listed = set(read_links())
    pages = [guide_url(g) for g in GUIDES] + list(LINKED_PAGES)
    unlisted = []
    for page in pages:
        article = soup_of(built_site / page / "index.html").select_one("article")
        for heading in article.find_all(HEADINGS):
            assert heading.get("id"), f"{page}: heading '{heading.get_text(strip=True)}' has no id"
            if f"{page}#{heading['id']}" not in listed:
                unlisted.append(f"{page}#{heading['id']}")
    assert unlisted == [], "add these to tests/data/public_links.txt"


def test_removing_or_renaming_an_anchor_breaks_the_link_check(tmp_path: Path) -> None:
    project = site.copy_project(tmp_path / "project")
    guide = project / "docs" / "guides" / "rebuilding-trust.md"
    text = guide.read_text(encoding="utf-8")
    # Two sections no worksheet supports (the worksheet loader itself stops
    # the build when a supported section's id goes missing).
    assert "{#it-is-possible}" in text and "{#professional-help}" in text
    text = text.replace(" {#it-is-possible}", "").replace("{#professional-help}", "{#get-help}")
    guide.write_text(text, encoding="utf-8")
    site.build(tmp_path / "site", project=project)

    assert unresolved_links(tmp_path / "site", read_links()) == [
        "guides/rebuilding-trust/#it-is-possible: no element with id 'it-is-possible' on guides/rebuilding-trust/",
        "guides/rebuilding-trust/#professional-help: no element with id 'professional-help' on guides/rebuilding-trust/",
    ]


def test_the_link_check_reports_a_missing_page(built_site: Path) -> None:
    assert unresolved_links(built_site, ["guides/no-such-guide/#x"]) == [
        "guides/no-such-guide/#x: no page at guides/no-such-guide/"]


# --- reading level --------------------------------------------------------------

@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.stem)
def test_every_guide_reads_at_grade_8_or_below(guide: Path) -> None:
    reading = readability.measure(guide.read_text(encoding="utf-8"))
    assert reading.grade <= readability.MAX_GRADE, f"{guide.name}: grade {reading.grade}"


def test_the_readability_script_passes_and_lists_every_guide() -> None:
    result = subprocess.run([sys.executable, str(site.ROOT / "bench" / "readability.py")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    for guide in GUIDES:
        assert f"guides/{guide.name}" in result.stdout


def test_prose_strips_markdown_but_keeps_what_a_reader_reads() -> None:
    text = readability.prose(
        "---\ntitle: Hidden\n---\n"
        "# A heading {#an-id}\n\n"
        '!!! warning "Safety first"\n    Read [the Safety page](../safety.md) now.\n\n'
        "Some words<br> in <em>a</em> paragraph.\n\n"
        "```\ncode is not prose\n```\n\n"
        "- [ ] Do one thing {#do-one-thing}\n- A list item\n  that wraps\n\n"
        "| Left | Right |\n|---|---|\n| one | two |\n"
        "<!-- workbook:practice -->\n"
    )
    assert text.splitlines() == [
        "A heading.", "Safety first.", "Read the Safety page now.",
        "Some words in a paragraph.", "Do one thing.", "A list item that wraps.",
        "Left, Right.", "one, two.",
    ]


def test_the_grade_tells_plain_from_dense_writing() -> None:
    plain = readability.measure("You said you would call. You did. That helps me trust you.")
    dense = readability.measure(
        "Interpersonal reconciliation necessitates comprehensive acknowledgement of "
        "responsibility, demonstrable remorse, and sustained behavioural consistency "
        "throughout the subsequent relational rehabilitation.")
    assert plain.grade <= 4 < readability.MAX_GRADE < dense.grade
    assert (plain.words, dense.words) == (12, 18)


# --- tags -----------------------------------------------------------------------

@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.stem)
def test_every_guide_has_tags_from_the_list(guide: Path) -> None:
    tags = front_matter(guide).get("tags") or []
    assert tags, f"{guide.name} has no tags"
    assert set(tags) <= TAGS, f"{guide.name}: unknown tags {sorted(set(tags) - TAGS)}"


def test_the_tags_page_lists_every_guide_under_its_tags(built_site: Path) -> None:
    soup = soup_of(built_site / "tags" / "index.html")
    missing = []
    for guide in GUIDES:
        for tag in front_matter(guide)["tags"]:
            heading = soup.find(id=f"tag:{tag}")
            listing = heading.find_next("ul") if heading else None
            hrefs = {a["href"] for a in listing.find_all("a")} if listing else set()
            if f"../{guide_url(guide)}" not in hrefs:
                missing.append(f"{tag}: {guide.stem}")
    assert missing == []


# --- safety notes ---------------------------------------------------------------

def test_the_rebuilding_guide_opens_with_a_safety_note(built_site: Path) -> None:
    assert front_matter(DOCS / "guides" / "rebuilding-trust.md").get("quick_exit") is True
    article = soup_of(built_site / "guides" / "rebuilding-trust" / "index.html").select_one("article")
    h1 = article.find("h1")
    first = h1.find_next_sibling()
    assert first is not None and "admonition" in first.get("class", []), first
    assert {"warning", "danger"} & set(first["class"]), first["class"]
    assert "../../safety/" in {a["href"] for a in first.find_all("a")}


def test_the_home_page_has_the_one_line_safety_note(built_site: Path) -> None:
    article = soup_of(built_site / "index.html").select_one("article")
    note = article.select_one(".admonition")
    assert note is not None
    assert "safety/" in {a["href"] for a in note.find_all("a")}
    body = note.find_all("p")[1:]  # the first paragraph is the title
    assert len(body) == 1 and len(body[0].get_text().split()) <= 40


# --- worksheet links --------------------------------------------------------------

def worksheet_supports() -> list[tuple[str, str]]:
    """(worksheet id, "guides/x.md#section") for every section a worksheet supports."""
    pairs = []
    for path in sorted((site.ROOT / "worksheets").glob("*.yml")):
        definition = yaml.safe_load(path.read_text(encoding="utf-8"))
        pairs += [(definition["id"], target) for target in definition.get("supports", [])]
    return pairs


def section_links(soup: BeautifulSoup, anchor: str) -> set[str]:
    """The hrefs in the section that starts at heading ``anchor``, up to the
    next heading of the same or a higher level."""
    heading = soup.find(id=anchor)
    level = int(heading.name[1])
    hrefs = set()
    for element in heading.find_next_siblings():
        if element.name in HEADINGS and int(element.name[1]) <= level:
            break
        hrefs |= {a["href"] for a in element.find_all("a", href=True)}
    return hrefs


def test_worksheets_support_sections_of_the_guides() -> None:
    # Thirteen worksheets, each supporting one or two guide sections.
    assert len({worksheet for worksheet, _ in worksheet_supports()}) == 13


def test_every_supported_guide_section_links_to_its_worksheet(built_site: Path) -> None:
    missing = []
    for worksheet, target in worksheet_supports():
        page, _, anchor = target.partition("#")
        soup = soup_of(built_path(built_site, page))
        if f"../../worksheets/{worksheet}/" not in section_links(soup, anchor):
            missing.append(f"{target} does not link to worksheets/{worksheet}")
    assert missing == []
