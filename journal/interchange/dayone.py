"""Day One: its JSON export (`{"entries": [{"uuid", "creationDate", "timeZone", "text", "tags", "starred"}]}`,
a `.json` file or the `.zip` Day One writes) and Day One Classic's packages (`Journal.dayone/entries/*.doentry`,
one plist per entry: "Creation Date", "Entry Text", "Time Zone", "Tags", "Starred", "UUID").

A note's moment is `creationDate` (an instant, UTC) and its zone `timeZone` (an IANA name; a note whose
zone is only an offset is written `Etc/GMT-9` for whole hours, else `+05:45`, both read back; `Etc/GMT`,
`GMT` and `UTC` are UTC). Its day is the day of that moment in that zone. A missing zone is this computer's;
an unknown one too, with a warning.

Day One writes its text as Markdown with escapes (`\\.`, `\\-`, `\\!`): import takes them off (not in code),
and export doubles a backslash that would otherwise be taken off, so notes come back as they were. A photo,
video, audio or PDF in the text (`![](dayone-moment://…)`) becomes `[photo: photos/<md5>.jpeg]`, naming
the file in Day One's zip (attachments are not imported). Entries with no text are skipped and counted.

A zip holds one `<journal>.json` per Day One journal: export writes one per notebook, and import (without
--notebook) puts each file's notes in the notebook of its name.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath

from journal.interchange import ImportedNote, ImportFormatError, NoteStream, ReadOptions
from journal.interchange.markdown_escapes import double_escapes, take_escapes_off
from journal.interchange.source import (
    instant_note,
    load_json,
    read_bytes,
    read_zip_member,
    stable_uuid,
    with_tags,
)
from journal.records import Entry
from journal.zones import is_offset, tz

_MOMENT = re.compile(r"!\[[^\]\n]*\]\(dayone-moment:/*(?:(video|audio|pdfAttachment|photo)/)?([A-Za-z0-9-]+)\)")
_KINDS = {None: "photos", "photo": "photos", "video": "videos", "audio": "audios", "pdfAttachment": "pdfs"}
_UTC_NAMES = {"etc/gmt", "gmt", "utc", "etc/utc", "etc/gmt+0", "etc/gmt-0", "etc/gmt0", "etc/universal", "etc/zulu",
              "universal", "zulu", "etc/uct", "uct", "z"}  # fmt: skip
NO_TEXT = "entries with no text (a photo or nothing)"


def read_dayone(stream: NoteStream, options: ReadOptions) -> Iterator[ImportedNote]:
    path = stream.path
    if path.is_dir() or path.suffix.lower() == ".doentry":
        from journal.interchange.dayone_classic import read_classic

        yield from read_classic(stream, options)
        return
    data = read_bytes(path)
    stream.size = len(data)
    if not data.startswith(b"PK"):
        stream.read = len(data)
        yield from _parse(stream, path, data, options.zone)
        return
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".json") and not n.startswith("__MACOSX")]
            if not names:
                raise ImportFormatError(
                    f"{path}: the zip holds no Day One journal (no .json file inside); export from Day One as JSON"
                )
            for name in sorted(names):
                where = f"{path}!{name}"
                book = journal_name(name)
                for note in _parse(stream, Path(where), read_zip_member(archive, name, where), options.zone):
                    yield replace(note, notebook=book)
            stream.read = stream.size
    except (zipfile.BadZipFile, EOFError) as exc:
        raise ImportFormatError(f"{path}: not a readable zip file ({exc}); export it from Day One again") from None


def _parse(stream: NoteStream, path: Path, data: bytes, local: str) -> Iterator[ImportedNote]:
    document = load_json(path, data)
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise ImportFormatError(f'{path}: not a Day One export (expected an object with an "entries" list)')
    for i, item in enumerate(document["entries"]):
        where = f"{path}: entries[{i}]"
        if not isinstance(item, dict):
            raise ImportFormatError(f"{where}: expected an object with creationDate and text")
        created = _creation(item.get("creationDate"), where)
        written_in = zone_of(stream, where, item.get("timeZone"), local)
        text = item.get("text") or ""
        tags = item.get("tags") or []
        if not isinstance(text, str) or not isinstance(tags, list):
            raise ImportFormatError(f"{where}: text must be a string and tags a list")
        text = _placeholders(take_escapes_off(text), item)
        uuid = stable_uuid(item["uuid"]) if isinstance(item.get("uuid"), str) else None
        if not text.strip():
            stream.skipped[NO_TEXT] += 1
            continue
        found = instant_note(
            where, created, written_in, with_tags(text, [str(t) for t in tags]), starred=item.get("starred") is True,
            uuid=uuid,
        )  # fmt: skip
        if found is not None:
            yield found


def _placeholders(text: str, item: dict) -> str:
    """`![](dayone-moment://ID)` → `[photo: photos/<md5>.jpeg]` (the file in Day One's zip), or the id."""
    if "dayone-moment:" not in text:
        return text
    files: dict[str, str] = {}
    for key, folder in (("photos", "photos"), ("videos", "videos"), ("audios", "audios"), ("pdfAttachments", "pdfs")):
        for media in item.get(key) or []:
            if isinstance(media, dict) and isinstance(media.get("identifier"), str):
                name = media.get("md5") or media["identifier"]
                kind = media.get("type") or media.get("format") or ""
                files[media["identifier"]] = f"{folder}/{name}" + (f".{kind}" if kind else "")

    def placeholder(match: re.Match[str]) -> str:
        folder = _KINDS.get(match.group(1), "photos")
        what = {"photos": "photo", "videos": "video", "audios": "audio", "pdfs": "PDF"}[folder]
        return f"[{what}: {files.get(match.group(2), f'{folder}/{match.group(2)}')}]"

    return _MOMENT.sub(placeholder, text)


def zone_of(stream: NoteStream, where: str, name: object, local: str) -> str:
    """The zone a Day One entry names: `Etc/GMT`-style names are UTC, a stray backslash is ignored; a
    missing zone is `local`, an unknown one too, with a warning."""
    from journal.zones import canonical, known

    if not isinstance(name, str) or not name.strip():
        return local
    cleaned = name.strip().replace("\\", "")
    if cleaned.lower() in _UTC_NAMES:
        return "UTC"
    if known(cleaned):
        return canonical(cleaned)
    stream.warn(f"{where}: unknown time zone {name!r}; read in this computer's zone ({local})")
    return local


def _creation(value: object, where: str) -> datetime:
    if value is None:
        raise ImportFormatError(f"{where}: creationDate is missing; expected e.g. 2021-03-19T05:00:00Z")
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
        except (ValueError, OverflowError):
            pass
    raise ImportFormatError(f"{where}.creationDate: cannot read {value!r}; expected e.g. 2021-03-19T05:00:00Z")


def dayone_zone(zone: str) -> str:
    """Day One's `timeZone` for a note's zone: the IANA name; an offset of whole hours as `Etc/GMT-9`
    (POSIX signs: east is minus), any other offset as itself."""
    if not is_offset(zone):
        return zone
    offset = tz(zone).utcoffset(None) or timedelta()
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest or not -12 <= hours <= 14:
        return zone
    return zone if hours == 0 else f"Etc/GMT{-hours:+d}"  # (Etc/GMT itself is read as UTC)


def dayone_json(entries: Iterable[Entry]) -> str:
    items = []
    for entry in entries:
        items.append(
            {
                "uuid": entry.uuid.replace("-", "").upper(),
                "creationDate": entry.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "modifiedDate": entry.updated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "timeZone": dayone_zone(entry.zone),
                "text": double_escapes(entry.body),
                "tags": list(entry.tags),
                "starred": entry.starred,
            }
        )
    return json.dumps({"metadata": {"version": "1.0"}, "entries": items}, ensure_ascii=False, indent=2)


def dayone_zip(entries: Iterable[Entry]) -> bytes:
    """Day One's zip: one `<journal>.json` per notebook, as Day One exports one file per journal."""
    import io

    books: dict[str, list[Entry]] = {}
    for entry in entries:
        books.setdefault(entry.notebook, []).append(entry)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for book, group in books.items() or [("Journal", [])]:
            archive.writestr(f"{_FILE_UNSAFE.sub('-', book)}.json", dayone_json(group))
    return buffer.getvalue()


_FILE_UNSAFE = re.compile(r'[/\\:*?"<>|\x00-\x1f]')


def journal_name(member: str) -> str | None:
    """The Day One journal a zip member holds (`Travel.json` → Travel), as a notebook name if it can be one."""
    name = unicodedata.normalize("NFC", PurePosixPath(member).stem).strip()
    return name if name and len(name) <= 100 and name.isprintable() else None
