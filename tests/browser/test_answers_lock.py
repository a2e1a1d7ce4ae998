"""The privacy lock: with it on, nothing stored reads as plain text; a reload
asks for the passphrase; a wrong one changes nothing; the right one restores
everything (and instant navigation does not ask again); turning it off
stores everything plain again; erasing works without the passphrase."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.answers import GOT_IN_THE_WAY, PROMISES, saved, site_storage
from tests.browser.instant import assert_same_window, mark_window

pytestmark = pytest.mark.browser

PASSPHRASE = "river lantern pocket seven"
SECRETS = ["Sam", "Alex", "a private worry", "the other partner's words", "Fix the gate", "promise-log"]






def fill(page: Page) -> None:
    page.goto(PROMISES)
    page.get_by_text("Change names").click()
    page.get_by_label("Name for Partner A").fill("Sam")
    page.get_by_label("Name for Partner B").fill("Alex")
    page.get_by_label(GOT_IN_THE_WAY).fill("a private worry")
    page.get_by_label("What I promised, row 1").fill("Fix the gate")
    saved(page)
    page.get_by_role("radio", name="Alex").check()
    page.get_by_label(GOT_IN_THE_WAY).fill("the other partner's words")
    saved(page)


def turn_on(page: Page) -> None:
    page.goto("my-answers/")
    page.get_by_label("New passphrase").fill(PASSPHRASE)
    page.get_by_label("The same passphrase again").fill(PASSPHRASE)
    page.get_by_role("button", name="Turn the lock on").click()
    expect(page.locator("[data-tw-lock-status]")).to_contain_text("The lock is on.", timeout=20_000)


def assert_sealed(stored: dict[str, str]) -> None:
    lock = json.loads(stored["tw:lock"])
    assert lock["kdf"] == "PBKDF2-SHA-256" and lock["iterations"] >= 600_000 and lock["cipher"] == "AES-GCM-256"
    protected = {k: v for k, v in stored.items() if k.startswith(("tw:answers:", "tw:damaged:")) or k == "tw:partners"}
    assert {"tw:answers:promise-log", "tw:answers:promise-log:partner-b", "tw:partners"} <= set(protected)
    for key, raw in protected.items():
        value = json.loads(raw)
        assert set(value) == {"sealed", "iv", "data"}, key
        for secret in SECRETS:
            assert secret not in raw, (key, secret)


def unlock(page: Page, passphrase: str) -> None:
    page.get_by_label("Passphrase", exact=True).fill(passphrase)
    page.get_by_role("button", name="Unlock").click()


def test_lock_on_wrong_and_right_passphrase_then_off(page: Page) -> None:
    fill(page)
    plain = site_storage(page)
    turn_on(page)
    sealed = site_storage(page)
    assert_sealed(sealed)
    ivs = [json.loads(sealed[k])["iv"] for k in ("tw:answers:promise-log", "tw:answers:promise-log:partner-b")]
    assert len(set(ivs)) == 2

    # A reload asks again; the worksheet stays inert and empty meanwhile.
    page.goto(PROMISES)
    prompt = page.locator(".tw-unlock")
    expect(prompt.get_by_role("heading", name="Your answers are locked")).to_be_visible()
    expect(page.locator("form[data-tw-worksheet]")).to_have_attribute("inert", "")
    expect(page.get_by_label(GOT_IN_THE_WAY)).to_have_value("")

    unlock(page, "not the passphrase")
    expect(prompt.get_by_role("status")).to_contain_text("does not open these answers", timeout=20_000)
    assert site_storage(page) == sealed, "a wrong passphrase changes nothing"
    expect(page.get_by_label(GOT_IN_THE_WAY)).to_have_value("")

    unlock(page, PASSPHRASE)
    expect(prompt).to_have_count(0, timeout=20_000)
    expect(page.get_by_role("radio", name="Alex")).to_be_checked()
    expect(page.get_by_label(GOT_IN_THE_WAY)).to_have_value("the other partner's words")
    page.get_by_role("radio", name="Sam").check()
    expect(page.get_by_label(GOT_IN_THE_WAY)).to_have_value("a private worry")
    expect(page.get_by_label("What I promised, row 1")).to_have_value("Fix the gate")

    # New typing is stored sealed, with a fresh IV.
    page.get_by_label(GOT_IN_THE_WAY).fill("a private worry, changed")
    saved(page)
    page.wait_for_function("""old => {
        const raw = localStorage.getItem('tw:answers:promise-log');
        return raw && JSON.parse(raw).iv !== old; }""", arg=json.loads(sealed["tw:answers:promise-log"])["iv"])
    assert "changed" not in page.evaluate("localStorage.getItem('tw:answers:promise-log')")

    # Instant navigation keeps the lock open: My answers lists without asking.
    mark_window(page)
    page.locator(".md-tabs").get_by_role("link", name="My answers").click()
    expect(page).to_have_url(re.compile(r"/my-answers/$"))
    assert_same_window(page)
    expect(page.locator(".tw-unlock")).to_have_count(0)
    expect(page.locator("table.tw-answers-list tbody tr")).to_have_count(2)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Turn the lock off").click()
    expect(page.locator("[data-tw-lock-status]")).to_contain_text("The lock is off.")
    now = site_storage(page)
    assert "tw:lock" not in now
    assert json.loads(now["tw:answers:promise-log"])["answers"]["got-in-the-way"] == "a private worry, changed"
    assert now["tw:answers:promise-log:partner-b"] == plain["tw:answers:promise-log:partner-b"]
    assert json.loads(now["tw:partners"])["names"] == json.loads(plain["tw:partners"])["names"]
    page.reload()
    expect(page.locator(".tw-unlock")).to_have_count(0)
    expect(page.locator("table.tw-answers-list tbody tr")).to_have_count(2)


def test_homework_shows_locked_answers_once_the_passphrase_is_given(page: Page) -> None:
    fill(page)
    turn_on(page)
    page.goto("homework/#v=1&i=w:promise-log")
    item = page.locator(".tw-homework__items > li").first
    expect(item).to_contain_text("Your answers are locked")
    expect(item).not_to_contain_text("Not started")
    unlock(page, PASSPHRASE)
    expect(page.locator(".tw-unlock")).to_have_count(0, timeout=20_000)
    expect(item).to_contain_text("Sam: 2 answers saved in this browser")
    expect(item).to_contain_text("Alex: 1 answer saved in this browser")
    assert_sealed(site_storage(page))


def test_erase_works_on_a_locked_device_without_the_passphrase(page: Page) -> None:
    fill(page)
    turn_on(page)
    page.goto("my-answers/")
    expect(page.locator(".tw-unlock")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Erase everything on this device").click()
    expect(page.locator("[data-erase-all] [role=status]")).to_contain_text("has been erased", timeout=30_000)
    assert site_storage(page) == {}
    page.goto(PROMISES)
    expect(page.locator(".tw-unlock")).to_have_count(0)
    expect(page.get_by_label(GOT_IN_THE_WAY)).to_have_value("")
    expect(page.get_by_label(GOT_IN_THE_WAY)).to_be_editable()


def test_a_short_or_mismatched_passphrase_is_refused(page: Page) -> None:
    page.goto("my-answers/")
    page.get_by_label("New passphrase").fill("short")
    page.get_by_label("The same passphrase again").fill("short")
    page.get_by_role("button", name="Turn the lock on").click()
    status = page.locator("[data-tw-lock-settings] [role=status]")
    expect(status).to_contain_text("at least 8 characters")
    page.get_by_label("New passphrase").fill("long enough words")
    page.get_by_label("The same passphrase again").fill("long enough word")
    page.get_by_role("button", name="Turn the lock on").click()
    expect(status).to_contain_text("not the same")
    assert page.evaluate("localStorage.getItem('tw:lock')") is None


def test_a_page_open_when_another_tab_turns_the_lock_on_never_stores_plain_text(page: Page) -> None:
    page.goto(PROMISES)
    page.get_by_label(GOT_IN_THE_WAY).fill("before the lock")
    saved(page)
    other = page.context.new_page()
    turn_on(other)
    page.get_by_label(GOT_IN_THE_WAY).fill("typed after the lock went on")
    expect(page.locator("[data-tw-health]")).to_contain_text("Your answers are not being kept.")
    stored = site_storage(page)
    assert "typed after" not in stored["tw:answers:promise-log"]
    assert set(json.loads(stored["tw:answers:promise-log"])) == {"sealed", "iv", "data"}
