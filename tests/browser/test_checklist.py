"""Ticks in a real browser: the checklist index and the guide pages show the
same ticks, through instant navigation, reloads and other tabs; progress,
reset and print behave."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.instant import assert_same_window, mark_window

pytestmark = pytest.mark.browser


def first_step(page: Page) -> tuple[str, str]:
    """The first step on the index: its id and the full URL of its guide link."""
    page.goto("checklist/")
    box = page.locator("article input[data-step]").first
    expect(box).to_be_attached()
    step = box.get_attribute("data-step")
    href = page.locator(f"li#{step} a.tw-checklist__goto").evaluate("a => a.href")
    return step, href


def tick(page: Page, step: str) -> None:
    # The box itself is drawn by Material's custom checkbox; its label is the target.
    page.locator(f'label:has(input[data-step="{step}"])').first.click(position={"x": 4, "y": 8})


def stored(page: Page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('tw:steps') || 'null'") or "null")


def test_a_tick_on_the_index_shows_on_the_guide_page_after_instant_navigation(page: Page, watch) -> None:
    step, _ = first_step(page)
    mark_window(page)
    tick(page, step)
    expect(page.locator(f'input[data-step="{step}"]')).to_be_checked()
    data = stored(page)
    assert data["format"] == 1 and step in data["ticked"]
    page.locator(f"li#{step} a.tw-checklist__goto").click()
    # Material's navigation.tracking may swap the fragment for the heading in view.
    expect(page).to_have_url(re.compile(r"/guides/[a-z-]+/(#[a-z0-9-]*)?$"))
    # The index holds the same ticked box: wait until the guide has replaced it.
    expect(page.locator("article [data-checklist]")).to_have_count(0)
    box = page.locator(f'article input[data-step="{step}"]')
    expect(box).to_be_checked()
    assert_same_window(page, "the click was a full page load")
    assert watch.problems() == []


def test_a_tick_on_the_guide_page_shows_on_the_index(page: Page, watch) -> None:
    step, href = first_step(page)
    page.goto(href)
    mark_window(page)
    tick(page, step)
    expect(page.locator(f'input[data-step="{step}"]')).to_be_checked()
    page.get_by_role("link", name="Checklist").first.click()
    expect(page).to_have_url(re.compile(r"/checklist/$"))
    # Instant navigation changes the address before it swaps the content, and
    # the guide page holds the same ticked box: wait for the index itself.
    expect(page.locator("article [data-checklist]")).to_be_attached()
    expect(page.locator(f'article input[data-step="{step}"]')).to_be_checked()
    assert_same_window(page)
    total = page.locator("article input[data-step]").count()
    expect(page.locator('[data-progress="overall"] .tw-checklist__count')).to_have_text(
        f"1 of {total} steps done")
    assert page.locator('[data-progress="overall"] progress').evaluate("p => [p.value, p.max]") == [1, total]
    # Unticking on the guide page after a reload clears it on the index too.
    page.goto(href)
    expect(page.locator(f'input[data-step="{step}"]')).to_be_checked()
    tick(page, step)
    expect(page.locator(f'input[data-step="{step}"]')).not_to_be_checked()
    page.goto("checklist/")
    expect(page.locator(f'article input[data-step="{step}"]')).not_to_be_checked()
    assert stored(page) is None
    assert watch.problems() == []


def test_a_tick_in_one_tab_shows_in_another(page: Page) -> None:
    step, href = first_step(page)
    other = page.context.new_page()
    other.goto(href)
    tick(page, step)
    expect(other.locator(f'article input[data-step="{step}"]')).to_be_checked()
    tick(other, step)
    expect(page.locator(f'article input[data-step="{step}"]')).not_to_be_checked()
    other.close()


def test_progress_per_guide_counts_its_own_steps(page: Page) -> None:
    step, _ = first_step(page)
    guide = page.locator("[data-checklist-guide]").filter(has=page.locator(f"li#{step}"))
    n = guide.locator("input[data-step]").count()
    tick(page, step)
    expect(guide.locator(".tw-checklist__count")).to_have_text(f"1 of {n} {'step' if n == 1 else 'steps'} done")
    others = page.locator("[data-checklist-guide]").filter(has_not=page.locator(f"li#{step}"))
    for i in range(others.count()):
        expect(others.nth(i).locator(".tw-checklist__count")).to_contain_text("0 of ")


def test_reset_asks_first_and_clears_only_when_confirmed(page: Page) -> None:
    step, _ = first_step(page)
    tick(page, step)
    answers = iter([False, True])
    messages = []

    def on_dialog(dialog) -> None:  # noqa: ANN001
        messages.append(dialog.message)
        dialog.accept() if next(answers) else dialog.dismiss()

    page.on("dialog", on_dialog)
    reset = page.get_by_role("button", name="Clear all ticks")
    reset.click()
    expect(page.get_by_role("status").filter(has_text="Nothing was cleared")).to_be_visible()
    expect(page.locator(f'input[data-step="{step}"]')).to_be_checked()
    reset.click()
    expect(page.get_by_role("status").filter(has_text="cleared")).to_have_text("All ticks are cleared.")
    expect(page.locator(f'input[data-step="{step}"]')).not_to_be_checked()
    assert len(messages) == 2 and "1 tick" in messages[0]
    assert stored(page) is None


def test_the_print_view_shows_the_steps_without_the_controls(page: Page) -> None:
    step, _ = first_step(page)
    tick(page, step)
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Clear all ticks")).to_be_hidden()
    expect(page.locator("a.tw-checklist__goto").first).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(f"li#{step}")).to_be_visible()
    expect(page.locator('[data-progress="overall"]')).to_be_visible()
