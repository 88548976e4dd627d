"""Writing export files: private (0600), complete or not at all."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from itertools import groupby
from pathlib import Path

from journal.errors import JournalError
from journal.privatefile import write_whole
from journal.records import Entry


def write_private(path: Path, data: str | bytes) -> None:
    """Write through a temporary file and rename, so a failed export never leaves half a file."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_whole(path, raw)
    except OSError as exc:
        raise JournalError(f"cannot write {path}: {exc.strerror}; choose another -o path") from None


def write_per_day(
    entries: Iterable[Entry], folder: Path, name: Callable[[date], str], render: Callable[[Iterable[Entry]], str]
) -> int:
    """One file per day at `folder/YYYY/MM/name(day)`, each holding that day's entries. Returns the count."""
    files = 0
    for day, group in groupby(entries, key=lambda e: e.day):
        write_private(folder / f"{day:%Y}" / f"{day:%m}" / name(day), render(group))
        files += 1
    return files
