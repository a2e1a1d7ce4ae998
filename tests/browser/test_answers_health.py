"""Storage health: with localStorage refusing every call the worksheets still
work, say plainly that nothing is kept, and the download holds what was
typed; a full disk is reported the same way; a damaged entry is reported,
kept and downloaded; the backup reminder and the persistence request."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.answers import GOT_IN_THE_WAY, PROMISES
from tests.browser.instant import assert_same_window, mark_window

pytestmark = pytest.mark.browser


# Every call to localStorage throws, as with storage turned off.
REFUSE_EVERYTHING = """
for (const name of ["getItem", "setItem", "removeItem", "key", "clear"]) {
  Storage.prototype[name] = function () { throw new DOMException("The operation is insecure.", "SecurityError"); };
}
Object.defineProperty(Storage.prototype, "length", {
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""

# Storage blocked outright, as a browser set to block site data does it:
# reading window.localStorage or window.sessionStorage itself throws.
BLOCK_STORAGE = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, {
    configurable: true,
    get() { throw new DOMException("Access is denied for this document.", "SecurityError"); },
  });
}
"""

# Reading works, but writing the site's answers fails, as on a full disk.
DISK_FULL = """
const realSet = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (String(key).startsWith("tw:answers:")) {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  }
  return realSet.call(this, key, value);
};
"""


def download_from(page: Page, button_name: str, tmp_path: Path) -> dict:
    with page.expect_download() as info:
        page.get_by_role("button", name=button_name).click()
    target = tmp_path / "download.json"
    info.value.save_as(target)
    return json.loads(target.read_text(encoding="utf-8"))


def test_with_storage_refusing_every_call_typing_works_and_the_download_holds_it(
        page: Page, tmp_path: Path) -> None:
    page.add_init_script(REFUSE_EVERYTHING)
    page.goto(PROMISES)
    expect(page.locator("[data-tw-toolbar]")).to_be_visible()
    warning = page.locator("[data-tw-health]")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Your answers are not being kept.")
    expect(page.locator("[data-tw-notice]")).to_contain_text("will be lost when you close this page")
    page.get_by_label(GOT_IN_THE_WAY).fill("Typed with storage off")
    page.get_by_label("What I promised, row 1").fill("Fix the gate")
    page.wait_for_timeout(400)  # past the save delay: the write was refused and kept in memory
    expect(page.locator("[data-tw-saved]")).not_to_have_text("Saved")

    # Away and back through instant navigation: the words are still there.
    mark_window(page)
    page.locator(".md-tabs").get_by_role("link", name="Worksheets").click()
    expect(page).to_have_url(re.compile(r"/worksheets/$"))
    page.get_by_role("link", name="Promise log").first.click()
    expect(page).to_have_url(re.compile(r"/worksheets/promise-log/$"))
    assert_same_window(page)
    expect(page.get_by_label(GOT_IN_THE_WAY)).to_have_value("Typed with storage off")

    data = download_from(page, "Download my answers", tmp_path)
    entry = next(a for a in data["answers"] if a["worksheet"] == "promise-log")
    assert entry["record"]["answers"]["got-in-the-way"] == "Typed with storage off"
    assert entry["record"]["answers"]["promise-rows"] == [{"promise": "Fix the gate"}]


def test_erase_everything_works_with_storage_blocked(page: Page) -> None:
    page.add_init_script(BLOCK_STORAGE)
    page.goto(PROMISES)
    page.get_by_label(GOT_IN_THE_WAY).fill("Kept in memory only")
    expect(page.locator("[data-tw-health]")).to_contain_text("Your answers are not being kept.")
    page.evaluate("window.__still_here = true")
    page.locator(".md-tabs").get_by_role("link", name="My answers").click()
    expect(page).to_have_url(re.compile(r"/my-answers/$"))
    assert page.evaluate("window.__still_here") is True, "instant navigation keeps this visit's memory"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Erase everything on this device").click()
    # The offline worker may still be saving the site's files (a first visit), and
    # the browser answers questions about that copy only once it has: allow for it.
    expect(page.locator("[data-erase-all] [role=status]")).to_contain_text("has been erased", timeout=30_000)
    page.locator(".md-tabs").get_by_role("link", name="Worksheets").click()
    expect(page).to_have_url(re.compile(r"/worksheets/$"))
    page.get_by_role("link", name="Promise log").first.click()
    expect(page).to_have_url(re.compile(r"/worksheets/promise-log/$"))
    assert page.evaluate("window.__still_here") is True
    expect(page.get_by_label(GOT_IN_THE_WAY)).to_have_value("")


def test_a_refused_write_is_reported_with_the_download(page: Page, tmp_path: Path) -> None:
    page.add_init_script(DISK_FULL)
    page.goto(PROMISES)
    warning = page.locator("[data-tw-health]")
    expect(warning).to_be_hidden()
    page.get_by_label(GOT_IN_THE_WAY).fill("Written to a full disk")
    expect(warning).to_contain_text("Your answers are not being kept.")
    expect(page.locator("[data-tw-notice]")).to_contain_text("could not be saved")
    assert page.evaluate("localStorage.getItem('tw:answers:promise-log')") is None
    data = download_from(page, "Download my answers", tmp_path)
    assert data["answers"][0]["record"]["answers"] == {"got-in-the-way": "Written to a full disk"}


DAMAGED = '{"format": 1, "worksheet": "promise-log", "answers": "half a sentence that was <b>cut</b>'


def test_a_damaged_entry_is_reported_kept_and_downloaded(page: Page, tmp_path: Path) -> None:
    page.goto(PROMISES)
    page.evaluate("v => localStorage.setItem('tw:answers:promise-log', v)", DAMAGED)
    page.reload()
    expect(page.locator("[data-tw-notice]")).to_contain_text("could not be read")
    expect(page.get_by_label(GOT_IN_THE_WAY)).to_be_editable()
    page.goto("my-answers/")
    listed = page.locator("[data-tw-damaged-list]")
    expect(listed).to_contain_text("2 saved entries could not be read")
    expect(listed.locator("li")).to_have_count(2)  # the entry itself and its copy set aside
    assert page.locator("article b").count() == 0
    data = download_from(page, "Download everything (JSON)", tmp_path)
    assert data["answers"] == []
    texts = {entry["text"] for entry in data["damaged"]}
    assert texts == {DAMAGED}
    keys = {entry["key"] for entry in data["damaged"]}
    assert "tw:answers:promise-log" in keys and any(k.startswith("tw:damaged:promise-log:") for k in keys)
    assert page.evaluate("localStorage.getItem('tw:answers:promise-log')") == DAMAGED, "never deleted"


def old_entry(days: int) -> str:
    created = (datetime.now(UTC) - timedelta(days=days)).isoformat().replace("+00:00", "Z")
    return json.dumps({"format": 1, "worksheet": "promise-log", "version": 1, "created": created,
                       "updated": created, "answers": {"got-in-the-way": "old words"},
                       "changed": {}, "retired": {}})


def test_a_gentle_reminder_after_a_week_without_a_copy(page: Page, tmp_path: Path) -> None:
    page.goto(PROMISES)
    page.evaluate("v => localStorage.setItem('tw:answers:promise-log', v)", old_entry(3))
    page.reload()
    expect(page.locator("[data-tw-health]")).to_be_hidden()

    page.evaluate("v => localStorage.setItem('tw:answers:promise-log', v)", old_entry(9))
    page.reload()
    reminder = page.locator("[data-tw-health]")
    expect(reminder).to_contain_text("a week or more since you last saved a copy")
    page.get_by_role("button", name="Not now").click()
    expect(reminder).to_be_hidden()
    page.reload()
    expect(reminder).to_be_hidden()

    # A copy made over a week ago brings it back; downloading one puts it away.
    week_ago = (datetime.now(UTC) - timedelta(days=8)).isoformat().replace("+00:00", "Z")
    page.evaluate("v => localStorage.setItem('tw:backup', v)", json.dumps({"last": week_ago}))
    page.reload()
    expect(reminder).to_be_visible()
    data = download_from(page, "Download a copy", tmp_path)
    assert data["answers"][0]["record"]["answers"] == {"got-in-the-way": "old words"}
    expect(reminder.locator("p").first).to_have_text("A copy of your answers was downloaded to this device.")
    page.reload()
    expect(reminder).to_be_hidden()


def test_my_answers_asks_the_browser_to_keep_the_data_and_shows_the_answer(page: Page) -> None:
    page.goto("my-answers/")
    persist = page.locator("[data-tw-persist]")
    expect(persist).to_have_attribute("data-tw-persisted", re.compile(r"^(true|false)$"))
    answer = persist.get_attribute("data-tw-persisted")
    expected = "has agreed to keep" if answer == "true" else "has not promised to keep"
    expect(persist).to_contain_text(expected)
