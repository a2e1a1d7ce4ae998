"""Worksheet definitions: every shipped one validates, and each kind of
mistake stops with one readable line naming the file, the place and the fix."""

from __future__ import annotations

import copy
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
     "worksheets/sample.yml: supports[0]: is 'guides/establishing-trust.md': string should match pattern"),
    ("a string where a list belongs", changed(lambda d: d.update(tags="reliability")),
     "worksheets/sample.yml: tags: must be a list (lines starting with '- ') (got 'reliability')"),
    ("a list where a mapping belongs", changed(lambda d: d["sections"].__setitem__(0, ["first"])),
     "worksheets/sample.yml: sections[0]: must be a mapping (key: value lines)"),
    ("text where a number belongs", changed(lambda d: d.update(time="ten minutes")),
     "worksheets/sample.yml: time: must be a whole number (got 'ten minutes')"),
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
     "worksheets/sample.yml: sections[0].fields[3].columns: is too long"),
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
     "worksheets/sample.yml: sections[0].fields[0].id: is 'My_Field': string should match pattern"),
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


def test_the_broken_table_is_big_enough() -> None:
    assert len(BROKEN) >= 15


def test_the_valid_base_is_valid(tmp_path: Path) -> None:
    (worksheet,) = load_one(tmp_path, changed(lambda d: None))
    assert worksheet.id == "sample"
    assert [o.id for o in worksheet.sections[0].fields[2].options] == ["yes", "no"]


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
