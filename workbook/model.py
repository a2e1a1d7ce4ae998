"""Frozen models for data the site reads (a worksheet definition, the
practice settings), checked field by field, with errors that read like advice.

A model is a class whose fields each name a rule::

    class Option(Model):
        id: str = Text(pattern=ID_PATTERN)
        label: str = Text()
        note: str | None = Text().optional()

``check(Option, data)`` returns an ``Option`` or raises :class:`Invalid`,
which holds every problem as ``(where, what to fix)``; ``where`` is a path
such as ``("sections", 1, "fields", 0, "type")`` and
:meth:`Invalid.lines` writes it ``sections[1].fields[0].type``. Keys a
model does not declare are refused; text has its surrounding spaces
removed. A rule's ``before`` may reshape a value before it is checked and
``after`` may refuse a checked one, each by raising ``ValueError`` with the
advice; a model's ``verify()`` does the same for checks across its fields.

This replaces pydantic, which the site used until importing it and building
its models took about 0.13 s of every 1.2 s build (issue 13); the messages
are the ones authors were shown before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar, dataclass_transform
from urllib.parse import urlsplit

T = TypeVar("T")
Where = tuple[str | int, ...]
#: What a rule returns for a value it refused (the problem is already noted).
_BAD: Any = object()
_REQUIRED: Any = object()


class Invalid(ValueError):
    """Data that does not fit its model: ``problems`` holds ``(where, advice)`` pairs."""

    def __init__(self, problems: list[tuple[Where, str]]) -> None:
        super().__init__("\n".join(f"{location(w)}: {m}" for w, m in problems))
        self.problems = problems

    def lines(self, source: str, prefix: Where = ()) -> list[str]:
        """``worksheets/x.yml: sections[0].id: is missing: add it``, one per problem."""
        return [f"{source}: {location((*prefix, *where))}: {advice}" for where, advice in self.problems]


def location(where: Sequence[str | int]) -> str:
    """``("sections", 1, "fields", 0, "type")`` -> ``sections[1].fields[0].type``."""
    out = ""
    for part in where:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def one_of(values: Sequence[object], *, last: str = " or ") -> str:
    """``'a', 'b' or 'c'``: the values a setting allows, for a message."""
    shown = [repr(v) for v in values]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + last + shown[-1]


class Rule:
    """How one value is checked. ``check`` returns the value to keep, or
    ``_BAD`` after noting why in ``problems``."""

    default: Any = _REQUIRED
    nullable = False

    def __init__(self, *, before: Callable[[Any], Any] | None = None,
                 after: Callable[[Any], Any] | None = None) -> None:
        self.before = before
        self.after = after

    def optional(self, default: object = None) -> Rule:
        """The same rule for a key that may be left out (``default``) or,
        with no other default, left empty."""
        other = self._copy()
        other.default = default
        other.nullable = default is None
        return other

    def _copy(self) -> Rule:
        other = object.__new__(type(self))
        other.__dict__.update(self.__dict__)
        return other

    def check(self, value: object, where: Where, problems: list[tuple[Where, str]]) -> Any:
        if self.before is not None:
            try:
                value = self.before(value)
            except ValueError as error:
                return _problem(problems, where, str(error))
        if value is None and self.nullable:
            return None
        value = self._check(value, where, problems)
        if value is not _BAD and self.after is not None:
            try:
                value = self.after(value)
            except ValueError as error:
                return _problem(problems, where, str(error))
        return value

    def _check(self, value: Any, where: Where, problems: list[tuple[Where, str]]) -> Any:
        raise NotImplementedError


def _problem(problems: list[tuple[Where, str]], where: Where, advice: str) -> Any:
    """Notes what is wrong at ``where`` and returns the marker of a bad value."""
    problems.append((where, advice))
    return _BAD


def _wrong(problems: list[tuple[Where, str]], where: Where, advice: str, value: object) -> Any:
    """:func:`_problem`, with the value that was given."""
    return _problem(problems, where, f"{advice} (got {value!r})")


class Text(Rule):
    """Text, its surrounding spaces removed; empty only with ``min_length=0``."""

    def __init__(self, *, pattern: str | None = None, advice: str | None = None, min_length: int = 1,
                 max_length: int | None = None, **hooks: Callable[[Any], Any]) -> None:
        super().__init__(**hooks)
        self.pattern = pattern
        #: What to write instead, said when ``pattern`` does not match.
        self.advice = advice or f"it should match the pattern '{pattern}'"
        self._match = re.compile(pattern).search if pattern is not None else None
        self.min_length = min_length
        self.max_length = max_length

    def _check(self, value: Any, where: Where, problems: list[tuple[Where, str]]) -> Any:
        if not isinstance(value, str):
            if isinstance(value, bool):
                return _problem(problems, where, f"must be text (got {value!r}: YAML reads yes, no, on "
                                                 "and off as true or false): put it in quotes")
            return _wrong(problems, where, "must be text", value)
        text = value.strip()
        if len(text) < self.min_length:
            return _wrong(problems, where, "must not be empty", value)
        if self.max_length is not None and len(text) > self.max_length:
            return _problem(problems, where, f"is {len(text)} characters, more than the {self.max_length} "
                                             "allowed: shorten it")
        if self._match is not None and not self._match(text):
            return _problem(problems, where, f"is {text!r}: {self.advice}")
        return text


class Url(Text):
    """A full web address (``https://`` or ``http://`` and a host)."""

    def _check(self, value: Any, where: Where, problems: list[tuple[Where, str]]) -> Any:
        text = super()._check(value, where, problems)
        if text is _BAD:
            return _BAD
        try:
            parts = urlsplit(text)
        except ValueError:
            parts = None
        if parts is None or parts.scheme not in ("https", "http") or not parts.hostname or " " in text:
            return _wrong(problems, where, "must be a full web address starting with https://", text)
        return text


class Int(Rule):
    """A whole number, within ``ge`` and ``le`` when given."""

    def __init__(self, *, ge: int | None = None, le: int | None = None, **hooks: Callable[[Any], Any]) -> None:
        super().__init__(**hooks)
        self.ge = ge
        self.le = le

    def _check(self, value: Any, where: Where, problems: list[tuple[Where, str]]) -> Any:
        if not isinstance(value, int) or isinstance(value, bool):
            return _wrong(problems, where, "must be a whole number", value)
        if self.ge is not None and value < self.ge:
            return _problem(problems, where, f"is {value!r}: input should be greater than or equal to {self.ge}")
        if self.le is not None and value > self.le:
            return _problem(problems, where, f"is {value!r}: input should be less than or equal to {self.le}")
        return value


class Bool(Rule):
    def _check(self, value: Any, where: Where, problems: list[tuple[Where, str]]) -> Any:
        if not isinstance(value, bool):
            return _wrong(problems, where, "must be true or false", value)
        return value


class OneOf(Rule):
    """One of a few fixed values."""

    def __init__(self, *values: object, **hooks: Callable[[Any], Any]) -> None:
        super().__init__(**hooks)
        self.values = values

    def _check(self, value: Any, where: Where, problems: list[tuple[Where, str]]) -> Any:
        if isinstance(value, str):
            value = value.strip()
        if value not in self.values:
            return _problem(problems, where,
                            f"is {value!r}, which is not allowed: use one of {one_of(self.values)}")
        return value


class ListOf(Rule):
    """A list whose items each follow ``item``."""

    def __init__(self, item: Rule, *, min_length: int = 0, max_length: int | None = None,
                 **hooks: Callable[[Any], Any]) -> None:
        super().__init__(**hooks)
        self.item = item
        self.min_length = min_length
        self.max_length = max_length

    def _check(self, value: Any, where: Where, problems: list[tuple[Where, str]]) -> Any:
        if not isinstance(value, list):
            return _wrong(problems, where, "must be a list (lines starting with '- ')", value)
        before = len(problems)
        items = [self.item.check(v, (*where, i), problems) for i, v in enumerate(value)]
        if len(problems) > before:
            return _BAD
        if len(items) < self.min_length:
            return _wrong(problems, where, "must not be empty", value)
        if self.max_length is not None and len(items) > self.max_length:
            return _problem(problems, where, f"has {len(items)} items, more than the {self.max_length} "
                                             "allowed: remove some")
        return items


class MapOf(Rule):
    """A mapping whose keys follow ``key`` and values follow ``value``."""

    def __init__(self, key: Rule, value: Rule, *, min_length: int = 0, **hooks: Callable[[Any], Any]) -> None:
        super().__init__(**hooks)
        self.key = key
        self.value = value
        self.min_length = min_length

    def _check(self, value: Any, where: Where, problems: list[tuple[Where, str]]) -> Any:
        if not isinstance(value, dict):
            return _wrong(problems, where, "must be a mapping (key: value lines)", value)
        before = len(problems)
        out = {}
        for k, v in value.items():
            key = self.key.check(k, (*where, str(k)), problems)
            item = self.value.check(v, (*where, str(k)), problems)
            out[key] = item
        if len(problems) > before:
            return _BAD
        if len(out) < self.min_length:
            return _wrong(problems, where, "must not be empty", value)
        return out


class Nested(Rule):
    """A mapping that is a model of its own."""

    def __init__(self, cls: type, **hooks: Callable[[Any], Any]) -> None:
        super().__init__(**hooks)
        self.cls = cls

    def _check(self, value: Any, where: Where, problems: list[tuple[Where, str]]) -> Any:
        return _build(self.cls, value, where, problems)


class Tagged(Rule):
    """A mapping that is one of several models, chosen by its ``tag`` key
    (a worksheet field's ``type``)."""

    def __init__(self, choices: Mapping[str, type], *, tag: str = "type", **hooks: Callable[[Any], Any]) -> None:
        super().__init__(**hooks)
        self.choices = dict(choices)
        self.tag = tag

    def _check(self, value: Any, where: Where, problems: list[tuple[Where, str]]) -> Any:
        if not isinstance(value, dict):
            return _wrong(problems, where, "must be a mapping (key: value lines)", value)
        if self.tag not in value:
            return _problem(problems, (*where, self.tag), "is missing: add it")
        tag = value[self.tag]
        cls = self.choices.get(tag.strip()) if isinstance(tag, str) else None
        if cls is None:
            return _problem(problems, (*where, self.tag), f"is {tag!r}, which is not allowed: "
                                                          f"use one of {one_of(list(self.choices), last=', ')}")
        return _build(cls, value, where, problems)


@dataclass_transform(kw_only_default=True, frozen_default=True)
class Model:
    """A frozen model: each class attribute that is a :class:`Rule` is a
    field (after those of the model it extends), given by keyword.

    Like a frozen, keyword-only dataclass, without the compiling that
    ``dataclasses`` does for each class (about 1.3 ms a class here, 22 ms of
    every build for the worksheet schema)."""

    __rules__: dict[str, Rule] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        own = {name: value for name, value in vars(cls).items() if isinstance(value, Rule)}
        missing = [name for name in cls.__dict__.get("__annotations__", {})
                   if name not in own and not name.startswith("__")]
        if missing:
            raise TypeError(f"{cls.__name__}: give {', '.join(missing)} a rule")
        for name in own:
            delattr(cls, name)
        cls.__rules__ = {**cls.__rules__, **own}

    def __init__(self, **values: object) -> None:
        rules = self.__rules__
        unknown = set(values) - set(rules)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        for name, rule in rules.items():
            if name in values:
                value = values[name]
            elif rule.default is _REQUIRED:
                raise TypeError(f"{type(self).__name__} needs {name}")
            else:
                value = rule.default
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: make a changed copy with replace()")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self.__rules__)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in self.__rules__))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self.__rules__)})"


def check(cls: type[T], data: object) -> T:
    """``data`` as a ``cls``; raises :class:`Invalid` listing every problem."""
    problems: list[tuple[Where, str]] = []
    built = _build(cls, data, (), problems)
    if problems:
        raise Invalid(problems)
    return built


def _build(cls: type[T], data: object, where: Where, problems: list[tuple[Where, str]]) -> T:
    if not isinstance(data, dict):
        return _wrong(problems, where, "must be a mapping (key: value lines)", data)
    rules: dict[str, Rule] = cls.__rules__  # type: ignore[attr-defined]
    before = len(problems)
    values = {}
    for name, rule in rules.items():
        if name in data:
            values[name] = rule.check(data[name], (*where, name), problems)
        elif rule.default is _REQUIRED:
            problems.append(((*where, name), "is missing: add it"))
    for key, value in data.items():
        if key not in rules:
            problems.append(((*where, str(key)),
                             f"is not a field here: check its spelling, or remove it (got {value!r})"))
    if len(problems) > before:
        return _BAD
    built = object.__new__(cls)
    for name, rule in rules.items():
        object.__setattr__(built, name, values[name] if name in values else rule.default)
    verify = getattr(built, "verify", None)
    if verify is not None:
        try:
            verify()
        except ValueError as error:
            return _problem(problems, where, str(error))
    return built


def replace(instance: T, **changes: object) -> T:
    """A copy of a model with some fields changed (not checked again)."""
    values = {name: getattr(instance, name) for name in instance.__rules__}  # type: ignore[attr-defined]
    return type(instance)(**{**values, **changes})


def as_data(value: object) -> Any:
    """A model as plain data (dicts and lists), for front matter and cache keys."""
    rules = getattr(type(value), "__rules__", None)
    if rules is not None:
        return {name: as_data(getattr(value, name)) for name in rules}
    if isinstance(value, list | tuple):
        return [as_data(v) for v in value]
    if isinstance(value, dict):
        return {k: as_data(v) for k, v in value.items()}
    return value
