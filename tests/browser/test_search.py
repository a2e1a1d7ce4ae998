"""Search in a real browser: the index is fetched only when the reader
reaches for search (docs/assets/js/site/search-on-demand.js), and search
then works as Material's always has, by click, by keyboard shortcut, on a
phone, after instant navigation, and from a search result's highlighted
address."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.instant import assert_same_window, mark_window

pytestmark = pytest.mark.browser

INDEX = "search/search_index.json"
MOBILE = {"width": 390, "height": 844}


def index_requests(page: Page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if request.url.endswith(INDEX) else None)
    return requests


def results(page: Page) -> None:
    expect(page.locator(".md-search-result__meta")).to_contain_text(re.compile(r"\d+ matching"), timeout=30_000)
    expect(page.locator(".md-search-result__item").first).to_be_visible()


def test_a_page_load_does_not_fetch_the_index_and_a_click_on_search_does(page: Page, watch) -> None:
    requests = index_requests(page)
    page.goto("guides/rebuilding-trust/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert requests == [], "the search index was fetched before anyone searched"

    page.locator(".md-search__input").click()
    page.keyboard.type("apology")
    results(page)
    assert len(requests) == 1
    assert watch.problems() == []


@pytest.mark.parametrize("key", ["/", "s"])
def test_the_keyboard_shortcut_fetches_the_index_and_searches(page: Page, key: str) -> None:
    requests = index_requests(page)
    page.goto("checklist/", wait_until="networkidle")
    assert requests == []
    page.keyboard.press(key)
    expect(page.locator(".md-search__input")).to_be_focused()
    page.keyboard.type("boundaries")
    results(page)
    assert len(requests) == 1


def test_on_a_phone_the_search_button_fetches_the_index(browser, base_url: str) -> None:  # noqa: ANN001
    context = browser.new_context(base_url=base_url, viewport=MOBILE, has_touch=True, is_mobile=True)
    page = context.new_page()
    requests = index_requests(page)
    page.goto("", wait_until="networkidle")
    assert requests == []
    page.locator("label.md-header__button[for=__search]").tap()
    expect(page.locator(".md-search__input")).to_be_visible()
    page.locator(".md-search__input").fill("reassurance")
    results(page)
    assert len(requests) == 1
    context.close()


def test_search_works_after_instant_navigation_with_one_fetch(page: Page) -> None:
    requests = index_requests(page)
    page.goto("")
    mark_window(page)
    page.locator(".md-tabs").get_by_role("link", name="Checklist", exact=True).click()
    expect(page.locator("h1").first).to_contain_text("Checklist")
    page.locator(".md-search__input").click()
    page.keyboard.type("apology")
    results(page)
    page.locator(".md-search-result__item a").first.click()
    expect(page).to_have_url(re.compile(r"\?h="))
    page.locator(".md-search__input").click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("promise")
    results(page)
    assert_same_window(page)
    assert len(requests) == 1


def test_an_address_from_a_search_result_fetches_the_index_and_highlights(page: Page) -> None:
    requests = index_requests(page)
    page.goto("guides/rebuilding-trust/?h=apology")
    expect(page.locator("article mark[data-md-highlight]").first).to_be_visible(timeout=30_000)
    assert len(requests) == 1
