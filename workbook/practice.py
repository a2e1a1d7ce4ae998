"""The practice that hosts a copy of the site, from ``extra.practice``.

Every setting is optional. With none set, no practice is shown anywhere and
the Getting support guide gives neutral advice on finding a therapist.
"""

from __future__ import annotations

import html

from workbook.model import Invalid, Model, Text, Url, as_data, check

#: Where the Getting support guide shows the practice (or the neutral advice).
MARKER = "<!-- workbook:practice -->"


class Practice(Model):
    name: str | None = Text(max_length=120).optional()
    website: str | None = Url().optional()
    #: Digits, spaces, and + ( ) - . /
    phone: str | None = Text(pattern=r"^\+?[0-9 ()./-]{5,30}$",
                             advice="use 5 to 30 characters, each a digit, a space or one of ( ) - . /, "
                                    "with + only at the start").optional()
    booking: str | None = Url().optional()

    @property
    def is_set(self) -> bool:
        return any(v is not None for v in as_data(self).values())


class PracticeError(ValueError):
    """``extra.practice`` in mkdocs.yml has a mistake; the message says which."""


def load(raw: object) -> Practice | None:
    """Validate ``extra.practice``; ``None`` when no practice is configured."""
    if raw in (None, {}):
        return None
    try:
        practice = check(Practice, raw)
    except Invalid as error:
        raise PracticeError("\n".join(error.lines("mkdocs.yml", ("extra", "practice")))) from None
    return practice if practice.is_set else None


def as_template_data(practice: Practice | None) -> dict[str, str] | None:
    """The practice as plain strings for the theme templates."""
    if practice is None:
        return None
    return {k: str(v) for k, v in as_data(practice).items() if v is not None}


def support_markdown(practice: Practice | None) -> str:
    """The block the Getting support guide shows at ``MARKER``."""
    if practice is None:
        return _NEUTRAL
    e = html.escape
    name = e(practice.name) if practice.name else "The practice that shared this site"
    lines = [
        '<div class="tw-practice-card" markdown>',
        "",
        f"### {name} {{#practice}}",
        "",
        "This copy of Trust Workbook is shared by a practice that offers couples therapy. "
        "If you would like to talk to someone there, you can reach them here:",
        "",
    ]
    if practice.phone:
        lines.append(f"- Phone: <a href=\"tel:{e(practice.phone.replace(' ', ''))}\">{e(practice.phone)}</a>")
    if practice.website:
        lines.append(f"- Website: <{e(str(practice.website))}>")
    if practice.booking:
        lines.append(f"- [Book a session]({e(str(practice.booking))})")
    lines += ["", "</div>", ""]
    return "\n".join(lines)


_NEUTRAL = """\
<div class="tw-neutral-support" markdown>

Titles differ from place to place: in the United States you may see LMFT
(licensed marriage and family therapist), LPC, LCSW or psychologist. A
licensing board's website lets you check that a license is real and current.

When you call or write, it is fine to ask:

- How much of your work is with couples?
- Which approach do you use, and why does it suit couples like us?
- What does a first session look like, and what does it cost?
- Do you see couples where one partner broke the other's trust?

</div>
"""
