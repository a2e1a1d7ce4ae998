"""Reading Markdown source line by line, the way its renderer will see it."""

from __future__ import annotations

from collections.abc import Iterator

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
