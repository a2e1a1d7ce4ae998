"""workbook/fragments.py: Material's navigation rendered once per build for the
pages outside it, and the pages exactly as if it were rendered for each."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from checks import site
from workbook import fragments


def page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url)


NAV = SimpleNamespace(pages=[page(""), page("worksheets/"), page("guides/rebuilding-trust/")])


def test_the_key_is_the_folder_links_start_from_and_none_in_the_navigation() -> None:
    assert fragments.key("nav", "worksheets/promise-log/", False, "../..") == ("nav", "../..", "worksheets")
    assert fragments.key("nav", "worksheets/other/", False, "../..") == ("nav", "../..", "worksheets")
    assert fragments.key("nav", "worksheets/promise-log.html", False, "..") == ("nav", "..", "worksheets")
    assert fragments.key("nav", "worksheets/", True, "..") is None


def test_a_fragment_renders_once_per_key_and_afresh_in_the_navigation() -> None:
    made = fragments.Fragments(enabled=True)
    calls: list[str] = []

    def render(text: str):  # noqa: ANN202
        return lambda: calls.append(text) or text

    first = made("nav", page("worksheets/a/"), NAV, "../..", caller=render("a"))
    again = made("nav", page("worksheets/b/"), NAV, "../..", caller=render("b"))
    elsewhere = made("nav", page("more/c/"), NAV, "../..", caller=render("c"))
    in_nav = [made("nav", page("worksheets/"), NAV, "..", caller=render(f"n{i}")) for i in range(2)]
    tabs = made("tabs", page("worksheets/b/"), NAV, "../..", caller=render("t"))
    no_page = made("nav", None, NAV, "/", caller=render("404"))
    assert (first, again, elsewhere, in_nav, tabs, no_page) == ("a", "a", "c", ["n0", "n1"], "t", "404")
    assert calls == ["a", "c", "n0", "n1", "t", "404"] and made.rendered == 3


def test_switched_off_every_page_renders_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fragments.OFF_ENV, "off")
    made = fragments.Fragments()
    assert [made("nav", page(f"worksheets/{i}/"), NAV, "../..", caller=lambda i=i: i) for i in range(3)] == [0, 1, 2]


def test_every_page_is_the_same_as_with_the_navigation_rendered_for_each(
        built_site: Path, site_port: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # built_site renders the navigation once for the worksheet pages; this
    # build renders it for every page, as Material alone does.
    monkeypatch.setenv(fragments.OFF_ENV, "off")
    monkeypatch.setenv("WORKBOOK_PDFS", "on")
    site.build(tmp_path / "each", site_url=f"http://127.0.0.1:{site_port}/")
    pages = sorted(p.relative_to(built_site) for p in built_site.rglob("*.html"))
    assert len([p for p in pages if p.parts[0] == "worksheets"]) > 10
    assert pages == sorted(p.relative_to(tmp_path / "each") for p in (tmp_path / "each").rglob("*.html"))
    different = [str(p) for p in pages if (built_site / p).read_bytes() != (tmp_path / "each" / p).read_bytes()]
    assert different == []
