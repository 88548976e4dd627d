"""jrnl's plain-text journal, read as jrnl 4.6 reads it: `[2021-03-19 14:00] Title *` starts an entry (a
title ending in `*` is starred), the body follows.

One file, or jrnl's folder journal: only `YYYY/MM/DD.txt` files (the day comes from the path, as in jrnl);
anything else in the folder is skipped and counted. The time format is told from the file
(`jrnl_dates`), jrnl 1.x journals (`2010-06-10 15:00 Title`, no brackets) included. jrnl has no time
zones: export writes each note's time as a clock where it was written showed it; import reads times as
clocks in this computer's zone.

Export writes jrnl's default time format. A body line jrnl would read as a new entry (`[2019-07 14:23] …`,
`[see you tomorrow] …`) is written with a leading backslash, and a title jrnl would read as starred or
strip (`**Good morning**`) gets a backslash after its last star (before its first, when starred); import
takes those backslashes off again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from journal.interchange import ImportedNote, ImportFormatError, NoteStream, ReadOptions
from journal.interchange.files import write_per_day
from journal.interchange.jrnl_dates import TimeFormat, fitting, fuzzy_date, parse_with, settle, shape
from journal.interchange.source import text_lines, total_size, wall_clock_note
from journal.records import Entry

EXPORT_TIME_FORMAT = "%Y-%m-%d %H:%M"
_HEADER = re.compile(r"\[([^\]]+)\] ")  # jrnl: `(?:^|\n)\[([^\]]+)\] ` (a space after the bracket)
_ESCAPED = re.compile(r"(\\+)(\[.*)$", re.DOTALL)
_TRAILING_STAR = re.compile(r"\*\\*$")
_ESCAPED_TRAILING_STAR = re.compile(r"\*\\+$")
_LEADING_STAR = re.compile(r"\\*\*")
_ESCAPED_LEADING_STAR = re.compile(r"\\+\*")
HINT = "jrnl entries start with a line like '[2021-03-19 14:00] Title'"


@dataclass
class _Entry:
    where: str
    wall: datetime
    starred: bool
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Layout:
    format: TimeFormat | None
    legacy: bool = False  # jrnl 1.x: `2010-06-10 15:00 Title`, no brackets


def read_jrnl(stream: NoteStream, options: ReadOptions) -> Iterator[ImportedNote]:
    path = stream.path
    files = day_files(path, stream) if path.is_dir() else [(path, None)]
    stream.size = total_size([file for file, _day in files])
    now = (options.now or datetime.now()).replace(tzinfo=None)
    layout = _Layout(TimeFormat(options.time_format)) if options.time_format else _detect(files)
    if layout.format is not None and not layout.format.settled:
        stream.warn(_unsettled(path, layout.format.format))
    found = 0
    for file, day in files:
        for entry in _entries(stream, file, layout, now):
            if day is not None:
                entry.wall = entry.wall.replace(year=day.year, month=day.month, day=day.day)
            note = wall_clock_note(entry.where, entry.wall, options.zone, "\n".join(entry.lines), starred=entry.starred)
            if note is None:
                stream.skipped["entries with no text"] += 1
                continue
            found += 1
            yield note
    if not found and not stream.skipped:
        raise ImportFormatError(f"{path}: no jrnl entries found; {HINT}")


def day_files(folder: Path, stream: NoteStream) -> list[tuple[Path, date | None]]:
    """jrnl's folder journal: `YYYY/MM/DD.txt` for real days, nothing else (counted as skipped)."""
    files: list[tuple[Path, date | None]] = []
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        parts = file.relative_to(folder).parts
        day = None
        if len(parts) == 3 and re.fullmatch(r"\d{4}/[01]\d/[0-3]\d\.txt", "/".join(parts)):
            try:
                day = date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
            except ValueError:
                day = None
        if day is None:
            if not any(part.startswith(".") for part in parts):
                stream.skipped["files that are not jrnl day files (YYYY/MM/DD.txt)"] += 1
            continue
        files.append((file, day))
    if not files:
        raise ImportFormatError(f"{folder}: no jrnl day files in this folder; a folder journal holds YYYY/MM/DD.txt")
    return files


def _detect(files: list[tuple[Path, date | None]]) -> _Layout:
    """The journal's time format, from its first header; day/month order from the headers after it."""
    lines = (line for file, _day in files for _number, line in text_lines(NoteStream(file), file))
    for line in lines:
        match = _HEADER.match(line)
        if match:
            fits = fitting(match.group(1))
            if fits:
                rest = (m.group(1) for m in map(_HEADER.match, lines) if m)
                return _Layout(settle(fits, rest))
            continue
        if line.strip():
            legacy = _legacy_fits(line)
            if legacy:
                rest = (_legacy_blob(other, legacy[0]) for other in lines)
                return _Layout(settle(legacy, rest), legacy=True)
            break
    return _Layout(None)


def _legacy_fits(line: str) -> list[str]:
    blob = line.split(" ", 2)
    candidates = [" ".join(blob[:2]), blob[0]] if len(blob) >= 2 else [blob[0]]
    return [fmt for text in candidates for fmt in fitting(text) if _legacy_blob(line, fmt) == text]


def _legacy_blob(line: str, fmt: str) -> str:
    """What jrnl 1.x read as the date: as many characters as the format writes."""
    return line[: len(datetime(2021, 3, 19, 14, 5, 9).strftime(fmt))]


