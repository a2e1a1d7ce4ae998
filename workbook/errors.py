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


def describe(source: str, error: ValidationError, prefix: Sequence[str | int] = ()) -> list[str]:
    """One readable line per problem in ``error``, each naming ``source``."""
    lines = []
    for item in error.errors(include_url=False):
        loc = [*prefix, *_plain_location(item["loc"])]
        lines.append(f"{source}: {location(loc)}: {_advice(item)}")
    return lines


def _plain_location(loc: Iterable[str | int]) -> list[str | int]:
    # Tagged unions add the tag ("scale", "function-after[...]") to the path;
    # an author never wrote those, so they are dropped.
    return [p for p in loc if isinstance(p, int) or ("[" not in p and "-" not in p)]


def _advice(item: dict) -> str:
    kind = item["type"]
    if kind in ("value_error", "assertion_error"):
        message = str(item.get("ctx", {}).get("error", item["msg"]))
        return message.removeprefix("Value error, ")
    if kind in ("literal_error", "enum"):
        expected = item.get("ctx", {}).get("expected", "")
        return f"is {item.get('input')!r}, which is not allowed: use one of {expected}"
    if kind == "string_pattern_mismatch":
        return f"is {item.get('input')!r}: {item['msg'].lower()}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return f"is {item.get('input')!r}: {item['msg'].lower()}"
    if kind in _ADVICE:
        got = item.get("input")
        shown = "" if kind in ("missing",) else f" (got {got!r})"
        return _ADVICE[kind] + shown
    return item["msg"]
