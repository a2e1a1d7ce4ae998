"""Markdown source: read line by line the way its renderer will see it, and
short snippets of it (steps, intros) rendered to HTML."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import markdown

_FENCES = ("```", "~~~")


def prose_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` for every line outside fenced code blocks.

    Lines inside a fence are code shown to readers, never headings or steps.
    """
    in_fence = False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if line.lstrip().startswith(_FENCES):
            in_fence = not in_fence
        if not in_fence:
            yield number, line


@functools.cache
def _converter(extensions: tuple[str, ...], output_format: str) -> markdown.Markdown:
    # Building a Markdown instance (loading its extensions) costs far more
    # than converting a snippet, so each configuration is built once.
    return markdown.Markdown(extensions=list(extensions), output_format=output_format)


def to_html(text: str, extensions: tuple[str, ...] = (), *, output_format: str = "xhtml") -> str:
    """``markdown.markdown(text, ...)``, on a converter reused between calls."""
    return _converter(extensions, output_format).reset().convert(text)
