"""The Markdown page generated for one worksheet (``worksheets/<id>.md``).

Front matter (title, description, tags: so the tags plugin lists the
worksheet), the title, time and who, the intro, links back to the guide
sections the worksheet supports (Markdown links, so a strict build checks
them), the collapsed "For therapists" box when the definition has a
``therapist`` block, then the form from :mod:`workbook.worksheet.form` as raw HTML.
"""

from __future__ import annotations

import yaml
from mkdocs.utils import get_relative_url

from workbook.worksheet.form import render_form
from workbook.worksheet.load import GuideSections
from workbook.worksheet.schema import WHO_LABELS, Worksheet
from workbook.worksheet.therapist import box_html


def src_uri(worksheet: Worksheet) -> str:
    """Where the page lives among the docs: ``worksheets/<id>.md``."""
    return f"worksheets/{worksheet.id}.md"


def page_url(src: str, *, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown file, ``guides/x.md#a`` -> ``guides/x/#a``."""
    path, _, anchor = src.partition("#")
    stem = path.removesuffix(".md")
    if use_directory_urls:
        url = "" if stem == "index" else (stem.removesuffix("index") if stem.endswith("/index") else stem + "/")
    else:
        url = stem + ".html"
    return url + (f"#{anchor}" if anchor else "")


def relative_link(target_src: str, from_src: str, *, use_directory_urls: bool = True) -> str:
    """A link from the page of ``from_src`` to ``target_src`` (both source paths)."""
    return get_relative_url(page_url(target_src, use_directory_urls=use_directory_urls),
                            page_url(from_src, use_directory_urls=use_directory_urls))


def minutes(worksheet: Worksheet) -> str:
    return f"About {worksheet.time} minute{'s' if worksheet.time != 1 else ''}"


def page_markdown(worksheet: Worksheet, guides: GuideSections | None = None, *,
                  use_directory_urls: bool = True) -> str:
    """The page's whole Markdown source."""
    here = src_uri(worksheet)
    meta = {"title": worksheet.title, "description": worksheet.summary,
            "tags": list(worksheet.tags), "worksheet": worksheet.id}
    if worksheet.therapist:  # for the For therapists directory (hooks/therapists.py)
        meta["therapist"] = worksheet.therapist.model_dump()
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    goes_with = ", ".join(
        f"[{(guides.title(t) if guides else t)}](../{t})" for t in worksheet.supports)
    parts = [
        f"---\n{front}---\n",
        f"# {worksheet.title}\n",
        f'<p class="tw-worksheet-meta">{minutes(worksheet)} · {WHO_LABELS[worksheet.who]}</p>\n',
        f"{worksheet.summary}\n",
    ]
    if worksheet.intro:
        parts.append(f"{worksheet.intro}\n")
    parts += [
        f'<p class="tw-supports" markdown>Goes with: {goes_with}</p>\n',
        *([box_html(worksheet.therapist)] if worksheet.therapist else []),
        '<p class="tw-privacy-note" markdown>Your answers save as you type, in this browser, on this '
        "device. Anyone who uses this browser can open them: [lock them](../my-answers.md#lock) "
        "or [erase them](../my-answers.md#erase) if you share it. "
        "[How answers are kept](../privacy.md#saved-answers)</p>\n",
        render_form(worksheet, url=lambda target: relative_link(
            target, here, use_directory_urls=use_directory_urls)) + "\n",
    ]
    return "\n".join(parts)
