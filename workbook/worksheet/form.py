"""The fillable form of one worksheet, as HTML.

Pure functions: a validated :class:`~workbook.worksheet.schema.Worksheet` in,
an HTML string out. The form is complete before any script runs (it prints
as a worksheet); ``docs/assets/js/worksheet/worksheet.js`` then restores and saves
answers. Every text from the definition is escaped; section intros are
Markdown.

Hooks for the script: the form carries ``data-tw-worksheet`` (the id) and
``data-tw-definition`` (see :func:`client_definition`); every answerable
field is wrapped in an element with ``data-tw-field`` and ``data-tw-type``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable

from workbook.markdown_source import to_html
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
    _Choice,
    _Field,
)

#: Empty ruled rows a rows table adds when printed, for writing by hand.
PRINT_BLANK_ROWS = 3

#: Options with these ids name a partner. Their label ("Partner A") is what the
#: PDF and a page without scripts show; ``worksheet.js`` puts the names set on
#: this device (``tw:partners``) in its place, through ``data-tw-partner-name``.
PARTNER_OPTIONS = {"partner-a": "a", "partner-b": "b"}

e = html.escape


def client_definition(worksheet: Worksheet) -> dict:
    """What the browser needs to save, migrate and score answers.

    ``{"id", "version", "who", "fields": [{"id", "type", "from"?, "area"?, "about"?,
    "worry_at"?, "columns"?}], "scale"?}``; ``from`` is ``renamed_from``; a scored
    scale has ``area`` and ``about`` ("partner" or "me"), a safety question
    ``worry_at``; ``scale`` is ``[min, max]`` of the scored scales.
    """

    def entry(field: _Field) -> dict:
        out: dict = {"id": field.id, "type": field.type}
        if field.renamed_from:
            out["from"] = field.renamed_from
        if isinstance(field, Scale) and field.area:
            out["area"] = field.area
            out["about"] = field.about or "partner"
        if isinstance(field, Scale) and field.safety:
            out["worry_at"] = field.worry_at
        if isinstance(field, Rows):
            out["columns"] = [entry(c) for c in field.columns]
        return out

    data: dict = {"id": worksheet.id, "version": worksheet.version, "who": worksheet.who,
                  "fields": [entry(f) for f in worksheet.fields()]}
    if worksheet.scale_range:
        data["scale"] = list(worksheet.scale_range)
    return data


def attr_json(data: object) -> str:
    """JSON for an HTML attribute value (quoted with double quotes)."""
    return e(json.dumps(data, separators=(",", ":"), ensure_ascii=False), quote=True)


def _join(parts: list[str]) -> str:
    # No blank lines: the form is one raw HTML block inside the page's Markdown.
    return "\n".join(p for p in parts if p)


def _markdown(text: str) -> str:
    return to_html(text, ("attr_list",), output_format="html")


def section_intro_html(intro: str) -> str:
    """A section's intro (Markdown) as the form shows it."""
    return f'<div class="tw-section__intro">{_markdown(intro)}</div>'


def _dom_id(field_id: str) -> str:
    return f"tw-{field_id}"


def _help(field: _Field) -> tuple[str, str]:
    """The help paragraph and the matching ``aria-describedby`` attribute."""
    if not field.help:
        return "", ""
    help_id = f"{_dom_id(field.id)}-help"
    return f'<p class="tw-help" id="{help_id}">{e(field.help)}</p>', f' aria-describedby="{help_id}"'


def _wrap_start(field: _Field, extra_class: str = "") -> str:
    cls = f"tw-field tw-field--{field.type.replace('_', '-')}{extra_class}"
    return f'<div class="{cls}" data-tw-field="{field.id}" data-tw-type="{field.type}">'


def _text(field: ShortText | LongText | DateField) -> str:
    dom = _dom_id(field.id)
    help_html, described = _help(field)
    if isinstance(field, LongText):
        control = f'<textarea id="{dom}" name="{field.id}" rows="5"{described}></textarea>'
    else:
        kind = "date" if isinstance(field, DateField) else "text"
        control = f'<input type="{kind}" id="{dom}" name="{field.id}" autocomplete="off"{described}>'
    return _join([_wrap_start(field), f'<label class="tw-label" for="{dom}">{e(field.label)}</label>',
                      help_html, control, "</div>"])


def _checkbox(field: Checkbox) -> str:
    dom = _dom_id(field.id)
    help_html, described = _help(field)
    return _join([
        _wrap_start(field),
        f'<input type="checkbox" id="{dom}" name="{field.id}" value="yes"{described}>',
        f'<label class="tw-label" for="{dom}">{e(field.label)}</label>',
        help_html, "</div>"])


def _group(field: _Field, inner: list[str], extra_class: str = "") -> str:
    """A fieldset whose legend is the question: radio and checkbox groups, tables."""
    help_html, described = _help(field)
    return _join([
        _wrap_start(field, extra_class),
        f'<fieldset class="tw-group"{described}>',
        f'<legend class="tw-label">{e(field.label)}</legend>',
        help_html, *inner, "</fieldset>", "</div>"])


