"""The checklist index: exactly the guides' steps, grouped and linked back,
and a build that stops on a step with no id or a duplicate id."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from checks import site
from tests.fixture_project import FIXTURE_GUIDE
from workbook import checklist, steps

GUIDE_ORDER = ["why-trust-matters", "common-challenges", "establishing-trust", "maintaining-trust",
               "rebuilding-trust", "activities", "getting-support"]


def soup_of(site_dir: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / path / "index.html").read_text(), "html.parser")


def guide_step_ids(site_dir: Path) -> list[str]:
    """Every step box on the built guide pages, in the guides' order."""
    ids = []
    for guide in GUIDE_ORDER:
        ids += [box["data-step"] for box in soup_of(site_dir, f"guides/{guide}/").select("input[data-step]")]
    return ids


def index_step_ids(site_dir: Path) -> list[str]:
    return [box["data-step"] for box in soup_of(site_dir, "checklist/").select("article input[data-step]")]


def assert_links_land(site_dir: Path) -> int:
    """Each link from the index to a guide lands on an element with its id."""
    page_url = "http://site/checklist/"
    checked = 0
    ids: dict[str, set[str]] = {}  # each guide page parsed once
    for a in soup_of(site_dir, "checklist/").select(".tw-checklist a[href]"):
        if a.get("class") == ["headerlink"]:
            continue
        target = urlparse(urljoin(page_url, a["href"]))
        path = target.path.lstrip("/")
        assert (site_dir / path / "index.html").is_file(), a["href"]
        if target.fragment:
            if path not in ids:
                ids[path] = {element["id"] for element in soup_of(site_dir, path).find_all(id=True)}
            assert target.fragment in ids[path], f"{a['href']}: no element with id {target.fragment!r}"
        checked += 1
    return checked


def test_the_index_holds_exactly_the_guides_steps_in_order(built_site: Path) -> None:
    assert index_step_ids(built_site) == guide_step_ids(built_site)


def test_the_index_matches_the_guides_source(fixture_project: Path, fixture_site: Path) -> None:
    # Read from the same snapshot that was built: the guides change under a live tree.
    expected = []
    for guide in [*GUIDE_ORDER, "fixture"]:
        found, problems = steps.find_steps((fixture_project / f"docs/guides/{guide}.md").read_text())
        assert problems == []
        expected += [s.id for s in found]
    assert index_step_ids(fixture_site) == expected
    count = soup_of(fixture_site, "checklist/").select_one('[data-progress="overall"] progress')
    assert count["max"] == str(len(expected))


def test_every_index_link_lands_on_its_target_id(built_site: Path) -> None:
    steps_count = len(index_step_ids(built_site))
    if steps_count:
        assert assert_links_land(built_site) >= steps_count


def test_a_new_guide_step_reaches_the_index_with_no_other_change(fixture_site: Path) -> None:
    ids = index_step_ids(fixture_site)
    assert ids[-4:] == ["fixture-first", "fixture-say", "fixture-ask", "fixture-listen"]
    assert "fixture-code" not in ids
    assert ids == guide_step_ids(fixture_site) + ["fixture-first", "fixture-say", "fixture-ask",
                                                  "fixture-listen"]
    assert assert_links_land(fixture_site) >= 4


def test_steps_are_grouped_by_guide_and_nearest_section(fixture_site: Path) -> None:
    soup = soup_of(fixture_site, "checklist/")
    guide = soup.select_one('[data-checklist-guide="fixture"]')
    # The guide is named as in the navigation.
    assert guide.find("h2").get_text(strip=True).startswith("Fixture")
    sections = [(h3.a["href"], [b["data-step"] for b in h3.find_next_sibling("ul").select("input")])
                for h3 in guide.select("h3.tw-checklist__section")]
    assert sections == [
        ("../guides/fixture/#fixture-guide", ["fixture-first"]),
        ("../guides/fixture/#fixture-talk", ["fixture-say", "fixture-ask"]),
        ("../guides/fixture/#a-deeper-part", ["fixture-listen"]),
    ]
    step = guide.find(id="fixture-say")
    assert step.label.em.get_text() == "today"
    assert step.select_one("a.tw-checklist__goto")["href"] == "../guides/fixture/#fixture-say"
    # A link written for the guide page is reduced to its text in the index.
    assert guide.find(id="fixture-ask").label.find("a") is None
    assert guide.select_one("progress")["max"] == "4"


def test_the_index_page_lists_each_guide_in_its_table_of_contents(fixture_site: Path) -> None:
    toc = soup_of(fixture_site, "checklist/").select_one(".md-sidebar--secondary")
    assert toc.find("a", href="#fixture") is not None


