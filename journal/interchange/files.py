"""Writing export files: private (0600), complete or not at all."""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterable
from datetime import date
from itertools import groupby
from pathlib import Path

from journal.errors import JournalError, UsageError
from journal.privatefile import write_whole
from journal.records import Entry


def write_private(path: Path, data: str | bytes) -> None:
    """Write through a temporary file and rename, so a failed export never leaves half a file. The folder
    must exist: a mistyped path never makes folders."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    check_folder(path.parent, path)
    try:
        write_whole(path, raw)
    except OSError as exc:
        reason = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror
        raise JournalError(f"cannot write {path}: {reason}; nothing was written, choose another -o path") from None


def check_folder(folder: Path, target: Path) -> None:
    if not folder.is_dir():
        raise UsageError(f"cannot write {target}: the folder {folder} does not exist; create it first")


def write_per_day(
    entries: Iterable[Entry], folder: Path, name: Callable[[date], str], render: Callable[[Iterable[Entry]], str]
) -> int:
    """One file per day at `folder/YYYY/MM/name(day)`, each holding that day's entries. Returns the count."""
    check_folder(folder.parent, folder)
    files = 0
    for day, group in groupby(entries, key=lambda e: e.day):
        month = folder / f"{day:%Y}" / f"{day:%m}"
        try:
            month.mkdir(mode=0o700, parents=True, exist_ok=True)  # inside the folder named with -o
        except OSError as exc:
            raise JournalError(f"cannot create {month}: {exc.strerror}; choose another -o folder") from None
        write_private(month / name(day), render(group))
        files += 1
    return files
