"""A worksheet, or the whole workbook, as one HTML document for WeasyPrint.

The template (``templates/worksheet.html``, Jinja) and stylesheet
(``templates/pdf.css``) sit beside this module. The document is built from
the same validated definition as the web page: title, summary, time and
who, the intro, then every section's prompts in order, each with its
fillable control (names from :mod:`workbook.pdf.fields`).
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from workbook.markdown_source import to_html
from workbook.pdf.fields import ROWS, pdf_fields
from workbook.pdf.font import FAMILY
from workbook.urls import page_url
from workbook.worksheet.page import minutes, src_uri
from workbook.worksheet.schema import WHO_LABELS, Scale, Worksheet

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "worksheet.html"
STYLESHEET = "pdf.css"

#: Paper sizes: the key is used in file names, the value in CSS ``@page { size }``.
PAPERS = {"letter": "letter", "a4": "A4"}
PAPER_NAMES = {"letter": "Letter", "a4": "A4"}

#: How ``who`` reads at the top of a printed worksheet.
WHO_ON_PAPER = {
    "one-partner": "For one partner",
    "each-partner": "Each partner fills in their own copy",
    "together": "Fill it in together",
}


@dataclass(frozen=True)
class Site:
    """What a PDF says about the site: its name and where its pages live."""

    name: str
    url: str                       # site_url, ending in "/"
    use_directory_urls: bool = True

    def page(self, src: str) -> str:
        """The full address of the page built from ``src`` (``safety.md`` -> ``https://.../safety/``)."""
        return self.url.rstrip("/") + "/" + page_url(src, use_directory_urls=self.use_directory_urls)


class TemplateProblem(ValueError):
    """The template or stylesheet is broken; the message names the file and line."""


_HREF = re.compile(r'href="([^"#:]*\.md)(#[^"]*)?"')


def _markdown(text: str | None, site: Site, here: str) -> Markup | None:
    """Author Markdown (as on the web page), with links to pages made full addresses.

    On paper a link must stand on its own: ``../safety.md`` from the
    worksheet's page becomes ``https://<site>/safety/``.
    """
    if not text:
        return None
    html = to_html(text, output_format="html")

    def absolute(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), match[1]))
        return f'href="{site.page(target)}{match[2] or ""}"'

    return Markup(_HREF.sub(absolute, html))  # noqa: S704 (the definition's own Markdown, as on the web page)


@functools.cache
def _environment(folder: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder),
                             autoescape=jinja2.select_autoescape(("html",)),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["css_string"] = css_string
    return env


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: quotes, backslashes and line ends escaped."""
    return '"' + "".join(c if c.isprintable() and c not in '"\\<' else f"\\{ord(c):x} " for c in str(text)) + '"'


def _sheet(worksheet: Worksheet, site: Site) -> dict:
    here = src_uri(worksheet)
    scoring = []
    if worksheet.scoring:
        numbers: dict[str, list[int]] = {}
        mine: dict[str, list[int]] = {}
        for n, field in enumerate(worksheet.fields(), 1):
            if isinstance(field, Scale) and field.area:
                (mine if field.about == "me" else numbers).setdefault(field.area, []).append(n)
        scoring = [{"label": r.label, "questions": numbers.get(a, []), "mine": mine.get(a, []),
                    "guide": r.guide_title, "url": site.page(r.guide)}
                   for a, r in worksheet.scoring.areas.items() if a in numbers]
    return {
        "id": worksheet.id, "title": worksheet.title, "summary": worksheet.summary,
        "minutes": minutes(worksheet), "who": WHO_LABELS[worksheet.who],
        "who_on_paper": WHO_ON_PAPER[worksheet.who], "intro": _markdown(worksheet.intro, site, here),
        "url": site.page(src_uri(worksheet)),
        "sections": [{"id": s.id, "title": s.title, "intro": _markdown(s.intro, site, here), "fields": s.fields}
                     for s in worksheet.sections],
        "scoring": scoring, "scale": worksheet.scale_range,
        "safety": [n for n, f in enumerate(worksheet.fields(), 1) if isinstance(f, Scale) and f.safety],
    }


def document(worksheets: list[Worksheet], site: Site, paper: str, font: Path, *,
             title: str | None = None, first_pages: list[int] | None = None, folder: Path = TEMPLATES) -> str:
    """The HTML of one worksheet (a list of one) or, with ``title``, the whole
    workbook's contents page(s) alone.

    The whole workbook is assembled from the worksheets' own PDFs after its
    contents (:mod:`workbook.pdf.assemble`), so its contents are rendered on
    their own: ``first_pages`` gives the page each worksheet starts on in the
    assembled file, and each entry links the worksheet's web page, which the
    assembly turns into a link to that page.
    """
    whole = title is not None
    try:
        env = _environment(folder)
        css = env.get_template(STYLESHEET).render(paper=PAPERS[paper], font_url=font.resolve().as_uri(), family=FAMILY, site=site,
                                                 whole=whole)
        template = env.get_template(TEMPLATE)
        sheets = [_sheet(w, site) for w in worksheets]
        if whole:
            for sheet, page in zip(sheets, first_pages or [], strict=True):
                sheet["page"] = page
        return template.render(
            lang="en", site=site, paper=PAPERS[paper], paper_name=PAPER_NAMES[paper], css=Markup(css),  # noqa: S704
            title=title if whole else worksheets[0].title,
            summary=None if whole else worksheets[0].summary,
            whole=whole, rows=ROWS,
            index_url=site.page("worksheets/index.md"), safety_url=site.page("safety.md"),
            sheets=sheets)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateProblem(f"{_where(error.filename, folder)}, line {error.lineno}: {error.message}: "
                              "fix the template syntax there") from None
    except (jinja2.TemplateError, AttributeError, KeyError, TypeError, ValueError) as error:
        raise TemplateProblem(f"{_where(None, folder)}: {type(error).__name__}: {error}: "
                              "the template uses something the worksheet does not have") from None


def _where(filename: str | None, folder: Path) -> str:
    path = Path(filename) if filename else folder / TEMPLATE
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def field_map(worksheets: list[Worksheet]) -> dict:
    """Full field name -> :class:`~workbook.pdf.fields.PdfField` for a worksheet's document
    (the whole workbook's contents have no fields: its worksheets' come with their PDFs)."""
    return {f.name: f for w in worksheets for f in pdf_fields(w)}
