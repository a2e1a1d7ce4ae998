"""The Trust self-check (version 2) in a real browser: each area scores what
you experience of your partner apart from how you show up, and the
suggestion rests on the first; a worrying safety answer shows a calm pointer
to the Safety page above every score; the comparison lists where the
partners differ most; one formatter puts answers into words; and every
answer saved under version 1 is still there after the upgrade, on the page
and in the Markdown download.

Version 1 is tests/data/trust-self-check-v1.yml, the definition as it
shipped (git e92c5dd), built for and served at the same address as the
session's build of the new one, so the browser's storage carries over as it
does for readers."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from checks import quality, site
from workbook import assets

pytestmark = pytest.mark.browser

PAGE = "worksheets/trust-self-check/"
V1 = Path(__file__).parent.parent / "data" / "trust-self-check-v1.yml"
V2 = site.ROOT / "worksheets" / "trust-self-check.yml"


def scales(definition: Path) -> dict[str, dict]:
    data = yaml.safe_load(definition.read_text(encoding="utf-8"))
    return {f["id"]: f for s in data["sections"] for f in s["fields"] if f["type"] == "scale"}


NEW = scales(V2)
PARTNER = {i: f for i, f in NEW.items() if f.get("area") and f.get("about") == "partner"}
ME = {i: f for i, f in NEW.items() if f.get("area") and f.get("about") == "me"}
SAFETY = {i: f for i, f in NEW.items() if f.get("safety")}


@pytest.fixture
def sc(page: Page, server: site.Server) -> Iterator[Page]:
    page.goto(server.url + PAGE)
    expect(page.locator("[data-tw-toolbar]")).to_be_visible()
    yield page


def pick(page: Page, field_id: str, value: int) -> None:
    page.locator(f'[data-tw-field="{field_id}"] input[value="{value}"]').check()


def area_score(page: Page, area: str, about: str):  # noqa: ANN201
    return page.locator(f'[data-tw-score] [data-tw-area="{area}"] [data-tw-area-score="{about}"]')


def test_each_area_scores_the_partner_apart_from_me_and_suggests_from_the_partner(sc: Page) -> None:
    assert len(PARTNER) >= 12 and len(ME) >= 6 and {f["area"] for f in ME.values()} == {
        f["area"] for f in PARTNER.values()}, "every area asks about both"
    for field_id in PARTNER:
        pick(sc, field_id, 4)
    for field_id in ME:
        pick(sc, field_id, 5)
    honesty_partner = [i for i, f in PARTNER.items() if f["area"] == "honesty"]
    honesty_me = [i for i, f in ME.items() if f["area"] == "honesty"]
    for field_id in honesty_partner:
        pick(sc, field_id, 2)
    expect(area_score(sc, "honesty", "partner")).to_have_text("2 of 5")
    expect(area_score(sc, "honesty", "me")).to_have_text("5 of 5")
    expect(area_score(sc, "communication", "partner")).to_have_text("4 of 5")
    suggestions = sc.locator("[data-tw-score] [data-tw-suggest]:visible")
    expect(suggestions).to_have_count(1)
    expect(suggestions.get_by_role("link", name="Be transparent")).to_have_attribute(
        "href", re.compile(r"/guides/establishing-trust/#transparency$"))

    # How I show up is scored, but the suggestion does not rest on it.
    for field_id in honesty_me:
        pick(sc, field_id, 1)
    pick(sc, [i for i, f in ME.items() if f["area"] == "reliability"][0], 1)
    expect(area_score(sc, "honesty", "me")).to_have_text("1 of 5")
    expect(area_score(sc, "reliability", "me")).to_have_text("1 of 5")
    expect(suggestions).to_have_count(1)

    # A low repair score points to the rebuilding guide.
    for field_id in [i for i, f in PARTNER.items() if f["area"] == "repair"]:
        pick(sc, field_id, 1)
    expect(area_score(sc, "repair", "partner")).to_have_text("1 of 5")
    expect(suggestions).to_have_count(2)
    expect(suggestions.get_by_role("link", name="It is hard, and it is possible")).to_have_attribute(
        "href", re.compile(r"/guides/rebuilding-trust/#it-is-possible$"))
    expect(sc.locator("[data-tw-score]")).to_contain_text("not a validated test or a diagnosis")


def test_any_worrying_safety_answer_shows_the_safety_pointer_above_every_score(sc: Page) -> None:
    pointer = sc.locator("[data-tw-safety]")
    expect(pointer).to_be_hidden()
    for field_id in [*PARTNER, *ME]:
        pick(sc, field_id, 5)  # every other answer as good as it gets
    for field_id in SAFETY:
        pick(sc, field_id, 1)  # "Not true"
    expect(area_score(sc, "intimacy", "partner")).to_have_text("5 of 5")
    expect(pointer).to_be_hidden()
    assert len(SAFETY) >= 3
    for field_id in SAFETY:
        pick(sc, field_id, SAFETY[field_id]["worry_at"])
        expect(pointer).to_be_visible()
        expect(pointer.get_by_role("link", name="Safety page")).to_have_attribute("href", re.compile(r"/safety/$"))
        # Above every score, and the scores themselves do not move.
        top = pointer.bounding_box()["y"] + pointer.bounding_box()["height"]
        first_area = sc.locator("[data-tw-score] [data-tw-area]").first.bounding_box()["y"]
        assert top <= first_area
        expect(area_score(sc, "intimacy", "partner")).to_have_text("5 of 5")
        expect(sc.locator("[data-tw-score] [data-tw-suggest]:visible")).to_have_count(0)
        pick(sc, field_id, 1)
        expect(pointer).to_be_hidden()
    sc.reload()
    expect(pointer).to_be_hidden()


def test_the_comparison_lists_where_the_partners_differ_most(sc: Page) -> None:
    ids = list(PARTNER)
    a = {ids[0]: 5, ids[1]: 3, ids[2]: 4, ids[3]: 1, ids[4]: 2}
    b = {ids[0]: 1, ids[1]: 3, ids[2]: 2, ids[3]: 4, ids[5]: 1}  # gaps 4, 0, 2, 3; ids[4] and ids[5] one-sided
    safety = next(iter(SAFETY))
    for field_id, value in a.items():
        pick(sc, field_id, value)
    pick(sc, safety, 1)
    expect(sc.locator("[data-tw-saved]")).to_have_text("Saved")
    sc.get_by_role("group", name="Whose answers are these?").get_by_role("radio", name="Partner B").check()
    for field_id, value in b.items():
        pick(sc, field_id, value)
    pick(sc, safety, 5)  # the largest gap of all, but for each partner alone
    expect(sc.locator("[data-tw-saved]")).to_have_text("Saved")
    sc.get_by_role("button", name="Compare side by side").click()
    view = sc.locator("[data-tw-comparison]")
    gaps = view.locator("[data-tw-differences] li")
    expect(view.get_by_role("heading", name="Where your answers differ most")).to_be_visible()
    expect(gaps).to_have_text([
        re.compile(rf"^{re.escape(NEW[ids[0]]['label'])}\s*Partner A: 5; Partner B: 1 \(4 apart\)$"),
        re.compile(rf"^{re.escape(NEW[ids[3]]['label'])}\s*Partner A: 1; Partner B: 4 \(3 apart\)$"),
        re.compile(rf"^{re.escape(NEW[ids[2]]['label'])}\s*Partner A: 4; Partner B: 2 \(2 apart\)$"),
    ])
    row = view.locator("tbody tr", has=sc.get_by_role("rowheader", name=NEW[ids[0]]["label"]))
    expect(row.locator("td")).to_have_text(["5 of 5", "1 of 5"])
    expect(view.get_by_role("rowheader", name=NEW[safety]["label"])).to_have_count(0)
    expect(view).to_contain_text("The questions about feeling safe are not shown here.")


def test_one_formatter_describes_every_kind_of_answer(sc: Page, built_site: Path) -> None:
    module = "/" + assets.built_path(built_site, "assets/js/lib/answer-text.js")
    out = sc.evaluate("""async (module) => {
        const { answerText } = await import(module);
        const scale = { type: 'scale', scale: [1, 5] };
        const choice = { type: 'single_choice', options: { 'not-yet': 'Not yet' } };
        const many = { type: 'multiple_choice', options: { time: 'Time', family: 'Family and friends' } };
        const rows = { type: 'rows', columns: [{ id: 'what', label: 'What', type: 'short_text' },
            { id: 'kept', label: 'Kept?', type: 'single_choice', options: { yes: 'Yes, kept' } },
            { id: 'talked', label: 'Talked', type: 'checkbox' }] };
        return {
            ticked: answerText({ type: 'checkbox' }, true), unticked: answerText({ type: 'checkbox' }, false),
            missing: answerText({ type: 'checkbox' }, undefined), scale: answerText(scale, 4),
            fromZero: answerText({ type: 'scale', scale: [0, 10] }, 0),
            choice: answerText(choice, 'not-yet'), unknownOption: answerText(choice, 'gone'),
            many: answerText(many, ['time', 'family']), text: answerText({ type: 'long_text' }, 'a\\nb'),
            rows: answerText(rows, [{ what: 'Call', kept: 'yes' }, { what: 'Cook', talked: true }]),
            retiredText: answerText(null, 'hopeful'), retiredNumber: answerText(null, 3),
            retiredTick: answerText(null, false), retiredList: answerText(null, ['a', 'b']),
            retiredRows: answerText(null, [{ x: '<b>' }]), empty: answerText(null, []),
        };
    }""", module)
    assert out == {
        "ticked": "Yes", "unticked": "No", "missing": "", "scale": "4 of 5", "fromZero": "0 on a scale of 0 to 10",
        "choice": "Not yet", "unknownOption": "gone", "many": "Time, Family and friends", "text": "a\nb",
        "rows": "1. What: Call; Kept?: Yes, kept\n2. What: Cook; Talked: Yes",
        "retiredText": "hopeful", "retiredNumber": "3", "retiredTick": "No", "retiredList": "a, b",
        "retiredRows": "1. x: <b>", "empty": "",
    }


# -- the upgrade from version 1 --------------------------------------------------

OLD = yaml.safe_load(V1.read_text(encoding="utf-8"))
OLD_FIELDS = {f["id"]: f for s in OLD["sections"] for f in s["fields"]}
RENAMED = {f["renamed_from"]: i for i, f in NEW.items() if f.get("renamed_from")}


def old_answers(partner: str) -> dict[str, object]:
    """A different answer to every version 1 question for each partner."""
    values = {}
    for n, (field_id, field) in enumerate(OLD_FIELDS.items()):
        if field["type"] == "scale":
            values[field_id] = (n % 5) + 1 if partner == "a" else 5 - (n % 5)
        else:
            values[field_id] = f"{partner}: what I wrote for {field_id}\non two lines"
    return values


def fill(page: Page, answers: dict[str, object]) -> None:
    for field_id, value in answers.items():
        if isinstance(value, int):
            pick(page, field_id, value)
        else:
            page.locator(f'[data-tw-field="{field_id}"] textarea').fill(value)
    expect(page.locator("[data-tw-saved]")).to_have_text("Saved")


def check_upgraded(page: Page, answers: dict[str, object]) -> None:
    current = {f["id"] for s in yaml.safe_load(V2.read_text())["sections"] for f in s["fields"]}
    retired = page.locator("[data-tw-retired]")
    for old_id, value in answers.items():
        new_id = RENAMED.get(old_id, old_id)
        if new_id in current:
            if isinstance(value, int):
                expect(page.locator(f'[data-tw-field="{new_id}"] input[value="{value}"]')).to_be_checked()
            else:
                expect(page.locator(f'[data-tw-field="{new_id}"] textarea')).to_have_value(value)
        else:
            expect(retired.locator("dt", has_text=re.compile(rf"^{re.escape(old_id)}$"))).to_have_count(1)
            shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
                '[data-tw-retired] dt')].map(dt => [dt.textContent, dt.nextElementSibling.textContent]))""")
            assert shown[old_id] == str(value), old_id
    expect(retired).to_be_visible()


