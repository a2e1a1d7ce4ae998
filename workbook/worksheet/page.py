"""The Markdown page generated for one worksheet (``worksheets/<id>.md``).

Front matter (title, description, tags: so the tags plugin lists the
worksheet), the title, time and who, the intro, links back to the guide
sections the worksheet supports (Markdown links, so a strict build checks
them), the collapsed "For therapists" box when the definition has a
``therapist`` block, then the form from :mod:`workbook.worksheet.form` as raw HTML.
"""

from __future__ import annotations

import yaml

from workbook.set_aside import SetAside
from workbook.urls import page_url, relative_link
from workbook.worksheet.form import render_form
from workbook.worksheet.load import GuideSections
from workbook.model import as_data
from workbook.worksheet.schema import WHO_LABELS, Worksheet
from workbook.worksheet.therapist import box_html

__all__ = ["minutes", "page_markdown", "page_url", "relative_link", "set_form_aside", "src_uri"]

#: libyaml's safe dumper when PyYAML has it (the same YAML, written faster).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def src_uri(worksheet: Worksheet) -> str:
    """Where the page lives among the docs: ``worksheets/<id>.md``."""
    return f"worksheets/{worksheet.id}.md"


def minutes(worksheet: Worksheet) -> str:
    return f"About {worksheet.time} minute{'s' if worksheet.time != 1 else ''}"


def page_markdown(worksheet: Worksheet, guides: GuideSections | None = None, *,
                  use_directory_urls: bool = True) -> str:
    """The page's whole Markdown source."""
    here = src_uri(worksheet)
    meta = {"title": worksheet.title, "description": worksheet.summary,
            "tags": list(worksheet.tags), "worksheet": worksheet.id}
    if worksheet.therapist:  # for the For therapists directory (workbook.targets)
        meta["therapist"] = as_data(worksheet.therapist)
    front = yaml.dump(meta, Dumper=_DUMPER, sort_keys=False, allow_unicode=True)
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


def set_form_aside(markdown: str, aside: SetAside) -> tuple[str, str]:
    """The page's Markdown with its form kept by ``aside``, and the form.

    The form is one raw HTML block, which Markdown passes through unchanged
    after parsing every tag of it (most of a worksheet page's build time);
    ``aside.put_back`` gives the same page without that parse. Markdown with
    no form is returned as it is, with "".
    """
    start = markdown.find("\n<form ")
    end = markdown.find("</form>", start)
    if start < 0 or end < 0:
        return markdown, ""
    end += len("</form>")
    form = markdown[start + 1:end]
    return markdown[:start + 1] + aside.keep(form) + markdown[end:], form
