"""What the site leaves in the browser: no cookies, and no storage key that
the Privacy page's table "Every key the site writes" does not list.

The site is used the way a reader would: every page visited, every
worksheet filled in, action steps ticked, the palette switched, a search
run. Then the browser's cookies and storage are read back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from checks import quality, site

pytestmark = pytest.mark.browser

PRIVACY = site.ROOT / "docs" / "privacy.md"


def use_the_page(page) -> None:  # noqa: ANN001
    """Type into every visible field of the article and tick what can be ticked."""
    article = page.locator("article")
    for field in article.locator("textarea:visible, input[type=text]:visible, input:not([type]):visible").all():
        field.fill("Quality check")
    for field in article.locator("input[type=date]:visible").all():
        field.fill("2026-03-04")
    # Checkboxes and radios may be drawn by a proxy, so they are clicked as a reader's label click would.
    page.evaluate("""() => {
      const seen = new Set();
      for (const input of document.querySelectorAll("article input[type=checkbox], article input[type=radio]")) {
        if (input.type === "radio" && seen.has(input.name)) continue;
        seen.add(input.name);
        if (!input.checked) input.click();
      }
    }""")


@pytest.fixture(scope="module")
def used(browser, built_site: Path, server: site.Server):  # noqa: ANN001, ANN201
    """A browser context after a reader has used the whole site, and what it stored."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    for path in quality.site_pages(built_site):
        page.goto(path)
        use_the_page(page)
        # A worksheet saves 300 ms after the last change, and then says so.
        saved = page.locator("[data-tw-saved]")
        for index in range(saved.count()):
            expect(saved.nth(index)).to_have_text("Saved")
    page.goto("")
    page.locator("label[title='Switch to dark mode']").click()
    # A search, typed as a reader types, once the search is ready for it; it
    # has run once it reports how many documents match.
    page.locator(".md-search__input").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=60_000)
    page.locator(".md-search__input").press_sequentially("trust")
    expect(page.locator(".md-search-result__meta")).to_contain_text(re.compile(r"matching document"),
                                                                     timeout=30_000)
    stored = page.evaluate("""() => ({
      local: Object.keys(localStorage), session: Object.keys(sessionStorage), cookie: document.cookie })""")
    cookies = context.cookies()
    context.close()
    return stored, cookies


def test_the_site_sets_no_cookie(used) -> None:  # noqa: ANN001
    stored, cookies = used
    assert cookies == []
    assert stored["cookie"] == ""


def test_every_storage_key_the_site_writes_is_on_the_privacy_page(used) -> None:  # noqa: ANN001
    stored, _ = used
    keys = stored["local"] + stored["session"]
    # The walk-through really stored things, or this test would prove nothing.
    assert any(key.endswith(".__palette") for key in keys), keys
    assert any(key.startswith("tw:") for key in keys), keys
    patterns = quality.documented_key_patterns(PRIVACY.read_text(encoding="utf-8"))
    missing = quality.undocumented_keys(keys, patterns)
    assert not missing, (f"keys not listed in docs/privacy.md (Every key the site writes): {missing}; "
                         f"listed patterns: {[code for code, _ in patterns]}")


def test_an_undocumented_key_is_caught() -> None:
    patterns = quality.documented_key_patterns(PRIVACY.read_text(encoding="utf-8"))
    assert quality.undocumented_keys(["/.__palette", "tw:answers:promise-log"], patterns) == []
    assert quality.undocumented_keys(["tw:secret", "tracker"], patterns) == ["tracker", "tw:secret"]
