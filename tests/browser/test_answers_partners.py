"""Two partners on one device: each-partner worksheets switch between two
sets of answers kept under their own keys, names are set locally (and only
ever shown as text), and a side-by-side view compares both."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PAGE = "worksheets/promise-log/"
QUESTION = "Look at the promises you did not keep. What got in the way most often?"


def stored(page: Page, key: str):  # noqa: ANN201
    raw = page.evaluate("k => localStorage.getItem(k)", key)
    return None if raw is None else json.loads(raw)


def saved(page: Page) -> None:
    expect(page.locator("[data-tw-saved]")).to_have_text("Saved")


def test_each_partner_has_their_own_answers(page: Page) -> None:
    page.goto(PAGE)
    switch = page.get_by_role("group", name="Whose answers are these?")
    expect(switch.get_by_role("radio", name="Partner A")).to_be_checked()
    page.get_by_label(QUESTION).fill("Saying yes too fast")
    page.get_by_label("What I promised, row 1").fill("Call the plumber")
    saved(page)

    switch.get_by_role("radio", name="Partner B").check()
    expect(page.get_by_role("status").filter(has_text="Now showing")).to_have_text("Now showing Partner B's answers.")
    expect(page.get_by_label(QUESTION)).to_have_value("")
    expect(page.get_by_label("What I promised, row 1")).to_have_value("")
    page.get_by_label(QUESTION).fill("Forgetting")
    saved(page)

    first = stored(page, "tw:answers:promise-log")
    second = stored(page, "tw:answers:promise-log:partner-b")
    assert first["answers"] == {"got-in-the-way": "Saying yes too fast",
                                "promise-rows": [{"promise": "Call the plumber"}]}
    assert "partner" not in first
    assert second["partner"] == "b" and second["worksheet"] == "promise-log"
    assert second["answers"] == {"got-in-the-way": "Forgetting"}

    # The chosen partner is remembered; switching back shows the first set.
    page.reload()
    expect(page.get_by_role("radio", name="Partner B")).to_be_checked()
    expect(page.get_by_label(QUESTION)).to_have_value("Forgetting")
    page.get_by_role("radio", name="Partner A").check()
    expect(page.get_by_label(QUESTION)).to_have_value("Saying yes too fast")
    expect(page.get_by_label("What I promised, row 1")).to_have_value("Call the plumber")

    # The Worksheets index shows each partner's progress once both have started.
    page.goto("worksheets/")
    expect(page.locator('[data-tw-status="promise-log"] [data-tw-status-text]')).to_have_text(
        "Partner A: In progress; Partner B: In progress")
    expect(page.locator('[data-tw-status="trust-self-check"] [data-tw-status-text]')).to_have_text("Not started")


def test_names_are_local_text_and_the_comparison_shows_both(page: Page) -> None:
    page.goto(PAGE)
    page.get_by_label(QUESTION).fill("Too busy <script>alert(1)</script>")
    page.get_by_label("What I promised, row 1").fill("Cook")
    page.get_by_label("Kept?, row 1").select_option("partly")
    saved(page)
    page.get_by_text("Change names").click()
    page.get_by_label("Name for Partner A").fill("<img src=x onerror=alert(1)>Sam")
    page.get_by_label("Name for Partner B").fill("Alex")
    switch = page.get_by_role("group", name="Whose answers are these?")
    expect(switch.get_by_role("radio", name="<img src=x onerror=alert(1)>Sam")).to_be_checked()
    switch.get_by_role("radio", name="Alex").check()
    page.get_by_label(QUESTION).fill("Nothing much")
    page.get_by_role("checkbox", name="When I saw I could not keep a promise").check()
    saved(page)
    assert stored(page, "tw:partners")["names"] == {"a": "<img src=x onerror=alert(1)>Sam", "b": "Alex"}

    page.get_by_role("button", name="Compare side by side").click()
    table = page.locator("[data-tw-comparison] table")
    expect(table.locator("thead th")).to_have_text(["Question", "<img src=x onerror=alert(1)>Sam", "Alex"])
    row = table.locator("tbody tr", has=page.get_by_role("rowheader", name=QUESTION))
    expect(row.locator("td")).to_have_text(["Too busy <script>alert(1)</script>", "Nothing much"])
    rows_row = table.locator("tbody tr", has=page.get_by_role("rowheader", name="What have you promised your partner?"))
    expect(rows_row.locator("td")).to_have_text(["1. What I promised: Cook; Kept?: Partly", "—"])
    ticked = table.locator("tbody tr", has=page.get_by_role("rowheader", name="When I saw I could not keep"))
    expect(ticked.locator("td")).to_have_text(["—", "Yes"])
    assert page.locator("main img[src=x]").count() == 0
    assert page.locator("[data-tw-comparison] script").count() == 0

    # Closing and opening again after a change shows the change.
    page.get_by_role("button", name="Compare side by side").click()
    expect(table).to_have_count(0)
    page.get_by_label(QUESTION).fill("Nothing at all")
    page.get_by_role("button", name="Compare side by side").click()
    expect(row.locator("td").nth(1)).to_have_text("Nothing at all")


def test_worksheets_for_both_together_have_no_switch(page: Page) -> None:
    page.goto("worksheets/weekly-check-in/")
    expect(page.locator("[data-tw-toolbar]")).to_be_visible()
    expect(page.locator("[data-tw-partners]")).to_have_count(0)


def test_the_name_limit_is_read_from_the_published_schema(page: Page) -> None:
    # Until the schema arrives the editor is not built; when it cannot be read, a plain message says so.
    page.route("**/assets/schema/answers-v1.json", lambda route: route.fulfill(status=503, body="down"))
    page.goto(PAGE)
    page.get_by_text("Change names").click()
    expect(page.get_by_text("Names cannot be changed right now")).to_contain_text("HTTP 503")
    expect(page.get_by_label("Name for Partner A")).to_have_count(0)

    # Once it can be read (opening the editor again retries), the limit is the schema's.
    page.unroute("**/assets/schema/answers-v1.json")
    page.get_by_text("Change names").click()
    page.get_by_text("Change names").click()
    limit = page.evaluate("""() => fetch(new URL('assets/schema/answers-v1.json', document.baseURI.replace(/worksheets\\/.*$/, '')))
        .then(r => r.json()).then(s => s.properties.partners.properties.a.maxLength)""")
    expect(page.get_by_label("Name for Partner A")).to_have_attribute("maxlength", str(limit))
    expect(page.get_by_text("Names cannot be changed right now")).to_have_count(0)
    page.get_by_label("Name for Partner B").fill("x" * (limit + 5))
    page.wait_for_function("() => (localStorage.getItem('tw:partners') || '').includes('xxxx')")
    assert stored(page, "tw:partners")["names"]["b"] == "x" * limit
