"""The site says only what is true about where answers live.

Answers are kept in this browser, on this device: anyone who uses that
browser can open them unless they are locked or erased. So no page, no
worksheet definition, no script message and no PDF template may tell a
reader that answers are seen by nobody, are only for them, or cannot be
read by anyone else. Each pattern below is one way of saying that; the
planted sentences show that each one catches what it is meant to, and the
true sentences show that the honest wording the site uses passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent

_VIEW = r"(?:see|sees|seen|saw|read|reads|open|opens|view|views|access|look at|looks at)"
_OBJECT = r"(?:them|it|this|these|your|what you|anything you|the answers|answers)"

#: Ways of promising a privacy the site cannot keep on a shared browser.
UNTRUE_PRIVACY = [
    re.compile(p, re.IGNORECASE) for p in (
        # "nobody else can see them", "no one sees it", "nobody on our side could read them"
        rf"\b(?:nobody|no[- ]one|no other person|no-?body)\b[^.!?:;]{{0,40}}?\b{_VIEW}\s+{_OBJECT}\b",
        # "seen by nobody", "read by no one else"
        r"\b(?:seen|read|opened|viewed)\s+by\s+(?:nobody|no[- ]one)\b",
        # "no one else", "anyone else can't see", "others cannot read"
        rf"\b(?:anyone|anybody|someone|others?)(?:\s+else)?\s+(?:can't|cannot|can not|won't|will not|can never|never)\s+{_VIEW}\b",
        rf"\b(?:can't|cannot|can not|won't|will not|never)\s+be\s+(?:seen|read|opened|viewed)\s+by\s+(?:anyone|anybody|others)\b",
        # "only you can see", "for your eyes only", "for you alone", "private to you"
        rf"\bonly\s+you\s+(?:can|will|could)\s+{_VIEW}\b",
        r"\b(?:only for you|just for you|for your eyes only|for you alone|private to you|yours alone)\b",
        # "private worksheets", "your answers are private", "completely private"
        r"\bprivate\s+(?:worksheets?|answers?|notes?|journal)\b",
        r"\banswers?\s+(?:are|is|stay|stays|remain|remains)\s+(?:completely\s+|fully\s+|totally\s+)?(?:private|secret|confidential)\b",
        r"\b(?:completely|fully|totally|100%)\s+private\b",
    )
]


def untrue_privacy(text: str) -> list[str]:
    """Every phrase in ``text`` that promises privacy the site cannot keep."""
    flat = " ".join(text.split())
    return [match.group(0) for pattern in UNTRUE_PRIVACY for match in pattern.finditer(flat)]


def built_page_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    text = soup.get_text(" ")
    # The page description and title are read too (search results, link previews).
    metas = " ".join(m.get("content", "") for m in soup.find_all("meta") if m.get("name") == "description")
    return f"{text} {metas}"


def findings(files: Iterable[tuple[Path, str]]) -> list[str]:
    """'path: phrase' for every untrue phrase in the given (path, text) pairs."""
    return [f"{path}: {phrase!r}" for path, text in files for phrase in untrue_privacy(text)]


def site_texts(site: Path) -> Iterable[tuple[Path, str]]:
    for html in sorted(site.rglob("*.html")):
        yield html.relative_to(site), built_page_text(html.read_text(encoding="utf-8"))


def source_texts(root: Path) -> Iterable[tuple[Path, str]]:
    """The worksheet definitions, the site's own scripts and the PDF template, as written."""
    paths = [*sorted((root / "worksheets").glob("*.yml")),
             *sorted(p for p in (root / "docs" / "assets" / "js").rglob("*.js") if "vendor" not in p.parts),
             *sorted((root / "workbook" / "pdf" / "templates").glob("*.html"))]
    for path in paths:
        yield path.relative_to(root), path.read_text(encoding="utf-8")


# --- the patterns themselves ---------------------------------------------------------

@pytest.mark.parametrize("planted", [
    "Your answers save as you type: nobody else can read them.",
    "This is for you alone. Nobody else sees\n  them unless you share them.",
    "Nobody sees it unless you choose to share it.",
    "There is nobody on our side who could read them.",
    "What you write here is seen by no one.",
    "Anyone else cannot see your answers.",
    "Your words cannot be read by anyone but you.",
    "Only you can see what you write.",
    "These notes are for your eyes only.",
    "Plain-language guides and private worksheets for couples.",
    "Your answers stay private.",
    "It is completely private.",
])
def test_a_planted_untrue_sentence_is_caught(planted: str) -> None:
    assert untrue_privacy(planted), planted


@pytest.mark.parametrize("honest", [
    "Your answers save as you type, in this browser, on this device.",
    "Anyone who uses this browser can open them: lock them or erase them.",
    "If you forget the passphrase, nobody can recover the answers.",
    "No analytics or tracking. Nobody counts your visits or records what you click.",
    "But no one can read minds, even after many years together.",
    "Tell about a time you were proud of yourself, even if nobody else noticed.",
    "Your therapist cannot see it unless you show them, but anyone who uses this browser can.",
    "Use a private or incognito window, which keeps no history after you close it.",
])
def test_honest_wording_passes(honest: str) -> None:
    assert untrue_privacy(honest) == []


def test_a_sentence_planted_in_a_worksheet_definition_is_found(tmp_path: Path) -> None:
    (tmp_path / "worksheets").mkdir()
    (tmp_path / "worksheets" / "planted.yml").write_text(
        "id: planted\nintro: |\n  Take your time. Nobody else can\n  see these answers.\n", encoding="utf-8")
    found = findings(source_texts(tmp_path))
    assert found and found[0].startswith(str(Path("worksheets/planted.yml"))), found


def test_a_sentence_planted_in_a_built_page_is_found(tmp_path: Path) -> None:
    page = tmp_path / "planted" / "index.html"
    page.parent.mkdir()
    page.write_text('<html><head><meta name="description" content="Private answers for couples.">'
                    "</head><body><p>All fine here.</p></body></html>", encoding="utf-8")
    assert findings(site_texts(tmp_path)) == [f"{Path('planted/index.html')}: 'Private answers'"]


# --- the real site ---------------------------------------------------------------------

def test_no_built_page_promises_untrue_privacy(built_site: Path) -> None:
    assert findings(site_texts(built_site)) == []


def test_no_worksheet_script_or_template_promises_untrue_privacy() -> None:
    assert findings(source_texts(ROOT)) == []
