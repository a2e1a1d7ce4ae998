"""The checklist index: every action step of the guides, in one place.

The guides write their steps as task-list items with ids (see
``workbook.steps``). ``collect`` reads them out of each guide's Markdown
source, in the guides' order, and files each step under the nearest heading
above it, so the index shows them grouped by guide and section. ``problems``
lists what must stop the build: a task-list item with no id, or one id used
twice anywhere in the guides (saved ticks and therapists' links key on it).
``index_markdown`` writes the index page's body.

Apart from ``guide_sources``, which reads MkDocs' pages and files, nothing
here knows about MkDocs: the plugin passes in each guide's source, source
path, title and URL.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown.extensions.toc import slugify

from workbook import steps as steps_lib
from workbook.markdown_source import prose_lines, to_html

#: The folder of the guides among the docs.
GUIDES = "guides/"
#: Where the generated index goes in docs/checklist/index.md.
MARKER = "<!-- workbook:checklist -->"

# An ATX heading, with an optional explicit id at its end.
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)(?:\s*\{[^}]*#(?P<id>[^\s}]+)[^}]*\})?\s*#*\s*$")


@dataclass(frozen=True)
class Source:
    """One guide as the plugin hands it over."""

    path: str  # source path for messages, e.g. "docs/guides/establishing-trust.md"
    url: str  # the page's URL relative to the site root, e.g. "guides/establishing-trust/"
    title: str
    markdown: str


@dataclass(frozen=True)
class IndexedStep:
    id: str
    text: str  # the step's Markdown, as written in the guide
    line: int


@dataclass
class Section:
    id: str
    title: str
    level: int
    steps: list[IndexedStep] = field(default_factory=list)


@dataclass
class Guide:
    path: str
    url: str
    title: str
    sections: list[Section] = field(default_factory=list)

    @property
    def steps(self) -> list[IndexedStep]:
        return [step for section in self.sections for step in section.steps]

    @property
    def slug(self) -> str:
        return self.url.strip("/").rsplit("/", 1)[-1] or "index"


def guide_sources(nav_pages: list, doc_files: list, docs_dir: str) -> list[Source]:
    """Every guide (a page under ``guides/``): those in the navigation in
    its order, then any other by path. Takes MkDocs' pages and files (a
    file whose text the build has read already gives that text again)."""
    ordered = [page.file for page in nav_pages if page.file.src_uri.startswith(GUIDES)]
    rest = sorted((f for f in doc_files if f.src_uri.startswith(GUIDES) and f not in ordered),
                  key=lambda f: f.src_uri)
    folder = posixpath.basename(docs_dir.rstrip("/"))
    sources = []
    for file in ordered + rest:
        title = file.page.title if file.page is not None and file.page.title else None
        markdown = file.content_string
        sources.append(Source(
            path=posixpath.join(folder, file.src_uri),
            url=file.url,
            title=title or _front_matter_title(markdown) or file.name,
            markdown=markdown,
        ))
    return sources


def _front_matter_title(markdown: str) -> str | None:
    match = re.search(r"^title:\s*(.+?)\s*$", markdown.split("\n---", 1)[0], re.M)
    return match[1].strip("\"'") if match and markdown.startswith("---") else None


def headings(markdown: str) -> list[tuple[int, int, str, str]]:
    """``(line, level, title, id)`` for each heading outside code fences.

    A heading without an explicit ``{#id}`` gets the id Python-Markdown's toc
    extension would give it.
    """
    found = []
    for number, line in prose_lines(markdown):
        match = _HEADING.match(line)
        if match:
            title = match["text"].strip()
            found.append((number, len(match["hashes"]), title, match["id"] or slugify(title, "-")))
    return found


# ``problems`` and ``collect`` both look at every guide's steps: each
# guide's Markdown is scanned once per process.
@functools.lru_cache(maxsize=256)
def _find_steps(markdown: str) -> tuple[list[steps_lib.Step], list[steps_lib.StepProblem]]:
    return steps_lib.find_steps(markdown)


def collect(sources: list[Source]) -> list[Guide]:
    """Each guide with its steps filed under the nearest heading above them."""
    guides = []
    for source in sources:
        guide = Guide(source.path, source.url, source.title)
        found, _ = _find_steps(source.markdown)
        marks = headings(source.markdown)
        for step in found:
            above = [h for h in marks if h[0] < step.line]
            if above:
                _, level, title, heading_id = above[-1]
            else:  # a step before any heading belongs to the page itself
                level, title, heading_id = 1, source.title, ""
            if not guide.sections or guide.sections[-1].id != heading_id:
                guide.sections.append(Section(heading_id, plain_text(title), level))
            guide.sections[-1].steps.append(IndexedStep(step.id, step.text, step.line))
        guides.append(guide)
    return guides


def problems(sources: list[Source]) -> list[str]:
    """Every reason the guides' steps cannot be indexed, as ``file:line: fix``."""
    out = []
    first_seen: dict[str, str] = {}
    for source in sources:
        found, missing = _find_steps(source.markdown)
        out += [f"{source.path}:{p.line}: {p.message}" for p in missing]
        for step in found:
            where = f"{source.path}:{step.line}"
            if step.id in first_seen:
                out.append(
                    f"{where}: the step id '{step.id}' is already used at {first_seen[step.id]}: "
                    "every step needs its own id, so give one of them a new one "
                    "(if the other was already published, keep that one unchanged)"
                )
            else:
                first_seen[step.id] = where
    return out


def total(guides: list[Guide]) -> int:
    return sum(len(guide.steps) for guide in guides)


def index_markdown(guides: list[Guide], link_to: callable) -> str:
    """The index page's body: Markdown headings (so they reach the page's
    table of contents) around HTML step lists.

    ``link_to(guide_url, anchor)`` returns the href from the index page to a
    guide page (the plugin makes it relative, so the site works in any folder).
    """
    count = total(guides)
    out = [
        '<div class="tw-checklist" data-checklist markdown>',
        "",
        _progress_html("overall", f"{count} steps in all", count, "All guides"),
        "",
    ]
    if not count:
        out += ['<p class="tw-checklist__empty">The guides have no action steps yet.</p>', ""]
    for guide in guides:
        if not guide.steps:
            continue
        guide_steps = len(guide.steps)
        out += [
            f'<section class="tw-checklist__guide" data-checklist-guide="{html.escape(guide.slug)}" markdown>',
            "",
            f"## {_md_text(guide.title)} {{#{guide.slug}}}",
            "",
            _progress_html(guide.slug, f"{guide_steps} steps", guide_steps, guide.title),
            "",
            f'<p class="tw-checklist__open"><a href="{html.escape(link_to(guide.url, ""))}">'
            f"Open the guide: {html.escape(guide.title)}</a></p>",
            "",
        ]
        for section in guide.sections:
            href = link_to(guide.url, section.id)
            own_id = f"{guide.slug}--{section.id or 'top'}"
            out.append(
                f'<h3 class="tw-checklist__section" id="{html.escape(own_id)}"><a href="{html.escape(href)}">'
                f"{html.escape(section.title)}</a></h3>"
            )
            out.append('<ul class="task-list tw-checklist__steps">')
            for step in section.steps:
                out.append(_step_html(step, link_to(guide.url, step.id)))
            out += ["</ul>", ""]
        out += ["</section>", ""]
    out += ["</div>", ""]
    return "\n".join(out)


def _progress_html(key: str, fallback: str, count: int, name: str) -> str:
    label = f"Steps done: {name}"
    return (
        f'<div class="tw-checklist__progress" data-progress="{html.escape(key)}">'
        f'<progress max="{count}" value="0" aria-label="{html.escape(label)}"></progress> '
        f'<span class="tw-checklist__count" aria-live="polite">{html.escape(fallback)}</span></div>'
    )


def _step_html(step: IndexedStep, href: str) -> str:
    # The same markup as a step on its guide page (workbook.steps), with a
    # link back to it after the label so the checkbox's name stays the text.
    return (
        f'<li class="task-list-item tw-step" id="{html.escape(step.id)}">'
        f'<label class="task-list-control"><input type="checkbox" data-step="{html.escape(step.id)}"/>'
        f'<span class="task-list-indicator"></span>{inline_html(step.text)}</label> '
        f'<a class="tw-checklist__goto" href="{html.escape(href)}">'
        f'In the guide<span class="tw-visually-hidden">: {html.escape(plain_text(step.text))}</span></a></li>'
    )


# Each step's text is rendered for the index page and again for the
# therapist tools' list of targets (workbook.targets): the same Markdown, so
# it is converted once per process. Both are pure functions of ``text``.
# Text Markdown cannot change: starts with a letter, single spaces between
# words and this punctuation only (no *, _, `, [, <, &, +, # or line break,
# and nothing that could start a list or heading). Most steps and headings
# are like this; converting each with Markdown took most of the checklist's
# build time, and for such text the result is the text itself.
_PLAIN = re.compile(r"[^\W\d_](?: ?(?:[^\W_]|[,.;:'\"?!()\u2018\u2019\u201c\u201d\u2013\u2014/%-]))*\Z")


@functools.lru_cache(maxsize=4096)
def inline_html(text: str) -> str:
    """A step's Markdown as inline HTML, its links reduced to their text
    (a link written for the guide page may not resolve from the index)."""
    if _PLAIN.match(text):
        return text
    rendered = to_html(text, ("abbr", "pymdownx.keys"))
    rendered = re.sub(r"^<p>|</p>$", "", rendered.strip())
    return re.sub(r"</?a\b[^>]*>", "", rendered)


@functools.lru_cache(maxsize=4096)
def plain_text(text: str) -> str:
    """A heading's or step's Markdown as plain text."""
    if _PLAIN.match(text):
        return " ".join(text.split())
    parser = _TextOnly()
    parser.feed(to_html(text))
    parser.close()
    return " ".join("".join(parser.parts).split())


def _md_text(text: str) -> str:
    # A guide title inside a Markdown heading: nothing in it may start markup.
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
