"""The PDF form fields of a worksheet, one per answerable field.

Names come from the field ids so that a filled PDF reads back like saved
answers: ``<field-id>`` for text, checkboxes, scales and single choices (a
radio group whose values are the option ids, or the scale numbers);
``<field-id>.<option-id>`` for each box of a multiple choice; and
``<rows-id>.<row>.<column-id>`` for each cell of a rows table, rows counted
from 1. In the PDF the dots are real levels of the field tree (see
:mod:`workbook.pdf.acroform`), so every reader shows the same names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from workbook.worksheet.schema import (
    Checkbox,
    DateField,
    LongText,
    MultipleChoice,
    Rows,
    Scale,
    ShortText,
    SingleChoice,
    Worksheet,
    _Field,
)

#: Empty rows a rows table gets on paper, each a line of fillable cells.
ROWS = 4


@dataclass(frozen=True)
class PdfField:
    """One AcroForm field: its full name, kind and the name a screen reader says."""

    name: str
    kind: str          # text | multiline | checkbox | radio
    description: str
    values: tuple[str, ...] = ()   # radio: the export value of each button, in order


def _kind(field: _Field) -> str:
    if isinstance(field, LongText):
        return "multiline"
    if isinstance(field, Checkbox):
        return "checkbox"
    if isinstance(field, SingleChoice | Scale):
        return "radio"
    if isinstance(field, ShortText | DateField):
        return "text"
    raise TypeError(f"{field.type} is not one PDF field")


def _values(field: _Field) -> tuple[str, ...]:
    if isinstance(field, Scale):
        return tuple(str(v) for v in range(field.scale.min, field.scale.max + 1))
    if isinstance(field, SingleChoice):
        return tuple(o.id for o in field.options)
    return ()


def describe(field: _Field) -> str:
    """What a screen reader announces for a field: its question, and a scale's ends."""
    if isinstance(field, Scale):
        r = field.scale
        return f"{field.label} ({r.min} = {r.min_label}, {r.max} = {r.max_label})"
    if isinstance(field, DateField):
        return f"{field.label} (date)"
    return field.label


def pdf_fields(worksheet: Worksheet, prefix: str = "") -> Iterator[PdfField]:
    """Every PDF form field of ``worksheet``, in reading order.

    ``prefix`` (``"<worksheet-id>."`` in the whole workbook) keeps names
    unique when several worksheets share one document.
    """
    for field in worksheet.fields():
        if isinstance(field, Rows):
            for row in range(1, ROWS + 1):
                for column in field.columns:
                    yield PdfField(f"{prefix}{field.id}.{row}.{column.id}", _kind(column),
                                   f"{describe(column)}, row {row}: {field.label}", _values(column))
        elif isinstance(field, MultipleChoice):
            for option in field.options:
                yield PdfField(f"{prefix}{field.id}.{option.id}", "checkbox",
                               f"{field.label}: {option.label}")
        else:
            yield PdfField(f"{prefix}{field.id}", _kind(field), describe(field), _values(field))
