"""What a worksheet definition (``worksheets/<id>.yml``) may contain.

The models check everything that can be checked inside one file: the keys,
their types, the allowed values, unique ids, sensible scales and choices.
Checks that need other files (the worksheet id against its file name,
``supports`` anchors against the guides, ids across files) live in
:mod:`workbook.worksheet.load`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbook.model import Bool, Int, ListOf, MapOf, Model, Nested, OneOf, Tagged, Text

#: Ids of worksheets, sections, fields and options: lowercase words joined by hyphens.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: A guide section: ``guides/<page>.md#<anchor>``.
GUIDE_SECTION_PATTERN = r"^guides/[a-z0-9]+(?:-[a-z0-9]+)*\.md#[a-z0-9]+(?:-[a-z0-9]+)*$"

TAGS = ("communication", "reliability", "boundaries", "expectations", "appreciation",
        "intimacy", "conflict", "repair", "rituals")
AREAS = ("communication", "honesty", "reliability", "boundaries", "repair", "intimacy")
WHO = ("one-partner", "each-partner", "together")
#: How each value of ``who`` reads on a page.
WHO_LABELS = {"one-partner": "One partner", "each-partner": "Each partner", "together": "Together"}

ID = Text(pattern=ID_PATTERN, advice="use lowercase letters and digits, words joined by single "
                                    "hyphens, like 'what-i-need'")
TEXT = Text()
GUIDE_SECTION = Text(pattern=GUIDE_SECTION_PATTERN, advice="write the guide's file and a heading's id, "
                                                          "like 'guides/establishing-trust.md#reliability'")


def slug(text: str) -> str:
    """``"Not yet!"`` -> ``not-yet``: the id of an option written as plain text."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Option(Model):
    id: str = ID
    label: str = TEXT


class _Field(Model):
    id: str = ID
    label: str = TEXT
    help: str | None = TEXT.optional()
    renamed_from: str | None = ID.optional()


class ShortText(_Field):
    type: str = OneOf("short_text")


class LongText(_Field):
    type: str = OneOf("long_text")


class DateField(_Field):
    type: str = OneOf("date")


class Checkbox(_Field):
    type: str = OneOf("checkbox")


def _plain_strings_are_options(value: object) -> object:
    if not isinstance(value, list):
        return value
    for i, v in enumerate(value):
        if isinstance(v, bool | int | float):
            raise ValueError(f"options[{i}] is {v!r}, not text (YAML reads Yes, No, On, Off "
                             "and numbers as values): put it in quotes, for example \"Yes\"")
    return [{"id": slug(v), "label": v} if isinstance(v, str) else v for v in value]


def _two_unique_options(value: list[Option]) -> list[Option]:
    if len(value) < 2:
        raise ValueError(f"has {len(value)} option(s): a choice needs at least 2")
    ids = [o.id for o in value]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ValueError(f"option id(s) {', '.join(map(repr, twice))} appear more than once: "
                         "make every option different")
    return value


class _Choice(_Field):
    options: list[Option] = ListOf(Nested(Option), before=_plain_strings_are_options, after=_two_unique_options)


class SingleChoice(_Choice):
    type: str = OneOf("single_choice")


class MultipleChoice(_Choice):
    type: str = OneOf("multiple_choice")


class ScaleRange(Model):
    min: int = Int(ge=0, le=10)
    max: int = Int(ge=1, le=10)
    min_label: str = TEXT
    max_label: str = TEXT

    def verify(self) -> None:
        if self.min >= self.max:
            raise ValueError(f"min ({self.min}) must be smaller than max ({self.max})")


class Scale(_Field):
    type: str = OneOf("scale")
    scale: ScaleRange = Nested(ScaleRange)
    #: trust-self-check only: the area this question counts towards.
    area: str | None = OneOf(*AREAS).optional()
    #: With ``area``: whom the statement is about, what the reader experiences
    #: of their ``partner`` (the default; the suggestion rests on these) or
    #: how they show up themselves (``me``). Each kind is scored apart.
    about: str | None = OneOf("partner", "me").optional()
    #: A safety question: never scored; an answer of ``worry_at`` or more
    #: shows a pointer to the Safety page above every score.
    safety: bool = Bool().optional(False)
    worry_at: int | None = Int().optional()


#: What a rows column may be, by ``type``.
COLUMNS = {"short_text": ShortText, "long_text": LongText, "single_choice": SingleChoice,
           "checkbox": Checkbox, "date": DateField}


