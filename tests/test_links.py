"""Links that never break: every line of tests/data/public_links.txt resolves
in the built site (through a redirect where a page moved), the list is well
formed and complete for the guides' and other linked pages' headings,
worksheets, checklist steps and the therapist pages, a lost or renamed heading
id is caught, and the ways to rename (an alias id, a redirect) really keep old
links and homework keys working."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from checks import site
from workbook import links

PUBLIC_LINKS = Path(__file__).parent / "data" / "public_links.txt"
THERAPIST_PAGES = ("for-therapists/", "homework/", "checklist/")
GUIDE_PAGES = tuple(f"guides/{path.stem}/" for path in sorted((site.ROOT / "docs" / "guides").glob("*.md")))
#: Pages besides the guides whose every heading is a public link.
LINKED_PAGES = ("safety/", "privacy/", "sources/")
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def read_links(path: Path = PUBLIC_LINKS) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _page(site_dir: Path, path: str) -> BeautifulSoup | None:
    html = site_dir / path / "index.html"
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser") if html.is_file() else None


def _redirect_target(soup: BeautifulSoup, path: str) -> str | None:
    """Where a redirect page (mkdocs-redirects) sends the browser, as a site path."""
    meta = soup.find("meta", attrs={"http-equiv": "refresh"})
    if meta is None:
        return None
    url = meta["content"].split("url=", 1)[1].strip()
    return urlparse(urljoin(f"http://site/{path}", url)).path.lstrip("/")


def unresolved(site_dir: Path, lines: Iterable[str]) -> list[str]:
    """Each link ("guides/x/#id") whose page (after at most 3 redirects) or
    element id is missing, with why. Each page is read once."""
    pages: dict[str, tuple[str, set[str] | None]] = {}  # asked path -> (final path, its ids)

    def resolve(path: str) -> tuple[str, set[str] | None]:
        if path not in pages:
            final, soup, hops = path, _page(site_dir, path), 0
            while soup is not None and hops < 3 and (target := _redirect_target(soup, final)) is not None:
                final, soup, hops = target, _page(site_dir, target), hops + 1
            pages[path] = (final, None if soup is None else {e["id"] for e in soup.find_all(id=True)})
        return pages[path]

    problems = []
    for line in lines:
        path, _, anchor = line.partition("#")
        final, ids = resolve(path)
        if ids is None:
            problems.append(f"{line}: no page at {final or '/'}")
        elif anchor and anchor not in ids:
            problems.append(f"{line}: no element with id '{anchor}' on {final or '/'}")
    return problems


def manifest(site_dir: Path) -> dict:
    return json.loads((site_dir / links.MANIFEST_PATH).read_text(encoding="utf-8"))


def test_the_link_list_is_well_formed() -> None:
    lines = read_links()
    assert len(lines) == len(set(lines)), "a link is listed twice"
    malformed = [line for line in lines if not line.partition("#")[0].endswith("/") or "#" not in line]
    assert malformed == [], "write each link as page path, '/', '#', id: guides/x/#some-id"


def test_every_public_link_resolves(built_site: Path) -> None:
    lines = read_links()
    assert len(lines) > 100
    assert unresolved(built_site, lines) == []


def test_the_link_check_reports_a_missing_page(built_site: Path) -> None:
    assert unresolved(built_site, ["guides/no-such-guide/#x"]) == [
        "guides/no-such-guide/#x: no page at guides/no-such-guide/"]


def test_every_guide_heading_is_a_listed_public_link(built_site: Path) -> None:
    listed = set(read_links())
    unlisted = []
    for page in GUIDE_PAGES + LINKED_PAGES:
        article = _page(built_site, page).select_one("article")
        for heading in article.find_all(HEADINGS):
            assert heading.get("id"), f"{page}: heading '{heading.get_text(strip=True)}' has no id"
            if f"{page}#{heading['id']}" not in listed:
                unlisted.append(f"{page}#{heading['id']}")
    assert unlisted == [], "add these to tests/data/public_links.txt"


def test_every_worksheet_step_and_therapist_heading_is_listed(built_site: Path) -> None:
    listed = set(read_links())
    expected = []
    for item in manifest(built_site)["items"]:
        if item["kind"] == "worksheet":
            expected.append(item["path"] + "#")
        elif item["kind"] == "step":
            expected.append("checklist/#" + item["key"].removeprefix("c:"))
    for page in THERAPIST_PAGES:
        article = _page(built_site, page).select_one("article")
        expected += [f"{page}#{h['id']}" for h in article.find_all(["h1", "h2"], id=True)
                     if not h.find_parent(class_="tw-checklist")]
    unlisted = [line for line in expected if line not in listed]
    assert unlisted == [], "add these lines to the end of tests/data/public_links.txt"


def test_every_guide_heading_in_the_list_is_also_a_homework_key(built_site: Path) -> None:
    keys = {item["key"] for item in manifest(built_site)["items"]}
    missing = []
    for line in read_links():
        match = re.fullmatch(r"guides/([a-z0-9-]+)/#([a-z0-9-]+)", line)
        if match and links.section_key(*match.groups()) not in keys:
            missing.append(line)
    assert missing == []


def build_copy(folder: Path, change, site_url: str = "http://127.0.0.1:8000/"):  # noqa: ANN001
    project = site.copy_project(folder / "project")
    change(project)
    out = folder / "site"
    site.build(out, project=project, site_url=site_url)
    return out


# Each planted change below touches links no other one touches, so several
# share one build of a copy; each test checks every link against exactly the
# breaks that were planted.

def _drop_ids(project: Path) -> None:
    """Sections no worksheet names (the worksheet loader itself stops the
    build when a named section's id goes missing): one id dropped, and one
    renamed without an alias."""
    for name, old, new in (("establishing-trust", " {#establishing-next}", ""),
                           ("rebuilding-trust", "{#professional-help}", "{#get-help}")):
        guide = project / "docs" / "guides" / f"{name}.md"
        text = guide.read_text(encoding="utf-8")
        assert old in text
        guide.write_text(text.replace(old, new), encoding="utf-8")


DROPPED = [
    "guides/establishing-trust/#establishing-next: no element with id 'establishing-next' "
    "on guides/establishing-trust/",
    "guides/rebuilding-trust/#professional-help: no element with id 'professional-help' "
    "on guides/rebuilding-trust/",
]


def _rename_with_alias(project: Path) -> None:
    guide = project / "docs/guides/establishing-trust.md"
    text = guide.read_text(encoding="utf-8")
    renamed = re.sub(r"^(## .*?) \{#transparency\}$",
                     r'<span id="transparency" class="tw-old-id"></span>\n\n\1 {#be-open}', text, flags=re.M)
    assert renamed != text
    guide.write_text(renamed, encoding="utf-8")


def _move_activities(project: Path, *, redirect: bool) -> None:
    (project / "docs/guides/activities.md").rename(project / "docs/guides/shared-activities.md")
    for path in [*project.joinpath("docs").rglob("*.md"), *project.joinpath("worksheets").glob("*.yml")]:
        text = path.read_text(encoding="utf-8")
        moved = re.sub(r"(?<![\w-])activities\.md", "shared-activities.md", text)
        if moved != text:
            path.write_text(moved, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("guides/activities.md", "guides/shared-activities.md")
    if redirect:
        text = text.replace("redirect_maps: {}",
                            "redirect_maps:\n        guides/activities.md: guides/shared-activities.md")
    config.write_text(text, encoding="utf-8")


def _moved(line: str) -> bool:
    return line.startswith("guides/activities/#")


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two ids dropped, one heading renamed keeping its old id as an alias,
    and the activities guide moved with no redirect: one build."""
    def change(project: Path) -> None:
        _drop_ids(project)
        _rename_with_alias(project)
        _move_activities(project, redirect=False)

    return build_copy(tmp_path_factory.mktemp("changed"), change)


OTHER_SITE_URL = "https://counselling.example.net/workbook/"


@pytest.fixture(scope="module")
def moved_with_redirect(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The activities guide moved behind a redirect, in a copy built for
    another site_url (which no link check depends on)."""
    return build_copy(tmp_path_factory.mktemp("redirected"),
                      lambda p: _move_activities(p, redirect=True), site_url=OTHER_SITE_URL)


def test_removing_or_renaming_a_heading_id_fails_the_check(changed: Path) -> None:
    broken = unresolved(changed, read_links())
    assert [line for line in broken if not _moved(line)] == DROPPED


def test_a_renamed_heading_that_keeps_its_old_id_as_an_alias_keeps_every_link(changed: Path) -> None:
    # Every link resolves but the ones broken on purpose in the same build.
    assert [line for line in unresolved(changed, read_links()) if not _moved(line) and line not in DROPPED] == []
    items = {item["key"]: item for item in manifest(changed)["items"]}
    old = items["s:establishing-trust/transparency"]
    assert old["alias_of"] == "s:establishing-trust/be-open"
    assert old["path"] == "guides/establishing-trust/#be-open"
    # The directory offers only the current id.
    directory = _page(changed, "for-therapists/").select_one("[data-link-directory]")
    assert directory.find("a", href="../guides/establishing-trust/#be-open") is not None
    assert directory.find("a", href="../guides/establishing-trust/#transparency") is None


def test_a_moved_page_without_a_redirect_breaks_its_links(changed: Path) -> None:
    broken = [line for line in unresolved(changed, read_links()) if line not in DROPPED]
    assert broken and all(_moved(line) for line in broken)


def test_a_moved_page_with_a_redirect_keeps_its_links(moved_with_redirect: Path) -> None:
    assert unresolved(moved_with_redirect, read_links()) == []
    assert _redirect_target(_page(moved_with_redirect, "guides/activities/"),
                            "guides/activities/") == "guides/shared-activities/"


def test_copied_links_use_the_configured_site_url(moved_with_redirect: Path) -> None:
    site_url = OTHER_SITE_URL
    data = manifest(moved_with_redirect)
    assert data["site_url"] == site_url
    buttons = _page(moved_with_redirect, "for-therapists/").select("[data-link-directory] button[data-copy]")
    assert buttons and all(b["data-copy"].startswith(site_url) for b in buttons)
    assert f"{site_url}guides/establishing-trust/#reliability" in {b["data-copy"] for b in buttons}


# Unit tests of the pure functions.

def test_aliases_belong_to_the_next_heading() -> None:
    html = ('<p><span id="old-a" class="tw-old-id"></span></p><h2 id="new-a">A</h2>'
            '<span id="older-b" class="tw-old-id"></span><span id="old-b" class="tw-old-id"></span>'
            '<h3 id="b">B</h3><span id="x">not an alias</span><h2 id="c">C</h2>')
    assert links.aliases(html) == {"old-a": "new-a", "older-b": "b", "old-b": "b"}


def test_full_url_joins_site_url_and_path() -> None:
    assert links.full_url("https://a.example/x", "guides/y/#z") == "https://a.example/x/guides/y/#z"
    assert links.full_url("https://a.example/", "") == "https://a.example/"


def test_the_directory_escapes_every_text() -> None:
    entry = links.Entry("w:x", "worksheet", 'A "<b>" & B', "", "worksheets/x/")
    out = links.directory_html([entry], "https://a.example/", lambda path: "../" + path)
    assert "<b>" not in out and "&lt;b&gt;" in out and "&quot;" in out


NOTE = {"purpose": "For <noticing> promises.", "use_when": "Early on.",
        "avoid_when": "Where there is abuse, threats or coercive control.",
        "time": "About 10 minutes.", "debrief": ["What did you notice?", "What was hard?"]}


def test_the_directory_shows_each_worksheets_note_collapsed_under_its_link() -> None:
    sheets = [links.WorksheetPage("a", "Sheet A", "worksheets/a/", therapist=links.therapist_note(NOTE)),
              links.WorksheetPage("b", "Sheet B", "worksheets/b/")]
    items = links.entries([], sheets, [])
    out = BeautifulSoup(links.directory_html(items, "https://a.example/", lambda p: "../" + p), "html.parser")
    first, second = out.select("li.tw-directory__item")
    note = first.select_one("details.tw-directory__note")
    assert note is not None and not note.has_attr("open")
    assert note.summary.get_text() == "Therapist note for Sheet A"  # unique for a screen reader
    assert [dd.get_text() for dd in note.select("dd")][:4] == [
        NOTE["purpose"], NOTE["use_when"], NOTE["avoid_when"], NOTE["time"]]
    assert [li.get_text() for li in note.select("dd li")] == NOTE["debrief"]
    assert second.select_one("details") is None
    assert "therapist" not in json.dumps(links.manifest(items, None)), "the manifest stays small"


def test_a_missing_or_broken_note_in_page_meta_is_no_note() -> None:
    assert links.therapist_note(None) is None
    assert links.therapist_note("text") is None
    assert links.therapist_note({**NOTE, "debrief": ["only one"]}) is None
    assert links.therapist_note(NOTE).debrief == NOTE["debrief"]
