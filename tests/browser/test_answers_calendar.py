""""Add to my calendar" on the weekly check-in and rituals worksheets: an .ics
file made in the browser that the icalendar package reads as a weekly event
on the chosen day and time, linking back to the worksheet's full address."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def calendar_file(page: Page, tmp_path: Path) -> icalendar.Calendar:
    with page.expect_download() as info:
        page.get_by_role("button", name="Add to my calendar").click()
    assert info.value.suggested_filename.endswith(".ics")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    raw = target.read_bytes()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    return icalendar.Calendar.from_ical(raw)


@pytest.mark.parametrize(("path", "title"), [
    ("worksheets/weekly-check-in/", "Weekly check-in"),
    ("worksheets/rituals-and-challenges/", None),
])
def test_the_calendar_file_is_a_weekly_event_linking_back(
        page: Page, base_url: str, tmp_path: Path, path: str, title: str | None) -> None:
    page.goto(path)
    box = page.locator(".tw-calendar")
    expect(box.get_by_role("heading", name="Add to my calendar")).to_be_visible()
    page.get_by_label("Day", exact=True).select_option("WE")
    page.get_by_label("Time", exact=True).fill("20:30")
    calendar = calendar_file(page, tmp_path)
    expect(box.get_by_role("status")).to_have_text(
        "Saved a calendar file for every Wednesday at 20:30. Open it to add the reminder to your calendar.")

    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["WE"]
    start = event.decoded("DTSTART")
    assert start.weekday() == 2 and start.time() == time(20, 30)
    link = base_url + path
    assert str(event["URL"]) == link
    assert link in str(event["DESCRIPTION"])
    heading = page.locator("form[data-tw-worksheet]").get_attribute("aria-label")
    assert str(event["SUMMARY"]) == f"{title or heading} (Trust Workbook)"
    assert event["UID"] and event["DTSTAMP"]


def test_other_worksheets_offer_no_calendar(page: Page) -> None:
    page.goto("worksheets/promise-log/")
    expect(page.locator("[data-tw-toolbar]")).to_be_visible()
    expect(page.locator(".tw-calendar")).to_have_count(0)
