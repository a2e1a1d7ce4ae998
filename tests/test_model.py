"""workbook/model.py: the small frozen models the site's data is checked against."""

from __future__ import annotations

import pytest

from workbook import practice
from workbook.model import Int, Invalid, ListOf, Model, Nested, OneOf, Tagged, Text, as_data, check, replace


class Part(Model):
    name: str = Text()
    size: int = Int(ge=1).optional(1)


class Box(Model):
    kind: str = OneOf("box")
    parts: list[Part] = ListOf(Nested(Part), min_length=1)
    label: str | None = Text().optional()


class Bag(Model):
    kind: str = OneOf("bag")


class Shelf(Model):
    items: list[Model] = ListOf(Tagged({"box": Box, "bag": Bag}, tag="kind"))


def test_a_valid_mapping_becomes_a_frozen_model_with_defaults() -> None:
    box = check(Box, {"kind": "box", "parts": [{"name": " lid "}]})
    assert box.parts == [Part(name="lid", size=1)] and box.label is None
    with pytest.raises(AttributeError, match="frozen"):
        box.label = "x"  # type: ignore[misc]
    assert replace(box, label="Top").label == "Top" and box.label is None
    assert as_data(box) == {"kind": "box", "parts": [{"name": "lid", "size": 1}], "label": None}
    assert check(Box, as_data(box)) == box


def test_every_problem_is_listed_with_where_it_is() -> None:
    with pytest.raises(Invalid) as caught:
        check(Shelf, {"items": [{"kind": "box", "parts": [{"size": 0, "colour": "red"}]}, {"kind": "tin"}, {}, 3]})
    assert caught.value.lines("shelf.yml") == [
        "shelf.yml: items[0].parts[0].name: is missing: add it",
        "shelf.yml: items[0].parts[0].size: is 0: input should be greater than or equal to 1",
        "shelf.yml: items[0].parts[0].colour: is not a field here: check its spelling, or remove it (got 'red')",
        "shelf.yml: items[1].kind: is 'tin', which is not allowed: use one of 'box', 'bag'",
        "shelf.yml: items[2].kind: is missing: add it",
        "shelf.yml: items[3]: must be a mapping (key: value lines) (got 3)",
    ]


def test_a_field_without_a_rule_is_a_mistake_in_the_code() -> None:
    with pytest.raises(TypeError, match="give colour a rule"):
        class Broken(Model):  # noqa: F841
            colour: str


@pytest.mark.parametrize(("address", "ok"), [
    ("https://harbour.example.org/book", True), ("http://example.org", True),
    ("not a url", False), ("ftp://example.org/", False), ("https://", False), ("https://exa mple.org/", False),
])
def test_a_practice_address_must_be_a_full_web_address(address: str, ok: bool) -> None:
    if ok:
        assert practice.load({"booking": address}).booking == address
    else:
        with pytest.raises(practice.PracticeError, match="extra.practice.booking: must be a full web address"):
            practice.load({"booking": address})


class Note(Model):
    text: str = Text(max_length=5)
    tags: list[str] = ListOf(Text(), max_length=2).optional([])


def test_too_long_says_by_how_much_without_repeating_the_whole_value() -> None:
    with pytest.raises(Invalid) as caught:
        check(Note, {"text": " " + "x" * 400 + " ", "tags": ["a", "b", "c"]})
    assert caught.value.lines("note.yml") == [
        "note.yml: text: is 400 characters, more than the 5 allowed: shorten it",
        "note.yml: tags: has 3 items, more than the 2 allowed: remove some",
    ]
    assert check(Note, {"text": " xxxxx ", "tags": ["a", "b"]}) == Note(text="xxxxx", tags=["a", "b"])
