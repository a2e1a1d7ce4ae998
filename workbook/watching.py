"""How soon ``mkdocs serve`` notices an edit.

MkDocs watches files with watchdog's polling observer, which looks at each
watched folder every 0.5 s, and offers no setting for it. An edit therefore
waits 0.25 s on average (up to 0.5 s) before the rebuild even starts, out of
the 1.5 s issue 13 allows from saving a file to the page showing it.
:func:`poll_every` shortens that wait. One look at every folder the site's
serve watches (docs, worksheets, overrides, workbook) costs about 1.3 ms of
CPU, so looking ten times a second costs about 1% of one core.

Watchdog has no public way to change the interval of an observer that
exists; this sets the one attribute its emitters read
(``tests/test_serve.py`` checks that it took effect on the pinned version).
When a later watchdog keeps the interval elsewhere, nothing breaks: serve
keeps MkDocs' 0.5 s and this says so once in the log.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # watchdog is imported by mkdocs serve, not by a build
    from watchdog.observers.api import BaseObserver

__all__ = ["EVERY", "poll_every"]

log = logging.getLogger("mkdocs.plugins.workbook")

#: Seconds between two looks at the watched folders.
EVERY = 0.1


def poll_every(observer: BaseObserver, seconds: float = EVERY) -> bool:
    """Makes ``observer`` and every emitter it has (and will make) look every ``seconds``.

    Returns whether it took effect.
    """
    for thing in (observer, *observer.emitters):
        if hasattr(thing, "_timeout"):
            thing._timeout = seconds  # noqa: SLF001 (no public setter: see the module's text)
    took = observer.timeout == seconds and all(e.timeout == seconds for e in observer.emitters)
    if not took:
        log.info("mkdocs serve looks for edits at MkDocs' own pace: this watchdog keeps its interval elsewhere")
    return took
