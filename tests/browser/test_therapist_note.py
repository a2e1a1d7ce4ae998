"""The note for therapists in a real browser: on a worksheet page it is a
closed "For therapists" box that opens by keyboard, passes axe open, and is
not printed; on For therapists each worksheet's note opens under its link."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from checks import quality

pytestmark = pytest.mark.browser

SHEET = "worksheets/healing-plan/"


def test_the_box_is_closed_opens_by_keyboard_and_passes_axe(page: Page) -> None:
    page.goto(SHEET)
    box = page.locator("details.tw-therapist-note")
    expect(box).to_have_count(1)
    expect(box).not_to_have_attribute("open", "")
    expect(box.locator("dl")).to_be_hidden()
    summary = box.locator("summary")
    expect(summary).to_have_text("For therapists")
    summary.focus()
    page.keyboard.press("Enter")
    expect(box).to_have_attribute("open", "")
    expect(box.get_by_text("Not before disclosure is complete", exact=False)).to_be_visible()
    assert quality.axe_violations(page) == []


def test_the_box_is_not_printed_even_when_open(page: Page) -> None:
    page.goto(SHEET)
    page.locator("details.tw-therapist-note summary").click()
    expect(page.locator("details.tw-therapist-note dl")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("details.tw-therapist-note")).to_be_hidden()
    expect(page.locator("form.tw-worksheet, .tw-worksheet").first).to_be_visible()  # the sheet itself prints


def test_the_directory_opens_each_worksheets_note_under_its_link(page: Page) -> None:
    page.goto("for-therapists/")
    notes = page.locator("[data-link-directory] details.tw-directory__note")
    assert notes.count() >= 13
    note = page.locator('[data-link-directory] li:has(> a[href$="worksheets/past-hurts/"]) details')
    expect(note.locator("dl")).to_be_hidden()
    note.locator("summary").click()
    expect(note.get_by_text("needs individual therapy first", exact=False)).to_be_visible()
    assert quality.axe_violations(page) == []
