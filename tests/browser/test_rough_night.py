"""Rough night? Start here, on a phone: the page someone opens at their worst
must show its key items on one screen, with no scrolling, and let them leave
at once."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.test_foundation import EXIT_URL, leave_to_a_stub

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def assert_on_first_screen(item: Locator) -> None:
    expect(item).to_be_visible()
    box = item.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (item, box)
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (item, box)


@pytest.fixture
def phone(page: Page) -> Page:
    page.set_viewport_size(PHONE)
    return page


def test_the_key_items_show_without_scrolling(phone: Page) -> None:
    phone.goto("rough-night/")
    article = phone.locator("article")
    assert_on_first_screen(article.get_by_role("link", name="Safety", exact=True))
    assert_on_first_screen(article.get_by_role("link", name="call 988", exact=True))
    assert_on_first_screen(article.get_by_role("link", name="text 988", exact=True))
    assert_on_first_screen(article.get_by_text("Take a break of at least 20 minutes"))
    assert_on_first_screen(article.get_by_role("link", name="How to take a break"))
    assert_on_first_screen(phone.get_by_role("link", name="Quick exit"))
    # The whole list fits, down to where to go tomorrow.
    assert_on_first_screen(article.locator("li").last)
    assert phone.evaluate("window.scrollY") == 0


def test_the_home_page_reaches_it_in_one_tap(phone: Page) -> None:
    phone.goto("")
    link = phone.locator("article").get_by_role("link", name="Rough night? Start here", exact=True)
    assert_on_first_screen(link)
    link.click()
    expect(phone).to_have_url(re.compile(r"/rough-night/$"))
    expect(phone.locator("h1")).to_contain_text("Rough night")


def test_quick_exit_leaves_from_a_phone(phone: Page) -> None:
    leave_to_a_stub(phone)
    phone.goto("")
    phone.goto("rough-night/")
    phone.get_by_role("link", name="Quick exit").click()
    expect(phone).to_have_url(EXIT_URL)
    phone.go_back()
    expect(phone).not_to_have_url(re.compile(r"/rough-night/"))