def _entries(stream: NoteStream, path: Path, layout: _Layout, now: datetime) -> Iterator[_Entry]:
    current: _Entry | None = None
    fmt = layout.format
    wanted = shape(datetime(2021, 3, 19, 14, 5, 9).strftime(fmt.format)) if fmt else None
    for number, line in text_lines(stream, path):
        where = f"{path}: line {number}"
        header = _legacy_header(line, fmt) if layout.legacy else _header(line, fmt, wanted, now, where)
        if header is not None:
            if current is not None:
                yield current
            wall, title = header
            title, starred = _title(title)
            current = _Entry(where, wall, starred, [title])
        elif current is not None:
            current.lines.append(_unescape(line))
        elif line.strip():
            what = "jrnl 1.x lines like '2010-06-10 15:00 Title'" if layout.legacy else HINT
            raise ImportFormatError(
                f"{path}: line {number}: text before the first entry; {what} (if your jrnl writes dates "
                "another way, give its timeformat with --time-format)"
            )
    if current is not None:
        yield current


def _header(line: str, fmt: TimeFormat | None, wanted: str | None, now: datetime, where: str):
    """(the entry's time, the rest of the line) when jrnl starts an entry at this line."""
    if not line.startswith("["):
        return None
    match = _HEADER.match(line)
    if match is None:
        return None
    blob = match.group(1)
    wall = fmt.parse(blob) if fmt else None
    if wall is None:
        if wanted is not None and shape(blob) == wanted:
            raise ImportFormatError(
                f"{where}: cannot read the date [{blob}]; this journal's dates look like "
                f"[{datetime(2021, 3, 19, 14, 0).strftime(fmt.format)}]"
            )  # type: ignore[union-attr]
        wall = fuzzy_date(blob, now)
    if wall is None:
        return None
    return wall, line[match.end() :]


def _legacy_header(line: str, fmt: TimeFormat | None):
    if fmt is None:
        return None
    blob = _legacy_blob(line, fmt.format)
    wall = parse_with(fmt.format, blob)
    if wall is None:
        return None
    line = line.rstrip()
    if line.endswith("*"):
        line = line[:-1]
        rest = line[len(blob) + 1 :]
        return wall, (rest.rstrip() + " *") if rest.strip() else "*"
    return wall, line[len(blob) + 1 :]


def _title(raw: str) -> tuple[str, bool]:
    """The title as jrnl reads it: ending in `*`, the entry is starred and its title loses the stars and
    spaces at both ends (jrnl's `strip(" *")`); our export's escapes taken off."""
    starred = raw.strip().endswith("*")
    title = raw.strip("\n *") if starred else raw.rstrip()
    if starred and _ESCAPED_LEADING_STAR.match(title):
        title = title[1:]
    if _ESCAPED_TRAILING_STAR.search(title):
        title = title[:-1]
    return title, starred


def _unescape(line: str) -> str:
    match = _ESCAPED.match(line)
    return line[1:] if match and _starts_an_entry(match.group(2)) else line


def _escape(line: str) -> str:
    match = _ESCAPED.match(line)
    return "\\" + line if _starts_an_entry(match.group(2) if match else line) else line


def _starts_an_entry(line: str) -> bool:
    """Whether jrnl could read this body line as a new entry (or the start of a bracket spanning lines),
    in any time format: a bracket at the start holding a digit or a date jrnl's fuzzy parser reads."""
    if not line.startswith("["):
        return False
    end = line.find("]")
    if end == -1:
        return True
    blob = line[1:end]
    if not blob or line[end + 1 : end + 2] != " ":
        return False
    return any(ch.isdigit() for ch in blob) or fuzzy_date(blob, datetime.now()) is not None


def _unsettled(path: Path, fmt: str) -> str:
    from journal.interchange.jrnl_dates import other_order

    example = datetime(2021, 3, 4, 14, 0)
    return (
        f"{path}: no date in the file tells day from month; [{example.strftime(fmt)}] was read as 4 March "
        f"({fmt!r}); if it means 3 April, import again with --time-format '{other_order(fmt)}'"
    )


def jrnl_moment(entry: Entry) -> datetime:
    """The entry's moment as a clock where it was written showed it (naive: jrnl has no zones); its
    date is the entry's day."""
    return entry.moment.replace(tzinfo=None)


def jrnl_title(title: str, starred: bool) -> str:
    if _TRAILING_STAR.search(title):
        title += "\\"
    if starred and _LEADING_STAR.match(title):
        title = "\\" + title
    return title + (" *" if starred else "")


def jrnl_text(entries: Iterable[Entry]) -> str:
    blocks = []
    for entry in entries:
        title, _, rest = entry.body.partition("\n")
        head = f"[{jrnl_moment(entry).strftime(EXPORT_TIME_FORMAT)}] {jrnl_title(title, entry.starred)}"
        body = "\n".join(_escape(line) for line in rest.split("\n")) if rest else ""
        blocks.append(head + (f"\n{body}" if body else "") + "\n")
    return "\n".join(blocks)


def write_jrnl_folder(entries: Iterable[Entry], folder: Path) -> int:
    """jrnl's folder journal: one YYYY/MM/DD.txt per day. Returns the number of files written."""
    return write_per_day(entries, folder, lambda day: f"{day:%d}.txt", jrnl_text)
