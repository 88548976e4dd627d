"""Reading import files faithfully: UTF-8 with the failing line named, times and zones, tag lines.

Text formats are read a line at a time (`text_lines`), so a file of any size fits in memory; formats that
must be parsed whole (JSON, a zip member) are read with a bound (`read_bytes`, MAX_FILE_BYTES).
"""

from __future__ import annotations

import contextlib
import json
import re
import stat
import uuid as uuidlib
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from journal.errors import UsageError
from journal.interchange import ImportedNote, ImportFormatError, NoteStream
from journal.text import TAG_CHARS, clean_body, extract_tags, tag_key

MAX_LINE_BYTES = 4 * 1024 * 1024
"""The longest line a text import reads (a note is at most 100,000 characters, ~400 kB of UTF-8)."""


def check_file(path: Path) -> int:
    """A regular file's size; a folder, a device, a pipe or a missing file is one clear error."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImportFormatError(f"{path}: no such file or folder; check the path") from None
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot read it ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ImportFormatError(f"{path} is a folder; this format is read from one file")
    if not stat.S_ISREG(info.st_mode):
        raise ImportFormatError(f"{path} is not a regular file (a device or a pipe); import a file")
    return info.st_size


def text_lines(stream: NoteStream, path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line) of a UTF-8 text file, a line at a time (the newline, a CR before it and a
    leading byte-order mark removed); `stream.read` counts the bytes read. A byte that is not UTF-8 is
    reported with its line."""
    check_file(path)
    offset = 0
    try:
        with path.open("rb") as handle:
            number = 0
            while raw := handle.readline(MAX_LINE_BYTES + 1):
                number += 1
                if len(raw) > MAX_LINE_BYTES:
                    raise ImportFormatError(
                        f"{path}: line {number} is longer than {MAX_LINE_BYTES // 2**20} MB; this is not a journal file"
                    )
                stream.read += len(raw)
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise ImportFormatError(
                        f"{path}: line {number} is not UTF-8 text (byte {offset + exc.start}); convert the file to "
                        "UTF-8 and import again"
                    ) from None
                offset += len(raw)
                if number == 1:
                    line = line.removeprefix("\ufeff")
                if line.endswith("\n"):
                    line = line[:-2] if line.endswith("\r\n") else line[:-1]
                yield number, line
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot read it ({exc.strerror})") from None


