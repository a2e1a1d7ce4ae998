"""Offline use and installing (issue 14), in Chromium on the built site: after
one visit every kind of page, the search and a worksheet work with no
network; a new deploy is offered by a notice and loses no answer; Erase
everything removes the offline copy; Chromium finds the site installable."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from checks import quality, site
from tests.browser.answers import GOT_IN_THE_WAY, PROMISES, saved
from tests.browser.instant import assert_same_window, mark_window
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from workbook import offline

pytestmark = pytest.mark.browser

SMALLER = "Is there a promise you could make smaller, so you can keep it every time?"


def wait_until_offline_ready(page: Page) -> None:
    """The worker controls the page, so its install (the whole list) is done."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)


def our_caches(page: Page) -> list[str]:
    return page.evaluate("caches.keys().then(keys => keys.filter(k => k.startsWith('trust-workbook ')))")


def registrations(page: Page) -> int:
    return page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)")


@pytest.fixture
def online(browser, server: site.Server) -> Iterator[tuple[BrowserContext, Page, list[str]]]:  # noqa: ANN001
    """A fresh context, with outside requests recorded and CSP violations listened for."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 800})
    context.add_init_script(quality.CSP_LISTENER)
    outside: list[str] = []

    def on_route(route) -> None:  # noqa: ANN001
        if route.request.url.startswith((server.url, "data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", on_route)
    page = context.new_page()
    yield context, page, outside
    context.close()


def test_after_one_visit_pages_search_and_a_worksheet_work_with_no_network(
        online, built_site: Path) -> None:  # noqa: ANN001
    context, page, outside = online
    page.goto("")
    wait_until_offline_ready(page)
    listed = json.loads((built_site / offline.FILES_JSON).read_text(encoding="utf-8"))
    [name] = our_caches(page)
    assert name.endswith(listed["build"])
    count = page.evaluate(f"caches.open({json.dumps(name)}).then(c => c.keys()).then(k => k.length)")
    assert count == len(listed["files"]) + 1  # and the list itself
    # A PDF is cached when first downloaded (here, while still online).
    pdf = "worksheets/promise-log/promise-log-letter.pdf"
    assert pdf in listed["later"] and pdf not in listed["files"]
    assert page.evaluate(f"fetch('{pdf}').then(r => r.ok)") is True

    context.set_offline(True)
    assert page.evaluate(f"fetch('{pdf}').then(r => r.status)") == 200

    # By link: instant navigation, which fetches each page through the worker.
    mark_window(page)
    for tab, heading in (("Guides", "Why trust matters"), ("Worksheets", "Worksheets"),
                         ("Checklist", "Checklist"), ("For therapists", "For therapists")):
        page.locator(".md-tabs").get_by_role("link", name=tab, exact=True).click()
        expect(page.locator("h1").first).to_contain_text(re.compile(heading, re.I))
    assert_same_window(page)

    # By address, as when typed or reloaded: a guide, a worksheet, My answers,
    # Safety, Privacy, the homework page, and an address without its slash.
    for path, heading in (("guides/rebuilding-trust/", "Rebuilding trust"),
                          (PROMISES, "Promise log"), ("my-answers/", "My answers"),
                          ("safety/", "safety"), ("privacy/", "Privacy"), ("sources", "Sources")):
        page.goto(path)
        expect(page.locator("h1").first).to_contain_text(re.compile(heading, re.I))
    page.reload()
    expect(page.locator("h1").first).to_contain_text(re.compile("sources", re.I))

    # Search (its web worker and index come from the cache).
    page.locator(".md-search__input").click()
    page.keyboard.type("apology")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator(".md-search-result__meta")).to_contain_text(re.compile(r"\d+ matching"))

    # A worksheet filled offline keeps every answer across a reload.
    page.goto(PROMISES)
    page.get_by_label(GOT_IN_THE_WAY).fill("Saying yes too fast, on the bus.")
    saved(page)
    page.reload()
    expect(page.get_by_label(GOT_IN_THE_WAY)).to_have_value("Saying yes too fast, on the bus.")

    # An address that is not saved shows the friendly offline page.
    page.goto("guides/no-such-page/")
    expect(page.locator("h1")).to_have_text("You are offline")
    page.locator("article").get_by_role("link", name="My answers").click()
    expect(page.locator("h1").first).to_contain_text("My answers")

    assert page.evaluate("window.__csp_violations") == []
    assert outside == []


def test_a_new_deploy_is_offered_by_a_notice_and_no_answer_is_lost(  # noqa: ANN001
        browser, built_site: Path, server: site.Server, tmp_path: Path) -> None:
    # The first deploy is the session's build; the second, a copy with one
    # worksheet renamed, built for the same address and served there in turn.
    first, second = built_site, tmp_path / "second"
    project = site.copy_project(tmp_path / "project")
    definition = project / "worksheets" / "promise-log.yml"
    text = definition.read_text(encoding="utf-8")
    definition.write_text(text.replace("title: Promise log", "title: Promise diary", 1), encoding="utf-8")
    site.build(second, site_url=server.url, project=project)
    assert json.loads((first / offline.FILES_JSON).read_text())["build"] \
        != json.loads((second / offline.FILES_JSON).read_text())["build"]

    with server.serving(first):
        context = browser.new_context(base_url=server.url)
        page = context.new_page()
        page.goto(PROMISES)
        wait_until_offline_ready(page)
        page.get_by_label(GOT_IN_THE_WAY).fill("Forgetting.")
        saved(page)

        server.deploy(second)
        page.reload()  # still the cached version; the browser finds the new worker
        expect(page.locator("h1").first).to_contain_text("Promise log")
        notice = page.locator("[data-tw-update]")
        expect(notice).to_be_visible(timeout=60_000)
        expect(notice).to_contain_text("A new version of this site is ready")
        assert quality.axe_violations(page) == []

        # Typing goes on undisturbed; only the reader's click reloads.
        page.get_by_label(SMALLER).fill("Call when I will be late.")
        page.wait_for_timeout(1000)
        expect(page.locator("h1").first).to_contain_text("Promise log")
        notice.get_by_role("button", name="Reload").click()
        expect(page.locator("h1").first).to_contain_text("Promise diary", timeout=30_000)
        expect(page.get_by_label(GOT_IN_THE_WAY)).to_have_value("Forgetting.")
        expect(page.get_by_label(SMALLER)).to_have_value("Call when I will be late.")
        expect(page.locator("[data-tw-update]")).to_have_count(0)
        # Only the new build's cache is left.
        second_build = json.loads((second / offline.FILES_JSON).read_text())["build"]
        page.wait_for_function(
            "b => caches.keys().then(k => k.length === 1 && k[0].endsWith(b))", arg=second_build)
        context.close()


def test_erase_everything_removes_the_offline_copy_and_the_worker(online) -> None:  # noqa: ANN001
    _, page, _ = online
    page.goto("privacy/")
    wait_until_offline_ready(page)
    assert our_caches(page) and registrations(page) == 1
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Erase everything on this device").click()
    expect(page.locator("[data-erase-all] [role=status]")).to_contain_text("has been erased", timeout=30_000)
    assert our_caches(page) == []
    assert registrations(page) == 0


def test_chromium_finds_the_site_installable(playwright, server: site.Server, tmp_path: Path) -> None:  # noqa: ANN001
    # Chromium does not judge installability in an incognito context.
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    try:
        page = context.new_page()
        page.goto(server.url)
        wait_until_offline_ready(page)
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"] == server.url + offline.WEB_MANIFEST
        assert manifest["errors"] == []
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        data = json.loads(manifest["data"])
        assert data["start_url"] == data["scope"] == "/"
        for icon in data["icons"]:
            response = page.request.get(server.url + icon["src"].lstrip("/"))
            assert response.ok and response.headers["content-type"] == "image/png", icon["src"]
        touch = page.evaluate("document.querySelector('link[rel=apple-touch-icon]').href")
        assert page.request.get(touch).headers["content-type"] == "image/png"
    finally:
        context.close()


def test_the_offline_page_and_the_notice_pass_axe(online) -> None:  # noqa: ANN001
    _, page, _ = online
    page.goto("503.html")
    expect(page.locator("h1")).to_have_text("You are offline")
    assert quality.axe_violations(page) == []
    assert re.search(r"offline", page.title(), re.I)
