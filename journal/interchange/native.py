"""Our own lossless JSON: every notebook, entry (with its revisions, trash and prompt link), prompt,
prompt answer/skip/snooze and journal fact. Entries are referenced by uuid, never by row id.

Importing into a journal with no notes of its own is a restore: the file's prompts, facts and notebook
settings replace the new journal's defaults, so export → import → export gives the same file. Importing
into a journal that has notes merges: what is missing is added (a note is there already when its uuid
is, or a note with the same moment and text), nothing is overwritten.

Version 2 gives each entry its `timezone` and `written_at`, and each revision its `date`. Version 1
files are still read: their notes get a zone by the rule of the 0005 migration (journal.zones.settle).
"""

from __future__ import annotations

import sqlite3
import uuid as uuidlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from journal.errors import UsageError
from journal.interchange import ImportFormatError
from journal.interchange.source import load_json
from journal.repository import day_rows, entry_rows, lossless_rows, meta_rows, notebook_rows, prompt_rows
from journal.text import clean_body, extract_tags

FORMAT_NAME = "journal"
VERSION = 2
READABLE_VERSIONS = (1, 2)
DIGEST_PREFIX = "digest."  # journal_meta keys whose value is an entry id (stored here as its uuid)
DIGEST_TAG = "digest"
SEED_STATE = "seed.masterclass"
LOCAL_PREFIX = "index."  # facts about this computer's search index, not about the journal


@dataclass
class NativeImport:
    entries_added: int = 0
    entries_present: int = 0
    notebooks_added: int = 0
    prompts_added: int = 0
    restored: bool = False
    added_ids: list[int] | None = None


def dump(conn: sqlite3.Connection, ids: set[int] | None, exported_at: datetime) -> dict[str, object]:
    entries = lossless_rows.dump_entries(conn, ids)
    uuid_of = {
        entry_id: uuid for uuid, entry_id in entry_rows.entry_ids_by_uuid(conn, [e["uuid"] for e in entries]).items()
    }
    meta = {k: v for k, v in lossless_rows.dump_meta(conn).items() if not k.startswith(LOCAL_PREFIX)}
    for key, value in list(meta.items()):
        if key.startswith(DIGEST_PREFIX):
            uuid = uuid_of.get(int(value)) if value.isdigit() else None
            if uuid is None:
                del meta[key]
            else:
                meta[key] = uuid
    included = {e["uuid"] for e in entries}
    events = [
        e for e in lossless_rows.dump_prompt_events(conn) if e["entry_uuid"] is None or e["entry_uuid"] in included
    ]
    return {
        "format": FORMAT_NAME,
        "version": VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "meta": meta,
        "notebooks": lossless_rows.dump_notebooks(conn),
        "prompts": lossless_rows.dump_prompts(conn),
        "entries": entries,
        "prompt_events": events,
    }


