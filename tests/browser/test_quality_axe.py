"""Accessibility: axe-core's WCAG 2.2 A and AA rules on every built page, in
both palettes, on a phone and a desktop screen; keyboard-only use with a
visible focus; and reduced motion honoured."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from checks import quality, site

pytestmark = pytest.mark.browser

WIDTHS = [360, 1280]


def test_axe_finds_no_violation_on_any_page_in_either_palette_at_either_width(
        browser, built_site: Path, server: site.Server) -> None:  # noqa: ANN001
    # Each page is loaded once per width and checked in both palettes; the
    # two widths walk side by side, each in its own context (quality.axe_walk).
    # tests/browser/test_quality_planted.py shows that a violation only one
    # palette or one width shows is caught, in that palette and width only.
    contexts = {f"{width} px": browser.new_context(base_url=server.url, color_scheme="light",
                                                   viewport={"width": width, "height": 800})
                for width in WIDTHS}
    pages = quality.site_pages(built_site)
    try:
        tabs = {name: context.new_page() for name, context in contexts.items()}
        for tab in tabs.values():
            tab.goto("")
            assert quality.palette(tab) == "light", "the light system setting did not apply"
        found = quality.axe_walk(tabs, pages)
    finally:
        for context in contexts.values():
            context.close()
    assert len(pages) >= 15
    assert not any(by_path for by_palette in found.values() for by_path in by_palette.values()), \
        "axe:\n" + "\n".join(
            f"{width}, {name} palette, {path}: {line}" for width, by_palette in found.items()
            for name, by_path in by_palette.items() for path, lines in by_path.items() for line in lines)


def test_axe_reports_an_image_without_alt_text(page: Page) -> None:
    # The gate itself, proven able to fail (the planted-copy test does it on a built page).
    page.goto("")
    assert quality.axe_violations(page) == []
    page.evaluate("""() => {
      const img = document.createElement("img");
      img.src = "assets/images/favicon.svg";
      document.querySelector("article").append(img);
    }""")
    assert any(line.startswith("image-alt ") for line in quality.axe_violations(page))


FOCUS_IS_VISIBLE = """() => {
  const el = document.activeElement;
  // A control drawn by a proxy (Material's custom checkbox is transparent)
  // must show its focus on the label that draws it.
  const shown = getComputedStyle(el).opacity === "0" ? el.closest("label") : el;
  const style = getComputedStyle(shown);
  return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
}"""


def tab_to(page: Page, selector: str, limit: int = 200) -> None:
    """Tab from the skip link into the content until ``selector`` has focus."""
    page.keyboard.press("Tab")
    expect(page.locator(".md-skip")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def test_keyboard_alone_ticks_an_action_step_with_visible_focus(page: Page, built_site: Path) -> None:
    guide = next((p for p in quality.site_pages(built_site) if p.startswith("guides/")
                  and 'data-step="' in (built_site / p / "index.html").read_text()), None)
    if guide is None:
        pytest.skip("no guide has an action step yet")
    page.goto(guide)
    tab_to(page, "input[data-step]")
    assert page.evaluate(FOCUS_IS_VISIBLE), "the focused step shows no focus outline"
    step = page.evaluate("document.activeElement.dataset.step")
    page.keyboard.press("Space")
    expect(page.locator(f'input[data-step="{step}"]')).to_be_checked()


def test_keyboard_alone_fills_a_worksheet_field_with_visible_focus(page: Page, built_site: Path) -> None:
    worksheets = quality.worksheet_pages(built_site)
    if not worksheets:
        pytest.skip("no worksheet page is built yet")
    page.goto(worksheets[0])
    field = "article textarea, article input[type=text], article input:not([type])"
    tab_to(page, field)
    assert page.evaluate(FOCUS_IS_VISIBLE), "the focused field shows no focus outline"
    page.keyboard.type("We talk on Sundays.")
    assert page.evaluate("document.activeElement.value") == "We talk on Sundays."


def link_transition(page: Page) -> float:
    seconds = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.md-typeset a')).transitionDuration)")
    return float(seconds)


def test_reduced_motion_turns_transitions_off(browser, server: site.Server) -> None:  # noqa: ANN001
    durations = {}
    for motion in ("no-preference", "reduce"):
        context = browser.new_context(base_url=server.url, reduced_motion=motion)
        page = context.new_page()
        page.goto("privacy/")
        durations[motion] = link_transition(page)
        context.close()
    assert durations["no-preference"] >= 0.1, durations  # Material animates link colour
    assert durations["reduce"] < 0.001, durations
