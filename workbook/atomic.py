"""Writing a file whole or not at all.

Caches are read by other builds, by ``mkdocs serve`` rebuilds and by a
background render thread of the same process while they are written. So a
file is written under a temporary name unique to this one write (never
just the process id: two threads of one process may write the same key),
in the target's own folder, then renamed over the target with
:func:`os.replace`, which is atomic on one file system. A reader sees the
old file or the new one, never half of either. If the write fails, the
temporary file is removed and the old file is left as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write(target: Path, data: bytes | str) -> None:
    """Write ``data`` (text is written as UTF-8) to ``target`` atomically,
    making its folder if needed. Raises :class:`OSError` as writing would."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(payload)
        os.replace(name, target)
    except BaseException:
        try:
            os.unlink(name)
        except OSError:
            pass
        raise
