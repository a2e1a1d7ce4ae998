"""Action steps: task-list items with a stable id.

A guide writes a step as a task-list item that ends with an explicit id::

    - [ ] Tell your partner one thing you appreciated today. {#appreciate-daily}

The id, not the wording, is what the checklist index, saved ticks and
therapists' links key on, so the wording can be polished freely.

``StepsExtension`` (registered in ``mkdocs.yml`` as ``workbook.steps``)
renders such an item as a labelled checkbox that carries the id;
``find_steps`` reads the same items out of Markdown source for the index.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from workbook.markdown_source import prose_lines

#: A step id: lowercase words joined by hyphens.
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"

# The checkbox at the start of an item's text, and the id at its end.
_ITEM = re.compile(
    rf"^\s*\[(?P<state>[ xX])\]\s+(?P<text>.*?)\s*\{{#(?P<id>{ID_PATTERN})\}}\s*$",
    re.DOTALL,
)
# The same item as a line of Markdown source (for the index).
_SOURCE_LINE = re.compile(
    rf"^(?P<indent>\s*)[-*+]\s+\[[ xX]\]\s+(?P<text>.*?)\s*\{{#(?P<id>{ID_PATTERN})\}}\s*$"
)
# A task-list line with no id: a mistake the build reports.
_TASK_LINE = re.compile(r"^\s*[-*+]\s+\[[ xX]\]\s+")


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    line: int


@dataclass(frozen=True)
class StepProblem:
    line: int
    message: str


def find_steps(markdown: str) -> tuple[list[Step], list[StepProblem]]:
    """Every step in ``markdown``, in order, and every task line with no id."""
    steps: list[Step] = []
    problems: list[StepProblem] = []
    for number, line in prose_lines(markdown):
        match = _SOURCE_LINE.match(line)
        if match:
            steps.append(Step(match["id"], match["text"], number))
        elif _TASK_LINE.match(line):
            problems.append(
                StepProblem(
                    number,
                    "this task-list item has no id: end the line with "
                    "{#short-id} (lowercase words and hyphens), for example "
                    "'- [ ] Plan a date night. {#plan-date-night}'",
                )
            )
    return steps, problems


class _StepsTreeprocessor(Treeprocessor):
    """Turns ``[ ] text {#id}`` items into labelled, id-carrying checkboxes.

    Runs before pymdownx.tasklist (priority 25), which then leaves these
    items alone because their text no longer starts with a checkbox.
    """

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            if parent.tag not in ("ul", "ol"):
                continue
            for li in parent.findall("li"):
                holder = li
                if not (li.text or "").strip() and len(li) and li[0].tag == "p":
                    holder = li[0]
                match = _ITEM.match(holder.text or "")
                if not match:
                    continue
                step_id = match["id"]
                li.set("class", _add_class(li.get("class"), "task-list-item tw-step"))
                li.set("id", step_id)
                parent.set("class", _add_class(parent.get("class"), "task-list"))
                checked = " checked" if match["state"] in "xX" else ""
                box = self.md.htmlStash.store(
                    f'<input type="checkbox" data-step="{step_id}"{checked}/>'
                    '<span class="task-list-indicator"></span>'
                )
                # The label wraps the text, so the checkbox is named by it and
                # the whole line is a click target.
                label = etree.Element("label", {"class": "task-list-control"})
                label.text = box + match["text"]
                holder.text = None
                holder.insert(0, label)


def _add_class(existing: str | None, extra: str) -> str:
    classes = (existing or "").split()
    classes += [c for c in extra.split() if c not in classes]
    return " ".join(classes)


class StepsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_StepsTreeprocessor(md), "workbook-steps", 26)


def makeExtension(**kwargs: object) -> StepsExtension:  # noqa: N802 (Markdown's API)
    return StepsExtension(**kwargs)
