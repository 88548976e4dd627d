"""Day One's JSON export: `{"entries": [{"uuid", "creationDate", "timeZone", "text", "tags", "starred"}]}`,
as a `.json` file or the `.zip` Day One writes (the JSON plus photos, which are not imported).

A note's moment is `creationDate` (an instant, UTC) and its zone `timeZone` (an IANA name; a note
whose zone is only an offset is written `Etc/GMT-9` for whole hours, else `+05:45`, both read back).
Its day is the day of that moment in that zone. A missing or unknown zone is this computer's.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from journal.interchange import ImportedNote, ImportFormatError
from journal.interchange.source import (
    instant_note,
    load_json,
    read_bytes,
    read_zip_member,
    stable_uuid,
    with_tags,
    zone_named,
)
from journal.records import Entry
from journal.zones import is_offset, tz


def read_dayone(path: Path, zone: str) -> list[ImportedNote]:
    data = read_bytes(path)
    if not data.startswith(b"PK"):
        return _parse(path, data, zone)
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".json") and not n.startswith("__MACOSX")]
            if not names:
                raise ImportFormatError(
                    f"{path}: the zip holds no Day One journal (no .json file inside); export from Day One as JSON"
                )
            notes = []
            for name in sorted(names):
                where = f"{path}!{name}"
                notes += _parse(Path(where), read_zip_member(archive, name, where), zone)
            return notes
    except (zipfile.BadZipFile, EOFError) as exc:
        raise ImportFormatError(f"{path}: not a readable zip file ({exc}); export it from Day One again") from None


def _parse(path: Path, data: bytes, local: str) -> list[ImportedNote]:
    document = load_json(path, data)
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise ImportFormatError(f'{path}: not a Day One export (expected an object with an "entries" list)')
    notes = []
    for i, item in enumerate(document["entries"]):
        where = f"{path}: entries[{i}]"
        if not isinstance(item, dict):
            raise ImportFormatError(f"{where}: expected an object with creationDate and text")
        created = _creation(item.get("creationDate"), where)
        written_in = zone_named(where, item.get("timeZone"), local)
        text = item.get("text") or ""
        tags = item.get("tags") or []
        if not isinstance(text, str) or not isinstance(tags, list):
            raise ImportFormatError(f"{where}: text must be a string and tags a list")
        uuid = stable_uuid(item["uuid"]) if isinstance(item.get("uuid"), str) else None
        found = instant_note(
            where,
            created,
            written_in,
            with_tags(text, [str(t) for t in tags]),
            starred=item.get("starred") is True,
            uuid=uuid,
        )
        if found is not None:  # photo-only entries have no text: nothing to keep
            notes.append(found)
    return notes


def _creation(value: object, where: str) -> datetime:
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
    return "Etc/GMT" if hours == 0 else f"Etc/GMT{-hours:+d}"


def dayone_json(entries: Iterable[Entry]) -> str:
    items = []
    for entry in entries:
        items.append(
            {
                "uuid": entry.uuid.replace("-", "").upper(),
                "creationDate": entry.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "modifiedDate": entry.updated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "timeZone": dayone_zone(entry.zone),
                "text": entry.body,
                "tags": list(entry.tags),
                "starred": entry.starred,
            }
        )
    return json.dumps({"metadata": {"version": "1.0"}, "entries": items}, ensure_ascii=False, indent=2)


def dayone_zip(entries: Iterable[Entry]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Journal.json", dayone_json(entries))
    return buffer.getvalue()
