"""The light and dark toggle (docs/assets/js/site/palette.js) in a real
browser: it follows the system on a first visit, switches by click and by
keyboard, survives instant navigation and a damaged saved choice, and a
page load that keeps the palette leaves the page's colours alone (Material's
own component restyled every element three times per load).
tests/browser/test_foundation.py checks that a choice persists."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from tests.browser.instant import assert_same_window, mark_window

pytestmark = pytest.mark.browser

# Every change to the body's palette attributes made once the page has been
# parsed, when Material's inline script in the header has already applied a
# saved choice (it runs while the page is still loading).
RECORD_CHANGES = """
window.__palette_changes = [];
new MutationObserver((records) => {
  if (document.readyState === "loading") return;
  for (const r of records) window.__palette_changes.push(r.attributeName + "=" + r.target.getAttribute(r.attributeName));
}).observe(document, { subtree: true, attributes: true, attributeFilter: [
  "data-md-color-scheme", "data-md-color-primary", "data-md-color-accent", "data-md-color-media",
  "data-md-color-switching"] });
"""


def scheme(page: Page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def root_colour_scheme(page: Page) -> str:
    return page.evaluate("getComputedStyle(document.documentElement).colorScheme")


def ready(page: Page) -> None:
    """The toggle is mounted: one of its labels is showing."""
    expect(page.locator("[data-tw-palette] label:not([hidden])")).to_have_count(1)


def test_a_first_visit_in_light_mode_leaves_the_page_alone(page: Page, watch) -> None:
    page.add_init_script(RECORD_CHANGES)
    page.emulate_media(color_scheme="light")
    page.goto("checklist/")
    ready(page)
    assert scheme(page) == "default"
    assert page.locator("[data-md-component=palette]").count() == 0, "Material's palette component is mounted too"
    expect(page.locator('label[title="Switch to dark mode"]')).to_be_visible()
    page.wait_for_timeout(300)
    # The light palette is the one the page was built with; the media
    # attribute is not styled by any rule, so it restyles nothing.
    assert page.evaluate("window.__palette_changes") == ["data-md-color-media=(prefers-color-scheme: light)"]
    page.reload()
    ready(page)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__palette_changes") == []  # the saved choice was applied while loading
    assert watch.problems() == []


def test_a_first_visit_in_dark_mode_turns_dark_and_so_does_the_root(page: Page) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto("")
    ready(page)
    assert scheme(page) == "slate"
    assert root_colour_scheme(page) == "dark"
    expect(page.locator('label[title="Switch to light mode"]')).to_be_visible()
    assert page.evaluate("__md_get('__palette').index") == 1
    page.locator('label[title="Switch to light mode"]').click()
    assert scheme(page) == "default"
    assert root_colour_scheme(page) == "normal"


def test_enter_on_the_focused_toggle_switches(page: Page) -> None:
    page.emulate_media(color_scheme="light")
    page.goto("")
    ready(page)
    page.locator("#__palette_0").focus()
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator("#__palette_1")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")


def test_the_toggle_switches_once_per_click_after_instant_navigation(page: Page) -> None:
    page.emulate_media(color_scheme="light")
    page.goto("")
    ready(page)
    mark_window(page)
    for tab, heading in (("Guides", "Why trust matters"), ("Checklist", "Checklist"), ("Worksheets", "Worksheets")):
        page.locator(".md-tabs").get_by_role("link", name=tab, exact=True).click()
        expect(page.locator("h1").first).to_contain_text(heading)
    page.evaluate("() => {" + RECORD_CHANGES + "}")
    page.locator('label[title="Switch to dark mode"]').click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator("body")).not_to_have_attribute("data-md-color-switching", "")
    changes = page.evaluate("window.__palette_changes")
    assert changes.count("data-md-color-scheme=slate") == 1, changes
    assert_same_window(page)


def test_a_damaged_saved_choice_falls_back_to_the_system_setting(page: Page, watch) -> None:
    page.emulate_media(color_scheme="light")
    page.goto("")
    ready(page)
    slate = page.evaluate("Object.fromEntries(['media', 'scheme', 'primary', 'accent'].map("
                          "(k) => [k, document.querySelector('#__palette_1').getAttribute('data-md-color-' + k)]))")
    for damaged in ({"index": 9, "color": slate}, {"index": "1"}, [1]):
        page.evaluate("(value) => __md_set('__palette', value)", damaged)
        page.reload()
        ready(page)
        assert scheme(page) == "default", json.dumps(damaged)
        assert page.evaluate("__md_get('__palette').index") == 0
    assert watch.problems() == []
