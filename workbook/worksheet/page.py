"""The Markdown page generated for one worksheet (``worksheets/<id>.md``).

Front matter (title, description, tags: so the tags plugin lists the
worksheet), the title, time and who, the intro, links back to the guide
sections the worksheet supports (Markdown links, so a strict build checks
them), then the form from :mod:`workbook.worksheet.form` as raw HTML.
"""

from __future__ import annotations

import yaml

from workbook.urls import page_url, relative_link
from workbook.worksheet.form import render_form
from workbook.worksheet.load import GuideSections
from workbook.worksheet.schema import WHO_LABELS, Worksheet

__all__ = ["minutes", "page_markdown", "page_url", "relative_link", "src_uri"]


def src_uri(worksheet: Worksheet) -> str:
    """Where the page lives among the docs: ``worksheets/<id>.md``."""
    return f"worksheets/{worksheet.id}.md"


def minutes(worksheet: Worksheet) -> str:
    return f"About {worksheet.time} minute{'s' if worksheet.time != 1 else ''}"


def page_markdown(worksheet: Worksheet, guides: GuideSections | None = None, *,
                  use_directory_urls: bool = True) -> str:
    """The page's whole Markdown source."""
    here = src_uri(worksheet)
    front = yaml.safe_dump({"title": worksheet.title, "description": worksheet.summary,
                            "tags": list(worksheet.tags), "worksheet": worksheet.id},
                           sort_keys=False, allow_unicode=True)
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
        '<p class="tw-privacy-note" markdown>Your answers save as you type, in this browser only. '
        "Nobody else can see them. [How answers are kept](../privacy.md#saved-answers)</p>\n",
        render_form(worksheet, url=lambda target: relative_link(
            target, here, use_directory_urls=use_directory_urls)) + "\n",
    ]
    return "\n".join(parts)
