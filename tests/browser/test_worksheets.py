"""Worksheets in a real browser: answers come back after instant navigation,
a reload and a browser restart; Clear has an Undo; two tabs agree; a removed
field's answer is kept; the self-check scores as documented; user text is
never markup; a damaged entry is set aside; a phone-width screen fits.

The site is the shared fixture copy of the project (tests/fixture_project.py),
with the test definitions from tests/data/worksheets added, served at the
address it was built for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from checks import quality
from tests.browser.instant import assert_same_window, mark_window

pytestmark = pytest.mark.browser

PAGE = "worksheets/every-field/"
KEY = "tw:answers:every-field"
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def ws_site(fixture_url: str) -> str:
    return fixture_url


@pytest.fixture
def ws(page: Page, ws_site: str) -> Page:
    dialogs: list[str] = []
    # Every dialog is recorded; Clear's confirmation is answered with
    # page.confirm_answer (no, unless a test says yes).
    page.confirm_answer = False  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (dialogs.append(d.message),
                                 d.accept() if page.confirm_answer else d.dismiss()))
    page.on("pageerror", lambda e: dialogs.append(f"error: {e}"))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    page.goto(ws_site + PAGE)
    expect(page.locator("[data-tw-toolbar]")).to_be_visible()
    return page


def stored(page: Page, key: str = KEY):  # noqa: ANN201
    raw = page.evaluate("k => localStorage.getItem(k)", key)
    return None if raw is None else json.loads(raw)


def wait_saved(page: Page) -> None:
    expect(page.locator("[data-tw-saved]")).to_have_text("Saved")


def fill_everything(page: Page, name: str = "Sam") -> None:
    page.get_by_label("A short answer").fill(name)
    page.get_by_label("A longer answer").fill("Line one\nLine two")
    page.get_by_label("When did it happen?").fill("2026-03-04")
    page.get_by_role("radio", name="4").check()
    page.get_by_role("radio", name="Not yet").first.check()
    page.get_by_role("checkbox", name="Time").check()
    page.get_by_role("checkbox", name="Family and friends").check()
    page.get_by_role("checkbox", name="We both agree to this.").check()
    page.get_by_label("What was promised, row 1").fill("Call when late")
    page.get_by_label("By when, row 1").fill("2026-03-10")
    page.get_by_label("Kept?, row 1").select_option("yes")
    page.get_by_role("button", name="Add a row to Promises made this week").click()
    page.get_by_label("What was promised, row 2").fill("Cook on Friday")
    page.get_by_label("What happened, row 2").fill("We cooked together")
    page.get_by_label("Talked about it, row 2").check()
    wait_saved(page)


EXPECTED = {
    "name": "Sam", "story": "Line one\nLine two", "when": "2026-03-04", "feeling": 4,
    "kept": "not-yet", "topics": ["time", "family"], "agreed": True,
    "promises": [{"what": "Call when late", "due": "2026-03-10", "result": "yes"},
                 {"what": "Cook on Friday", "note": "We cooked together", "talked": True}],
}


def assert_everything_back(page: Page) -> None:
    expect(page.get_by_label("A short answer")).to_have_value("Sam")
    expect(page.get_by_label("A longer answer")).to_have_value("Line one\nLine two")
    expect(page.get_by_label("When did it happen?")).to_have_value("2026-03-04")
    expect(page.get_by_role("radio", name="4")).to_be_checked()
    expect(page.get_by_role("radio", name="Not yet").first).to_be_checked()
    expect(page.get_by_role("checkbox", name="Time")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Money")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="Family and friends")).to_be_checked()
    expect(page.get_by_role("checkbox", name="We both agree to this.")).to_be_checked()
    expect(page.get_by_label("What was promised, row 1")).to_have_value("Call when late")
    expect(page.get_by_label("By when, row 1")).to_have_value("2026-03-10")
    expect(page.get_by_label("Kept?, row 1")).to_have_value("yes")
    expect(page.get_by_label("What was promised, row 2")).to_have_value("Cook on Friday")
    expect(page.get_by_label("What happened, row 2")).to_have_value("We cooked together")
    expect(page.get_by_label("Talked about it, row 2")).to_be_checked()


def test_every_answer_survives_navigation_reload_and_a_browser_restart(ws: Page, browser: Browser, ws_site: str) -> None:
    fill_everything(ws)
    record = stored(ws)
    assert record["answers"] == EXPECTED
    assert record["format"] == 1 and record["worksheet"] == "every-field" and record["version"] == 2
    assert set(record["changed"]) == set(EXPECTED) and record["retired"] == {}

    # Away and back through the site's own navigation (instant: no reload).
    mark_window(ws)
    ws.locator(".md-tabs").get_by_role("link", name="Worksheets").click()
    expect(ws).to_have_url(re.compile(r"/worksheets/$"))
    status = ws.locator('[data-tw-status="every-field"] [data-tw-status-text]')
    expect(status).to_have_text("Done")
    expect(ws.locator('[data-tw-status="self-check-sample"] [data-tw-status-text]')).to_have_text("Not started")
    ws.get_by_role("link", name="Every field").click()
    expect(ws).to_have_url(re.compile(r"/worksheets/every-field/$"))
    assert_same_window(ws, "the navigation was a full page load")
    assert_everything_back(ws)

    ws.reload()
    assert_everything_back(ws)

    state = ws.context.storage_state()
    ws.context.close()
    fresh = browser.new_context(storage_state=state)
    try:
        again = fresh.new_page()
        again.goto(ws_site + PAGE)
        assert_everything_back(again)
    finally:
        fresh.close()


def test_typing_then_leaving_at_once_still_saves(ws: Page) -> None:
    mark_window(ws)
    ws.get_by_label("A short answer").fill("typed just before leaving")
    ws.locator(".md-tabs").get_by_role("link", name="Worksheets").click()  # within the 300 ms delay
    expect(ws).to_have_url(re.compile(r"/worksheets/$"))
    assert_same_window(ws)
    assert stored(ws)["answers"]["name"] == "typed just before leaving"


def test_clear_then_undo_restores_exactly(ws: Page) -> None:
    fill_everything(ws)
    before = ws.evaluate("k => localStorage.getItem(k)", KEY)
    ws.confirm_answer = True  # type: ignore[attr-defined]
    ws.get_by_role("button", name="Clear answers").click()
    expect(ws.get_by_label("A short answer")).to_have_value("")
    expect(ws.get_by_label("What was promised, row 1")).to_have_value("")
    expect(ws.get_by_label("What was promised, row 2")).to_have_count(0)
    assert stored(ws) is None
    ws.get_by_role("button", name="Undo").click()
    assert ws.evaluate("k => localStorage.getItem(k)", KEY) == before
    assert_everything_back(ws)
    expect(ws.get_by_role("button", name="Undo")).to_be_hidden()


def test_clear_asks_first_and_a_no_keeps_everything(ws: Page) -> None:
    fill_everything(ws)
    ws.get_by_role("button", name="Clear answers").click()
    assert_everything_back(ws)
    assert stored(ws)["answers"] == EXPECTED


def test_two_tabs_stay_in_step(ws: Page, ws_site: str) -> None:
    other = ws.context.new_page()
    other.goto(ws_site + PAGE)
    expect(other.locator("[data-tw-toolbar]")).to_be_visible()
    ws.get_by_label("A short answer").fill("from the first tab")
    wait_saved(ws)
    expect(other.get_by_label("A short answer")).to_have_value("from the first tab")
    # The second tab is typing in another field: that field is left alone
    # while the first tab's change arrives, and both end up saved.
    other.get_by_label("A longer answer").click()
    other.keyboard.type("typed in tab two")
    ws.get_by_role("radio", name="2").check()
    expect(other.get_by_role("radio", name="2")).to_be_checked()
    expect(other.get_by_label("A longer answer")).to_have_value("typed in tab two")
    wait_saved(other)
    expect(ws.get_by_label("A longer answer")).to_have_value("typed in tab two")
    answers = stored(ws)["answers"]
    assert answers["name"] == "from the first tab" and answers["feeling"] == 2
    assert answers["story"] == "typed in tab two"


def test_a_removed_field_is_kept_and_a_renamed_one_carries_over(ws: Page) -> None:
    old = {"format": 1, "worksheet": "every-field", "version": 1,
           "created": "2026-01-01T00:00:00.000Z", "updated": "2026-01-01T00:00:00.000Z",
           "answers": {"old-name": "Alex", "mood-word": "hopeful", "kept": "yes"},
           "changed": {"old-name": "2026-01-01T00:00:00.000Z"}, "retired": {}}
    ws.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(old)])
    ws.reload()
    expect(ws.get_by_label("A short answer")).to_have_value("Alex")
    expect(ws.get_by_role("radio", name="Yes").first).to_be_checked()
    box = ws.locator("[data-tw-retired]")
    expect(box).to_be_visible()
    expect(box.get_by_role("heading")).to_have_text("No longer on this worksheet")
    expect(box.locator("dt")).to_have_text(["mood-word"])
    expect(box.locator("dd")).to_have_text(["hopeful"])
    record = stored(ws)
    assert record["version"] == 2 and record["answers"]["name"] == "Alex" and "old-name" not in record["answers"]
    assert record["retired"] == {"mood-word": "hopeful"}
    ws.get_by_label("A longer answer").fill("more")
    wait_saved(ws)
    assert stored(ws)["retired"] == {"mood-word": "hopeful"}


def test_partner_options_show_the_names_set_on_this_device(page: Page, ws_site: str) -> None:
    # boundaries-agreement v1 asked "Whose is it? Mine / My partner's"; v2 names the partners.
    key = "tw:answers:boundaries-agreement"
    old = {"format": 1, "worksheet": "boundaries-agreement", "version": 1,
           "created": "2026-01-01T00:00:00.000Z", "updated": "2026-01-01T00:00:00.000Z",
           "answers": {"boundary-rows": [{"boundary": "No phones at dinner", "whose": "mine"}]},
           "changed": {}, "retired": {}}
    page.goto(ws_site + "worksheets/boundaries-agreement/")
    page.evaluate("([k, v, n]) => { localStorage.setItem(k, v); localStorage.setItem('tw:partners', n); }",
                  [key, json.dumps(old), json.dumps({"names": {"a": "Sam", "b": "Alex"}, "active": "a"})])
    page.reload()
    first = page.get_by_label("Whose boundary?, row 1")
    expect(first.locator("option")).to_have_text(["Choose", "Sam", "Alex", "Both of us"])
    expect(page.get_by_label("What I will do, row 1")).to_have_value("No phones at dinner")
    first.select_option(label="Alex")
    page.get_by_role("button", name="Add a row to Which boundaries do you each need?").click()
    expect(page.get_by_label("Whose boundary?, row 2").locator("option")).to_have_text(
        ["Choose", "Sam", "Alex", "Both of us"])
    expect(page.locator("[data-tw-saved]")).to_have_text("Saved")
    rows = stored(page, key)["answers"]["boundary-rows"]
    # The old column's answer stays in the saved row; the new one is the partner's option id.
    assert rows[0] == {"boundary": "No phones at dinner", "whose": "mine", "whose-boundary": "partner-b"}


def test_self_check_scores_as_documented(page: Page, ws_site: str) -> None:
    page.goto(ws_site + "worksheets/self-check-sample/")
    score = page.locator("[data-tw-score]")
    expect(score.locator('[data-tw-area="communication"] [data-tw-area-score="partner"]')).to_have_text("not answered yet")
    expect(score.locator("[data-tw-suggestions]")).to_be_hidden()
    # communication 4 and 3 -> 3.5; reliability 2 -> 2 (1 of 2 answered); repair 5.
    page.get_by_role("group", name="We talk openly.").get_by_role("radio", name="4").check()
    page.get_by_role("group", name="We listen well.").get_by_role("radio", name="3").check()
    page.get_by_role("group", name="Promises get kept.").get_by_role("radio", name="2").check()
    page.get_by_role("group", name="We make up after a fight.").get_by_role("radio", name="5 (Always)").check()
    expect(score.locator('[data-tw-area="communication"] [data-tw-area-score="partner"]')).to_have_text("3.5 of 5")
    expect(score.locator('[data-tw-area="reliability"] [data-tw-area-score="partner"]')).to_have_text(
        "2 of 5 (1 of 2 questions answered)")
    expect(score.locator('[data-tw-area="repair"] [data-tw-area-score="partner"]')).to_have_text("5 of 5")
    # Weakest: the lowest mean (reliability, 2), plus any below the midpoint 3 (none else).
    suggestions = score.locator("[data-tw-suggest]:visible")
    expect(suggestions).to_have_count(1)
    link = suggestions.get_by_role("link", name="Be reliable and consistent")
    expect(link).to_have_attribute("href", re.compile(r"/guides/establishing-trust/#reliability$"))
    expect(score).to_contain_text("You might start with:")
    # communication drops to 2.5: below the midpoint, so suggested too.
    page.get_by_role("group", name="We talk openly.").get_by_role("radio", name="2", exact=True).check()
    expect(score.locator('[data-tw-area="communication"] [data-tw-area-score="partner"]')).to_have_text("2.5 of 5")
    expect(score.locator("[data-tw-suggest]:visible")).to_have_count(2)
    page.reload()
    expect(score.locator('[data-tw-area="communication"] [data-tw-area-score="partner"]')).to_have_text("2.5 of 5")


def test_html_in_answers_is_only_ever_text(ws: Page, ws_site: str) -> None:
    ws.get_by_label("A short answer").fill(XSS)
    ws.get_by_label("What was promised, row 1").fill(XSS)
    wait_saved(ws)
    record = stored(ws)
    record["retired"] = {"gone": XSS, "gone-rows": [{"x": XSS}]}
    ws.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(record)])
    ws.reload()
    expect(ws.get_by_label("A short answer")).to_have_value(XSS)
    expect(ws.get_by_label("What was promised, row 1")).to_have_value(XSS)
    expect(ws.locator("[data-tw-retired] dd").first).to_have_text(XSS)
    expect(ws.locator("[data-tw-retired] dd").nth(1)).to_have_text(f"1. x: {XSS}")
    assert ws.locator("main img[src=x]").count() == 0
    ws.goto(ws_site + "worksheets/")
    expect(ws.locator('[data-tw-status="every-field"] [data-tw-status-text]')).to_have_text("In progress")
    assert ws.locator("img[src=x]").count() == 0
    ws.wait_for_timeout(300)
    assert ws.dialogs == []  # no alert ran  # type: ignore[attr-defined]


@pytest.mark.parametrize("damage", ["{not json", '{"format": 2, "worksheet": "every-field", "answers": {}}',
                                    '["a list"]', '{"format": 1, "worksheet": "every-field", "answers": 3}'])
def test_a_damaged_entry_is_set_aside_and_reported(ws: Page, damage: str) -> None:
    ws.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, damage])
    ws.reload()
    notice = ws.locator("[data-tw-notice]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("could not be read")
    expect(ws.get_by_label("A short answer")).to_be_editable()
    aside = ws.evaluate("""() => Object.keys(localStorage).filter(k => k.startsWith('tw:damaged:every-field:'))""")
    assert len(aside) == 1
    assert ws.evaluate("k => localStorage.getItem(k)", aside[0]) == damage
    assert ws.evaluate("k => localStorage.getItem(k)", KEY) == damage, "nothing written before the reader types"
    ws.get_by_label("A short answer").fill("a fresh start")
    wait_saved(ws)
    assert stored(ws)["answers"] == {"name": "a fresh start"}
    assert ws.evaluate("k => localStorage.getItem(k)", aside[0]) == damage


def test_scale_is_operable_by_keyboard(ws: Page) -> None:
    first = ws.get_by_role("group", name="How sure do you feel?").get_by_role("radio").first
    first.focus()
    ws.keyboard.press("Space")
    expect(first).to_be_checked()
    ws.keyboard.press("ArrowRight")
    expect(ws.get_by_role("radio", name="2", exact=True)).to_be_checked()
    wait_saved(ws)
    assert stored(ws)["answers"]["feeling"] == 2


def test_rows_can_be_removed_and_renumber(ws: Page) -> None:
    add = ws.get_by_role("button", name="Add a row to Promises made this week")
    add.click()
    add.click()
    ws.get_by_label("What was promised, row 1").fill("one")
    ws.get_by_label("What was promised, row 2").fill("two")
    ws.get_by_label("What was promised, row 3").fill("three")
    ws.get_by_role("button", name="Remove row 2").click()
    expect(ws.get_by_label("What was promised, row 2")).to_have_value("three")
    expect(ws.get_by_label("What was promised, row 2")).to_be_focused()
    wait_saved(ws)
    assert stored(ws)["answers"]["promises"] == [{"what": "one"}, {"what": "three"}]


@pytest.mark.parametrize("path", [PAGE, "worksheets/", "worksheets/self-check-sample/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_fits_a_phone_screen(page: Page, ws_site: str, path: str, scheme: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.emulate_media(color_scheme=scheme)
    page.goto(ws_site + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_page_makes_no_errors_and_no_outside_requests(page: Page, watch, ws_site: str) -> None:
    page.goto(ws_site + PAGE, wait_until="networkidle")
    page.get_by_label("A short answer").fill("x")
    wait_saved(page)
    assert watch.problems() == []


def test_print_shows_the_worksheet_and_answers_without_the_site_around_it(ws: Page) -> None:
    ws.get_by_label("A short answer").fill("Printed answer")
    wait_saved(ws)
    ws.emulate_media(media="print")
    for hidden in [".md-header", ".md-sidebar--primary", ".md-footer", "[data-tw-toolbar]",
                   "[data-tw-add-row]", "[data-tw-remove-row]"]:
        expect(ws.locator(hidden).first).to_be_hidden()
    blank_rows = ws.locator('[data-tw-field="promises"] .tw-rows__blank tr')
    expect(blank_rows.first).to_be_visible()
    assert blank_rows.count() >= 3
    # An empty long answer prints as ruled lines of writing space.
    ruled = ws.get_by_label("A longer answer").evaluate("el => getComputedStyle(el).backgroundImage")
    assert "repeating-linear-gradient" in ruled
    assert ws.get_by_label("A longer answer").bounding_box()["height"] > 100


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_print_to_pdf_on_letter_and_a4(ws: Page, paper: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    ws.get_by_label("A short answer").fill("Printed answer")
    wait_saved(ws)
    ws.emulate_media(media="print")
    target = tmp_path / f"{paper}.pdf"
    ws.pdf(path=str(target), format=paper, prefer_css_page_size=False)
    reader = PdfReader(target)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Every field" in text and "A short answer" in text and "Promises made this week" in text
    assert "Printed answer" in text
    assert "Clear answers" not in text and "Remove row" not in text
    assert "yyyy" not in text and "Choose" not in text, "empty dates and choices print blank"
    assert len(reader.pages) <= 4


@pytest.mark.parametrize("path", [PAGE, "worksheets/", "worksheets/self-check-sample/"])
def test_axe_finds_no_wcag_violations(page: Page, ws_site: str, path: str) -> None:
    # Both palettes on one load: the page opens in the light one and is
    # switched with Material's toggle (quality.switch_palette).
    page.emulate_media(color_scheme="light")
    page.goto(ws_site + path)
    expect(page.locator("main")).to_be_visible()
    found = quality.axe_in_each_palette(page)
    assert not any(found.values()), found