class Rows(_Field):
    type: str = OneOf("rows")
    columns: list[_Field] = ListOf(Tagged(COLUMNS), min_length=1, max_length=6)


#: What a field may be, by ``type``.
FIELDS = {"short_text": ShortText, "long_text": LongText, "rows": Rows, "scale": Scale,
          "single_choice": SingleChoice, "multiple_choice": MultipleChoice, "checkbox": Checkbox,
          "date": DateField}
#: Every value of ``type``, for messages.
FIELD_TYPES = tuple(FIELDS)
COLUMN_TYPES = tuple(COLUMNS)


#: Fields shown as a named group (a fieldset whose legend is the label).
GROUPS = (SingleChoice, MultipleChoice, Scale, Rows)


class Section(Model):
    id: str = ID
    title: str = TEXT
    intro: str | None = TEXT.optional()
    fields: list[_Field] = ListOf(Tagged(FIELDS), min_length=1)


class AreaResult(Model):
    """How the self-check names an area and where it suggests reading."""

    label: str = TEXT
    guide: str = GUIDE_SECTION
    guide_title: str = TEXT


class Scoring(Model):
    areas: dict[str, AreaResult] = MapOf(OneOf(*AREAS), Nested(AreaResult), min_length=1)


def _time_is_words(value: object) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f"is {value!r}, a number: write it out in words, for example "
                         "\"About 15 minutes at home; 10 minutes to debrief in session.\"")
    return value


def _two_or_three_questions(value: list[str]) -> list[str]:
    if not 2 <= len(value) <= 3:
        raise ValueError(f"has {len(value)} question(s): give 2 or 3 questions for the next session")
    return value


class Therapist(Model):
    """A short note for a couples therapist: what the worksheet is for, when
    to assign it and when not, how long it takes, and questions to debrief.

    Shown on the worksheet page in a collapsed "For therapists" box and in
    the For therapists directory; never printed or put in the client's PDF.
    """

    purpose: str = TEXT
    use_when: str = TEXT
    avoid_when: str = TEXT
    time: str = Text(before=_time_is_words)
    debrief: list[str] = ListOf(TEXT, after=_two_or_three_questions)


def _therapist_not_empty(value: object) -> object:
    if value is None:
        raise ValueError("is empty: fill in purpose, use_when, avoid_when, time "
                         "and debrief under it, or remove the therapist: line")
    return value


