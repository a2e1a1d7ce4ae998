"""The thirteen shipped worksheets in a real browser: each opens cleanly on a
360 px phone screen, and the Trust self-check scores its real statements and
suggests the agreed guide sections."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.test_worksheet_content import SUPPORTS

pytestmark = pytest.mark.browser

#: The self-check's statements about the partner, by area, in page order
#: (worksheets/trust-self-check.yml); the suggestion rests on these.
STATEMENTS = {
    "communication": ["When I bring something up, my partner listens before answering.",
                      "I seldom have to guess what my partner is thinking or feeling about us."],
    "honesty": ["My partner tells me the truth, even when it is hard to hear.",
                "My partner tells me about things that matter to us before I find out some other way."],
    "reliability": ["I believe my partner will do what they say they will do.",
                    "When my partner says they will be there, they show up."],
    "boundaries": ["My partner respects the limits I set.",
                   "I can say no to my partner, and they accept it."],
    "repair": ["After an argument, my partner helps us find our way back to each other within a day or so.",
               "When my partner hurts me, they can admit it and say sorry."],
    "intimacy": ["When I am having a hard time, I can turn to my partner for comfort.",
                 "My partner shows interest in my feelings, hopes and worries."],
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
    answers = {"communication": [5, 4], "honesty": [4, 4], "reliability": [2, 2],
               "boundaries": [4, 5], "repair": [3, 3], "intimacy": [5, 4]}
    for area, values in answers.items():
        for statement, value in zip(STATEMENTS[area], values, strict=True):
            answer(page, statement, value)
    expected = {"communication": "4.5 of 5", "honesty": "4 of 5", "reliability": "2 of 5",
                "boundaries": "4.5 of 5", "repair": "3 of 5", "intimacy": "4.5 of 5"}
    for area, text in expected.items():
        expect(score.locator(f'[data-tw-area="{area}"] [data-tw-area-score="partner"]')).to_have_text(text)
    # Only reliability is lowest or below the midpoint of 3.
    suggestions = score.locator("[data-tw-suggest]:visible")
    expect(suggestions).to_have_count(1)
    expect(suggestions.get_by_role("link", name="Be reliable and consistent")).to_have_attribute(
        "href", re.compile(r"/guides/establishing-trust/#reliability$"))
    # Closeness falls to 1: now the weakest, and reliability (2) stays below the midpoint.
    for statement in STATEMENTS["intimacy"]:
        answer(page, statement, 1)
    expect(score.locator('[data-tw-area="intimacy"] [data-tw-area-score="partner"]')).to_have_text("1 of 5")
    expect(suggestions).to_have_count(2)
    expect(suggestions.get_by_role("link", name="Build emotional intimacy")).to_have_attribute(
        "href", re.compile(r"/guides/maintaining-trust/#emotional-intimacy$"))
    assert watch.problems() == []
