"""Use cases: what the CLI and the TUI can do to a journal. Owns transactions; knows no UI."""

from __future__ import annotations

import re
import sqlite3
import uuid as uuidlib
from datetime import date, datetime, timedelta
from pathlib import Path

from journal import repository as repo
from journal.clock import Clock
from journal.config import DB_NAME, Config, ensure_home, load_config
from journal.dates import When, parse_when, split_when_prefix
from journal.db import open_database, write_transaction
from journal.errors import EntryNotFound, NotebookNotFound, ReadOnlyNotebook, UsageError
from journal.records import Draft, Entry, EntryFilter, NotebookInfo, Revision, SearchHit
from journal.text import clean_body, extract_tags, nfc

_UUID_PREFIX = re.compile(r"^[0-9a-f]{6,}(-[0-9a-f-]*)?$")
MAX_NOTEBOOK_NAME = 100


class Journal:
    """One journal home: its settings, its database, its clock."""

    def __init__(
        self, home: Path, *, clock: Clock | None = None, config: Config | None = None, shared: bool = False
    ) -> None:
        self.home = ensure_home(home)
        self.config = config if config is not None else load_config(self.home)
        self.clock = clock or Clock()
        self._shared = shared
        self._conn: sqlite3.Connection | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = open_database(self.home / DB_NAME, shared=self._shared)
        return self._conn

    @property
    def db_path(self) -> Path:
        return self.home / DB_NAME

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- dates --------------------------------------------------------------------------------

    def today(self) -> date:
        return self.clock.today()

    def parse_when(self, text: str) -> When:
        return parse_when(text, self.today())

    def parse_day(self, text: str) -> date:
        return self.parse_when(text).day

    # -- entries ------------------------------------------------------------------------------

    def add(
        self,
        text: str,
        *,
        when: When | None = None,
        notebook: str | None = None,
        starred: bool = False,
        parse_prefix: bool = True,
    ) -> Entry:
        """Save a note. `yesterday: text` dates it, as in jrnl, unless `when` is given."""
        body = clean_body(text)
        if when is None and parse_prefix:
            prefixed, rest = split_when_prefix(body, self.today())
            if prefixed is not None:
                when, body = prefixed, clean_body(rest)
        now = self.clock.now()
        day = when.day if when else now.date()
        created_at = now
        if when is not None and when.time is not None:
            created_at = datetime.combine(when.day, when.time, tzinfo=now.tzinfo)
        with write_transaction(self.conn) as conn:
            book = self._writable_notebook(notebook)
            entry_id = repo.insert_entry(
                conn,
                uuid=str(uuidlib.uuid4()),
                notebook_id=book.id,
                day=day,
                created_at=created_at,
                body=body,
                starred=starred,
            )
            repo.set_entry_tags(conn, entry_id, extract_tags(body))
        return self._entry(entry_id)

    def list(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        tags: tuple[str, ...] = (),
        notebook: str | None = None,
        starred: bool = False,
        limit: int | None = None,
    ) -> list[Entry]:
        if limit is not None and limit < 1:
            raise UsageError(f"-n must be a positive number, not {limit}")
        if start and end and start > end:
            raise UsageError(f"--from {start} is after --to {end}; swap them")
        notebook_id = self.notebook(notebook).id if notebook else None
        flt = EntryFilter(
            start=start,
            end=end,
            tags=tuple(nfc(t).lstrip("#") for t in tags),
            notebook_id=notebook_id,
            starred=starred,
            limit=limit,
        )
        return repo.list_entries(self.conn, flt)

    def trash(self) -> list[Entry]:
        return repo.list_entries(self.conn, EntryFilter(deleted=True))

    def get(self, ref: str | int, *, include_deleted: bool = False) -> Entry:
        entry_id = self._resolve(ref)
        entry = self._entry(entry_id)
        if entry.deleted_at is not None and not include_deleted:
            raise EntryNotFound(str(ref), deleted=True)
        return entry

    def edit(self, ref: str | int, text: str) -> Entry | None:
        """Replace an entry's body, keeping the old one as a revision. None if nothing changed."""
        entry = self.get(ref)
        self._check_writable(entry)
        body = clean_body(text)
        if body == entry.body:
            return None
        with write_transaction(self.conn) as conn:
            repo.replace_body(conn, entry, body, self.clock.now())
            repo.set_entry_tags(conn, entry.id, extract_tags(body))
        return self._entry(entry.id)

    def delete(self, ref: str | int) -> Entry:
        entry = self.get(ref)
        self._check_writable(entry)
        with write_transaction(self.conn) as conn:
            repo.set_deleted(conn, entry.id, self.clock.now())
        return self._entry(entry.id)

    def restore(self, ref: str | int) -> Entry:
        entry = self.get(ref, include_deleted=True)
        if entry.deleted_at is None:
            raise UsageError(f"entry {ref} is not in the trash")
        with write_transaction(self.conn) as conn:
            repo.set_deleted(conn, entry.id, None)
        return self._entry(entry.id)

    def star(self, ref: str | int, starred: bool = True) -> Entry:
        entry = self.get(ref)
        self._check_writable(entry)
        with write_transaction(self.conn) as conn:
            repo.set_starred(conn, entry.id, starred)
        return self._entry(entry.id)

    def move(self, ref: str | int, notebook: str) -> Entry:
        entry = self.get(ref)
        self._check_writable(entry)
        with write_transaction(self.conn) as conn:
            target = self._writable_notebook(notebook)
            repo.set_notebook(conn, entry.id, target.id)
        return self._entry(entry.id)

    def history(self, ref: str | int) -> list[Revision]:
        return repo.revisions(self.conn, self.get(ref, include_deleted=True))

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Notes matching `query`, newest first, each with a highlighted snippet."""
        from journal.quicksearch import search

        return search(self.conn, query, limit=limit)

    # -- notebooks ----------------------------------------------------------------------------

    def notebooks(self) -> list[NotebookInfo]:
        books = repo.notebooks(self.conn)
        if not books:
            self._default_notebook()
            books = repo.notebooks(self.conn)
        return books

    def notebook(self, name: str) -> NotebookInfo:
        found = repo.notebook_by_name(self.conn, nfc(name).strip())
        if found is None:
            raise NotebookNotFound(name)
        return found

    def add_notebook(self, name: str, description: str = "") -> NotebookInfo:
        name = nfc(name).strip()
        if not name:
            raise UsageError("a notebook needs a name, e.g. journal notebook add Work")
        if len(name) > MAX_NOTEBOOK_NAME or "\x00" in name or "\n" in name:
            raise UsageError(f"a notebook name is one line of at most {MAX_NOTEBOOK_NAME} characters")
        with write_transaction(self.conn) as conn:
            if repo.notebook_by_name(conn, name) is not None:
                raise UsageError(f"a notebook named {name!r} already exists")
            repo.insert_notebook(conn, name, self.clock.now(), description=description)
        return self.notebook(name)

    # -- days ---------------------------------------------------------------------------------

    def day_counts(self, start: date, end: date, notebook: str | None = None) -> dict[date, int]:
        notebook_id = self.notebook(notebook).id if notebook else None
        return repo.day_counts(self.conn, start, end, notebook_id)

    def current_streak(self) -> int:
        """Days in a row with a note, ending today (or yesterday, if today has none yet)."""
        today = self.today()
        run = repo.current_run(self.conn, today)
        if run is None:
            return 0
        first, last = run
        if last < today - timedelta(days=1):
            return 0
        return (last - first).days + 1

    # -- drafts -------------------------------------------------------------------------------

    def save_draft(self, slot: str, body: str, *, day: date | None = None, entry_id: int | None = None) -> None:
        with write_transaction(self.conn) as conn:
            if body.strip():
                repo.save_draft(conn, Draft(slot, nfc(body), self.clock.now(), day, entry_id))
            else:
                repo.delete_draft(conn, slot)

    def discard_draft(self, slot: str) -> None:
        with write_transaction(self.conn) as conn:
            repo.delete_draft(conn, slot)

    def drafts(self) -> list[Draft]:
        return repo.get_drafts(self.conn)

    # -- helpers ------------------------------------------------------------------------------

    def _entry(self, entry_id: int) -> Entry:
        entry = repo.get_entry(self.conn, entry_id)
        if entry is None:
            raise EntryNotFound(str(entry_id))
        return entry

    def _resolve(self, ref: str | int) -> int:
        text = str(ref).strip().lstrip("#").lower()
        if text.isdigit():
            return int(text)
        if _UUID_PREFIX.match(text):
            ids = repo.entry_ids_by_uuid_prefix(self.conn, text)
            if len(ids) == 1:
                return ids[0]
            if len(ids) > 1:
                raise UsageError(f"the id {ref!r} matches more than one entry; give more of the uuid")
        raise EntryNotFound(str(ref))

    def _default_notebook(self) -> NotebookInfo:
        name = self.config.default_notebook
        found = repo.notebook_by_name(self.conn, name)
        if found is not None:
            return found
        repo.insert_notebook(self.conn, name, self.clock.now())
        found = repo.notebook_by_name(self.conn, name)
        assert found is not None
        return found

    def _writable_notebook(self, name: str | None) -> NotebookInfo:
        book = self.notebook(name) if name else self._default_notebook()
        if book.read_only:
            raise ReadOnlyNotebook(book.name)
        return book

    def _check_writable(self, entry: Entry) -> None:
        if entry.read_only:
            raise ReadOnlyNotebook(entry.notebook)
