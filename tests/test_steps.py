"""Action steps: task-list items with explicit, stable ids."""

from __future__ import annotations

import markdown

from workbook import steps


def render(text: str) -> str:
    md = markdown.Markdown(
        extensions=["pymdownx.tasklist", "workbook.steps"],
        extension_configs={"pymdownx.tasklist": {"custom_checkbox": True, "clickable_checkbox": True}},
    )
    return md.convert(text)


def test_a_step_renders_as_a_labelled_checkbox_carrying_its_id() -> None:
    html = render("- [ ] Say *thank you* for one small thing. {#say-thanks}\n")
    assert '<li class="task-list-item tw-step" id="say-thanks">' in html
    assert ('<label class="task-list-control"><input type="checkbox" data-step="say-thanks"/>'
            '<span class="task-list-indicator"></span>Say <em>thank you</em> for one small thing.</label>') in html
    assert "{#" not in html


def test_a_step_in_a_loose_list_keeps_its_id() -> None:
    html = render("- [ ] First. {#first}\n\n- [ ] Second. {#second}\n")
    assert 'id="first"' in html and 'data-step="second"' in html


def test_find_steps_reads_ids_and_text_in_order_and_skips_code() -> None:
    found, problems = steps.find_steps(
        "# Guide\n\n- [ ] One. {#one}\n* [x] Two. {#two-b}\n\n```\n- [ ] In code {#nope}\n```\n"
    )
    assert [(s.id, s.text, s.line) for s in found] == [("one", "One.", 3), ("two-b", "Two.", 4)]
    assert problems == []


def test_find_steps_reports_a_task_without_an_id() -> None:
    found, problems = steps.find_steps("- [ ] Forgot the id\n- [ ] Bad id {#Bad_Id}\n")
    assert found == []
    assert [p.line for p in problems] == [1, 2]
    assert "{#short-id}" in problems[0].message