def build_with_guide(tmp_path: Path, name: str, text: str) -> str:
    project = site.copy_project(tmp_path / "project")
    (project / f"docs/guides/{name}.md").write_text(text)
    result = site.build(tmp_path / "out", project=project, check=False)
    assert result.returncode != 0, "the build should have failed"
    return result.stderr


def test_a_step_without_an_id_fails_the_build_with_file_line_and_fix(tmp_path: Path) -> None:
    stderr = build_with_guide(tmp_path, "extra", "# Extra\n\nText.\n\n- [ ] Forgot the id.\n")
    assert "docs/guides/extra.md:5: this task-list item has no id" in stderr
    assert "{#short-id}" in stderr
    assert "Traceback" not in stderr


def test_a_duplicate_step_id_across_guides_fails_the_build(tmp_path: Path) -> None:
    stderr = build_with_guide(tmp_path, "extra", "# Extra\n\n- [ ] One. {#dup-one}\n\n## Later\n\n"
                                                  "- [ ] Two. {#dup-one}\n")
    assert re.search(r"docs/guides/extra\.md:7: the step id 'dup-one' is already used at "
                     r"docs/guides/extra\.md:3", stderr), stderr
    assert "Traceback" not in stderr


# Unit tests of the pure functions.

def test_collect_files_steps_under_the_nearest_heading() -> None:
    source = checklist.Source("docs/guides/g.md", "guides/g/", "G", FIXTURE_GUIDE)
    (guide,) = checklist.collect([source])
    assert [(s.id, s.title, [st.id for st in s.steps]) for s in guide.sections] == [
        ("fixture-guide", "Fixture guide", ["fixture-first"]),
        ("fixture-talk", "Talk openly", ["fixture-say", "fixture-ask"]),
        ("a-deeper-part", "A deeper part", ["fixture-listen"]),
    ]
    assert checklist.total([guide]) == 4


def test_a_step_before_any_heading_belongs_to_the_page() -> None:
    source = checklist.Source("docs/guides/g.md", "guides/g/", "G", "- [ ] Early. {#early}\n")
    (guide,) = checklist.collect([source])
    assert [(s.id, s.title) for s in guide.sections] == [("", "G")]


def test_problems_name_every_duplicate_and_missing_id() -> None:
    a = checklist.Source("docs/guides/a.md", "guides/a/", "A", "- [ ] x {#same}\n- [ ] no id\n")
    b = checklist.Source("docs/guides/b.md", "guides/b/", "B", "# B\n- [ ] y {#same}\n")
    found = checklist.problems([a, b])
    assert len(found) == 2
    assert found[0].startswith("docs/guides/a.md:2: this task-list item has no id")
    assert found[1].startswith("docs/guides/b.md:2: the step id 'same' is already used at docs/guides/a.md:1")


def test_step_text_is_escaped_in_the_index() -> None:
    source = checklist.Source("docs/guides/g.md", "guides/g/", 'G <b>"', "- [ ] Try `<script>` & more. {#s}\n")
    out = checklist.index_markdown(checklist.collect([source]), lambda url, anchor: f"../{url}#{anchor}")
    assert "<script>" not in out
    assert "&lt;script&gt;" in out


def _converted(text: str) -> tuple[str, str]:
    """inline_html and plain_text the slow way: always through Markdown."""
    from workbook.markdown_source import to_html
    inline = re.sub(r"^<p>|</p>$", "", to_html(text, ("abbr", "pymdownx.keys")).strip())
    parser = checklist._TextOnly()
    parser.feed(to_html(text))
    parser.close()
    return re.sub(r"</?a\b[^>]*>", "", inline), " ".join("".join(parser.parts).split())


@pytest.mark.parametrize("text", [
    "Plan a date night.", "Say \u201csorry\u201d \u2014 then wait.", "It's 50% done: good (mostly)!",
    "1. Plan", "Plan *now*", "Press ++ctrl+alt++", "a & b", "snake_case", "- x", "# x", "x  y",
    "Use the [log](../worksheets/promise-log.md).", "HTML <b>bold</b>", "Trailing space ",
])
def test_step_text_is_shown_as_markdown_would_show_it(text: str) -> None:
    # Plain text skips Markdown (it took most of the checklist's build time);
    # anything Markdown could change must still go through it.
    assert (checklist.inline_html(text), checklist.plain_text(text)) == _converted(text)


def test_every_step_and_heading_of_the_guides_is_shown_as_markdown_would_show_it() -> None:
    texts = []
    for path in sorted((site.ROOT / "docs" / "guides").glob("*.md")):
        markdown = path.read_text(encoding="utf-8")
        texts += [step.text for step in steps.find_steps(markdown)[0]]
        texts += [heading[2] for heading in checklist.headings(markdown)]
    assert len(texts) > 100
    for text in texts:
        assert (checklist.inline_html(text), checklist.plain_text(text)) == _converted(text), text
