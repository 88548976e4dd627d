"""Day One's JSON export: `{"entries": [{"uuid", "creationDate", "timeZone", "text", "tags", "starred"}]}`,
as a `.json` file or the `.zip` Day One writes (the JSON plus photos, which are not imported).

A note's day is the day in the time zone it was written in; its time is kept exactly.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from journal.interchange import ImportedNote, ImportFormatError
from journal.interchange.source import load_json, note, read_bytes, read_zip_member, stable_uuid, with_tags
from journal.records import Entry


def read_dayone(path: Path) -> list[ImportedNote]:
    data = read_bytes(path)
    if not data.startswith(b"PK"):
        return _parse(path, data)
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
                notes += _parse(Path(where), read_zip_member(archive, name, where))
            return notes
    except (zipfile.BadZipFile, EOFError) as exc:
        raise ImportFormatError(f"{path}: not a readable zip file ({exc}); export it from Day One again") from None


def _parse(path: Path, data: bytes) -> list[ImportedNote]:
    document = load_json(path, data)
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise ImportFormatError(f'{path}: not a Day One export (expected an object with an "entries" list)')
    notes = []
    for i, item in enumerate(document["entries"]):
        where = f"{path}: entries[{i}]"
        if not isinstance(item, dict):
            raise ImportFormatError(f"{where}: expected an object with creationDate and text")
        created = _creation(item.get("creationDate"), where)
        written_in = created.astimezone(_zone(item.get("timeZone")))
        text = item.get("text") or ""
        tags = item.get("tags") or []
        if not isinstance(text, str) or not isinstance(tags, list):
            raise ImportFormatError(f"{where}: text must be a string and tags a list")
        uuid = stable_uuid(item["uuid"]) if isinstance(item.get("uuid"), str) else None
        found = note(
            where,
            written_in.date(),
            created,
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
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        except ValueError:
            pass
    raise ImportFormatError(f"{where}.creationDate: cannot read {value!r}; expected e.g. 2021-03-19T05:00:00Z")


def _zone(name: object) -> ZoneInfo | None:
    """The entry's time zone; an unknown or missing one means this computer's."""
    if isinstance(name, str) and name:
        try:
            return ZoneInfo(name)
        except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
            return None
    return None


def local_zone_name() -> str:
    """This computer's IANA time zone name, for Day One's timeZone field."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.readlink("/etc/localtime")
        candidates.append(target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "")
    except OSError:
        pass
    for name in candidates:
        if name and _zone(name) is not None:
            return name
    return "UTC"


def dayone_json(entries: Iterable[Entry]) -> str:
    zone = local_zone_name()
    items = []
    for entry in entries:
        moment = datetime.combine(entry.day, entry.created_at.astimezone().time()).astimezone(ZoneInfo(zone))
        items.append(
            {
                "uuid": entry.uuid.replace("-", "").upper(),
                "creationDate": moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "modifiedDate": entry.updated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "timeZone": zone,
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
