"""The thirteen shipped worksheets in a real browser: each opens cleanly on a
360 px phone screen, and the Trust self-check scores its real statements and
suggests the agreed guide sections."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.test_worksheet_content import SUPPORTS

pytestmark = pytest.mark.browser

#: The self-check's statements by area, in page order (worksheets/trust-self-check.yml).
STATEMENTS = {
    "communication": ["I can tell my partner how I really feel, even when it is awkward.",
                      "When I bring something up, my partner listens before answering.",
                      "I seldom have to guess what my partner is thinking or feeling about us.",
                      "We can talk about hard subjects, like money or family, and still feel on the same side."],
    "reliability": ["I believe my partner will do what they say they will do.",
                    "When my partner says they will be there, they show up.",
                    "My partner's words and actions match.",
                    "I keep the promises I make to my partner, the small ones too."],
    "boundaries": ["I know what my partner is and is not comfortable with.",
                   "My partner respects the limits I set.",
                   "We have talked about what is and is not okay between us, and we mostly agree."],
    "repair": ["After an argument, we find our way back to each other within a day or so.",
               "When my partner hurts me, they can admit it and say sorry.",
               "When I get something wrong, I can own it without making excuses.",
               "Old hurts between us have been talked through, not just buried."],
    "intimacy": ["I can let my partner see my worries and soft spots.",
                 "When I am having a hard time, I can turn to my partner for comfort.",
                 "On most days, I feel close to my partner."],
}


def answer(page: Page, statement: str, value: int) -> None:
    group = page.get_by_role("group", name=statement, exact=True)
    group.get_by_role("radio", name=re.compile(rf"^{value}\b")).check()


@pytest.mark.parametrize("wid", sorted(SUPPORTS))
def test_worksheet_fits_a_phone_and_loads_cleanly(page: Page, watch, wid: str) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"worksheets/{wid}/", wait_until="networkidle")
    expect(page.locator("h1").first).to_be_visible()
    form = page.locator(f'form[data-tw-worksheet="{wid}"]')
    expect(form).to_be_visible()
    expect(form.locator("input, textarea, select").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert watch.problems() == []


def test_self_check_scores_its_statements_and_suggests_the_weakest_area(page: Page, watch) -> None:
    page.goto("worksheets/trust-self-check/")
    score = page.locator("[data-tw-score]")
    answers = {"communication": [5, 5, 4, 4], "reliability": [2, 2, 3, 1],
               "boundaries": [4, 4, 5], "repair": [3, 3, 3, 3], "intimacy": [5, 4, 4]}
    for area, values in answers.items():
        for statement, value in zip(STATEMENTS[area], values, strict=True):
            answer(page, statement, value)
    expected = {"communication": "4.5 of 5", "reliability": "2 of 5", "boundaries": "4.3 of 5",
                "repair": "3 of 5", "intimacy": "4.3 of 5"}
    for area, text in expected.items():
        expect(score.locator(f'[data-tw-area="{area}"] [data-tw-area-score]')).to_have_text(text)
    # Only reliability is lowest or below the midpoint of 3.
    suggestions = score.locator("[data-tw-suggest]:visible")
    expect(suggestions).to_have_count(1)
    expect(suggestions.get_by_role("link", name="Be reliable and consistent")).to_have_attribute(
        "href", re.compile(r"/guides/establishing-trust/#reliability$"))
    # Closeness falls to 1: now the weakest, and reliability (2) stays below the midpoint.
    for statement in STATEMENTS["intimacy"]:
        answer(page, statement, 1)
    expect(score.locator('[data-tw-area="intimacy"] [data-tw-area-score]')).to_have_text("1 of 5")
    expect(suggestions).to_have_count(2)
    expect(suggestions.get_by_role("link", name="Build emotional intimacy")).to_have_attribute(
        "href", re.compile(r"/guides/maintaining-trust/#emotional-intimacy$"))
    assert watch.problems() == []
