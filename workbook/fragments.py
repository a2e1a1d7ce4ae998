"""Parts of a page that the theme renders alike on many pages, rendered once
per build.

Material renders its whole navigation (the tabs and the sidebar) for every
page again; with 1,000 worksheets that is about a seventh of the build
(cProfile: 3.8 of 27.9 s). On a page that is not in the navigation (each
worksheet's own page), no entry is marked as current, and every link in it
is made relative to the page's folder, so every such page in one folder
gets the same HTML. The theme's templates ask :class:`Fragments` for it
(``overrides/main.html``, ``overrides/partials/nav.html``)::

    {% call tw_fragment("nav", page, nav, base_url) %}...{% endcall %}

which renders the body the first time and hands the same HTML back to the
next page with the same key (:func:`key`). A page in the navigation, or
no page at all (the 404 page), is always rendered afresh. Each build makes
new :class:`Fragments`, so nothing outlives the build it was rendered in.
``WORKBOOK_FRAGMENTS=off`` renders everything on every page, as Material
alone does (the tests compare the two builds, page by page).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable
from typing import Any

OFF_ENV = "WORKBOOK_FRAGMENTS"


def key(name: str, url: str, in_nav: bool, base_url: str) -> tuple[str, str, str] | None:
    """What decides the fragment ``name`` on the page at ``url``: the folder
    its links start from and the base MkDocs makes them with; None when the
    page is in the navigation (it marks the page's own entry)."""
    if in_nav:
        return None
    return name, base_url, posixpath.dirname(url.rstrip("/"))


class Fragments:
    """The fragments of one build, by key."""

    def __init__(self, *, enabled: bool | None = None) -> None:
        self.enabled = os.environ.get(OFF_ENV, "").lower() != "off" if enabled is None else enabled
        self.kept: dict[tuple[str, str, str], Any] = {}
        self._nav: tuple[int, frozenset[str]] | None = None  # (id of the navigation, its pages' URLs)
        self.rendered = 0  # bodies rendered for a key (the rest came from ``kept``)

    def _in_nav(self, page: Any, nav: Any) -> bool:
        if self._nav is None or self._nav[0] != id(nav):
            pages: Iterable[Any] = getattr(nav, "pages", ())
            self._nav = (id(nav), frozenset(p.url for p in pages))
        return page.url in self._nav[1]

    def __call__(self, name: str, page: Any, nav: Any, base_url: str, *, caller: Callable[[], Any]) -> Any:
        if not self.enabled or page is None or nav is None:
            return caller()
        found = key(name, page.url, self._in_nav(page, nav), base_url)
        if found is None:
            return caller()
        if found not in self.kept:
            self.kept[found] = caller()
            self.rendered += 1
        return self.kept[found]