def test_every_answer_saved_under_version_1_survives_the_upgrade(
        browser: Browser, server: site.Server, tmp_path: Path) -> None:
    assert OLD["version"] == 1 and yaml.safe_load(V2.read_text())["version"] > 1
    gone = [i for i in OLD_FIELDS if RENAMED.get(i, i) not in {f["id"] for s in yaml.safe_load(
        V2.read_text())["sections"] for f in s["fields"]}]
    assert gone and RENAMED, "the upgrade exercises both retired and renamed questions"
    old_project = site.copy_project(tmp_path / "v1")
    shutil.copy(V1, old_project / "worksheets" / "trust-self-check.yml")
    old_site = tmp_path / "site-v1"
    site.build(old_site, site_url=server.url, project=old_project)
    answers = {"a": old_answers("a"), "b": old_answers("b")}

    context = browser.new_context()
    with server.serving(old_site):
        page = context.new_page()
        page.goto(server.url + PAGE)
        expect(page.locator("[data-tw-toolbar]")).to_be_visible()
        fill(page, answers["a"])
        page.get_by_role("radio", name="Partner B").check()
        expect(page.get_by_role("status").filter(has_text="Now showing")).to_be_visible()
        fill(page, answers["b"])
        stored = page.evaluate("() => [localStorage.getItem('tw:answers:trust-self-check'),"
                               " localStorage.getItem('tw:answers:trust-self-check:partner-b')]")
    assert all('"version":1' in raw for raw in stored)
    state = context.storage_state()
    context.close()

    # The new version (the session's build) at the same address: a fresh
    # browser with the same storage.
    context = browser.new_context(storage_state=state, accept_downloads=True)
    page = context.new_page()
    # The download first, before the page has migrated anything: it must
    # show every old answer by itself.
    page.goto(server.url + "my-answers/")
    expect(page.locator("[data-tw-my-answers][data-tw-ready]")).to_be_attached()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download as a readable file (Markdown)").click()
    target = tmp_path / "answers.md"
    info.value.save_as(target)
    markdown = target.read_text(encoding="utf-8")
    for partner in ("a", "b"):
        for old_id, value in answers[partner].items():
            new_id = RENAMED.get(old_id, old_id)
            shown = f"{value} of 5" if isinstance(value, int) else value
            quoted = "\n".join(f"> {line}" for line in str(shown).split("\n"))
            title = NEW[new_id]["label"] if new_id in NEW else (
                OLD_FIELDS[old_id]["label"] if old_id in {"one-point-up", "already-strong"} else old_id)
            if old_id in gone:
                quoted = "\n".join(f"> {line}" for line in str(value).split("\n"))
            assert f"**{title}**\n\n{quoted}\n" in markdown, (partner, old_id)
    assert markdown.count("### Answers to questions no longer on this worksheet") == 2

    page.goto(server.url + PAGE)
    expect(page.locator("[data-tw-toolbar]")).to_be_visible()
    expect(page.get_by_role("radio", name="Partner B")).to_be_checked()  # the last one shown
    check_upgraded(page, answers["b"])
    page.get_by_role("radio", name="Partner A").check()
    check_upgraded(page, answers["a"])
    records = page.evaluate("() => [localStorage.getItem('tw:answers:trust-self-check'),"
                            " localStorage.getItem('tw:answers:trust-self-check:partner-b')]")
    context.close()
    for raw, partner in zip(records, ("a", "b"), strict=True):
        record = json.loads(raw)
        assert record["version"] == 2
        assert set(record["retired"]) == set(gone), partner
        kept = {RENAMED.get(i, i): v for i, v in answers[partner].items() if i not in gone}
        assert record["answers"] == kept, partner


def test_axe_finds_nothing_with_scores_the_safety_pointer_and_the_comparison_shown(sc: Page) -> None:
    # Both palettes on the same filled-in page: the page opens light and is
    # switched with Material's toggle (emulating a dark system setting after
    # the page has opened would leave it light).
    for n, field_id in enumerate([*PARTNER, *ME]):
        pick(sc, field_id, n % 5 + 1)
    pick(sc, next(iter(SAFETY)), 3)
    expect(sc.locator("[data-tw-safety]")).to_be_visible()
    expect(sc.locator("[data-tw-saved]")).to_have_text("Saved")
    sc.get_by_role("radio", name="Partner B").check()
    for n, field_id in enumerate(PARTNER):
        pick(sc, field_id, 5 - n % 5)
    expect(sc.locator("[data-tw-saved]")).to_have_text("Saved")
    sc.get_by_role("button", name="Compare side by side").click()
    expect(sc.locator("[data-tw-differences] li")).to_have_count(3)
    found = quality.axe_in_each_palette(sc)
    assert not any(found.values()), found
