"""The "Add to my calendar" box (workbook/reminders.py): only on weekly
worksheets, after the form, escaped, and with labelled controls."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from workbook import reminders


def test_the_box_goes_after_the_form_of_weekly_worksheets_only() -> None:
    page = "<h1>T</h1><form data-tw-worksheet>fields</form><p>after</p>"
    added = reminders.add_calendar(page, "weekly-check-in", "Weekly check-in")
    assert added.index("</form>") < added.index("data-tw-calendar") < added.index("<p>after</p>")
    assert reminders.add_calendar(page, "promise-log", "Promise log") == page
    assert reminders.add_calendar("<p>no form</p>", "weekly-check-in", "x") == "<p>no form</p>"


def test_the_box_is_hidden_until_scripts_run_and_its_controls_are_labelled() -> None:
    soup = BeautifulSoup(reminders.calendar_box("rituals-and-challenges", 'Rituals "&" <more>'), "html.parser")
    box = soup.select_one("section[data-tw-calendar]")
    assert box.has_attr("hidden") and box["data-tw-calendar"] == "rituals-and-challenges"
    assert box["data-tw-title"] == 'Rituals "&" <more>'
    for control in box.select("select, input"):
        assert box.select_one(f'label[for="{control["id"]}"]') is not None
    assert [o["value"] for o in box.select("option")] == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    assert box.select_one("option[selected]")["value"] == "SU"


def test_the_built_weekly_pages_carry_the_box(built_site: Path) -> None:
    for worksheet in ("weekly-check-in", "rituals-and-challenges"):
        soup = BeautifulSoup((built_site / "worksheets" / worksheet / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        assert soup.select_one(f'[data-tw-calendar="{worksheet}"]') is not None
    promise = (built_site / "worksheets" / "promise-log" / "index.html").read_text(encoding="utf-8")
    assert "data-tw-calendar" not in promise