def _partner(option_id: str) -> str:
    partner = PARTNER_OPTIONS.get(option_id)
    return f' data-tw-partner-name="{partner}"' if partner else ""


def _choices(field: _Choice) -> str:
    kind = "checkbox" if isinstance(field, MultipleChoice) else "radio"
    items = []
    for option in field.options:
        dom = f"{_dom_id(field.id)}--{option.id}"
        items.append(f'<li><input type="{kind}" id="{dom}" name="{field.id}" value="{option.id}">'
                     f'<label for="{dom}"{_partner(option.id)}>{e(option.label)}</label></li>')
    return _group(field, ['<ul class="tw-options">', *items, "</ul>"])


def _scale(field: Scale) -> str:
    r = field.scale
    points = []
    for value in range(r.min, r.max + 1):
        dom = f"{_dom_id(field.id)}--{value}"
        # The end labels are read with their number, so each radio is named fully.
        end = (f'<span class="tw-sr"> ({e(r.min_label)})</span>' if value == r.min else
               f'<span class="tw-sr"> ({e(r.max_label)})</span>' if value == r.max else "")
        points.append(f'<li><input type="radio" id="{dom}" name="{field.id}" value="{value}">'
                      f'<label for="{dom}">{value}{end}</label></li>')
    return _group(field, [
        '<div class="tw-scale__line">',
        f'<span class="tw-scale__end tw-scale__end--min" aria-hidden="true">{e(r.min_label)}</span>',
        '<ul class="tw-scale__points">', *points, "</ul>",
        f'<span class="tw-scale__end tw-scale__end--max" aria-hidden="true">{e(r.max_label)}</span>',
        "</div>"], " tw-scale")


def _cell(rows: Rows, column: _Field, number: int | None) -> str:
    """One cell of a rows table; ``number`` is None in the script's template."""
    where = f", row {number}" if number is not None else ""
    name = e(f"{column.label}{where}", quote=True)
    attrs = f'data-tw-col="{column.id}" aria-label="{name}"'
    if isinstance(column, LongText):
        control = f"<textarea {attrs} rows=\"2\"></textarea>"
    elif isinstance(column, SingleChoice):
        options = "".join(f'<option value="{o.id}"{_partner(o.id)}>{e(o.label)}</option>' for o in column.options)
        control = f'<select {attrs}><option value="">Choose</option>{options}</select>'
    elif isinstance(column, Checkbox):
        control = f'<input type="checkbox" value="yes" {attrs}>'
    else:
        kind = "date" if isinstance(column, DateField) else "text"
        control = f'<input type="{kind}" autocomplete="off" {attrs}>'
    return f'<td data-label="{e(column.label, quote=True)}">{control}</td>'


def _row(rows: Rows, number: int | None) -> str:
    cells = "".join(_cell(rows, c, number) for c in rows.columns)
    label = f" row {number}" if number is not None else " row"
    remove = (f'<td class="tw-rows__actions"><button type="button" class="tw-button tw-button--small" '
              f'data-tw-remove-row>Remove<span class="tw-sr">{label}</span></button></td>')
    return f'<tr data-tw-row>{cells}{remove}</tr>'


def _rows(field: Rows) -> str:
    legend_id = f"{_dom_id(field.id)}-legend"
    heads = "".join(f'<th scope="col">{e(c.label)}</th>' for c in field.columns)
    blank_cells = "".join("<td></td>" for _ in field.columns) + '<td class="tw-rows__actions"></td>'
    help_html, described = _help(field)
    return _join([
        _wrap_start(field, " tw-rows"),
        f'<fieldset class="tw-group"{described}>',
        f'<legend class="tw-label" id="{legend_id}">{e(field.label)}</legend>',
        help_html,
        '<div class="tw-rows__frame">',
        f'<table class="tw-rows__table" aria-labelledby="{legend_id}">',
        f'<thead><tr>{heads}<th scope="col" class="tw-rows__actions"><span class="tw-sr">Actions</span></th></tr></thead>',
        f'<tbody data-tw-rows-body>{_row(field, 1)}</tbody>',
        '<tbody class="tw-rows__blank" aria-hidden="true">'
        + "".join(f"<tr>{blank_cells}</tr>" for _ in range(PRINT_BLANK_ROWS)) + "</tbody>",
        "</table>",
        "</div>",
        f'<template data-tw-row-template>{_row(field, None)}</template>',
        f'<button type="button" class="tw-button" data-tw-add-row hidden>Add a row'
        f'<span class="tw-sr"> to {e(field.label)}</span></button>',
        "</fieldset>", "</div>"])


def render_field(field: _Field) -> str:
    if isinstance(field, ShortText | LongText | DateField):
        return _text(field)
    if isinstance(field, Checkbox):
        return _checkbox(field)
    if isinstance(field, Scale):
        return _scale(field)
    if isinstance(field, SingleChoice | MultipleChoice):
        return _choices(field)
    if isinstance(field, Rows):
        return _rows(field)
    raise TypeError(f"no renderer for {field.type}")  # the schema admits no other type


