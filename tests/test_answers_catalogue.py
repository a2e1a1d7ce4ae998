"""The My answers page's catalogue (workbook/answers_catalogue.py) and the
page it fills: every worksheet with the words its answers need, safely
escaped, and the published backup schema is valid JSON Schema."""

from __future__ import annotations

import html
import json
from pathlib import Path

import jsonschema
from bs4 import BeautifulSoup

from checks import site
from workbook import answers_catalogue
from workbook.model import check
from workbook.worksheet import load_all
from workbook.worksheet.schema import Worksheet

ROOT = site.ROOT


def sample() -> Worksheet:
    return check(Worksheet, {
        "id": "sample", "title": 'Quotes " & <tags>', "summary": "S", "time": 5, "who": "each-partner",
        "version": 3, "tags": ["reliability"], "supports": ["guides/establishing-trust.md#reliability"],
        "sections": [{"id": "one", "title": "First", "fields": [
            {"id": "mood", "type": "single_choice", "label": "Mood?", "options": ["Not yet", {"id": "ok", "label": "Fine"}]},
            {"id": "sure", "type": "scale", "label": "Sure?",
             "scale": {"min": 1, "max": 5, "min_label": "No", "max_label": "Yes"}},
            {"id": "log", "type": "rows", "label": "Log", "columns": [
                {"id": "what", "type": "short_text", "label": "What"},
                {"id": "kept", "type": "single_choice", "label": "Kept?", "options": ["Yes", "No"]}]},
        ]}],
    })


def test_an_entry_carries_titles_labels_and_option_words() -> None:
    entry = answers_catalogue.entry(sample(), "../worksheets/sample/")
    assert entry["id"] == "sample" and entry["who"] == "each-partner" and entry["version"] == 3
    assert entry["url"] == "../worksheets/sample/"
    mood, sure, log = entry["sections"][0]["fields"]
    assert mood == {"id": "mood", "type": "single_choice", "label": "Mood?",
                    "options": {"not-yet": "Not yet", "ok": "Fine"}}
    assert sure["scale"] == [1, 5]
    assert log["columns"][1]["options"] == {"yes": "Yes", "no": "No"}


def test_the_attribute_is_escaped_and_reads_back() -> None:
    data = [answers_catalogue.entry(sample(), "x/")]
    value = answers_catalogue.catalogue_attribute(data)
    assert '"' not in value and "<" not in value
    root = BeautifulSoup(answers_catalogue.root(data), "html.parser").select_one("[data-tw-my-answers]")
    assert json.loads(root["data-tw-catalogue"]) == data
    assert html.unescape(value) == json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def test_the_built_page_lists_every_worksheet(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "my-answers" / "index.html").read_text(encoding="utf-8"), "html.parser")
    data = json.loads(soup.select_one("[data-tw-my-answers]")["data-tw-catalogue"])
    ids = {w.id for w in load_all(ROOT / "worksheets", ROOT / "docs")}
    assert {entry["id"] for entry in data} == ids
    for entry in data:
        assert (built_site / "my-answers" / entry["url"] / "index.html").resolve().is_file(), entry["url"]
    assert soup.select_one("[data-tw-import-file]")["accept"] == ".json,application/json"
    assert soup.select_one("a[href$='assets/schema/answers-v1.json']") is not None
    assert (built_site / "assets" / "schema" / "answers-v1.json").is_file()


def test_the_published_schema_is_valid_and_checks_what_it_says() -> None:
    schema = json.loads((ROOT / "docs" / "assets" / "schema" / "answers-v1.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    good = {"kind": "trust-workbook-answers", "format": 1, "exported": "2026-03-05T10:00:00Z",
            "answers": [{"worksheet": "promise-log", "partner": "b", "record": {
                "format": 1, "worksheet": "promise-log", "partner": "b", "version": 1,
                "created": "2026-03-01T10:00:00Z", "updated": "2026-03-01T10:00:00Z",
                "answers": {"kept": "yes", "rows": [{"what": "Call", "done": True}], "sure": 4},
                "changed": {"kept": "2026-03-01T10:00:00Z"}, "retired": {"old (2)": "text"}}}],
            "damaged": [{"key": "tw:damaged:promise-log:2026-03-01T10:00:00.000Z", "text": "{oops"}]}
    jsonschema.validate(good, schema)
    bad = json.loads(json.dumps(good))
    bad["answers"][0]["record"]["answers"]["kept"] = {"html": "<b>"}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert errors, "an object is not an answer value"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors({**good, "format": 2}))