def read_native(path: Path, local: str | None = None) -> dict[str, object]:
    """The file, checked field by field: a problem names the file and the entry. `local` is the zone a
    version-1 file's notes are settled from (default: this computer's)."""
    data = load_json(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ImportFormatError(
            f'{path}: not a journal export (no "format": "journal"); for jrnl or Day One files use '
            "--format jrnl, jrnl-json or dayone"
        )
    if data.get("version") not in READABLE_VERSIONS:
        raise ImportFormatError(f"{path}: export version {data.get('version')!r} is not {VERSION}; update journal")
    from journal.zones import machine_zone

    check = _Checker(path, data["version"], machine_zone() if local is None else local)
    for key in ("notebooks", "prompts", "entries", "prompt_events"):
        check.list_of_objects(data, key)
    if not isinstance(data.get("meta", {}), dict):
        raise ImportFormatError(f"{path}: meta: expected an object")
    names = set()
    for i, book in enumerate(data["notebooks"]):
        where = f"notebooks[{i}]"
        names.add(check.text(book, "name", where, nonempty=True))
        check.text(book, "description", where)
        check.flag(book, "read_only", where)
        check.moment(book, "created_at", where)
    prompt_ids = set()
    for i, prompt in enumerate(data["prompts"]):
        where = f"prompts[{i}]"
        prompt_ids.add(check.text(prompt, "id", where, nonempty=True))
        for key in ("text_ko", "text_en", "rrule", "slot", "kind", "source"):
            check.text(prompt, key, where)
        check.flag(prompt, "paused", where)
        check.moment(prompt, "created_at", where)
    for i, entry in enumerate(data["entries"]):
        where = f"entries[{i}]"
        check.uuid(entry, where)
        if check.text(entry, "notebook", where) not in names:
            raise ImportFormatError(f"{path}: {where}.notebook: {entry['notebook']!r} is not in notebooks")
        check.day(entry, "date", where)
        check.moment(entry, "created_at", where)
        check.placed(entry, where)
        check.moment(entry, "updated_at", where)
        check.moment(entry, "deleted_at", where, optional=True)
        check.flag(entry, "starred", where)
        entry["body"] = check.body(entry.get("body"), f"{where}.body")
        if entry.get("prompt_id") is not None and entry.get("prompt_id") not in prompt_ids:
            entry["prompt_id"] = None  # the prompt was deleted before the export
        entry.setdefault("prompt_id", None)
        check.list_of_objects(entry, "revisions", where)
        for j, revision in enumerate(entry["revisions"]):
            here = f"{where}.revisions[{j}]"
            revision["body"] = check.body(revision.get("body"), f"{here}.body")
            if check.version == 1:
                revision.setdefault("date", entry["date"])  # days never changed before version 2
            check.day(revision, "date", here)
            check.moment(revision, "written_at", here)
            check.moment(revision, "replaced_at", here)
    for i, event in enumerate(data["prompt_events"]):
        where = f"prompt_events[{i}]"
        check.text(event, "prompt_id", where, nonempty=True)
        check.day(event, "occurrence", where)
        if event.get("action") not in ("answered", "skipped", "snoozed"):
            raise ImportFormatError(f"{path}: {where}.action: expected answered, skipped or snoozed")
        if event.get("until") is not None:
            check.day(event, "until", where)
        event.setdefault("until", None)
        event.setdefault("entry_uuid", None)
        check.moment(event, "created_at", where)
    return data


def load(conn: sqlite3.Connection, data: dict[str, object]) -> NativeImport:
    """Add the file's contents in the caller's transaction."""
    result = NativeImport(restored=day_rows.count_own_entries(conn) == 0, added_ids=[])
    meta: dict[str, str] = dict(data.get("meta", {}))  # type: ignore[arg-type]
    books: list[dict] = data["notebooks"]  # type: ignore[assignment]
    known_books = {b.name for b in notebook_rows.notebooks(conn)}
    for book in books:
        if book["name"] not in known_books:
            result.notebooks_added += 1
        if book["name"] not in known_books or result.restored:
            lossless_rows.insert_notebook_row(conn, book)
    prompts: list[dict] = data["prompts"]  # type: ignore[assignment]
    known_prompts = {p.id for p in prompt_rows.prompts(conn)}
    result.prompts_added = sum(1 for p in prompts if p["id"] not in known_prompts)
    for prompt in prompts:
        lossless_rows.upsert_prompt_row(conn, prompt, replace=result.restored)
    if result.restored:
        lossless_rows.delete_prompts_except(conn, {p["id"] for p in prompts})
        if meta.get(SEED_STATE) == "removed":
            _drop_notebooks_not_in(conn, {b["name"] for b in books})
    book_ids = {b.name: b.id for b in notebook_rows.notebooks(conn)}
    entries: list[dict] = data["entries"]  # type: ignore[assignment]
    present = set(entry_rows.entry_ids_by_uuid(conn, [e["uuid"] for e in entries]))
    same = _instants_and_bodies(conn, entries)
    # A saved digest quotes the week's tags but carries only #digest, as it did where it was saved.
    digest_uuids = {v for k, v in meta.items() if k.startswith(DIGEST_PREFIX)}
    for entry in entries:
        key = (_second(entry["created_at"]), entry["body"])
        if entry["uuid"] in present or key in same:
            result.entries_present += 1
            continue
        present.add(entry["uuid"])
        same.add(key)
        entry_id = lossless_rows.insert_entry_row(conn, entry, book_ids[entry["notebook"]])
        tags = [DIGEST_TAG] if entry["uuid"] in digest_uuids else extract_tags(entry["body"])
        entry_rows.set_entry_tags(conn, entry_id, tags)
        result.added_ids.append(entry_id)  # type: ignore[union-attr]
        result.entries_added += 1
    events: list[dict] = data["prompt_events"]  # type: ignore[assignment]
    ids = entry_rows.entry_ids_by_uuid(conn, [e["entry_uuid"] for e in events if e["entry_uuid"]])
    known_events = lossless_rows.prompt_event_keys(conn)
    prompt_ids = {p.id for p in prompt_rows.prompts(conn)}
    for event in events:
        key = (event["prompt_id"], event["occurrence"], event["action"], event["created_at"])
        if key not in known_events and event["prompt_id"] in prompt_ids:
            known_events.add(key)
            lossless_rows.insert_prompt_event_row(conn, event, ids.get(event["entry_uuid"]))
    digests = entry_rows.entry_ids_by_uuid(conn, list(digest_uuids))
    for key, value in meta.items():
        # A merge names an added digest as its week's digest only when this journal has none for that week.
        named = key.startswith(DIGEST_PREFIX) and value in digests
        if named and (result.restored or meta_rows.get_meta(conn, key) is None):
            meta_rows.set_meta(conn, key, str(digests[value]))
    if result.restored:
        lossless_rows.delete_empty_notebooks_except(conn, {b["name"] for b in books})
        for key, value in meta.items():
            if not key.startswith((DIGEST_PREFIX, LOCAL_PREFIX)):
                meta_rows.set_meta(conn, key, value)
    return result


def _second(stored: str) -> str:
    """A stored moment to the second, in UTC: what Day One and this format both carry."""
    return datetime.fromisoformat(stored).astimezone(UTC).isoformat(timespec="seconds")


def _instants_and_bodies(conn: sqlite3.Connection, entries: list[dict]) -> set[tuple[str, str]]:
    if not entries:
        return set()
    days = [date.fromisoformat(e["date"]) for e in entries]
    rows = entry_rows.moments_and_bodies(conn, min(days), max(days))
    return {(_second(created), body) for created, _zone, body in rows}


def _drop_notebooks_not_in(conn: sqlite3.Connection, keep: set[str]) -> None:
    """The exported journal had removed the seed notebook: a restore removes the new journal's copy."""
    for book in notebook_rows.notebooks(conn):
        if book.read_only and book.name not in keep:
            notebook_rows.delete_notebook_with_entries(conn, book.id)


class _Checker:
    def __init__(self, path: Path, version: int, local: str | None) -> None:
        self.path = path
        self.version = version
        self.local = local

    def placed(self, entry: dict, where: str) -> None:
        """The entry's zone and writing time (settled for version 1), and its day agreeing with them."""
        from journal.zones import day_of, known, settle

        moment = datetime.fromisoformat(entry["created_at"])
        day = date.fromisoformat(entry["date"])
        if self.version == 1:
            zone, settled = settle(moment, day, self.local)
            entry.setdefault("written_at", entry["created_at"])
            entry["timezone"], entry["created_at"] = zone, entry_rows.stamp(settled)
        zone = entry.get("timezone")
        if not isinstance(zone, str) or not known(zone):
            raise self.fail(f"{where}.timezone", f"{zone!r} is not a time zone (an IANA name, or like +09:00)")
        self.moment(entry, "written_at", where)
        if day_of(datetime.fromisoformat(entry["created_at"]), zone) != day:
            raise self.fail(f"{where}.date", f"{day} is not the day of created_at in {zone}")

    def fail(self, where: str, problem: str) -> ImportFormatError:
        return ImportFormatError(f"{self.path}: {where}: {problem}")

    def list_of_objects(self, data: dict, key: str, where: str = "") -> None:
        value = data.setdefault(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"{where}.{key}" if where else key, "expected a list of objects")

    def text(self, data: dict, key: str, where: str, *, nonempty: bool = False) -> str:
        value = data.get(key, "" if not nonempty else None)
        if not isinstance(value, str) or (nonempty and not value.strip()):
            raise self.fail(f"{where}.{key}", "expected text" + (" that is not empty" if nonempty else ""))
        data[key] = value
        return value

    def flag(self, data: dict, key: str, where: str) -> None:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", "expected true or false")
        data[key] = value

    def moment(self, data: dict, key: str, where: str, *, optional: bool = False) -> None:
        value = data.get(key)
        if value is None and optional:
            data[key] = None
            return
        try:
            parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise self.fail(f"{where}.{key}", f"cannot read the time {value!r}; expected ISO 8601 with an offset")
        data[key] = entry_rows.stamp(parsed)

    def day(self, data: dict, key: str, where: str) -> None:
        from journal.dates import check_day

        value = data.get(key)
        try:
            day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else date.fromisoformat("")
        except ValueError:
            raise self.fail(f"{where}.{key}", f"cannot read the date {value!r}; expected YYYY-MM-DD") from None
        try:
            check_day(day)
        except UsageError as exc:
            raise self.fail(f"{where}.{key}", exc.message) from None

    def uuid(self, data: dict, where: str) -> None:
        value = data.get("uuid")
        try:
            data["uuid"] = str(uuidlib.UUID(value)) if isinstance(value, str) else str(uuidlib.UUID(""))
        except ValueError:
            raise self.fail(f"{where}.uuid", f"{value!r} is not a uuid") from None

    def body(self, value: object, where: str) -> str:
        if not isinstance(value, str):
            raise self.fail(where, "expected text")
        try:
            return clean_body(value)
        except UsageError as exc:
            raise self.fail(where, exc.message) from None
