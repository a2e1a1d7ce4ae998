"""Every built page, loaded cold in Chromium: no request leaves 127.0.0.1,
the Content-Security-Policy reports no violation, and the weight budgets
hold. One pass over the site feeds all the checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks import quality, site
from tests.browser.instant import assert_same_window, mark_window

pytestmark = pytest.mark.browser

INDEX = "search/search_index.json"


@pytest.fixture(scope="module")
def loads(browser, built_site: Path, server: site.Server) -> dict[str, quality.PageLoad]:  # noqa: ANN001
    # Each load is cold: the offline worker would answer later pages from its
    # cache (tests/browser/test_offline.py covers it; its code counts below).
    # Two loaders, each in a context of its own, load two pages at a time.
    contexts = [browser.new_context(service_workers="block") for _ in range(2)]
    loaders = [quality.Loader(context, built_site, server.url) for context in contexts]
    try:
        return quality.load_all(loaders, quality.site_pages(built_site))
    finally:
        for context in contexts:
            context.close()


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{path or '/'}: {line}" for path, lines in found.items() for line in lines)


def test_every_page_was_loaded(loads: dict[str, quality.PageLoad], built_site: Path) -> None:
    assert len(loads) >= 15
    for path, load in loads.items():
        html = "404.html" if path == "404.html" else f"{path}index.html"
        assert html in load.files, f"{path}: the page itself was not fetched"


def test_no_page_asks_another_host(loads: dict[str, quality.PageLoad]) -> None:
    found = {path: load.outside for path, load in loads.items() if load.outside}
    assert not found, "requests that left 127.0.0.1:\n" + report(found)


def test_no_page_violates_the_content_security_policy(loads: dict[str, quality.PageLoad]) -> None:
    found = {path: load.csp + quality.csp_console_errors(load.console)
             for path, load in loads.items()}
    found = {path: lines for path, lines in found.items() if lines}
    assert not found, "Content-Security-Policy violations:\n" + report(found)


def test_no_page_weighs_more_than_400_kb(loads: dict[str, quality.PageLoad], built_site: Path) -> None:
    # The search index is fetched only once the reader opens search
    # (site/search-on-demand.js), so a load does not fetch it; a reader who
    # searches does, so it counts.
    index = quality.transfer_size((built_site / INDEX).read_bytes(), INDEX)
    assert all(INDEX not in load.files for load in loads.values()), "a page fetched the search index on load"
    totals = {path: load.total + index for path, load in loads.items()}
    heavy = {path: total for path, total in totals.items() if total > quality.PAGE_BUDGET}
    assert not heavy, f"pages over {quality.PAGE_BUDGET:,} bytes gzipped: {heavy}"


def test_a_worksheet_page_loads_at_most_25_kb_of_the_sites_own_js_and_css(
        loads: dict[str, quality.PageLoad], built_site: Path) -> None:
    worksheets = quality.worksheet_pages(built_site)
    if not worksheets:
        pytest.skip("no worksheet page is built yet")
    own = quality.own_code_paths(site.ROOT / "docs")
    # The offline worker (sw.js) is the site's own code too, fetched once per visit.
    worker = quality.transfer_size((built_site / "sw.js").read_bytes(), "sw.js")
    sizes = {path: loads[path].own_assets(own) + worker for path in worksheets}
    assert all(size > 0 for size in sizes.values()), f"no own assets counted: {sizes}"
    over = {path: size for path, size in sizes.items() if size > quality.OWN_ASSETS_BUDGET}
    assert not over, (f"own JS + CSS over {quality.OWN_ASSETS_BUDGET:,} bytes gzipped: {over}; "
                      f"files: {loads[worksheets[0]].own_files(own)}")


def test_instant_navigation_runs_each_pages_scripts_under_the_first_pages_policy(
        browser, server: site.Server) -> None:  # noqa: ANN001
    # Material swaps pages in place and re-runs their inline scripts, under the
    # policy of the page first opened: every page must carry the whole site's hashes.
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 800})
    context.add_init_script(quality.CSP_LISTENER)
    page = context.new_page()
    page.goto("")
    mark_window(page)
    visited = []
    for tab in ("Guides", "Worksheets", "Checklist", "For therapists"):
        page.locator(".md-tabs").get_by_role("link", name=tab, exact=True).click()
        page.wait_for_load_state("networkidle")
        visited.append(page.url)
    assert_same_window(page)
    violations = page.evaluate("window.__csp_violations")
    context.close()
    assert len(set(visited)) == 4
    assert violations == []
