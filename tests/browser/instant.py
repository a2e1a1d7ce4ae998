"""The proof that clicks went through Material's instant navigation (the page
swapped in place) rather than a full page load: a marker set on ``window``
before the clicks is still there after them.

    mark_window(page)
    ...  # clicks
    assert_same_window(page)
"""

from __future__ import annotations

from playwright.sync_api import Page


def mark_window(page: Page) -> None:
    """Sets the marker on the current page's ``window``."""
    page.evaluate("window.__still_here = true")


def assert_same_window(page: Page, why: str = "a click was a full page load") -> None:
    """Fails with ``why`` unless the marker set by :func:`mark_window` is still there."""
    assert page.evaluate("window.__still_here") is True, why