def _safety_pointer(worksheet: Worksheet, url: Callable[[str], str]) -> str:
    """The calm pointer to the Safety page, shown by the script on any worrying answer."""
    if not any(isinstance(f, Scale) and f.safety for f in worksheet.fields()):
        return ""
    return _join([
        '<div class="tw-score__safety" data-tw-safety hidden>',
        "<p><strong>Your safety comes first.</strong> Some of your answers say you may not always "
        "feel safe with your partner. If that is so, it matters more than any score here. "
        f'The <a href="{e(url("safety.md"), quote=True)}">Safety page</a> explains what to look out for '
        "and where to find free, confidential help, whenever you are ready. These results assume you "
        "both feel safe, so they may not fit your situation.</p>",
        "</div>"])


def _scoring(worksheet: Worksheet, url: Callable[[str], str]) -> str:
    if worksheet.scoring is None or worksheet.scale_range is None:
        return ""
    low, high = worksheet.scale_range
    scored = [f for f in worksheet.fields() if isinstance(f, Scale) and f.area]
    used = {f.area for f in scored}
    with_me = {f.area for f in scored if f.about == "me"}
    areas = [(a, r) for a, r in worksheet.scoring.areas.items() if a in used]
    pending = '<dd data-tw-area-score="{}">not answered yet</dd>'
    scores = "".join(
        f'<li data-tw-area="{a}"><span class="tw-score__name">{e(r.label)}</span>'
        '<dl class="tw-score__pair"><dt>What you experience of your partner</dt>' + pending.format("partner")
        + ("<dt>How you show up yourself</dt>" + pending.format("me") if a in with_me else "")
        + "</dl></li>" for a, r in areas)
    suggestions = "".join(
        f'<li data-tw-suggest="{a}" hidden><a href="{e(url(r.guide), quote=True)}">{e(r.guide_title)}</a> '
        f'<span class="tw-score__for">({e(r.label)})</span></li>' for a, r in areas)
    both = (" Each area shows two averages: what you experience of your partner, and how you "
            "show up yourself." if with_me else "")
    return _join([
        '<section class="tw-score" data-tw-score aria-labelledby="tw-score-title">',
        '<h2 id="tw-score-title">Your results</h2>',
        _safety_pointer(worksheet, url),
        f"<p>Each score is the average of the answered questions, from {low} to {high}.{both}</p>",
        f'<ul class="tw-score__areas" data-tw-score-list>{scores}</ul>',
        '<div class="tw-score__suggestions" data-tw-suggestions hidden>',
        "<p>You might start with (from what you experience of your partner):</p>" if with_me
        else "<p>You might start with:</p>",
        f"<ul>{suggestions}</ul>",
        "</div>",
        '<p class="tw-score__note">This is a tool for reflection, to help the two of you talk. '
        "It is not a validated test or a diagnosis, and a score is not a verdict on your relationship. "
        "Read your results together, and be curious rather than keeping score.</p>",
        "</section>"])


def render_form(worksheet: Worksheet, *, url: Callable[[str], str] = lambda target: target) -> str:
    """The whole fillable worksheet. ``url`` turns ``guides/x.md#id`` into a link from this page."""
    parts = [
        f'<form class="tw-worksheet" data-tw-worksheet="{worksheet.id}" '
        f'data-tw-definition="{attr_json(client_definition(worksheet))}" '
        f'aria-label="{e(worksheet.title, quote=True)}" autocomplete="off" novalidate>',
        '<div class="tw-toolbar" data-tw-toolbar hidden>',
        '<button type="button" class="tw-button" data-tw-clear>Clear answers</button>',
        '<button type="button" class="tw-button" data-tw-undo hidden>Undo</button>',
        '<button type="button" class="tw-button" data-tw-print>Print</button>',
        '<p class="tw-saved" role="status" aria-live="polite" data-tw-saved></p>',
        "</div>",
        '<div class="tw-notice" role="alert" data-tw-notice hidden></div>',
    ]
    for section in worksheet.sections:
        parts += [f'<section class="tw-section" aria-labelledby="{section.id}">',
                  f'<h2 id="{section.id}">{e(section.title)}</h2>']
        if section.intro:
            parts.append(section_intro_html(section.intro))
        parts += [render_field(f) for f in section.fields]
        parts.append("</section>")
    parts += [
        _scoring(worksheet, url),
        '<section class="tw-retired" data-tw-retired hidden aria-labelledby="tw-retired-title">',
        '<h2 id="tw-retired-title">No longer on this worksheet</h2>',
        "<p>This worksheet has changed since you filled it in. These answers belong to questions "
        "it no longer asks. They are kept here, in this browser, so nothing you wrote is lost.</p>",
        '<dl data-tw-retired-list></dl>',
        "</section>",
        "</form>",
    ]
    return _join(parts)
