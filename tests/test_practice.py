"""A practice brands its copy from mkdocs.yml alone (extra.practice)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from checks import site
from tests.fixture_project import with_practice
from workbook import practice


def test_unset_practice_shows_nothing(built_site: Path) -> None:
    for html in built_site.rglob("*.html"):
        assert "data-practice" not in html.read_text(), html
    support = (built_site / "guides/getting-support/index.html").read_text()
    assert 'class="tw-neutral-support"' in support


def test_configured_practice_shows_in_footer_and_support(settings_site: Path) -> None:
    # settings_site sets PRACTICE (tests/fixture_project.py).
    home = BeautifulSoup((settings_site / "index.html").read_text(), "html.parser")
    footer = home.select_one("footer [data-practice]")
    assert footer is not None and "Harbour Couples Clinic" in footer.get_text()
    assert footer.select_one('a[href="tel:+15550100"]') is not None
    support = BeautifulSoup((settings_site / "guides/getting-support/index.html").read_text(), "html.parser")
    card = support.select_one(".tw-practice-card")
    assert card is not None and "Harbour Couples Clinic" in card.get_text()
    assert card.select_one('a[href="https://harbour.example.org/book"]').get_text() == "Book a session"
    assert support.select_one(".tw-neutral-support") is None


def test_bad_practice_fails_the_build_with_advice(tmp_path: Path) -> None:
    project = site.copy_project(tmp_path / "project")
    with_practice(project, {"name": "X", "webiste": "https://x.example/", "booking": "not a url"})
    result = site.build(tmp_path / "out", project=project, check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "mkdocs.yml: extra.practice.webiste: is not a field here" in result.stderr
    assert "mkdocs.yml: extra.practice.booking: must be a full web address" in result.stderr


@pytest.mark.parametrize("raw", [None, {}, {"name": None}])
def test_empty_practice_is_no_practice(raw: object) -> None:
    assert practice.load(raw) is None


def test_practice_text_is_escaped() -> None:
    md = practice.support_markdown(practice.load({"name": "<script>alert(1)</script>"}))
    assert "<script>" not in md and "&lt;script&gt;" in md


def test_phone_must_look_like_a_phone_number() -> None:
    with pytest.raises(practice.PracticeError, match=r"extra\.practice\.phone"):
        practice.load({"phone": "call me maybe"})
    advice = r"use 5 to 30 characters, each a digit, a space or one of \( \) - \. /, with \+ only at the start"
    with pytest.raises(practice.PracticeError, match=advice):
        practice.load({"phone": "0800+123"})
    assert practice.load({"phone": "+44 (0)20 7946 0000"}).phone == "+44 (0)20 7946 0000"
