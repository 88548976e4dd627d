"""Reading import files faithfully: UTF-8 with the failing line named, local times, tag lines."""

from __future__ import annotations

import json
import re
import stat
import uuid as uuidlib
import zipfile
from datetime import date, datetime
from pathlib import Path

from journal.errors import UsageError
from journal.interchange import ImportedNote, ImportFormatError
from journal.text import clean_body, extract_tags, tag_key


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
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ImportFormatError(f"{path} is a folder; this format is read from one file")
        if not stat.S_ISREG(info.st_mode):
            raise ImportFormatError(f"{path} is not a regular file (a device or a pipe); import a file")
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
    return ImportFormatError(f"{path} {what}; an import reads files of up to {MAX_FILE_BYTES // 2**20} MB")


def load_json(path: Path, data: bytes | None = None) -> object:
    text = read_text(path, data)
    try:
        return json.loads(text)
    except RecursionError:
        raise ImportFormatError(f"{path}: the JSON is nested too deeply to be a journal export") from None
    except json.JSONDecodeError as exc:
        hint = " (the file looks truncated)" if exc.pos >= len(text.rstrip()) else ""
        raise ImportFormatError(
            f"{path}: not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}{hint}"
        ) from None


def note(
    where: str,
    day: date,
    created_at: datetime,
    text: str,
    *,
    starred: bool = False,
    uuid: str | None = None,
) -> ImportedNote | None:
    """A cleaned note, or None for an empty one (nothing to keep); unusable text names `where`."""
    if not text.strip():
        return None
    try:
        body = clean_body(text)
    except UsageError as exc:
        raise ImportFormatError(f"{where}: {exc.message}") from None
    return ImportedNote(day, created_at, body, starred, uuid, where)


def local(moment: datetime) -> datetime:
    """A naive wall-clock time read from a file, in this computer's time zone (with its DST rules)."""
    return moment.astimezone() if moment.tzinfo is None else moment


def with_tags(text: str, tags: list[str]) -> str:
    """Tags kept outside the text (Day One) become a last line of `#tags`, so they stay tags here."""
    present = {tag_key(t) for t in extract_tags(text)}
    missing = []
    for tag in tags:
        name = re.sub(r"[^\w-]+", "-", str(tag)).strip("-")  # `+custom` → custom, `road trip` → road-trip
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


def stable_uuid(value: str) -> str:
    """An id from the source (Day One's are 32 hex digits) as a canonical UUID; anything else gets a stable one."""
    try:
        return str(uuidlib.UUID(value.strip()))
    except ValueError:
        return str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"journal-import:{value}"))
