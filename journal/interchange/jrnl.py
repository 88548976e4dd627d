"""jrnl's plain-text journal: `[2021-03-19 14:00] Title *` starts an entry (` *` = starred), the body follows.

One file, or jrnl's folder journal (`YYYY/MM/DD.txt`, the same format inside). Export writes jrnl's
default time format, which every jrnl version reads back. jrnl has no time zones: export writes each
note's time as a clock where it was written showed it; import reads times as clocks in this computer's
zone (the day and the time are kept; where the note was written is not in the file).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from journal.interchange import ImportedNote, ImportFormatError
from journal.interchange.files import write_per_day
from journal.interchange.source import files_of, read_text, wall_clock_note
from journal.records import Entry

TIME_FORMATS = (
    "%Y-%m-%d %H:%M",  # jrnl's classic default
    "%Y-%m-%d %I:%M %p",  # 12-hour
    "%Y-%m-%d %I:%M:%S %p",  # jrnl 4's default, "%F %r"
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
)
EXPORT_TIME_FORMAT = "%Y-%m-%d %H:%M"
_ENTRY_START = re.compile(r"\[([^\]\n]+)\](?: (.*))?$")
_LOOKS_LIKE_A_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(\s|$)")


def read_jrnl(path: Path, zone: str) -> list[ImportedNote]:
    files = files_of(path, ".txt", "a jrnl folder journal (YYYY/MM/DD.txt)")
    notes = [n for file in files for n in parse_jrnl(read_text(file), file, zone)]
    if not notes:
        raise ImportFormatError(
            f"{path}: no jrnl entries found; an entry starts with a line like '[2021-03-19 14:00] Title'"
        )
    return notes


def parse_jrnl(text: str, path: Path, zone: str) -> list[ImportedNote]:
    entries: list[tuple[int, datetime, list[str]]] = []
    for number, line in enumerate(text.split("\n"), 1):
        match = _ENTRY_START.match(line)
        moment = _entry_time(match.group(1), path, number) if match else None
        if match and moment is not None:
            entries.append((number, moment, [match.group(2) or ""]))
        elif entries:
            entries[-1][2].append(line)
        elif line.strip():
            raise ImportFormatError(
                f"{path}: line {number}: text before the first entry; jrnl entries start with a line like "
                "'[2021-03-19 14:00] Title'"
            )
    notes = []
    for number, moment, lines in entries:
        title = lines[0].rstrip()
        starred = title == "*" or title.endswith(" *")
        if starred:
            title = title[:-1].rstrip()
        found = wall_clock_note(f"{path}:{number}", moment, zone, "\n".join([title, *lines[1:]]), starred=starred)
        if found is not None:
            notes.append(found)
    return notes


def _entry_time(blob: str, path: Path, number: int) -> datetime | None:
    """The time in `[...]` at the start of a line; None when the brackets are not a date at all."""
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(blob.strip(), fmt)
        except ValueError:
            continue
    if _LOOKS_LIKE_A_DATE.match(blob.strip()):
        raise ImportFormatError(
            f"{path}: line {number}: cannot read the date [{blob}]; jrnl dates look like [2021-03-19 14:00] "
            "or [2021-03-19 02:00 PM]"
        )
    return None


def jrnl_moment(entry: Entry) -> datetime:
    """The entry's moment as a clock where it was written showed it (naive: jrnl has no zones); its
    date is the entry's day."""
    return entry.moment.replace(tzinfo=None)


def jrnl_text(entries: Iterable[Entry]) -> str:
    blocks = []
    for entry in entries:
        title, _, rest = entry.body.partition("\n")
        head = f"[{jrnl_moment(entry).strftime(EXPORT_TIME_FORMAT)}] {title}" + (" *" if entry.starred else "")
        blocks.append(head + (f"\n{rest}" if rest else "") + "\n")
    return "\n".join(blocks)


def write_jrnl_folder(entries: Iterable[Entry], folder: Path) -> int:
    """jrnl's folder journal: one YYYY/MM/DD.txt per day. Returns the number of files written."""
    return write_per_day(entries, folder, lambda day: f"{day:%d}.txt", jrnl_text)
