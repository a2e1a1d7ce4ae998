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
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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

Tag = Literal["communication", "reliability", "boundaries", "expectations", "appreciation",
              "intimacy", "conflict", "repair", "rituals"]
Area = Literal["communication", "honesty", "reliability", "boundaries", "repair", "intimacy"]

Id = Annotated[str, Field(pattern=ID_PATTERN, description="lowercase words joined by hyphens")]
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def slug(text: str) -> str:
    """``"Not yet!"`` -> ``not-yet``: the id of an option written as plain text."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Option(_Strict):
    id: Id
    label: Text


class _Field(_Strict):
    id: Id
    label: Text
    help: Text | None = None
    renamed_from: Id | None = None


class ShortText(_Field):
    type: Literal["short_text"]


class LongText(_Field):
    type: Literal["long_text"]


class DateField(_Field):
    type: Literal["date"]


class Checkbox(_Field):
    type: Literal["checkbox"]


class _Choice(_Field):
    options: list[Option]

    @field_validator("options", mode="before")
    @classmethod
    def _plain_strings_are_options(cls, value: object) -> object:
        if not isinstance(value, list):
            return value
        for i, v in enumerate(value):
            if isinstance(v, bool | int | float):
                raise ValueError(f"options[{i}] is {v!r}, not text (YAML reads Yes, No, On, Off "
                                 "and numbers as values): put it in quotes, for example \"Yes\"")
        return [{"id": slug(v), "label": v} if isinstance(v, str) else v for v in value]

    @field_validator("options")
    @classmethod
    def _two_unique_options(cls, value: list[Option]) -> list[Option]:
        if len(value) < 2:
            raise ValueError(f"has {len(value)} option(s): a choice needs at least 2")
        ids = [o.id for o in value]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"option id(s) {', '.join(map(repr, twice))} appear more than once: "
                             "make every option different")
        return value


class SingleChoice(_Choice):
    type: Literal["single_choice"]


class MultipleChoice(_Choice):
    type: Literal["multiple_choice"]


class ScaleRange(_Strict):
    min: int = Field(ge=0, le=10)
    max: int = Field(ge=1, le=10)
    min_label: Text
    max_label: Text

    @model_validator(mode="after")
    def _min_below_max(self) -> ScaleRange:
        if self.min >= self.max:
            raise ValueError(f"min ({self.min}) must be smaller than max ({self.max})")
        return self


class Scale(_Field):
    type: Literal["scale"]
    scale: ScaleRange
    #: trust-self-check only: the area this question counts towards.
    area: Area | None = None
    #: With ``area``: whom the statement is about, what the reader experiences
    #: of their ``partner`` (the default; the suggestion rests on these) or
    #: how they show up themselves (``me``). Each kind is scored apart.
    about: Literal["partner", "me"] | None = None
    #: A safety question: never scored; an answer of ``worry_at`` or more
    #: shows a pointer to the Safety page above every score.
    safety: bool = False
    worry_at: int | None = None


Column = Annotated[ShortText | LongText | SingleChoice | Checkbox | DateField,
                   Field(discriminator="type")]


class Rows(_Field):
    type: Literal["rows"]
    columns: list[Column] = Field(min_length=1, max_length=6)


Field_ = Annotated[ShortText | LongText | Rows | Scale | SingleChoice | MultipleChoice
                   | Checkbox | DateField, Field(discriminator="type")]
#: Every value of ``type``, for messages and for dropping union tags from error paths.
FIELD_TYPES = ("short_text", "long_text", "rows", "scale", "single_choice",
               "multiple_choice", "checkbox", "date")
COLUMN_TYPES = ("short_text", "long_text", "single_choice", "checkbox", "date")


#: Fields shown as a named group (a fieldset whose legend is the label).
GROUPS = (SingleChoice, MultipleChoice, Scale, Rows)


class Section(_Strict):
    id: Id
    title: Text
    intro: Text | None = None
    fields: list[Field_] = Field(min_length=1)


class AreaResult(_Strict):
    """How the self-check names an area and where it suggests reading."""

    label: Text
    guide: Annotated[str, Field(pattern=GUIDE_SECTION_PATTERN,
                                description="a guide section such as guides/establishing-trust.md#reliability")]
    guide_title: Text


class Scoring(_Strict):
    areas: dict[Area, AreaResult] = Field(min_length=1)


class Therapist(_Strict):
    """A short note for a couples therapist: what the worksheet is for, when
    to assign it and when not, how long it takes, and questions to debrief.

    Shown on the worksheet page in a collapsed "For therapists" box and in
    the For therapists directory; never printed or put in the client's PDF.
    """

    purpose: Text
    use_when: Text
    avoid_when: Text
    time: Text
    debrief: list[Text]

    @field_validator("time", mode="before")
    @classmethod
    def _time_is_words(cls, value: object) -> object:
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise ValueError(f"is {value!r}, a number: write it out in words, for example "
                             "\"About 15 minutes at home; 10 minutes to debrief in session.\"")
        return value

    @field_validator("debrief")
    @classmethod
    def _two_or_three_questions(cls, value: list[str]) -> list[str]:
        if not 2 <= len(value) <= 3:
            raise ValueError(f"has {len(value)} question(s): give 2 or 3 questions for the next session")
        return value


class Worksheet(_Strict):
    id: Id
    title: Text
    summary: Text
    time: int = Field(ge=1, le=120)
    who: Literal["one-partner", "each-partner", "together"]
    version: int = Field(ge=1)
    tags: list[Tag] = Field(min_length=1)
    supports: list[Annotated[str, Field(
        pattern=GUIDE_SECTION_PATTERN,
        description="a guide section such as guides/establishing-trust.md#reliability")]] = Field(min_length=1)
    intro: Text | None = None
    sections: list[Section] = Field(min_length=1)
    scoring: Scoring | None = None
    #: Optional: a note for therapists (shipped worksheets all have one).
    therapist: Therapist | None = None

    @field_validator("therapist", mode="before")
    @classmethod
    def _therapist_not_empty(cls, value: object) -> object:
        if value is None:
            raise ValueError("is empty: fill in purpose, use_when, avoid_when, time "
                             "and debrief under it, or remove the therapist: line")
        return value

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
