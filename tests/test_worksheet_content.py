"""The thirteen shipped worksheets say what the shared decisions promise.

The schema tests check that a definition is well formed; these check the
content itself: the agreed ids and the guide sections each one supports,
the Trust self-check's scored areas and where each area points, a reading
level a general reader handles easily, and the safety pointers on the
worksheets that touch painful ground.
"""

from __future__ import annotations

import re

import pytest

from checks import readability
from checks import site
from workbook.worksheet.load import load_all
from workbook.worksheet.schema import AREAS, Rows, Scale, Worksheet

SHIPPED = site.ROOT / "worksheets"
DOCS = site.ROOT / "docs"

#: Worksheet id -> the guide sections it supports (the shared decisions).
SUPPORTS = {
    "trust-self-check": ["guides/why-trust-matters.md#what-trust-is"],
    "expectations-map": ["guides/common-challenges.md#different-expectations",
                         "guides/establishing-trust.md#manage-expectations"],
    "promise-log": ["guides/establishing-trust.md#reliability"],
    "boundaries-agreement": ["guides/establishing-trust.md#set-boundaries",
                             "guides/rebuilding-trust.md#new-boundaries"],
    "weekly-check-in": ["guides/maintaining-trust.md#keep-talking",
                        "guides/maintaining-trust.md#check-ins"],
    "appreciation-log": ["guides/maintaining-trust.md#appreciation"],
    "active-listening": ["guides/activities.md#active-listening"],
    "working-through-conflict": ["guides/maintaining-trust.md#conflict",
                                 "guides/maintaining-trust.md#empathy"],
    "responsibility-and-apology": ["guides/rebuilding-trust.md#take-responsibility",
                                   "guides/rebuilding-trust.md#sincere-apology"],
    "healing-plan": ["guides/rebuilding-trust.md#healing-plan"],
    "life-stories": ["guides/activities.md#personal-stories"],
    "rituals-and-challenges": ["guides/activities.md#new-challenges",
                               "guides/activities.md#rituals"],
    "past-hurts": ["guides/common-challenges.md#past-betrayals"],
}

#: Where the self-check sends a reader whose answers are lowest in an area.
AREA_GUIDES = {
    "communication": "guides/establishing-trust.md#talk-openly",
    "reliability": "guides/establishing-trust.md#reliability",
    "boundaries": "guides/establishing-trust.md#set-boundaries",
    "repair": "guides/maintaining-trust.md#conflict",
    "intimacy": "guides/maintaining-trust.md#emotional-intimacy",
}

#: Prompts too vague to help anyone start writing.
GENERIC = re.compile(r"\b(your thoughts|thoughts here|anything else|other comments|notes?)\s*[:.?]?$",
                     re.IGNORECASE)


@pytest.fixture(scope="module")
def worksheets() -> dict[str, Worksheet]:
    return {w.id: w for w in load_all(SHIPPED, DOCS)}


def reader_text(worksheet: Worksheet) -> str:
    """Everything a reader reads on the page, as Markdown paragraphs."""
    parts = [worksheet.summary, worksheet.intro or ""]
    for section in worksheet.sections:
        parts += [section.title, section.intro or ""]
        for field in section.fields:
            for one in [field, *(field.columns if isinstance(field, Rows) else [])]:
                parts += [one.label, one.help or ""]
    return "\n\n".join(p for p in parts if p)


def test_the_thirteen_agreed_worksheets_ship_with_the_agreed_supports(worksheets) -> None:
    assert sorted(worksheets) == sorted(SUPPORTS)
    for wid, supports in SUPPORTS.items():
        assert list(worksheets[wid].supports) == supports, wid


def test_every_worksheet_starts_at_version_1_with_an_intro(worksheets) -> None:
    for worksheet in worksheets.values():
        assert worksheet.version == 1, worksheet.id
        assert worksheet.intro and len(worksheet.intro.split()) >= 30, worksheet.id


@pytest.mark.parametrize("wid", sorted(SUPPORTS))
def test_every_worksheet_reads_at_grade_8_or_below(wid: str, worksheets) -> None:
    reading = readability.measure(reader_text(worksheets[wid]))
    assert reading.grade <= readability.MAX_GRADE, f"{wid}: grade {reading.grade}"
    assert reading.words >= 120, f"{wid}: only {reading.words} words"


def test_no_prompt_is_a_generic_placeholder(worksheets) -> None:
    vague = [f"{w.id}: {where}: {field.label!r}"
             for w in worksheets.values() for where, field in w.fields_with_paths()
             if GENERIC.search(field.label)]
    assert vague == []


def test_the_self_check_scores_every_area_with_three_or_four_statements(worksheets) -> None:
    check = worksheets["trust-self-check"]
    scored = [f for f in check.fields() if isinstance(f, Scale) and f.area]
    assert 15 <= len(scored) <= 20
    per_area = {area: sum(f.area == area for f in scored) for area in AREAS}
    assert all(3 <= n <= 4 for n in per_area.values()), per_area
    for field in scored:
        assert (field.scale.min, field.scale.max) == (1, 5), field.id
        assert (field.scale.min_label, field.scale.max_label) == ("Not true", "Very true"), field.id
    assert check.scoring is not None
    assert {a: r.guide for a, r in check.scoring.areas.items()} == AREA_GUIDES


def test_the_self_check_guide_titles_match_the_headings_they_link_to(worksheets) -> None:
    check = worksheets["trust-self-check"]
    for area, result in check.scoring.areas.items():
        page, anchor = result.guide.split("#")
        text = (DOCS / page).read_text(encoding="utf-8")
        assert re.search(rf"^## {re.escape(result.guide_title)} \{{#{anchor}\}}", text, re.MULTILINE), area


@pytest.mark.parametrize("wid", ["trust-self-check", "past-hurts", "boundaries-agreement"])
def test_worksheets_on_sensitive_ground_point_to_the_safety_page(wid: str, worksheets) -> None:
    assert "](../safety.md)" in (worksheets[wid].intro or "")


def test_past_hurts_is_private_and_points_to_support(worksheets) -> None:
    hurts = worksheets["past-hurts"]
    assert hurts.who == "one-partner"
    assert "](../guides/getting-support.md#find-a-therapist)" in hurts.intro
    assert "nobody else sees" in hurts.intro.lower()


def test_the_apology_worksheet_is_for_the_partner_who_broke_trust(worksheets) -> None:
    apology = worksheets["responsibility-and-apology"]
    assert apology.who == "one-partner"
    ids = {i for i, _ in apology.answerable_fields()}
    assert {"what-i-did", "impact-on-partner", "impact-on-us", "what-i-own",
            "change-rows", "apology-draft"} <= ids


def guide_links_to_worksheets() -> set[tuple[str, str]]:
    """``(worksheet id, "guides/x.md#section")`` for every worksheet link in a guide."""
    found = set()
    for guide in sorted((DOCS / "guides").glob("*.md")):
        section = None
        for line in guide.read_text(encoding="utf-8").splitlines():
            heading = re.match(r"^##\s.*\{#([a-z0-9-]+)\}\s*$", line)
            if heading:
                section = heading[1]
            for wid in re.findall(r"\]\(\.\./worksheets/([a-z0-9-]+)\.md\)", line):
                found.add((wid, f"guides/{guide.name}#{section}"))
    return found


def test_every_supported_guide_section_links_to_its_worksheet() -> None:
    links = guide_links_to_worksheets()
    missing = [f"{section} has no link to ../worksheets/{wid}.md"
               for wid, sections in SUPPORTS.items() for section in sections
               if (wid, section) not in links]
    assert missing == []