def read_text(path: Path, data: bytes | None = None) -> str:
    """A file's text; a byte that is not UTF-8 is reported with its line."""
    if data is None:
        data = read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFormatError(
            f"{path}: line {line} is not UTF-8 text (byte {exc.start}); convert the file to UTF-8 and import again"
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


MAX_FILE_BYTES = 512 * 1024 * 1024
"""The largest file (or zip member) an import reads: a journal of a million short notes is ~250 MB."""
MAX_ZIP_RATIO = 200
"""How much larger than its compressed size a zip member may claim or turn out to be (JSON compresses
~10x; a zip bomb, thousands of times)."""


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes, up to MAX_FILE_BYTES; devices, pipes and larger files are refused."""
    check_file(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ImportFormatError(f"{path}: no such file; check the path") from None
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot read it ({exc.strerror})") from None
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(path)
    return data


def read_zip_member(archive: zipfile.ZipFile, name: str, where: str) -> bytes:
    """One member of a zip, refusing one that is larger than MAX_FILE_BYTES or than MAX_ZIP_RATIO times its
    compressed size, whatever its header says (it is read with those bounds)."""
    info = archive.getinfo(name)
    limit = min(MAX_FILE_BYTES, MAX_ZIP_RATIO * info.compress_size + 1024 * 1024)
    if info.file_size > limit:
        raise _too_large(Path(where), zipped=True)
    with archive.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise _too_large(Path(where), zipped=True)
    return data


def _too_large(path: Path, *, zipped: bool = False) -> ImportFormatError:
    what = "unpacks to more than it may (a damaged zip, or a zip bomb)" if zipped else "is too large"
    return ImportFormatError(
        f"{path} {what}; an import reads JSON files of up to {MAX_FILE_BYTES // 2**20} MB (text formats have no limit)"
    )


def load_json(path: Path, data: bytes | None = None) -> object:
    text = read_text(path, data)
    try:
        return json.loads(text)
    except RecursionError:
        raise ImportFormatError(f"{path}: the JSON is nested too deeply to be a journal export") from None
    except json.JSONDecodeError as exc:
        problem = exc.msg
        cut = exc.pos >= len(text.rstrip())
        if problem.startswith("Unterminated string"):  # json says "starting at" and means: it runs to the end
            problem, cut = "a string starting there never ends", True
        hint = " (the file looks truncated)" if cut else ""
        where = f"line {exc.lineno} column {exc.colno}"
        raise ImportFormatError(f"{path}: not valid JSON at {where}: {problem}{hint}") from None


def wall_clock_note(
    where: str,
    wall: datetime,
    zone: str,
    text: str,
    *,
    starred: bool = False,
    uuid: str | None = None,
    offset: str | None = None,
) -> ImportedNote | None:
    """A note the file dates by a clock time (jrnl, Markdown): that time on that day in `zone` (the
    `offset` picks between the two 01:30s of a night the clocks go back). A day `zone` skipped (Pacific/
    Apia, 2011-12-30) keeps its day and time, in the offset the zone had before the skip."""
    from journal.zones import ZoneError, moment_at, offset_before

    day = _in_range(where, wall.date())
    try:
        moment = moment_at(day, wall.time(), zone, offset=offset)
    except ZoneError:
        zone = offset_before(day, zone)
        moment = moment_at(day, wall.time(), zone)
    return note(where, day, moment, zone, text, starred=starred, uuid=uuid, wall_clock=True)


def instant_note(
    where: str, moment: datetime, zone: str, text: str, *, starred: bool = False, uuid: str | None = None
) -> ImportedNote | None:
    """A note the file dates by an instant (Day One): its day is the day there in `zone`."""
    from journal.zones import day_of

    try:
        day = day_of(moment, zone)
    except (OverflowError, ValueError):
        day = moment.date()
    return note(where, _in_range(where, day), moment, zone, text, starred=starred, uuid=uuid)


def _in_range(where: str, day: date) -> date:
    from journal.dates import check_day

    try:
        return check_day(day)
    except UsageError as exc:
        raise ImportFormatError(f"{where}: {exc.message}") from None


def note(
    where: str,
    day: date,
    created_at: datetime,
    zone: str,
    text: str,
    *,
    starred: bool = False,
    uuid: str | None = None,
    wall_clock: bool = False,
) -> ImportedNote | None:
    """A cleaned note, or None for an empty one (nothing to keep); unusable text names `where`."""
    if not text.strip():
        return None
    try:
        body = clean_body(text)
    except UsageError as exc:
        raise ImportFormatError(f"{where}: {exc.message}") from None
    return ImportedNote(day, created_at, body, starred, uuid, where, zone, wall_clock)


def zone_named(where: str, name: object, fallback: str) -> str:
    """A zone the file names (IANA, `Etc/GMT-9`, or an offset such as `+05:45`), else `fallback`."""
    from journal.zones import canonical, known

    if isinstance(name, str) and name.strip() and known(name.strip()):
        return canonical(name.strip())
    return fallback


def with_tags(text: str, tags: list[str]) -> str:
    """Tags kept outside the text (Day One) become a last line of `#tags`, so they stay tags here."""
    present = {tag_key(t) for t in extract_tags(text)}
    missing = []
    for tag in tags:
        name = re.sub(rf"[^\w{re.escape(TAG_CHARS)}]+", "-", str(tag))  # road trip → road-trip
        name = name.strip("-/").lstrip("@#+")  # @os/2 → os/2, +custom → custom
        if name and tag_key(name) not in present:
            present.add(tag_key(name))
            missing.append(f"#{name}")
    if not missing:
        return text
    return f"{text.rstrip()}\n\n{' '.join(missing)}"


def files_of(path: Path, suffix: str, layout: str) -> list[Path]:
    """The file itself, or every `*suffix` file below a folder (sorted, so days import in order)."""
    if not path.is_dir():
        return [path]
    files = sorted(p for p in path.rglob(f"*{suffix}") if p.is_file())
    if not files:
        raise ImportFormatError(f"{path}: no {suffix} files in this folder; expected {layout}")
    return files


def total_size(files: list[Path]) -> int:
    size = 0
    for file in files:
        with contextlib.suppress(OSError):
            size += file.stat().st_size
    return size


def stable_uuid(value: str) -> str:
    """An id from the source (Day One's are 32 hex digits) as a canonical UUID; anything else gets a stable one."""
    try:
        return str(uuidlib.UUID(value.strip()))
    except ValueError:
        return str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"journal-import:{value}"))
