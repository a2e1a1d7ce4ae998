"""Calendar reminders: which worksheets are a weekly habit, and the "Add to
my calendar" box their pages carry.

The box is plain HTML put after the worksheet's form at build time (by
workbook/plugin.py), hidden until the page's script shows it; the script that
makes the ``.ics`` file (docs/assets/js/worksheet/calendar.js) loads only when the
reader uses the box, so it costs a worksheet page nothing.
"""

from __future__ import annotations

import html

#: Worksheets that are done every week.
WEEKLY = frozenset({"weekly-check-in", "rituals-and-challenges"})

DAYS = (("MO", "Monday"), ("TU", "Tuesday"), ("WE", "Wednesday"), ("TH", "Thursday"),
        ("FR", "Friday"), ("SA", "Saturday"), ("SU", "Sunday"))
DEFAULT_DAY = "SU"
DEFAULT_TIME = "19:00"


def calendar_box(worksheet_id: str, title: str) -> str:
    """The "Add to my calendar" section for one worksheet's page."""
    options = "".join(
        f'<option value="{code}"{" selected" if code == DEFAULT_DAY else ""}>{name}</option>'
        for code, name in DAYS)
    return "\n".join([
        f'<section class="tw-calendar" data-tw-calendar="{worksheet_id}" '
        f'data-tw-title="{html.escape(title, quote=True)}" aria-labelledby="tw-calendar-title" hidden>',
        '<h2 id="tw-calendar-title">Add to my calendar</h2>',
        "<p>A weekly reminder in your own calendar, with a link back to this worksheet. The file is "
        "made on this device and saved to it; nothing is sent anywhere.</p>",
        '<div class="tw-calendar__row">',
        '<label for="tw-calendar-day">Day</label>',
        f'<select id="tw-calendar-day" data-tw-calendar-day>{options}</select>',
        '<label for="tw-calendar-time">Time</label>',
        f'<input type="time" id="tw-calendar-time" value="{DEFAULT_TIME}" data-tw-calendar-time>',
        '<button type="button" class="tw-button" data-tw-calendar-add>Add to my calendar</button>',
        "</div>",
        '<p role="status" aria-live="polite" data-tw-calendar-status></p>',
        "</section>",
    ])


def add_calendar(page_html: str, worksheet_id: str, title: str) -> str:
    """``page_html`` with the box after the worksheet's form (unchanged for other worksheets)."""
    if worksheet_id not in WEEKLY or "</form>" not in page_html:
        return page_html
    head, _, tail = page_html.rpartition("</form>")
    return f"{head}</form>\n{calendar_box(worksheet_id, title)}{tail}"
