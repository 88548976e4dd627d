"""Notes: add, list, read, edit, star, move, delete and restore them. Every write keeps the index in step."""

from __future__ import annotations

import re
import sqlite3
import uuid as uuidlib
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from journal.dates import When, check_day, split_when_prefix
from journal.db import write_transaction
from journal.errors import EditConflict, EntryNotFound, ReadOnlyNotebook, UsageError
from journal.records import Entry, EntryFilter, Revision
from journal.repository import day_rows, draft_rows, entry_rows, meta_rows, pending_rows
from journal.text import TAG_MARKERS, clean_body, extract_tags, nfc

if TYPE_CHECKING:
    from journal.services import Journal

_UUID_PREFIX = re.compile(r"^[0-9a-f]{6,}(-[0-9a-f-]*)?$")


class Entries:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def add(
        self,
        text: str,
        *,
        when: When | None = None,
        notebook: str | None = None,
        starred: bool = False,
        parse_prefix: bool = True,
        discard_draft: str | None = None,
    ) -> Entry:
        """Save a note. `yesterday: text` dates it, as in jrnl, unless `when` is given. `discard_draft`: the
        slot (of this journal's window) whose draft the text was, removed in the same transaction."""
        body = clean_body(text)
        if when is None and parse_prefix:
            prefixed, rest = split_when_prefix(body, self.journal.today())
            if prefixed is not None:
                when, body = prefixed, clean_body(rest)
        return self.write(body, when, notebook, starred=starred, discard_draft=discard_draft)

    def write(
        self,
        body: str,
        when: When | None,
        notebook: str | None,
        *,
        starred: bool = False,
        prompt_id: str | None = None,
        also: Callable[[sqlite3.Connection, int], None] | None = None,
        discard_draft: str | None = None,
    ) -> Entry:
        """Insert a cleaned note with its tags, queue it for the index; `also` runs in the same transaction,
        and the draft of `discard_draft` goes in it."""
        now = self.journal.clock.now()
        day, created_at, zone = self.place(when)
        with write_transaction(self.journal.conn) as conn:
            book = self.journal.notebooks.writable(notebook)
            entry_id = entry_rows.insert_entry(
                conn,
                uuid=str(uuidlib.uuid4()),
                notebook_id=book.id,
                day=day,
                created_at=created_at,
                body=body,
                starred=starred,
                prompt_id=prompt_id,
                zone=zone,
                written_at=now,
            )
            entry_rows.set_entry_tags(conn, entry_id, extract_tags(body))
            pending_rows.queue_for_index(conn, entry_id, now)
            if also is not None:
                also(conn, entry_id)
            self._drop_draft(conn, discard_draft)
            day_rows.recount_days(conn, [day])
            entry = self._read(conn, entry_id)  # what was committed, whatever another process does next
        self.journal.index.after_write()
        return entry

    def place(self, when: When | None, *, keep: Entry | None = None) -> tuple[date, datetime, str]:
        """The day, moment and zone of a note dated `when`, written now, here (or moved: `keep`).

        No date: now. A day and a time: that time on that day, in the zone. A day only: now if it is
        today, else `default_time` (09:00) on that day, as jrnl does; a note being moved (`keep`)
        keeps its own time of day and its zone instead. The day is always the moment's day in the zone.
        """
        now = self.journal.clock.now()
        zone = keep.zone if keep is not None else self.journal.clock.zone()
        if when is None:
            return now.date(), now, zone
        day = check_day(when.day)
        if when.time is not None:
            clock = when.time
        elif keep is not None:
            clock = keep.moment.time()
        elif day == now.date():
            return day, now, zone
        else:
            clock = self.journal.config.default_clock
        from journal.zones import moment_at

        return day, moment_at(day, clock, zone), zone

    def list(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        tags: tuple[str, ...] = (),
        notebook: str | None = None,
        starred: bool = False,
        limit: int | None = None,
        writable_only: bool = False,
    ) -> list[Entry]:
        if limit is not None and limit < 1:
            raise UsageError(f"-n must be a positive number, not {limit}")
        if start and end and start > end:
            raise UsageError(f"--from {start} is after --to {end}; swap them")
        notebook_id = self.journal.notebooks.get(notebook).id if notebook else None
        flt = EntryFilter(
            start=start,
            end=end,
            tags=tuple(nfc(t).lstrip(TAG_MARKERS) for t in tags),
            notebook_id=notebook_id,
            starred=starred,
            limit=limit,
            writable_only=writable_only,
        )
        return entry_rows.list_entries(self.journal.conn, flt)

    def trash(self, *, newest_deleted_first: bool = False) -> list[Entry]:
        """Notes in the trash, by day (or the most recently deleted first)."""
        entries = entry_rows.list_entries(self.journal.conn, EntryFilter(deleted=True))
        if newest_deleted_first:
            entries.sort(key=lambda e: (e.deleted_at or e.updated_at, e.id), reverse=True)
        return entries

    def get(self, ref: str | int, *, include_deleted: bool = False) -> Entry:
        entry = self.by_id(self._resolve(ref))
        if entry.deleted_at is not None and not include_deleted:
            raise EntryNotFound(str(ref), deleted=True)
        return entry

    def edit(
        self,
        ref: str | int,
        text: str | None = None,
        *,
        when: When | None = None,
        expected_updated_at: datetime | None = None,
        discard_draft: str | None = None,
    ) -> Entry | None:
        """Replace an entry's text and/or move it to another day (`when`), keeping its old text and day as
        a revision. None if nothing changed.

        `expected_updated_at`: the note's `updated_at` when the edit began; if the note has changed since
        (another window, the shell), nothing is written and EditConflict carries the note as it is now.
        `discard_draft`: the slot (of this journal's window) whose draft the text was, removed in the same
        transaction (also when nothing changed)."""
        entry = self.get(ref)
        _check_writable(entry)
        with write_transaction(self.journal.conn) as conn:
            entry = self._read(conn, entry.id)  # as it is now that we hold the write lock
            if entry.deleted_at is not None:
                raise EntryNotFound(str(ref), deleted=True)
            body = entry.body if text is None else clean_body(text)
            placed = self.place(when, keep=entry) if when is not None else None
            moved = placed is not None and (placed[0], placed[1]) != (entry.day, entry.created_at)
            self._drop_draft(conn, discard_draft)
            if body == entry.body and not moved:
                return None  # also when the note changed elsewhere to just this: nothing is in conflict
            if expected_updated_at is not None and entry.updated_at != expected_updated_at:
                raise EditConflict(entry)
            now = self.journal.clock.now()
            entry_rows.revise(conn, entry, body, now, placed=placed if moved else None)
            # A saved digest quotes other tags but carries only its own.
            tags = ["digest"] if meta_rows.is_digest(conn, entry.id) else extract_tags(body)
            entry_rows.set_entry_tags(conn, entry.id, tags)
            pending_rows.queue_for_index(conn, entry.id, now)
            day_rows.recount_days(conn, {entry.day, placed[0]} if placed else [entry.day])
            edited = self._read(conn, entry.id)
        self.journal.index.after_write()
        return edited

    def delete(self, ref: str | int) -> Entry:
        entry = self.get(ref)
        _check_writable(entry)
        return self._change(entry, lambda conn: entry_rows.set_deleted(conn, entry.id, self.journal.clock.now()))

    def restore(self, ref: str | int) -> Entry:
        entry = self.get(ref, include_deleted=True)
        if entry.deleted_at is None:
            raise UsageError(f"entry {ref} is not in the trash")
        return self._change(entry, lambda conn: entry_rows.set_deleted(conn, entry.id, None))

    def star(self, ref: str | int, starred: bool = True) -> Entry:
        entry = self.get(ref)
        _check_writable(entry)
        return self._change(entry, lambda conn: entry_rows.set_starred(conn, entry.id, starred))

    def move(self, ref: str | int, notebook: str) -> Entry:
        entry = self.get(ref)
        _check_writable(entry)

        def to_notebook(conn: sqlite3.Connection) -> None:
            entry_rows.set_notebook(conn, entry.id, self.journal.notebooks.writable(notebook).id)

        return self._change(entry, to_notebook)

    def purge(self, refs: list[str | int]) -> list[Entry]:
        """Remove notes for good: the note, every revision, its drafts, its words in the search index, and
        the bytes on disk (SQLite's secure_delete, the WAL emptied, index segments rewritten). Backups are
        not touched. Returns the notes as they were."""
        entries = [self.get(ref, include_deleted=True) for ref in refs]
        for entry in entries:
            _check_writable(entry)
        return self._purge(entries)

    def empty_trash(self) -> list[Entry]:
        """Purge every note in the trash."""
        return self._purge(self.trash())

    def _purge(self, entries: list[Entry]) -> list[Entry]:
        self.journal.require_writable()
        ids = sorted({entry.id for entry in entries})
        if not ids:
            return []
        conn = self.journal.conn
        conn.execute("PRAGMA secure_delete = ON")
        try:
            with write_transaction(conn):
                entry_rows.purge_entries(conn, ids)
                day_rows.recount_days(conn, {entry.day for entry in entries})
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the old pages leave the WAL too
        finally:
            conn.execute("PRAGMA secure_delete = OFF")
        self.journal.index.purge(ids)
        return entries

    def history(self, ref: str | int) -> list[Revision]:
        return entry_rows.revisions(self.journal.conn, self.get(ref, include_deleted=True))

    def by_id(self, entry_id: int) -> Entry:
        return self._read(self.journal.conn, entry_id)

    def _drop_draft(self, conn: sqlite3.Connection, slot: str | None) -> None:
        if slot is not None:
            draft_rows.delete_draft(conn, self.journal.window, slot)

    @staticmethod
    def _read(conn: sqlite3.Connection, entry_id: int) -> Entry:
        entry = entry_rows.get_entry(conn, entry_id)
        if entry is None:
            raise EntryNotFound(str(entry_id))
        return entry

    def _change(self, entry: Entry, change: Callable[[sqlite3.Connection], None]) -> Entry:
        """Apply one change to an entry and queue it for the index, in one transaction."""
        with write_transaction(self.journal.conn) as conn:
            change(conn)
            pending_rows.queue_for_index(conn, entry.id, self.journal.clock.now())
            day_rows.recount_days(conn, [entry.day])
            changed = self._read(conn, entry.id)
        self.journal.index.after_write()
        return changed

    def _resolve(self, ref: str | int) -> int:
        conn = self.journal.conn
        text = str(ref).strip().lstrip("#").lower()
        # Digits are an id, unless no note has that id and they are a uuid prefix (a uuid can start
        # with eight digits: 1 in 40 notes).
        if text.isdigit() and (not _UUID_PREFIX.match(text) or entry_rows.get_entry(conn, int(text)) is not None):
            return int(text)
        if _UUID_PREFIX.match(text):
            ids = entry_rows.entry_ids_by_uuid_prefix(conn, text)
            if len(ids) == 1:
                return ids[0]
            if len(ids) > 1:
                raise UsageError(f"the id {ref!r} matches more than one entry; give more of the uuid")
        raise EntryNotFound(str(ref))


def _check_writable(entry: Entry) -> None:
    if entry.read_only:
        raise ReadOnlyNotebook(entry.notebook)