class Worksheet(Model):
    id: str = ID
    title: str = TEXT
    summary: str = TEXT
    time: int = Int(ge=1, le=120)
    who: str = OneOf(*WHO)
    version: int = Int(ge=1)
    tags: list[str] = ListOf(OneOf(*TAGS), min_length=1)
    supports: list[str] = ListOf(GUIDE_SECTION, min_length=1)
    intro: str | None = TEXT.optional()
    sections: list[Section] = ListOf(Nested(Section), min_length=1)
    scoring: Scoring | None = Nested(Scoring).optional()
    #: Optional: a note for therapists (shipped worksheets all have one).
    therapist: Therapist | None = Nested(Therapist, before=_therapist_not_empty).optional()

    def problems(self) -> list[str]:
        """Mistakes across the whole definition, each ``path: what to fix``.

        Duplicate ids, ``renamed_from`` naming a current id, two groups with
        the same name, and a scoring block that does not match the scales.
        :func:`workbook.worksheet.load.load_all` reports them like schema errors.
        """
        return [*self._id_problems(), *self._group_name_problems(), *self._scoring_problems()]

    def _id_problems(self) -> Iterator[str]:
        seen: dict[str, str] = {}
        for s, section in enumerate(self.sections):
            where = f"sections[{s}]"
            if section.id in seen:
                yield f"{where}.id: {section.id!r} is already used by {seen[section.id]}: ids must be unique"
            else:
                seen[section.id] = where
        for where, field in self.fields_with_paths():
            if field.id in seen:
                yield f"{where}.id: {field.id!r} is already used by {seen[field.id]}: ids must be unique"
            else:
                seen[field.id] = where
        for where, field in self.fields_with_paths():
            if field.renamed_from is not None and field.renamed_from in seen:
                yield (f"{where}.renamed_from: {field.renamed_from!r} is a current id "
                       f"({seen[field.renamed_from]}): name an id that is no longer used")

    def _group_name_problems(self) -> Iterator[str]:
        """A choice, scale or table is a fieldset named by its label (the legend).

        A screen reader lists groups by name, so two with the same name on one
        page cannot be told apart.
        """
        seen: dict[str, str] = {}
        for s, section in enumerate(self.sections):
            for f, field in enumerate(section.fields):
                if not isinstance(field, GROUPS):
                    continue
                where = f"sections[{s}].fields[{f}]"
                name = " ".join(field.label.split()).casefold()
                if name in seen:
                    yield (f"{where}.label: {field.label!r} is already the label of {seen[name]}: "
                           "a question with choices, a scale or a table needs a name of its own on "
                           "the page (for example, name the round or the person it is for)")
                else:
                    seen[name] = where
    def _safety_problems(self) -> Iterator[str]:
        for where, field in self.fields_with_paths():
            if not isinstance(field, Scale):
                continue
            if field.about is not None and field.area is None:
                yield (f"{where}.about: only a scored question (one with an area) says whom it is about: "
                       "add an area, or remove about")
            if field.safety and field.area is not None:
                yield (f"{where}.area: a safety question never counts towards a score: "
                       "remove area (or safety)")
            if field.safety and field.worry_at is None:
                yield (f"{where}.worry_at: is missing: a safety question needs worry_at, "
                       "the lowest answer that shows the pointer to the Safety page")
            if field.safety and self.scoring is None:
                yield (f"{where}.safety: the pointer to the Safety page shows with the results: "
                       "add a scoring block (or remove safety)")
            if field.worry_at is not None and not field.safety:
                yield f"{where}.worry_at: only a safety question has one: add safety: true, or remove worry_at"
            if field.worry_at is not None and not field.scale.min < field.worry_at <= field.scale.max:
                yield (f"{where}.worry_at: is {field.worry_at}, outside the scale: choose a number "
                       f"from {field.scale.min + 1} to {field.scale.max}")

    def _scoring_problems(self) -> Iterator[str]:
        yield from self._safety_problems()
        scales = [(w, f) for w, f in self.fields_with_paths() if isinstance(f, Scale) and f.area]
        if scales and self.scoring is None:
            yield "scoring: is missing: scales with an area need a scoring block naming each area"
        if self.scoring is not None:
            if not scales:
                yield "scoring: no scale has an area: give scales an area, or remove scoring"
            for where, field in scales:
                if field.area not in self.scoring.areas:
                    yield f"{where}.area: {field.area!r} has no entry under scoring.areas: add one"
            for area in self.scoring.areas:
                if any(f.area == area for _, f in scales) and not any(
                        f.area == area and f.about != "me" for _, f in scales):
                    yield (f"scoring.areas.{area}: every question is about: me: the suggestion rests on "
                           "what the reader experiences of their partner, so add one about: partner")
            ranges = {(f.scale.min, f.scale.max) for _, f in scales}
            if len(ranges) > 1:
                yield ("scoring: scales with an area use different ranges "
                       f"({', '.join(f'{a}..{b}' for a, b in sorted(ranges))}): give them all the same min and max")

    # -- reading a valid definition ------------------------------------------

    def fields_with_paths(self) -> Iterator[tuple[str, _Field]]:
        """Every field and rows column with where it sits in the file."""
        for s, section in enumerate(self.sections):
            for f, field in enumerate(section.fields):
                yield f"sections[{s}].fields[{f}]", field
                if isinstance(field, Rows):
                    for c, column in enumerate(field.columns):
                        yield f"sections[{s}].fields[{f}].columns[{c}]", column

    def fields(self) -> Iterator[_Field]:
        """The fields a reader answers, in order (rows as one field each)."""
        for section in self.sections:
            yield from section.fields

    def answerable_fields(self) -> Iterator[tuple[str, _Field]]:
        """``(id, field)`` for every field a reader answers, rows columns included.

        A column's id is ``<rows id>.<column id>``; its answers live inside
        the rows value, one object per row.
        """
        for field in self.fields():
            yield field.id, field
            if isinstance(field, Rows):
                for column in field.columns:
                    yield f"{field.id}.{column.id}", column

    @property
    def scale_range(self) -> tuple[int, int] | None:
        """The shared range of the scored scales, when there are any."""
        for field in self.fields():
            if isinstance(field, Scale) and field.area:
                return field.scale.min, field.scale.max
        return None
