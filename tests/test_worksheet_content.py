"""The shipped worksheets say what the shared decisions promise.

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

#: The second set and the sections agreed for them (issue 12).
FINAL_SUPPORTS = {
    "time-out-plan": ["guides/maintaining-trust.md#take-a-break"],
    "gentle-start": ["guides/maintaining-trust.md#start-gently"],
    "after-a-fight": ["guides/maintaining-trust.md#after-the-fight"],
    "our-cycle": ["guides/maintaining-trust.md#your-cycle"],
    "transparency-agreement": ["guides/establishing-trust.md#transparency",
                               "guides/rebuilding-trust.md#healing-plan"],
    "triggers-and-reassurance": ["guides/rebuilding-trust.md#triggers"],
    "deciding-whether-to-try": ["guides/rebuilding-trust.md#deciding-whether-to-try"],
}
SECOND_SET = sorted(FINAL_SUPPORTS)
SUPPORTS.update(FINAL_SUPPORTS)

#: Worksheets whose fields changed since they shipped, and their version now.
CHANGED = {"boundaries-agreement": 2, "healing-plan": 2, "working-through-conflict": 2, "trust-self-check": 2}

#: What a privacy statement must never promise on a shared device.
FALSE_PRIVACY = re.compile(r"only you\b|nobody else|no one else|private to you|just for your eyes", re.IGNORECASE)

#: Where the self-check sends a reader whose answers are lowest in an area.
AREA_GUIDES = {
    "communication": "guides/establishing-trust.md#talk-openly",
    "honesty": "guides/establishing-trust.md#transparency",
    "reliability": "guides/establishing-trust.md#reliability",
    "boundaries": "guides/establishing-trust.md#set-boundaries",
    "repair": "guides/rebuilding-trust.md#it-is-possible",
    "intimacy": "guides/maintaining-trust.md#emotional-intimacy",
}

#: Prompts too vague to help anyone start writing.
GENERIC = re.compile(r"\b(your thoughts|thoughts here|anything else|other comments|notes?)\s*[:.?]?$"
                     r"|^how (do|did) you feel( about (it|this|that))?\s*[.?]?$",
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


def test_the_agreed_worksheets_ship_with_the_agreed_supports(worksheets) -> None:
    # Twenty worksheets (thirteen, then seven in the second set), each supporting one or two guide sections.
    assert len(SUPPORTS) == 20 and all(len(sections) in (1, 2) for sections in SUPPORTS.values())
    assert sorted(worksheets) == sorted(SUPPORTS)
    for wid, supports in SUPPORTS.items():
        assert list(worksheets[wid].supports) == supports, wid


def test_every_worksheet_starts_at_version_1_with_an_intro(worksheets) -> None:
    for worksheet in worksheets.values():
        assert worksheet.version == CHANGED.get(worksheet.id, 1), worksheet.id
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


def test_the_self_check_asks_about_the_partner_and_me_in_every_area(worksheets) -> None:
    check = worksheets["trust-self-check"]
    scored = [f for f in check.fields() if isinstance(f, Scale) and f.area]
    assert 15 <= len(scored) <= 20  # with the safety scales, the PDF stays under 100 KB
    for area in AREAS:
        partner = sum(f.area == area and f.about == "partner" for f in scored)
        me = sum(f.area == area and f.about == "me" for f in scored)
        assert partner >= 2 and me >= 1 and partner + me <= 5, (area, partner, me)
    for field in scored:
        assert (field.scale.min, field.scale.max) == (1, 5), field.id
        assert (field.scale.min_label, field.scale.max_label) == ("Not true", "Very true"), field.id
    assert check.scoring is not None
    assert {a: r.guide for a, r in check.scoring.areas.items()} == AREA_GUIDES


def test_the_self_check_asks_about_safety_apart_from_the_scores(worksheets) -> None:
    check = worksheets["trust-self-check"]
    safety = [f for f in check.fields() if isinstance(f, Scale) and f.safety]
    assert len(safety) >= 3
    assert all(f.area is None and f.worry_at == f.scale.min + 1 for f in safety), "any answer above Not true"
    labels = " ".join(f.label.lower() for f in safety)
    assert "afraid" in labels and "controls" in labels
    assert "not a validated test or a diagnosis" in " ".join(check.intro.split())


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
    # True for a shared phone: where the answers are, who can open them, how to lock or erase them.
    intro = " ".join(hurts.intro.lower().split())
    assert "anyone who uses this browser can open them" in intro
    assert "](../my-answers.md#lock)" in intro and "](../my-answers.md#erase)" in intro


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
        enclosing: dict[int, str] = {}  # heading level -> id: a link counts for every section it sits in
        for line in guide.read_text(encoding="utf-8").splitlines():
            heading = re.match(r"^(#{2,6})\s.*\{#([a-z0-9-]+)\}\s*$", line)
            if heading:
                level = len(heading[1])
                enclosing = {n: i for n, i in enclosing.items() if n < level} | {level: heading[2]}
            for wid in re.findall(r"\]\(\.\./worksheets/([a-z0-9-]+)\.md\)", line):
                found |= {(wid, f"guides/{guide.name}#{section}") for section in enclosing.values()}
    return found


def test_every_supported_guide_section_links_to_its_worksheet() -> None:
    # A link counts for its own section and every section around it.
    links = guide_links_to_worksheets()
    missing = [f"{section} has no link to ../worksheets/{wid}.md"
               for wid, sections in SUPPORTS.items() for section in sections
               if (wid, section) not in links]
    assert missing == []


def test_every_worksheet_has_a_plain_careful_note_for_therapists(worksheets) -> None:
    """Optional in the schema, required for what ships (issue 12): each note
    names when not to use the worksheet (abuse, threats, coercive control)
    and reads as plainly as the worksheet itself."""
    problems = []
    for wid, worksheet in sorted(worksheets.items()):
        note = worksheet.therapist
        if note is None:
            problems.append(f"worksheets/{wid}.yml: has no therapist block: add one at the end")
            continue
        if not all(word in note.avoid_when.lower() for word in ("abuse", "threats", "coercive control")):
            problems.append(f"worksheets/{wid}.yml: therapist.avoid_when: name abuse, threats and coercive control")
        text = "\n\n".join([note.purpose, note.use_when, note.avoid_when, note.time, *note.debrief])
        if (grade := readability.measure(text).grade) > readability.MAX_GRADE:
            problems.append(f"worksheets/{wid}.yml: therapist: reads at grade {grade}")
    assert problems == []
# -- issue 12: the second set ----------------------------------------------------


def test_generic_prompts_are_caught() -> None:
    for label in ("How do you feel?", "How did you feel about it?", "Any other comments?", "Notes"):
        assert GENERIC.search(label), label
    assert not GENERIC.search("Which feeling sits under the complaint, like tired, worried, lonely or hurt?")


@pytest.mark.parametrize("wid", SECOND_SET)
def test_every_written_answer_in_the_second_set_has_an_example(wid: str, worksheets) -> None:
    # Text prompts and tables: the help shows what an answer could look like.
    missing = [where for where, field in worksheets[wid].fields_with_paths()
               if field.type in ("short_text", "long_text", "rows") and ".columns[" not in where
               and not (field.help and re.search(r'For example|"[^"]+"', field.help))]
    assert missing == [], f"{wid}: help without an example at {missing}"


@pytest.mark.parametrize("wid", SECOND_SET)
def test_the_second_set_points_to_safety_and_never_promises_false_privacy(wid: str, worksheets) -> None:
    worksheet = worksheets[wid]
    assert "](../safety.md" in (worksheet.intro or ""), wid
    assert not FALSE_PRIVACY.search(reader_text(worksheet)), wid


def test_transparency_is_offered_for_a_time_and_checked_for_control(worksheets) -> None:
    sheet = worksheets["transparency-agreement"]
    assert "](../safety.md#controlling-behavior)" in sheet.intro
    assert "offered, not demanded" in sheet.intro
    fields = dict(sheet.answerable_fields())
    assert fields["offer-rows.offer-review"].type == fields["offer-rows.offer-end"].type == "date"
    assert fields["review-date"].type == fields["end-date"].type == "date"
    assert fields["offer-rows.freely"].type == "checkbox"
    assert "controlled" in fields["feels-controlled"].label
    assert [s.id for s in sheet.sections][-1] == "control-check"


def test_deciding_whether_to_try_says_truly_where_the_answers_live(worksheets) -> None:
    sheet = worksheets["deciding-whether-to-try"]
    assert sheet.who == "one-partner"
    intro = " ".join(sheet.intro.split())
    assert "saved in this browser on this device" in intro
    assert "Anyone who uses this browser can open them" in intro
    assert "](../my-answers.md#lock)" in intro and "](../my-answers.md#erase)" in intro
    assert "](../guides/getting-support.md#find-a-therapist)" in intro
    titles = [s.title for s in sheet.sections]
    assert {"Hopeful signs", "Warning signs", "What I need to see", "What I need for myself",
            "Who I can talk to"} <= set(titles)


def test_the_time_out_plan_asks_for_at_least_20_minutes(worksheets) -> None:
    sheet = worksheets["time-out-plan"]
    fields = dict(sheet.answerable_fields())
    minutes = [int(m) for o in fields["how-long"].options for m in re.findall(r"^(\d+) minutes", o.label)]
    assert minutes and min(minutes) >= 20
    assert "at least 20 minutes" in fields["how-long"].help
    assert {"break-signal", "break-rows", "who-restarts", "restart-words"} <= set(fields)


def test_each_partner_worksheets_that_end_together_say_so(worksheets) -> None:
    # who has no 'each, then together': the last section is done side by side, and the intro says how.
    for wid in ("after-a-fight", "working-through-conflict"):
        sheet = worksheets[wid]
        assert sheet.who == "each-partner"
        assert sheet.sections[-1].id == "together" and "side by side" in sheet.sections[-1].intro
        assert "side by side" in " ".join(sheet.intro.split())


def test_our_cycle_names_the_patterns_and_what_lies_underneath(worksheets) -> None:
    fields = dict(worksheets["our-cycle"].answerable_fields())
    assert {o.id for o in fields["pattern"].options} >= {"pursue-withdraw", "both-attack"}
    assert {"moves-rows.underneath", "instead-rows.instead", "call-it"} <= set(fields)


# -- issue 12: fixes to existing worksheets --------------------------------------


def test_boundaries_name_the_partners_and_keep_requests_apart(worksheets) -> None:
    fields = dict(worksheets["boundaries-agreement"].answerable_fields())
    assert "boundary-rows.whose" not in fields
    assert [o.id for o in fields["boundary-rows.whose-boundary"].options] == ["partner-a", "partner-b", "both"]
    assert fields["boundary-rows.boundary"].label == "What I will do"
    assert fields["boundary-rows.request"].label == "What I ask of my partner"


def test_the_healing_plan_cares_for_the_hurt_partner_and_dates_its_steps(worksheets) -> None:
    plan = worksheets["healing-plan"]
    text = reader_text(plan)
    assert "six months" not in text and "location" not in text.lower()
    assert "a year or more" in text
    assert "hurt-partner-care" in [s.id for s in plan.sections]
    columns = {c.id for c in dict(plan.answerable_fields())["step-rows"].columns}
    assert {"review-on", "ends-on"} <= columns


def test_a_conflict_may_be_managed_rather_than_solved(worksheets) -> None:
    fields = dict(worksheets["working-through-conflict"].answerable_fields())
    assert "one-that-keeps-coming-back-that-we-can-manage" in {o.id for o in fields["kind-of-problem"].options}
    assert "comes back" in fields["when-it-returns"].label


@pytest.mark.parametrize("wid", SECOND_SET)
def test_the_second_set_carries_a_therapist_note_naming_when_not_to_use_it(wid: str, worksheets) -> None:
    note = worksheets[wid].therapist
    assert note is not None, wid
    assert all(word in note.avoid_when.lower() for word in ("abuse", "threats", "coercive control")), wid
    text = "\n\n".join([note.purpose, note.use_when, note.avoid_when, note.time, *note.debrief])
    assert readability.measure(text).grade <= readability.MAX_GRADE, wid
