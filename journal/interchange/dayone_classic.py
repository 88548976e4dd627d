"""Day One Classic: a `Journal.dayone` package (a folder), one plist per entry in `entries/*.doentry`
(read with plistlib, XML or binary): "Creation Date" (UTC), "Time Zone", "Entry Text", "Tags", "Starred",
"UUID". Photos (`photos/<UUID>.jpg`) are not imported; they are counted."""

from __future__ import annotations

import plistlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from xml.parsers.expat import ExpatError

from journal.interchange import ImportedNote, ImportFormatError, NoteStream, ReadOptions
from journal.interchange.dayone import NO_TEXT, zone_of
from journal.interchange.source import MAX_LINE_BYTES, check_file, instant_note, stable_uuid, total_size, with_tags


def read_classic(stream: NoteStream, options: ReadOptions) -> Iterator[ImportedNote]:
    path = stream.path
    if path.is_dir():
        folder = path / "entries" if (path / "entries").is_dir() else path
        files = sorted(folder.glob("*.doentry"))
        if not files:
            raise ImportFormatError(
                f"{path}: no Day One entries here; a Day One Classic journal is a .dayone folder with "
                "entries/*.doentry, and Day One's newer export is a .json or .zip file"
            )
        photos = path / "photos"
        if photos.is_dir():
            stream.skipped["photos (attachments are not imported)"] += sum(1 for p in photos.iterdir() if p.is_file())
    else:
        files = [path]
    stream.size = total_size(files)
    for file in files:
        size = check_file(file)
        if size > 4 * MAX_LINE_BYTES:
            raise ImportFormatError(f"{file} is too large for one Day One entry ({size:,} bytes)")
        try:
            with file.open("rb") as handle:
                entry = plistlib.load(handle)
        except (plistlib.InvalidFileException, ExpatError, ValueError, TypeError, OverflowError) as exc:
            raise ImportFormatError(f"{file}: not a readable Day One entry (a plist): {exc}") from None
        except OSError as exc:
            raise ImportFormatError(f"{file}: cannot read it ({exc.strerror})") from None
        stream.read += size
        note = _note(stream, file, entry, options.zone)
        if note is not None:
            yield note


def _note(stream: NoteStream, file: Path, entry: object, local: str) -> ImportedNote | None:
    where = str(file)
    if not isinstance(entry, dict):
        raise ImportFormatError(f"{where}: not a Day One entry (expected a dictionary of Creation Date, Entry Text…)")
    created = entry.get("Creation Date")
    if created is None:
        raise ImportFormatError(f"{where}: the entry has no Creation Date")
    if not isinstance(created, datetime):
        raise ImportFormatError(f"{where}: Creation Date is not a date ({created!r})")
    created = created.replace(tzinfo=UTC) if created.tzinfo is None else created.astimezone(UTC)
    text = entry.get("Entry Text") or ""
    tags = entry.get("Tags") or []
    if not isinstance(text, str) or not isinstance(tags, list):
        raise ImportFormatError(f"{where}: Entry Text must be text and Tags a list")
    if not text.strip():
        stream.skipped[NO_TEXT] += 1
        return None
    zone = zone_of(stream, where, entry.get("Time Zone"), local)
    uuid = stable_uuid(entry["UUID"]) if isinstance(entry.get("UUID"), str) else None
    text = with_tags(text, [str(t) for t in tags])  # Classic kept the text as typed
    return instant_note(where, created, zone, text, starred=entry.get("Starred") is True, uuid=uuid)
