"""Homework bundles in a real browser: the builder makes a link (and a QR
code that decodes to it), the link opens "Your homework" with the chosen
items in order and the client's own progress, and a hostile or stale link
gives a safe page where no script runs."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect


pytestmark = pytest.mark.browser

def manifest(built_site: Path) -> dict:
    return json.loads((built_site / "assets/manifest.json").read_text())


def keys_of(built_site: Path, kind: str) -> list[dict]:
    return [item for item in manifest(built_site)["items"] if item["kind"] == kind]


def no_dialogs(page: Page) -> list[str]:
    seen: list[str] = []

    def on_dialog(dialog) -> None:  # noqa: ANN001
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


def homework_items(page: Page):  # noqa: ANN201
    return page.locator(".tw-homework__items > li")


def pick(page: Page, item: dict, search: str | None = None) -> None:
    """Searches the builder's list as a therapist would, then ticks the item."""
    page.get_by_label("Find a section, worksheet or step").fill(search or item["title"])
    choice = page.locator(f'.tw-builder__choices li[data-key="{item["key"]}"]')
    expect(choice).to_be_visible()
    choice.get_by_role("checkbox").check()


def test_a_link_built_in_the_builder_opens_the_homework_in_order(page: Page, watch, built_site: Path,
                                                                 base_url: str) -> None:
    sections = [s for s in keys_of(built_site, "section") if s.get("context")]
    steps = keys_of(built_site, "step")
    first, second, step = sections[0], sections[-1], steps[-1]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("for-therapists/")
    expect(page.get_by_label("Find a section, worksheet or step")).to_be_visible()

    pick(page, first)
    pick(page, step, step["title"][:30])
    pick(page, second)
    # The search narrows the list to what matches.
    shown = page.locator(".tw-builder__choices li:not([hidden])")
    assert 0 < shown.count() < len(manifest(built_site)["items"])
    # Move the last one up: the order is first, second, step.
    page.get_by_role("button", name=f"Move {second['title']} up").click()
    note = "Read these before Thursday.\nNo rush."
    page.get_by_label("A short note for your client (optional)").fill(note)
    expect(page.locator(".tw-builder__count")).to_have_text(f"{len(note)} of 500 characters")

    link = page.locator(".tw-builder__link output").text_content()
    assert link.startswith(f"{base_url}homework/#v=1&i=")
    assert f"i={first['key']},{second['key']},c:" in link
    page.get_by_role("button", name="Copy link to this homework").click()
    expect(page.get_by_role("status").filter(has_text="copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link

    page.goto(link)
    items = homework_items(page)
    expect(items).to_have_count(3)
    expect(items.nth(0).get_by_role("link")).to_have_text(first["title"])
    expect(items.nth(1).get_by_role("link")).to_have_text(second["title"])
    expect(items.nth(2).get_by_role("link")).to_have_text(step["title"])
    expect(page.locator(".tw-homework__note")).to_have_text("Read these before Thursday.\nNo rush.")
    href = items.nth(0).get_by_role("link").get_attribute("href")
    assert href == base_url + first["path"]
    assert watch.problems() == []


def test_the_qr_code_decodes_to_the_link(page: Page, built_site: Path) -> None:
    import zxingcpp
    from PIL import Image

    step = keys_of(built_site, "step")[0]
    page.goto("for-therapists/")
    pick(page, step, step["title"][:30])
    page.get_by_label("A short note for your client (optional)").fill("Ten minutes a day is plenty.")
    link = page.locator(".tw-builder__link output").text_content()
    page.get_by_role("button", name="Show QR code").click()
    canvas = page.get_by_role("img", name="QR code of the homework link")
    expect(canvas).to_be_visible()
    image = Image.open(io.BytesIO(canvas.screenshot()))
    found = zxingcpp.read_barcodes(image)
    assert [code.text for code in found] == [link]
    # The encoder is fetched only on demand: no other page loads it.
    page.goto("checklist/")
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [url for url in loaded if "qrcodegen" in url or "bundle-builder" in url]


def test_an_unknown_or_hostile_id_is_listed_as_no_longer_available(page: Page, watch, built_site: Path) -> None:
    dialogs = no_dialogs(page)
    step = keys_of(built_site, "step")[0]
    bad = "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
    page.goto(f"homework/#v=1&i=s:old-guide/gone,{step['key']},{bad},w:never-was")
    items = homework_items(page)
    expect(items).to_have_count(4)
    for i in (0, 2, 3):
        expect(items.nth(i)).to_have_text(re.compile("no longer available"))
    expect(items.nth(1).get_by_role("link")).to_have_text(step["title"])
    assert page.locator("article img").count() == 0
    assert dialogs == []
    assert watch.problems() == []


@pytest.mark.parametrize("note", [
    "<script>window.__xss = 1; alert('script')</script>",
    '"><img src=x onerror="window.__xss = 2; alert(1)">',
    "<b onmouseover=alert(1)>bold</b> &amp; <a href=javascript:alert(1)>click</a>",
])
def test_a_note_holding_markup_is_shown_as_text_and_never_run(page: Page, watch, built_site: Path,
                                                              note: str) -> None:
    from urllib.parse import quote

    dialogs = no_dialogs(page)
    step = keys_of(built_site, "step")[0]
    page.goto(f"homework/#v=1&i={step['key']}&n={quote(note, safe='')}")
    shown = page.locator(".tw-homework__note")
    expect(shown).to_have_text(note)
    assert shown.evaluate("el => el.children.length") == 0
    page.locator(".tw-homework__note").hover()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None
    assert page.locator("article img, article script, article b").count() == 0
    assert dialogs == []
    assert watch.problems() == []


def test_a_10_kb_note_is_cut_with_a_visible_notice(page: Page, watch, built_site: Path) -> None:
    step = keys_of(built_site, "step")[0]
    note = ("A long note, " * 800)[:10_240]
    page.goto(f"homework/#v=1&i={step['key']}&n={note.replace(' ', '%20')}")
    shown = page.locator(".tw-homework__note")
    expect(shown).to_be_visible()
    assert shown.text_content() == note[:500]
    expect(page.get_by_text("longer than 500 characters")).to_be_visible()
    expect(homework_items(page)).to_have_count(1)
    assert watch.problems() == []


def test_a_link_with_nothing_in_it_says_so(page: Page, watch) -> None:
    page.goto("homework/#garbage%ZZ&&&")
    expect(page.get_by_text("This link does not list anything")).to_be_visible()
    assert watch.problems() == []


def test_the_homework_page_shows_the_clients_own_progress(page: Page, fixture_url: str) -> None:
    data = json.loads(page.request.get(fixture_url + "assets/manifest.json").text())
    assert any(item["key"] == "w:fixture-sheet" for item in data["items"])
    section = next(item for item in data["items"] if item["kind"] == "section" and item.get("steps"))
    step_id = section["steps"][0]
    link = f"{fixture_url}homework/#v=1&i=w:fixture-sheet,c:{step_id},{section['key']}"
    page.goto(link)
    items = homework_items(page)
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text("Not started yet.")
    expect(items.nth(1)).to_contain_text("Not done yet.")
    n = len(section["steps"])
    expect(items.nth(2)).to_contain_text(f"0 of {n} ")

    # Ticking the step here records it like anywhere else on the site.
    items.nth(1).get_by_label("Mark this step done").check()
    expect(items.nth(1)).to_contain_text("Done on")
    expect(items.nth(2)).to_contain_text(f"1 of {n} ")
    ticked = json.loads(page.evaluate("localStorage.getItem('tw:steps')"))
    assert step_id in ticked["ticked"]

    # Answers saved by the worksheet page (the shared record format).
    page.evaluate("""() => localStorage.setItem('tw:answers:fixture-sheet', JSON.stringify({
        format: 1, worksheet: 'fixture-sheet', version: 1, created: '2026-01-02T10:00:00Z',
        updated: '2026-01-03T10:00:00Z', answers: {a: 'text', b: [], c: 3}, changed: {}, retired: {}}))""")
    page.reload()
    expect(homework_items(page).nth(0)).to_contain_text("Started: 2 answers saved in this browser.")
    expect(homework_items(page).nth(1)).to_contain_text("Done on")
    expect(homework_items(page).nth(1).get_by_label("Mark this step done")).to_be_checked()


def test_homework_counts_answers_as_the_worksheet_does_and_shows_the_second_partner(
        page: Page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}homework/#v=1&i=w:fixture-sheet")
    expect(homework_items(page).nth(0)).to_contain_text("Not started yet.")
    # Blank text, an unticked box and an empty table row are not answers on the worksheet either.
    page.evaluate("""() => {
        const record = (answers, partner) => JSON.stringify({format: 1, worksheet: 'fixture-sheet',
            ...(partner ? {partner} : {}), version: 1, created: '2026-01-02T10:00:00Z',
            updated: '2026-01-03T10:00:00Z', answers, changed: {}, retired: {}});
        localStorage.setItem('tw:answers:fixture-sheet', record({a: '  ', b: false, c: [{x: ''}], d: 'text'}));
        localStorage.setItem('tw:answers:fixture-sheet:partner-b', record({a: 'mine', b: true, c: [{x: 'row'}]}, 'b'));
        localStorage.setItem('tw:partners', JSON.stringify({names: {a: 'Sam', b: 'Alex'}, active: 'a'}));
    }""")
    page.reload()
    item = homework_items(page).nth(0)
    expect(item).to_contain_text("Sam: 1 answer saved in this browser")
    expect(item).to_contain_text("Alex: 3 answers saved in this browser")


def test_the_link_directory_copies_full_site_url_addresses(page: Page, base_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("for-therapists/")
    button = page.locator("[data-link-directory] button[data-copy]").nth(1)
    expect(button).to_be_visible()
    url = button.get_attribute("data-copy")
    assert url.startswith(base_url + "guides/")
    button.click()
    expect(button).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == url
