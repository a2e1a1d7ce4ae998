"""My answers: the list, downloads (JSON that matches the published schema,
and readable Markdown), erase, and import: a round trip brings every answer
of both partners back byte for byte, a conflicting file shows a preview and
keeps the reader's choice, a partner's file lands under the other partner,
and wrong, huge or hostile files are refused or stay inert text while
nothing stored changes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from playwright.sync_api import Page, expect

from checks import site

from tests.browser.answers import GOT_IN_THE_WAY, PROMISES, saved, site_storage

pytestmark = pytest.mark.browser

SCHEMA = json.loads((site.ROOT / "docs" / "assets" / "schema" / "answers-v1.json").read_text(encoding="utf-8"))
CHECK_IN = "worksheets/weekly-check-in/"
SMALLER = "Is there a promise you could make smaller, so you can keep it every time?"
XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>'






def open_my_answers(page: Page) -> None:
    page.goto("my-answers/")
    expect(page.locator("[data-tw-my-answers][data-tw-ready]")).to_be_attached()


def fill_two_partners(page: Page) -> None:
    page.goto(PROMISES)
    page.get_by_text("Change names").click()
    page.get_by_label("Name for Partner A").fill("Sam")
    page.get_by_label("Name for Partner B").fill("Alex")
    page.get_by_label(GOT_IN_THE_WAY).fill("Saying yes too fast.\nAnd forgetting — often «here».")
    page.get_by_label("What I promised, row 1").fill("Call the plumber")
    page.get_by_label("Due by, row 1").fill("2026-03-10")
    page.get_by_label("Kept?, row 1").select_option("not-yet")
    page.get_by_role("checkbox", name="When I saw I could not keep a promise").check()
    saved(page)
    page.get_by_role("radio", name="Alex").check()
    page.get_by_label(GOT_IN_THE_WAY).fill("Being tired after work")
    saved(page)
    page.goto(CHECK_IN)
    page.get_by_label("Date of this check-in").fill("2026-03-08")
    page.get_by_label("What went well between us this week?").fill("The walk on Sunday")
    saved(page)


def download(page: Page, name: str, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=name).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def choose_file(page: Page, name: str, content: bytes) -> None:
    page.locator("[data-tw-import-file]").set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": content})


def backup(answers: list[dict], **extra) -> bytes:  # noqa: ANN003
    data = {"kind": "trust-workbook-answers", "format": 1, "exported": "2026-03-05T10:00:00.000Z",
            "site": "http://example.test/", "partners": {"a": "Partner A", "b": "Partner B"},
            "answers": answers, "damaged": [], **extra}
    jsonschema.validate(data, SCHEMA)  # the test's own files are valid, so a refusal is about the point tested
    return json.dumps(data).encode()


def record(worksheet: str, answers: dict, changed: dict, **extra) -> dict:  # noqa: ANN003
    return {"format": 1, "worksheet": worksheet, **extra, "version": 1,
            "created": "2026-03-01T10:00:00.000Z", "updated": "2026-03-05T10:00:00.000Z",
            "answers": answers, "changed": changed, "retired": {}}


def test_export_erase_import_brings_every_answer_back_byte_for_byte(page: Page, tmp_path: Path) -> None:
    fill_two_partners(page)
    before = site_storage(page)
    assert {"tw:answers:promise-log", "tw:answers:promise-log:partner-b", "tw:answers:weekly-check-in",
            "tw:partners"} <= set(before)

    open_my_answers(page)
    rows = page.locator("table.tw-answers-list tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0).locator("th")).to_have_text("Promise log")
    expect(rows.nth(0).locator("td").first).to_have_text("Sam")
    expect(rows.nth(1).locator("td").first).to_have_text("Alex")
    expect(rows.nth(2).locator("td").first).to_have_text("Both of you")

    file = download(page, "Download everything (JSON)", tmp_path)
    data = json.loads(file.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert {(a["worksheet"], a["partner"]) for a in data["answers"]} == {
        ("promise-log", "a"), ("promise-log", "b"), ("weekly-check-in", "a")}
    assert data["partners"] == {"a": "Sam", "b": "Alex"}
    assert "last" in json.loads(page.evaluate("localStorage.getItem('tw:backup')"))

    readable = download(page, "Download as a readable file (Markdown)", tmp_path).read_text(encoding="utf-8")
    assert "## Promise log (Sam)" in readable and "## Promise log (Alex)" in readable
    assert f"**{GOT_IN_THE_WAY}**" in readable
    assert "> Saying yes too fast.\n> And forgetting — often «here»." in readable
    assert "1. What I promised: Call the plumber; Due by: 2026-03-10; Kept?: Not yet" in readable

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Erase everything on this device").click()
    expect(page.locator("[data-erase-all] [role=status]")).to_contain_text("has been erased", timeout=30_000)
    assert site_storage(page) == {}
    expect(page.locator("[data-tw-nothing]")).to_be_visible()

    choose_file(page, "backup.json", file.read_bytes())
    preview = page.locator("[data-tw-import-preview]")
    expect(preview).to_contain_text("It holds answers to 3 worksheets")
    expect(preview.locator("[data-tw-import-item='promise-log:b']")).to_contain_text("new here: 1 answer")
    assert site_storage(page) == {}, "the preview alone changes nothing"
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("[data-tw-import-status]")).to_contain_text("Imported.")
    after = site_storage(page)
    answer_keys = sorted(key for key in before if key.startswith("tw:answers:"))
    assert sorted(key for key in after if key.startswith("tw:answers:")) == answer_keys
    for key in answer_keys:
        assert after[key] == before[key], key  # byte for byte, both partners
    assert json.loads(after["tw:partners"])["names"] == {"a": "Sam", "b": "Alex"}
    expect(rows).to_have_count(3)

    page.goto(PROMISES)
    expect(page.get_by_role("radio", name="Sam")).to_be_checked()
    expect(page.get_by_label(GOT_IN_THE_WAY)).to_have_value("Saying yes too fast.\nAnd forgetting — often «here».")
    expect(page.get_by_label("Kept?, row 1")).to_have_value("not-yet")
    page.get_by_role("radio", name="Alex").check()
    expect(page.get_by_label(GOT_IN_THE_WAY)).to_have_value("Being tired after work")


def test_a_conflicting_import_shows_the_preview_and_keeps_the_readers_choice(page: Page) -> None:
    page.goto(PROMISES)
    page.get_by_label(GOT_IN_THE_WAY).fill("mine, written today")
    page.get_by_label(SMALLER).fill("mine too")
    saved(page)
    local = json.loads(page.evaluate("localStorage.getItem('tw:answers:promise-log')"))
    file = backup([{"worksheet": "promise-log", "partner": "a", "record": record(
        "promise-log",
        {"got-in-the-way": "theirs, written later", "smaller-promise": "theirs, older", "kept-mattered": "only in the file"},
        {"got-in-the-way": "2099-01-01T00:00:00.000Z", "smaller-promise": "2020-01-01T00:00:00.000Z",
         "kept-mattered": "2020-01-01T00:00:00.000Z"})}])
    open_my_answers(page)
    before = site_storage(page)
    choose_file(page, "conflict.json", file)

    item = page.locator("[data-tw-import-item='promise-log:a']")
    expect(item).to_contain_text("1 answer you do not have yet; 2 answers that differ from yours")
    newer_theirs = item.get_by_role("group", name=GOT_IN_THE_WAY)
    expect(newer_theirs.get_by_role("radio", name="Take the file's (newer): theirs, written later")).to_be_checked()
    newer_mine = item.get_by_role("group", name=SMALLER)
    expect(newer_mine.get_by_role("radio", name="Keep mine (newer): mine too")).to_be_checked()
    assert site_storage(page) == before

    # The reader keeps their own answer where the file's is newer.
    newer_theirs.get_by_role("radio", name="Keep mine: mine, written today").check()
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("[data-tw-import-status]")).to_have_text(
        "Imported. 1 answer taken from the file, 2 answers of yours kept.")
    merged = json.loads(page.evaluate("localStorage.getItem('tw:answers:promise-log')"))
    assert merged["answers"] == {"got-in-the-way": "mine, written today", "smaller-promise": "mine too",
                                 "kept-mattered": "only in the file"}
    assert merged["changed"]["got-in-the-way"] == local["changed"]["got-in-the-way"]
    assert merged["changed"]["kept-mattered"] == "2020-01-01T00:00:00.000Z"


def test_a_partners_file_can_be_imported_as_the_other_partner(page: Page) -> None:
    page.goto(PROMISES)
    page.get_by_label(GOT_IN_THE_WAY).fill("my own answer")
    saved(page)
    # Made on the other phone, where the other partner was "Partner A" and named herself.
    file = backup([{"worksheet": "promise-log", "partner": "a", "record": record(
        "promise-log", {"got-in-the-way": "her answer"}, {"got-in-the-way": "2026-03-05T10:00:00.000Z"})}],
        partners={"a": "Alex", "b": "Partner B"})
    open_my_answers(page)
    choose_file(page, "from-alex.json", file)
    page.get_by_role("radio", name="My partner's, from their own device").check()
    expect(page.locator("[data-tw-import-item='promise-log:b']")).to_contain_text("new here: 1 answer")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("[data-tw-import-status]")).to_contain_text("Imported.")
    theirs = json.loads(page.evaluate("localStorage.getItem('tw:answers:promise-log:partner-b')"))
    assert theirs["answers"] == {"got-in-the-way": "her answer"} and theirs["partner"] == "b"
    assert json.loads(page.evaluate("localStorage.getItem('tw:answers:promise-log')"))["answers"] == {
        "got-in-the-way": "my own answer"}

    page.goto(PROMISES)
    page.get_by_role("button", name="Compare side by side").click()
    table = page.locator("[data-tw-comparison] table")
    expect(table.locator("thead th")).to_have_text(["Question", "Partner A", "Alex"])
    row = table.locator("tbody tr", has=page.get_by_role("rowheader", name=GOT_IN_THE_WAY))
    expect(row.locator("td")).to_have_text(["my own answer", "her answer"])


def fifty_megabytes(folder: Path) -> Path:
    """A well-formed backup of 50 MiB, written to a file: Playwright refuses a
    buffer that large, and sending one through the protocol outlasts its timeout."""
    head = b'{"kind": "trust-workbook-answers", "format": 1, "answers": [], "padding": "'
    tail = b'"}'
    path = folder / "huge.json"
    with path.open("wb") as out:
        out.write(head)
        out.write(b"x" * (50 * 1024 * 1024 - len(head) - len(tail)))
        out.write(tail)
    return path


@pytest.mark.parametrize(("name", "content", "message"), [
    ("broken.json", b'{"kind": "trust-workbook-answers", "format": 1, "answers": [',
     "This file is not a Trust Workbook backup"),
    ("other-site.json", json.dumps({"version": 3, "notes": [{"title": "A note", "body": "text"}]}).encode(),
     "This file is not a Trust Workbook backup"),
    ("photo.json", bytes(range(256)) * 40, "This file is not a Trust Workbook backup"),
    ("newer.json", json.dumps({"kind": "trust-workbook-answers", "format": 2, "answers": []}).encode(),
     "made by a newer version"),
    ("wrong-shape.json", json.dumps({"kind": "trust-workbook-answers", "format": 1, "answers": [
        {"worksheet": "promise-log", "partner": "a", "record": {"format": 1, "worksheet": "promise-log",
         "version": 1, "created": "2026-03-01T10:00:00Z", "updated": "2026-03-01T10:00:00Z",
         "answers": {"got-in-the-way": {"html": "<b>x</b>"}}}}]}).encode(),
     "This backup is damaged and was not imported"),
    ("prototype.json", b'{"kind": "trust-workbook-answers", "format": 1, "answers": [{"worksheet": "promise-log",'
     b' "partner": "a", "record": {"format": 1, "worksheet": "promise-log", "version": 1, "created": "2026-03-01T10:00:00Z",'
     b' "updated": "2026-03-01T10:00:00Z", "answers": {"__proto__": {"polluted": "yes"}}}}]}',
     "This backup is damaged and was not imported"),
    ("huge.json", None, "too large"),
])
def test_wrong_files_are_refused_and_nothing_changes(page: Page, name: str, content: bytes | None, message: str,
                                                     tmp_path: Path) -> None:
    page.goto(PROMISES)
    page.get_by_label(GOT_IN_THE_WAY).fill("keep me")
    saved(page)
    open_my_answers(page)
    before = site_storage(page)
    if content is None:
        page.locator("[data-tw-import-file]").set_input_files(fifty_megabytes(tmp_path))
    else:
        choose_file(page, name, content)
    status = page.locator("[data-tw-import-status]")
    expect(status).to_contain_text(message)
    expect(status).to_contain_text("Nothing was changed.")
    expect(page.locator("[data-tw-import-preview]")).to_be_hidden()
    assert site_storage(page) == before
    assert page.evaluate("({}).polluted") is None


def test_script_payloads_in_a_file_stay_inert_text(page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(PROMISES)
    page.get_by_label(GOT_IN_THE_WAY).fill("mine")
    saved(page)
    file = backup([{"worksheet": "promise-log", "partner": "a", "record": record(
        "promise-log", {"got-in-the-way": XSS, "promise-rows": [{"promise": XSS, "kept": XSS}]},
        {"got-in-the-way": "2099-01-01T00:00:00.000Z"})}],
        partners={"a": XSS[:40], "b": "Partner B"})
    open_my_answers(page)
    before = site_storage(page)
    choose_file(page, "payload.json", file)
    preview = page.locator("[data-tw-import-preview]")
    expect(preview.locator(".tw-import__value").filter(has_text="onerror")).to_have_text(XSS)
    assert page.locator("article img").count() == 0 and preview.locator("script").count() == 0
    assert site_storage(page) == before
    page.get_by_role("button", name="Cancel").click()
    expect(page.locator("[data-tw-import-status]")).to_have_text("Import cancelled. Nothing was changed.")
    assert site_storage(page) == before

    # Imported on purpose, the payload is still only text: in the list, the form and the comparison.
    choose_file(page, "payload.json", file)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("[data-tw-import-status]")).to_contain_text("Imported.")
    page.goto(PROMISES)
    expect(page.get_by_label(GOT_IN_THE_WAY)).to_have_value(XSS)
    expect(page.get_by_label("What I promised, row 1")).to_have_value(XSS)
    page.get_by_role("button", name="Compare side by side").click()
    expect(page.locator("[data-tw-comparison]")).to_contain_text(XSS)
    assert page.locator("main img").count() == 0
    page.wait_for_timeout(200)
    assert dialogs == []
