"""Reading worksheet definitions: YAML files in, validated models out.

``load_all(folder)`` reads every ``*.yml`` file in ``folder`` and either
returns the worksheets or raises :class:`WorksheetError` whose message holds
one line per problem in every file, for example::

    worksheets/promise-log.yml: sections[1].fields[0].type: is 'textarea', which is not allowed: use one of 'short_text', ...

Besides the schema it checks what needs other files: the id equals the file
name and is unique, and every guide section named in ``supports`` (and in a
scoring block) exists as an explicit ``{#anchor}`` heading id in
``docs/guides/<page>.md``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data

from workbook.model import Invalid, check
from workbook.worksheet.schema import Worksheet

#: A Markdown heading with an explicit id: ``## Title {#id}`` (classes allowed).
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.*?)\s*\{[^}]*#(?P<id>[A-Za-z0-9_-]+)[^}]*\}\s*$")
#: An old heading id kept as an alias on the line above the heading (README "Links that never break").
_ALIAS = re.compile(r'^<span id="(?P<id>[A-Za-z0-9_-]+)" class="tw-old-id"></span>\s*$')
_SUFFIXES = (".yml", ".yaml")


class WorksheetError(ValueError):
    """One or more definitions have mistakes; ``problems`` holds one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class GuideSections:
    """The linkable sections of the guides: ``"guides/x.md#id"`` -> heading text."""

    pages: dict[str, str]      # "guides/x.md" -> page title
    sections: dict[str, str]   # "guides/x.md#id" -> heading text

    def title(self, target: str) -> str:
        """``"Establishing trust: Be reliable and consistent"`` for a section."""
        page = target.split("#", 1)[0]
        return f"{self.pages.get(page, page)}: {self.sections.get(target, target)}"


def guide_sections(docs_dir: Path, texts: Mapping[str, str] | None = None) -> GuideSections:
    """Every explicit heading id in ``docs_dir/guides/*.md``, and every old id
    kept as an alias of the heading below it (so a renamed heading does not
    break the worksheets that support it).

    ``texts`` (source path such as ``"guides/x.md"`` -> Markdown) gives the
    guides already read, so the build reads each file once; pages in
    folders under ``guides/`` are not sections a worksheet can support.
    """
    if texts is None:
        texts = {f"guides/{path.name}": path.read_text(encoding="utf-8")
                 for path in (docs_dir / "guides").glob("*.md")}
    pages: dict[str, str] = {}
    sections: dict[str, str] = {}
    for page in sorted(p for p in texts if p.startswith("guides/") and p.endswith(".md") and p.count("/") == 1):
        text = texts[page]
        title = get_data(text)[1].get("title")
        in_fence = False
        waiting: list[str] = []  # alias ids above the next heading
        for line in text.splitlines():
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
            alias = None if in_fence else _ALIAS.match(line)
            if alias:
                waiting.append(alias["id"])
            match = None if in_fence else _HEADING.match(line)
            if match:
                for anchor in [*waiting, match["id"]]:
                    sections[f"{page}#{anchor}"] = match["title"]
                waiting = []
                if title is None and match["hashes"] == "#":
                    title = match["title"]
        pages[page] = title or page[len("guides/"):-len(".md")].replace("-", " ").capitalize()
    return GuideSections(pages, sections)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    """Refuses a key given twice in one mapping."""
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} appears twice (first on line {seen[key] + 1})",
                key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, refusing duplicate keys: its error
    messages are the ones authors are shown."""


class _FastUniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same on libyaml's parser when PyYAML has it (about ten times faster)."""


for _loader in (_UniqueKeyLoader, _FastUniqueKeyLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_yaml(text: str, source: str) -> object:
    """The YAML document in ``text``; a syntax error becomes one readable line.

    A valid file is read with libyaml. A broken one is read again with the
    pure-Python parser, whose messages ("mapping values are not allowed
    here", line and column) are the ones the README and tests promise.
    """
    try:
        return yaml.load(text, Loader=_FastUniqueKeyLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError:
        pass
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(somewhere)"
        what = error.problem or error.context or "not valid YAML"
        raise WorksheetError([f"{source}: {where}: {what}: check the indentation, colons and quotes there"]) from None
    except yaml.YAMLError as error:
        raise WorksheetError([f"{source}: not valid YAML ({error})"]) from None


def validate(data: object, source: str, *, expected_id: str | None = None,
             guides: GuideSections | None = None) -> Worksheet:
    """One definition, checked completely; raises :class:`WorksheetError`."""
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise WorksheetError([f"{source}: (top level): is {kind}: a worksheet is a mapping "
                              "(id: ..., title: ..., sections: ...)"])
    try:
        worksheet = check(Worksheet, data)
    except Invalid as error:
        raise WorksheetError(error.lines(source)) from None
    problems = [f"{source}: {line}" for line in worksheet.problems()]
    if expected_id is not None and worksheet.id != expected_id:
        problems.append(f"{source}: id: is {worksheet.id!r} but the file is named {expected_id!r}: "
                        f"make them the same (rename the file to {worksheet.id}.yml, or change the id)")
    if guides is not None:
        targets = [(f"supports[{i}]", t) for i, t in enumerate(worksheet.supports)]
        if worksheet.scoring:
            targets += [(f"scoring.areas.{a}.guide", r.guide) for a, r in worksheet.scoring.areas.items()]
        for where, target in targets:
            page, anchor = target.split("#", 1)
            if page not in guides.pages:
                known = ", ".join(sorted(guides.pages)) or "none"
                problems.append(f"{source}: {where}: {page!r} is not a guide page: use one of {known}")
            elif target not in guides.sections:
                known = ", ".join(s.split("#", 1)[1] for s in guides.sections if s.startswith(page + "#"))
                problems.append(f"{source}: {where}: {page} has no heading with the id {anchor!r}: "
                                f"use one of {known or 'its {#ids}'}")
    if problems:
        raise WorksheetError(problems)
    return worksheet


def definition_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in _SUFFIXES and p.is_file()) if folder.is_dir() else []


def load_all(folder: Path, docs_dir: Path | None = None, *,
             guides: GuideSections | None = None) -> list[Worksheet]:
    """Every worksheet in ``folder`` (``worksheets/``), in file-name order.

    ``docs_dir`` (default: ``docs`` beside ``folder``) is where the guides
    that ``supports`` points at live; pass ``guides`` when they are already
    read. Raises :class:`WorksheetError` listing every problem in every file.
    """
    if guides is None:
        guides = guide_sections(docs_dir if docs_dir is not None else folder.parent / "docs")
    worksheets: list[Worksheet] = []
    problems: list[str] = []
    first: dict[str, str] = {}
    for path in definition_files(folder):
        source = f"{folder.name}/{path.name}"
        try:
            data = parse_yaml(path.read_text(encoding="utf-8"), source)
            worksheet = validate(data, source, expected_id=path.stem, guides=guides)
        except WorksheetError as error:
            problems += error.problems
            continue
        if worksheet.id in first:
            problems.append(f"{source}: id: {worksheet.id!r} is already the id of {first[worksheet.id]}: "
                            "every worksheet needs its own id")
            continue
        first[worksheet.id] = source
        worksheets.append(worksheet)
    if problems:
        raise WorksheetError(problems)
    return worksheets
