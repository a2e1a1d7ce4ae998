"""Validation errors that read like advice.

Every data file the site reads (a worksheet definition, the practice
settings) is checked by a pydantic model. ``describe`` turns pydantic's
errors into one line per problem: where it is, what is wrong, and what is
allowed, so an author can fix it without reading a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import ValidationError

# pydantic's error types, reworded for someone editing a YAML file.
_ADVICE = {
    "missing": "is missing: add it",
    "extra_forbidden": "is not a field here: check its spelling, or remove it",
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list (lines starting with '- ')",
    "dict_type": "must be a mapping (key: value lines)",
    "model_type": "must be a mapping (key: value lines)",
    "model_attributes_type": "must be a mapping (key: value lines)",
    "dict_attributes_type": "must be a mapping (key: value lines)",
    "too_long": "is too long",
    "string_too_short": "must not be empty",
    "too_short": "must not be empty",
    "url_parsing": "must be a full web address starting with https://",
    "url_scheme": "must be a full web address starting with https://",
}


def location(loc: Sequence[str | int]) -> str:
    """``("sections", 1, "fields", 0, "type")`` -> ``sections[1].fields[0].type``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def describe(source: str, error: ValidationError, prefix: Sequence[str | int] = (),
             *, union_tags: Iterable[str] = ()) -> list[str]:
    """One readable line per problem in ``error``, each naming ``source``.

    ``union_tags`` are the tag values of discriminated unions in the model
    (a field's ``type``): pydantic puts the tag into the error path right
    after a list index, where an author never wrote it, so it is dropped.
    """
    tags = frozenset(union_tags)
    lines = []
    for item in error.errors(include_url=False):
        loc = [*prefix, *_plain_location(item["loc"], tags)]
        if item["type"] in ("union_tag_invalid", "union_tag_not_found"):
            loc.append(str(item.get("ctx", {}).get("discriminator", "type")).strip("'"))
        lines.append(f"{source}: {location(loc)}: {_advice(item)}")
    return lines


def _plain_location(loc: Iterable[str | int], tags: frozenset[str] = frozenset()) -> list[str | int]:
    # Tagged unions add the tag ("scale", "function-after[...]") to the path;
    # an author never wrote those, so they are dropped.
    out: list[str | int] = []
    previous: str | int | None = None
    for part in loc:
        if isinstance(part, int):
            out.append(part)
        elif "[" in part or "-" in part:
            pass
        elif part in tags and isinstance(previous, int):
            pass  # the tag of a list item, right after its index
        else:
            out.append(part)
        previous = part
    return out


def _advice(item: dict) -> str:
    kind = item["type"]
    if kind in ("value_error", "assertion_error"):
        message = str(item.get("ctx", {}).get("error", item["msg"]))
        return message.removeprefix("Value error, ")
    if kind == "union_tag_invalid":
        ctx = item.get("ctx", {})
        return f"is {ctx.get('tag')!r}, which is not allowed: use one of {ctx.get('expected_tags')}"
    if kind == "union_tag_not_found":
        return "is missing: add it"
    if kind in ("literal_error", "enum"):
        expected = item.get("ctx", {}).get("expected", "")
        return f"is {item.get('input')!r}, which is not allowed: use one of {expected}"
    if kind == "string_pattern_mismatch":
        return f"is {item.get('input')!r}: {item['msg'].lower()}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return f"is {item.get('input')!r}: {item['msg'].lower()}"
    if kind == "string_type" and isinstance(item.get("input"), bool):
        return (f"must be text (got {item['input']!r}: YAML reads yes, no, on and off as true or false): "
                "put it in quotes")
    if kind in _ADVICE:
        got = item.get("input")
        shown = "" if kind in ("missing",) else f" (got {got!r})"
        return _ADVICE[kind] + shown
    return item["msg"]
