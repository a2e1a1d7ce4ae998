"""Worksheet definitions: every shipped one validates, and each kind of
mistake stops with one readable line naming the file, the place and the fix."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest
import yaml

from checks import site
from workbook.worksheet import WorksheetError, load_all
from workbook.worksheet.schema import Rows, Scale

DOCS = site.ROOT / "docs"
SHIPPED = site.ROOT / "worksheets"
TEST_DEFINITIONS = Path(__file__).parent / "data" / "worksheets"

VALID = {
    "id": "sample",
    "title": "Sample",
    "summary": "A small worksheet for the tests.",
    "time": 10,
    "who": "together",
    "version": 1,
    "tags": ["reliability"],
    "supports": ["guides/establishing-trust.md#reliability"],
    "sections": [
        {"id": "first", "title": "First", "fields": [
            {"id": "promise", "type": "short_text", "label": "What was promised?"},
            {"id": "sure", "type": "scale", "label": "How sure?",
             "scale": {"min": 1, "max": 5, "min_label": "Not at all", "max_label": "Completely"}},
            {"id": "kept", "type": "single_choice", "label": "Kept?", "options": ["Yes", "No"]},
            {"id": "log", "type": "rows", "label": "Log", "columns": [
                {"id": "what", "type": "short_text", "label": "What"}]},
        ]},
    ],
}


THERAPIST = {
    "purpose": "Helps a couple notice promises and how they were kept.",
    "use_when": "Early in work on reliability.",
    "avoid_when": "Where there is abuse, threats or coercive control.",
    "time": "About 10 minutes a week; 10 minutes to debrief.",
    "debrief": ["What did you notice?", "What surprised you?"],
}


def with_therapist(change) -> str:  # noqa: ANN001
    """The valid base with a therapist block, changed by ``change(block)``."""
    def apply(data: dict) -> None:
        data["therapist"] = copy.deepcopy(THERAPIST)
        change(data["therapist"])
    return changed(apply)


def load_one(tmp_path: Path, text: str, name: str = "sample") -> list:
    folder = tmp_path / "worksheets"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yml").write_text(text)
    return load_all(folder, DOCS)


def changed(change) -> str:  # noqa: ANN001
    data = copy.deepcopy(VALID)
    change(data)
    return yaml.safe_dump(data, sort_keys=False)


def field(data: dict, index: int = 0) -> dict:
    return data["sections"][0]["fields"][index]


RELIABILITY = {"areas": {"reliability": {"label": "Reliability", "guide": "guides/establishing-trust.md#reliability",
                                         "guide_title": "Keeping your word"}}}
SCORED = {"id": "scored", "type": "scale", "label": "Scored", "area": "reliability",
          "scale": {"min": 1, "max": 5, "min_label": "Not true", "max_label": "Very true"}}

# (what is wrong, the definition's text, the line the author must see)
BROKEN = [
    ("missing id", changed(lambda d: d.pop("id")),
     "worksheets/sample.yml: id: is missing: add it"),
    ("unknown field type", changed(lambda d: field(d).update(type="textarea")),
     "worksheets/sample.yml: sections[0].fields[0].type: is 'textarea', which is not allowed: "
     "use one of 'short_text', 'long_text', 'rows', 'scale', 'single_choice', 'multiple_choice', 'checkbox', 'date'"),
    ("field without a type", changed(lambda d: field(d).pop("type")),
     "worksheets/sample.yml: sections[0].fields[0].type: is missing: add it"),
    ("duplicate field id", changed(lambda d: field(d, 2).update(id="promise")),
     "worksheets/sample.yml: sections[0].fields[2].id: 'promise' is already used by sections[0].fields[0]: ids must be unique"),
    ("column id clashing with a field id", changed(lambda d: field(d, 3)["columns"][0].update(id="kept")),
     "worksheets/sample.yml: sections[0].fields[3].columns[0].id: 'kept' is already used by sections[0].fields[2]"),
    ("scale without a range", changed(lambda d: field(d, 1).pop("scale")),
     "worksheets/sample.yml: sections[0].fields[1].scale: is missing: add it"),
    ("scale with min above max", changed(lambda d: field(d, 1)["scale"].update(min=5, max=1)),
     "worksheets/sample.yml: sections[0].fields[1].scale: min (5) must be smaller than max (1)"),
    ("scale missing its max", changed(lambda d: field(d, 1)["scale"].pop("max")),
     "worksheets/sample.yml: sections[0].fields[1].scale.max: is missing: add it"),
    ("supports anchor that does not exist", changed(lambda d: d.update(supports=["guides/establishing-trust.md#no-such-part"])),
     "worksheets/sample.yml: supports[0]: guides/establishing-trust.md has no heading with the id 'no-such-part': use one of"),
    ("supports page that does not exist", changed(lambda d: d.update(supports=["guides/nowhere.md#reliability"])),
     "worksheets/sample.yml: supports[0]: 'guides/nowhere.md' is not a guide page: use one of"),
    ("supports without an anchor", changed(lambda d: d.update(supports=["guides/establishing-trust.md"])),
     "worksheets/sample.yml: supports[0]: is 'guides/establishing-trust.md': write the guide's file and a heading's id, like 'guides/establishing-trust.md#reliability'"),
    ("a string where a list belongs", changed(lambda d: d.update(tags="reliability")),
     "worksheets/sample.yml: tags: must be a list (lines starting with '- ') (got 'reliability')"),
    ("a list where a mapping belongs", changed(lambda d: d["sections"].__setitem__(0, ["first"])),
     "worksheets/sample.yml: sections[0]: must be a mapping (key: value lines)"),
    ("text where a number belongs", changed(lambda d: d.update(time="ten minutes")),
     "worksheets/sample.yml: time: must be a whole number (got 'ten minutes')"),
    ("true where a number belongs", changed(lambda d: d.update(version=True)),
     "worksheets/sample.yml: version: must be a whole number (got True)"),
    ("a list as a field's type", changed(lambda d: field(d).update(type=["short_text"])),
     "worksheets/sample.yml: sections[0].fields[0].type: is ['short_text'], which is not allowed"),
    ("an id left blank", changed(lambda d: field(d).update(id="  ")),
     "worksheets/sample.yml: sections[0].fields[0].id: must not be empty (got '  ')"),
    ("time out of range", changed(lambda d: d.update(time=600)),
     "worksheets/sample.yml: time: is 600: input should be less than or equal to 120"),
    ("bad YAML syntax", "id: sample\ntitle: [Sample\nsummary: x\n",
     "worksheets/sample.yml: line 3, column"),
    ("bad indentation", "id: sample\n  title: Sample\n",
     "worksheets/sample.yml: line 2, column 8: mapping values are not allowed here"),
    ("a key given twice", "id: sample\ntitle: A\ntitle: B\n",
     "worksheets/sample.yml: line 3, column 1: the key 'title' appears twice (first on line 2)"),
    ("an empty file", "",
     "worksheets/sample.yml: (top level): is empty: a worksheet is a mapping"),
    ("unknown tag", changed(lambda d: d.update(tags=["honesty"])),
     "worksheets/sample.yml: tags[0]: is 'honesty', which is not allowed: use one of 'communication'"),
    ("id not matching the file name", changed(lambda d: d.update(id="other")),
     "worksheets/sample.yml: id: is 'other' but the file is named 'sample'"),
    ("rows without columns", changed(lambda d: field(d, 3).update(columns=[])),
     "worksheets/sample.yml: sections[0].fields[3].columns: must not be empty"),
    ("rows with seven columns", changed(lambda d: field(d, 3).update(
        columns=[{"id": f"c{i}", "type": "short_text", "label": "C"} for i in range(7)])),
     "worksheets/sample.yml: sections[0].fields[3].columns: has 7 items, more than the 6 allowed: remove some"),
    ("a scale as a rows column", changed(lambda d: field(d, 3)["columns"][0].update(
        type="scale", scale={"min": 1, "max": 3, "min_label": "a", "max_label": "b"})),
     "worksheets/sample.yml: sections[0].fields[3].columns[0].type: is 'scale', which is not allowed: "
     "use one of 'short_text', 'long_text', 'single_choice', 'checkbox', 'date'"),
    ("choice with one option", changed(lambda d: field(d, 2).update(options=["Yes"])),
     "worksheets/sample.yml: sections[0].fields[2].options: has 1 option(s): a choice needs at least 2"),
    ("choice with the same option twice", changed(lambda d: field(d, 2).update(options=["Yes", "yes!"])),
     "worksheets/sample.yml: sections[0].fields[2].options: option id(s) 'yes' appear more than once"),
    ("unquoted Yes read as true", changed(lambda d: field(d, 2).update(options=[True, False])),
     "worksheets/sample.yml: sections[0].fields[2].options: options[0] is True, not text"),
    ("unknown key", changed(lambda d: field(d).update(placeholder="Type here")),
     "worksheets/sample.yml: sections[0].fields[0].placeholder: is not a field here: check its spelling, or remove it"),
    ("renamed_from clashing with a current id", changed(lambda d: field(d).update(renamed_from="kept")),
     "worksheets/sample.yml: sections[0].fields[0].renamed_from: 'kept' is a current id (sections[0].fields[2])"),
    ("bad who", changed(lambda d: d.update(who="both")),
     "worksheets/sample.yml: who: is 'both', which is not allowed: use one of 'one-partner', 'each-partner' or 'together'"),
    ("bad id spelling", changed(lambda d: field(d).update(id="My_Field")),
     "worksheets/sample.yml: sections[0].fields[0].id: is 'My_Field': use lowercase letters and digits, words joined by single hyphens, like 'what-i-need'"),
    ("label read as a boolean", changed(lambda d: field(d).update(label=False)),
     "worksheets/sample.yml: sections[0].fields[0].label: must be text (got False"),
    ("empty sections", changed(lambda d: d.update(sections=[])),
     "worksheets/sample.yml: sections: must not be empty"),
    ("duplicate section id", changed(lambda d: d["sections"].append(
        {"id": "first", "title": "Again", "fields": [{"id": "again", "type": "checkbox", "label": "Again"}]})),
     "worksheets/sample.yml: sections[1].id: 'first' is already used by sections[0]: ids must be unique"),
    ("area on a scale without scoring", changed(lambda d: field(d, 1).update(area="reliability")),
     "worksheets/sample.yml: scoring: is missing: scales with an area need a scoring block"),
    ("unknown area", changed(lambda d: field(d, 1).update(area="money")),
     "worksheets/sample.yml: sections[0].fields[1].area: is 'money', which is not allowed: use one of 'communication'"),
    ("scoring area with a bad guide anchor", changed(lambda d: (field(d, 1).update(area="reliability"), d.update(scoring={
        "areas": {"reliability": {"label": "Reliability", "guide": "guides/establishing-trust.md#nope",
                                  "guide_title": "Keeping your word"}}}))),
     "worksheets/sample.yml: scoring.areas.reliability.guide: guides/establishing-trust.md has no heading with the id 'nope'"),
    ("scored area missing from scoring", changed(lambda d: (field(d, 1).update(area="repair"), d.update(scoring={
        "areas": {"reliability": {"label": "Reliability", "guide": "guides/establishing-trust.md#reliability",
                                  "guide_title": "Keeping your word"}}}))),
     "worksheets/sample.yml: sections[0].fields[1].area: 'repair' has no entry under scoring.areas: add one"),
    # A choice, scale or table is a group named by its label: two alike cannot be told apart.
    ("two groups with the same name", changed(lambda d: d["sections"].append(
        {"id": "second", "title": "Second round", "fields": [
            {"id": "kept-again", "type": "multiple_choice", "label": "kept?", "options": ["A", "B"]}]})),
     "worksheets/sample.yml: sections[1].fields[0].label: 'kept?' is already the label of sections[0].fields[2]: "
     "a question with choices, a scale or a table needs a name of its own"),
    ("therapist block missing its purpose", with_therapist(lambda t: t.pop("purpose")),
     "worksheets/sample.yml: therapist.purpose: is missing: add it"),
    ("therapist block missing its avoid_when", with_therapist(lambda t: t.pop("avoid_when")),
     "worksheets/sample.yml: therapist.avoid_when: is missing: add it"),
    ("therapist block with an unknown key", with_therapist(lambda t: t.update(contraindications="Abuse")),
     "worksheets/sample.yml: therapist.contraindications: is not a field here: check its spelling, or remove it"),
    ("therapist debrief with one question", with_therapist(lambda t: t.update(debrief=["Only one?"])),
     "worksheets/sample.yml: therapist.debrief: has 1 question(s): give 2 or 3 questions for the next session"),
    ("therapist debrief with four questions", with_therapist(lambda t: t.update(debrief=["A?", "B?", "C?", "D?"])),
     "worksheets/sample.yml: therapist.debrief: has 4 question(s): give 2 or 3"),
    ("therapist debrief as one string", with_therapist(lambda t: t.update(debrief="What did you notice?")),
     "worksheets/sample.yml: therapist.debrief: must be a list (lines starting with '- ')"),
    ("therapist debrief with an empty question", with_therapist(lambda t: t.update(debrief=["A?", ""])),
     "worksheets/sample.yml: therapist.debrief[1]: must not be empty"),
    ("therapist time as a bare number", with_therapist(lambda t: t.update(time=15)),
     "worksheets/sample.yml: therapist.time: is 15, a number: write it out in words"),
    ("therapist purpose left empty", with_therapist(lambda t: t.update(purpose="  ")),
     "worksheets/sample.yml: therapist.purpose: must not be empty"),
    ("therapist block as text", changed(lambda d: d.update(therapist="For couples who argue.")),
     "worksheets/sample.yml: therapist: must be a mapping (key: value lines)"),
    ("therapist block left empty", "therapist:\n" + changed(lambda d: None),
     "worksheets/sample.yml: therapist: is empty: fill in purpose, use_when, avoid_when, time and debrief"),
    ("about on a scale without an area", changed(lambda d: field(d, 1).update(about="me")),
     "worksheets/sample.yml: sections[0].fields[1].about: only a scored question (one with an area) says whom it is about"),
    ("about that is neither partner nor me", changed(lambda d: (field(d, 1).update(area="reliability", about="us"),
                                                               d.update(scoring=RELIABILITY))),
     "worksheets/sample.yml: sections[0].fields[1].about: is 'us', which is not allowed: use one of 'partner' or 'me'"),
    ("an area asked only about me", changed(lambda d: (field(d, 1).update(area="reliability", about="me"),
                                                        d.update(scoring=RELIABILITY))),
     "worksheets/sample.yml: scoring.areas.reliability: every question is about: me: the suggestion rests on "
     "what the reader experiences of their partner, so add one about: partner"),
    ("a safety question without worry_at", changed(lambda d: (field(d, 1).update(safety=True), d.update(scoring=RELIABILITY),
                                                               d["sections"][0]["fields"].append(SCORED))),
     "worksheets/sample.yml: sections[0].fields[1].worry_at: is missing: a safety question needs worry_at"),
    ("worry_at outside the scale", changed(lambda d: (field(d, 1).update(safety=True, worry_at=6),
                                                       d.update(scoring=RELIABILITY), d["sections"][0]["fields"].append(SCORED))),
     "worksheets/sample.yml: sections[0].fields[1].worry_at: is 6, outside the scale: choose a number from 2 to 5"),
    ("worry_at without safety", changed(lambda d: field(d, 1).update(worry_at=2)),
     "worksheets/sample.yml: sections[0].fields[1].worry_at: only a safety question has one: add safety: true"),
    ("a safety question that is also scored", changed(lambda d: (field(d, 1).update(safety=True, worry_at=2, area="reliability"),
                                                                  d.update(scoring=RELIABILITY))),
     "worksheets/sample.yml: sections[0].fields[1].area: a safety question never counts towards a score: remove area"),
    ("a safety question without results to show its pointer", changed(lambda d: field(d, 1).update(safety=True, worry_at=2)),
     "worksheets/sample.yml: sections[0].fields[1].safety: the pointer to the Safety page shows with the results: "
     "add a scoring block"),
]


@pytest.mark.parametrize(("what", "text", "expected"), BROKEN, ids=[case[0] for case in BROKEN])
def test_a_broken_definition_fails_with_a_readable_line(tmp_path: Path, what: str, text: str, expected: str) -> None:
    with pytest.raises(WorksheetError) as caught:
        load_one(tmp_path, text)
    message = str(caught.value)
    assert expected in message, f"{what}:\n{message}"
    assert "Traceback" not in message and "pydantic" not in message.lower()
    for line in caught.value.problems:
        assert line.startswith("worksheets/sample.yml: "), line
        assert "\n" not in line


def _damaged(definition: dict, rng: random.Random) -> dict:
    """``definition`` with one to three values removed, added or replaced by odd ones."""
    odd = [None, 0, -1, 200, 1.5, True, "", "  ", "Bad Id", [], ["a"], {}, {"a": 1}, "guides/x.md#y"]
    data = copy.deepcopy(definition)
    for _ in range(rng.randint(1, 3)):
        places: list[tuple] = []
        stack: list[tuple] = [(data, ())]
        while stack:
            node, path = stack.pop()
            items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
            for key, value in items:
                places.append((node, key))
                stack.append((value, (*path, key)))
        node, key = rng.choice(places)
        choice = rng.random()
        if choice < 0.25 and isinstance(node, dict):
            del node[key]
        elif choice < 0.35 and isinstance(node, dict):
            node["unexpected"] = "value"
        else:
            node[key] = copy.deepcopy(rng.choice(odd))
    return data


def test_a_damaged_definition_never_crashes_and_each_line_names_the_file() -> None:
    # 300 random kinds of damage to the shipped definitions: each either still
    # validates or fails with WorksheetError lines that say where (no traceback).
    from workbook.worksheet.load import guide_sections, validate
    guides = guide_sections(DOCS)
    shipped = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(SHIPPED.glob("*.yml"))]
    rng = random.Random(13)
    failed = 0
    for _ in range(300):
        data = _damaged(rng.choice(shipped), rng)
        try:
            validate(data, "worksheets/x.yml", guides=guides)
        except WorksheetError as error:
            failed += 1
            assert error.problems
            for line in error.problems:
                assert line.startswith("worksheets/x.yml: ") and "\n" not in line, line
    assert failed > 200  # most damage is caught


def test_the_broken_table_is_big_enough() -> None:
    assert len(BROKEN) >= 15


def test_the_valid_base_is_valid(tmp_path: Path) -> None:
    (worksheet,) = load_one(tmp_path, changed(lambda d: None))
    assert worksheet.id == "sample"
    assert [o.id for o in worksheet.sections[0].fields[2].options] == ["yes", "no"]


def test_only_groups_need_names_of_their_own(tmp_path: Path) -> None:
    # Text boxes have their own label element, and a table's columns are not groups.
    def twice(d: dict) -> None:
        field(d)["label"] = "Log"
        d["sections"].append({"id": "second", "title": "Second", "fields": [
            {"id": "promise-again", "type": "short_text", "label": "What was promised?"}]})
    (worksheet,) = load_one(tmp_path, changed(twice))
    assert worksheet.problems() == []


def test_a_therapist_block_is_optional_and_read_when_present(tmp_path: Path) -> None:
    (without,) = load_one(tmp_path, changed(lambda d: None))
    assert without.therapist is None
    (worksheet,) = load_one(tmp_path, with_therapist(lambda t: t.update(debrief=["A?", "B?", "C?"])))
    assert worksheet.therapist is not None
    assert worksheet.therapist.avoid_when == "Where there is abuse, threats or coercive control."
    assert worksheet.therapist.debrief == ["A?", "B?", "C?"]


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "worksheets"
    folder.mkdir()
    (folder / "a.yml").write_text(changed(lambda d: d.update(id="a", who="both", time=0)))
    (folder / "b.yml").write_text(changed(lambda d: d.update(id="b", tags=["nope"])))
    with pytest.raises(WorksheetError) as caught:
        load_all(folder, DOCS)
    sources = [line.split(":", 1)[0] for line in caught.value.problems]
    assert sources.count("worksheets/a.yml") == 2 and sources.count("worksheets/b.yml") == 1


def test_duplicate_worksheet_ids_across_files_fail(tmp_path: Path) -> None:
    folder = tmp_path / "worksheets"
    folder.mkdir()
    (folder / "sample.yml").write_text(changed(lambda d: None))
    (folder / "sample.yaml").write_text(changed(lambda d: None))
    with pytest.raises(WorksheetError, match=r"worksheets/sample.yml: id: 'sample' is already the id of worksheets/sample.yaml"):
        load_all(folder, DOCS)


def test_every_shipped_definition_validates() -> None:
    worksheets = load_all(SHIPPED, DOCS)
    assert len({w.id for w in worksheets}) == len(worksheets)
    for worksheet in worksheets:
        assert (SHIPPED / f"{worksheet.id}.yml").is_file()


def test_the_test_definitions_validate_and_cover_every_field_type() -> None:
    worksheets = load_all(TEST_DEFINITIONS, DOCS)
    types = {f.type for w in worksheets for _, f in w.answerable_fields()}
    assert types == {"short_text", "long_text", "rows", "scale", "single_choice",
                     "multiple_choice", "checkbox", "date"}


def test_answerable_fields_include_rows_columns() -> None:
    (worksheet,) = [w for w in load_all(TEST_DEFINITIONS, DOCS) if w.id == "every-field"]
    ids = [i for i, _ in worksheet.answerable_fields()]
    assert ids[:3] == ["name", "story", "when"]
    assert "promises" in ids and "promises.what" in ids and "promises.talked" in ids
    rows = next(f for _, f in worksheet.answerable_fields() if isinstance(f, Rows))
    assert [c.id for c in rows.columns] == ["what", "due", "result", "note", "talked"]
    assert not any(isinstance(f, Scale) and f.area for _, f in worksheet.answerable_fields())


def test_supports_may_name_an_old_heading_id_kept_as_an_alias(tmp_path: Path) -> None:
    from workbook.worksheet import guide_sections
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "g.md").write_text(
        '# G {#g}\n\n<span id="old" class="tw-old-id"></span>\n\n## Be open {#be-open}\n\n'
        '```\n<span id="in-code" class="tw-old-id"></span>\n```\n\n## Next {#next}\n', encoding="utf-8")
    sections = guide_sections(tmp_path).sections
    assert sections["guides/g.md#old"] == sections["guides/g.md#be-open"] == "Be open"
    assert "guides/g.md#in-code" not in sections and "guides/g.md#next" in sections
def test_a_scored_worksheet_with_safety_questions_is_valid(tmp_path: Path) -> None:
    def scored(d: dict) -> None:
        field(d, 1).update(safety=True, worry_at=2)
        d["sections"][0]["fields"].append({**SCORED, "about": "me"})
        d["sections"][0]["fields"].append({**SCORED, "id": "scored-too", "label": "Scored too"})  # about: partner by default
        d.update(scoring=RELIABILITY)
    (worksheet,) = load_one(tmp_path, changed(scored))
    assert [f.about for f in worksheet.fields() if isinstance(f, Scale) and f.area] == ["me", None]


def test_the_self_check_as_it_shipped_at_version_1_still_builds() -> None:
    """Practices' own copies keep older scored definitions: scales without
    ``about`` still build, counting as what the reader experiences of the partner."""
    from workbook.worksheet.load import guide_sections, parse_yaml, validate

    source = TEST_DEFINITIONS.parent / "trust-self-check-v1.yml"
    worksheet = validate(parse_yaml(source.read_text(encoding="utf-8"), source.name), source.name,
                         guides=guide_sections(DOCS))
    assert worksheet.version == 1 and worksheet.scoring is not None


def test_guide_sections_from_texts_already_read_match_the_files() -> None:
    # The plugin reads each guide once and passes the texts; the result must
    # be what reading docs/guides/*.md gives, pages in subfolders left out.
    from workbook.worksheet.load import guide_sections
    texts = {f"guides/{p.name}": p.read_text(encoding="utf-8") for p in (DOCS / "guides").glob("*.md")}
    assert guide_sections(DOCS, texts) == guide_sections(DOCS)
    with_subfolder = {**texts, "guides/more/extra.md": "## Extra {#extra}\n"}
    assert guide_sections(DOCS, with_subfolder) == guide_sections(DOCS)
    assert "guides/establishing-trust.md#reliability" in guide_sections(DOCS, texts).sections
