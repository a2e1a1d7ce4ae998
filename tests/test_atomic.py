"""Writing a cache file whole or not at all (workbook/atomic.py)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from workbook import atomic


def test_a_write_replaces_the_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "new" / "entry.pdf"
    atomic.write(target, b"first")
    atomic.write(target, "second, café")
    assert target.read_bytes() == "second, café".encode()
    assert [p.name for p in target.parent.iterdir()] == ["entry.pdf"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_partial_file(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "entry.pdf"
    atomic.write(target, b"old")
    real_fdopen = os.fdopen

    class HalfWritten:
        """A disk that fills up after the first few bytes."""

        def __init__(self, handle: int, mode: str) -> None:
            self.file = real_fdopen(handle, mode)

        def __enter__(self) -> HalfWritten:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def write(self, data: bytes) -> None:
            self.file.write(data[:3])
            self.file.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fdopen", HalfWritten)
    with pytest.raises(OSError, match="No space left"):
        atomic.write(target, b"new and longer")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["entry.pdf"]


def test_a_failed_rename_keeps_the_old_file_and_leaves_no_partial_file(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "entry.pdf"
    atomic.write(target, b"old")

    def refuse(*_args: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(PermissionError):
        atomic.write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["entry.pdf"]


def test_two_threads_of_one_process_writing_one_key_never_collide(tmp_path: Path) -> None:
    # A background render thread and a rebuild may store the same key at once.
    target = tmp_path / "entry.pdf"
    payloads = [bytes([65 + n]) * 200_000 for n in range(2)]
    errors: list[BaseException] = []

    def writer(data: bytes) -> None:
        try:
            for _ in range(30):
                atomic.write(target, data)
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(data,)) for data in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert target.read_bytes() in payloads
    assert [p.name for p in tmp_path.iterdir()] == ["entry.pdf"]
