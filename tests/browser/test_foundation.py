"""The foundation in a real browser: every top-level page loads cleanly and
privately, instant navigation is really on, quick exit leaves, and the
palette toggle sticks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.instant import assert_same_window, mark_window

pytestmark = pytest.mark.browser

TOP_LEVEL = ["", "guides/why-trust-matters/", "guides/common-challenges/",
             "guides/establishing-trust/", "guides/maintaining-trust/",
             "guides/rebuilding-trust/", "guides/activities/", "guides/getting-support/",
             "worksheets/", "checklist/", "for-therapists/", "safety/", "rough-night/", "sources/",
             "privacy/", "tags/"]
EXIT_URL = re.compile(r"^https://www\.google\.com/search\?q=weather")


@pytest.mark.parametrize("path", TOP_LEVEL)
def test_page_loads_with_no_error_and_no_outside_request(page: Page, watch, path: str) -> None:
    page.goto(path, wait_until="networkidle")
    expect(page.locator("h1").first).to_be_visible()
    assert watch.problems() == []


def test_instant_navigation_keeps_the_page_alive(page: Page, watch) -> None:
    page.goto("")
    mark_window(page)
    page.get_by_role("link", name="Privacy").first.click()
    expect(page).to_have_url(re.compile(r"/privacy/$"))
    expect(page.locator("h1")).to_contain_text("Privacy")
    assert_same_window(page, "the click was a full page load")
    assert watch.problems() == []


def test_the_instant_navigation_proof_fails_on_a_full_load(page: Page) -> None:
    page.goto("")
    mark_window(page)
    page.reload()
    with pytest.raises(AssertionError, match="a click was a full page load"):
        assert_same_window(page)


def leave_to_a_stub(page: Page) -> None:
    # The quick-exit target is a real outside site; here it answers locally.
    page.context.route(EXIT_URL, lambda route: route.fulfill(body="<title>Weather</title>weather",
                                                            content_type="text/html"))


def test_quick_exit_button_leaves_and_replaces_history(page: Page) -> None:
    leave_to_a_stub(page)
    page.goto("")
    page.goto("safety/")
    page.get_by_role("link", name="Quick exit").click()
    expect(page).to_have_url(EXIT_URL)
    page.go_back()
    # The Safety page was replaced, so Back skips it.
    expect(page).not_to_have_url(re.compile(r"/safety/"))
    expect(page.locator("h1").first).to_contain_text("Trust Workbook")


def test_double_escape_leaves(page: Page) -> None:
    leave_to_a_stub(page)
    page.goto("safety/")
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)
    page.keyboard.press("Escape")
    expect(page).to_have_url(EXIT_URL)


def test_single_escape_stays(page: Page) -> None:
    leave_to_a_stub(page)
    page.goto("safety/")
    page.keyboard.press("Escape")
    page.wait_for_timeout(1300)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    expect(page).to_have_url(re.compile(r"/safety/$"))


def test_quick_exit_still_works_after_instant_navigation(page: Page) -> None:
    leave_to_a_stub(page)
    page.goto("")
    mark_window(page)
    page.locator("footer").get_by_role("link", name="Safety").click()
    expect(page.locator("h1").first).to_contain_text("Your safety comes first")
    assert_same_window(page)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page).to_have_url(EXIT_URL)


def scheme(page: Page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_palette_follows_the_system_then_the_toggle_and_persists(page: Page) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto("")
    assert scheme(page) == "slate"
    page.locator('label[title="Switch to light mode"]').click()
    assert scheme(page) == "default"
    page.reload()
    assert scheme(page) == "default"
    page.locator('label[title="Switch to dark mode"]').click()
    page.reload()
    assert scheme(page) == "slate"


def test_erase_everything_asks_then_erases(page: Page) -> None:
    page.goto("privacy/")
    page.evaluate("localStorage.setItem('tw:test', '1'); localStorage.setItem('other-site', 'keep')")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Erase everything on this device").click()
    expect(page.get_by_role("status")).to_have_text("Nothing was erased.")
    assert page.evaluate("localStorage.getItem('tw:test')") == "1"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Erase everything on this device").click()
    expect(page.get_by_role("status")).to_contain_text("has been erased", timeout=30_000)
    assert page.evaluate("localStorage.getItem('tw:test')") is None
    assert page.evaluate("localStorage.getItem('other-site')") == "keep"
