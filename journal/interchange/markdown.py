"""Markdown: `## 2021-03-19 (Fri)` heads a day, `### 14:00 (Asia/Seoul) ★` a note (★ = starred), the
note's text follows. The time is a clock where the note was written, and the zone in brackets says
where; a heading without a zone (older exports) is a time in this computer's zone.

One file, or a folder of one file per day (`YYYY/MM/YYYY-MM-DD.md`); import reads either (and the
Markdown of `journal list --format md`). A line of a note that would read as one of these headings is
written with a leading backslash, and read back without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from itertools import groupby
from pathlib import Path

from journal.interchange import ImportedNote, ImportFormatError, NoteStream, ReadOptions
from journal.interchange.files import write_per_day
from journal.interchange.source import files_of, text_lines, total_size, wall_clock_note
from journal.records import Entry
from journal.zones import canonical, known

_DAY = re.compile(r"## (\d{4}-\d{2}-\d{2})(?: \([^)]*\))?\s*$")
_NOTE = re.compile(r"### (\d{1,2}):(\d{2})(?: \(([^()\s]+)(?: ([+-]\d{2}:\d{2}(?::\d{2})?))?\))?(?: · #\d+)?( ★)?\s*$")
_ESCAPED = re.compile(r"(\\+)(.*)$")


def _is_heading(line: str) -> bool:
    return bool(_DAY.match(line) or _NOTE.match(line))


def _escape(line: str) -> str:
    match = _ESCAPED.match(line)
    return "\\" + line if _is_heading(match.group(2) if match else line) else line


def _unescape(line: str) -> str:
    match = _ESCAPED.match(line)
    return line[1:] if match and _is_heading(match.group(2)) else line


def markdown_text(entries: Iterable[Entry]) -> str:
    parts: list[str] = []
    for day, group in groupby(entries, key=lambda e: e.day):
        parts.append(f"## {day.isoformat()} ({day:%a})")
        for entry in group:
            body = "\n".join(_escape(line) for line in entry.body.split("\n"))
            parts.append(f"### {note_heading(entry)}{' ★' if entry.starred else ''}\n\n{body}")
    return "\n\n".join(parts) + "\n"


def note_heading(entry: Entry) -> str:
    """`23:30 (America/New_York)`; in the hour a night repeats (clocks going back), with the offset that
    tells the two apart: `01:30 (America/New_York -05:00)`."""
    from journal.zones import offset_name, repeated

    offset = f" {offset_name(entry.moment.utcoffset())}" if repeated(entry.moment) else ""
    return f"{entry.moment:%H:%M} ({entry.zone}{offset})"


def write_markdown_folder(entries: Iterable[Entry], folder: Path) -> int:
    return write_per_day(entries, folder, lambda day: f"{day.isoformat()}.md", markdown_text)


def read_markdown(stream: NoteStream, options: ReadOptions) -> Iterator[ImportedNote]:
    path = stream.path
    files = files_of(path, ".md", "one Markdown file per day (YYYY/MM/YYYY-MM-DD.md)")
    stream.size = total_size(files)
    found = 0
    for file in files:
        for note in parse_markdown(text_lines(stream, file), file, options.zone):
            found += 1
            yield note
    if not found:
        raise ImportFormatError(f"{path}: no notes found; a note is '### HH:MM' under a '## YYYY-MM-DD' heading")


def parse_markdown(
    lines: Iterable[tuple[int, str]], path: Path, zone: str, day: date | None = None
) -> Iterator[ImportedNote]:
    """Our Markdown's notes; `day` is the day of notes before any `## YYYY-MM-DD` heading (a daily note
    named by its date)."""
    current: tuple[int, datetime, str, str | None, bool, list[str]] | None = None

    def flush() -> ImportedNote | None:
        if current is None:
            return None
        number, wall, written_in, offset, starred, body = current
        where = f"{path}: line {number}"
        return wall_clock_note(where, wall, written_in, "\n".join(body), starred=starred, offset=offset)

    for number, line in lines:
        if match := _DAY.match(line):
            if (found := flush()) is not None:
                yield found
            current = None
            try:
                day = date.fromisoformat(match.group(1))
            except ValueError:
                raise ImportFormatError(f"{path}: line {number}: cannot read the date {match.group(1)!r}") from None
        elif match := _NOTE.match(line):
            if (found := flush()) is not None:
                yield found
            if day is None:
                raise ImportFormatError(f"{path}: line {number}: a note heading before any '## YYYY-MM-DD' heading")
            try:
                clock = time(int(match.group(1)), int(match.group(2)))
            except ValueError:
                raise ImportFormatError(f"{path}: line {number}: cannot read the time in {line!r}") from None
            written_in = match.group(3) or zone
            if not known(written_in):
                raise ImportFormatError(f"{path}: line {number}: unknown time zone {written_in!r} in {line!r}")
            wall = datetime.combine(day, clock)
            current = (number, wall, canonical(written_in), match.group(4), bool(match.group(5)), [])
        elif current is not None:
            current[5].append(_unescape(line))
        elif line.strip() and not line.startswith("# "):
            raise ImportFormatError(
                f"{path}: line {number}: text outside a note; notes start with '### HH:MM' under '## YYYY-MM-DD'"
            )
    if (found := flush()) is not None:
        yield found
