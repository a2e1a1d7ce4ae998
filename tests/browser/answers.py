"""What the "Your answers" browser tests share: the worksheet they fill, and
how they read what the site stored."""

from __future__ import annotations

from playwright.sync_api import Page, expect

PROMISES = "worksheets/promise-log/"
GOT_IN_THE_WAY = "Look at the promises you did not keep. What got in the way most often?"


def site_storage(page: Page) -> dict[str, str]:
    """Every tw: key in localStorage and its exact stored text."""
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('tw:')).map(k => [k, localStorage.getItem(k)]))""")


def saved(page: Page) -> None:
    """Waits until the worksheet says its answers are stored."""
    expect(page.locator("[data-tw-saved]")).to_have_text("Saved")
