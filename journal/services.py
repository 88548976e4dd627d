"""Use cases: what the CLI and the TUI can do to a journal. Owns transactions; knows no UI."""

from __future__ import annotations

import os
import re
import sqlite3
import uuid as uuidlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from journal import repository as repo
from journal.clock import Clock
from journal.config import DB_NAME, Config, ensure_home, load_config
from journal.dates import When, parse_when, split_when_prefix
from journal.db import open_database, write_transaction
from journal.errors import EntryNotFound, NotebookNotFound, ReadOnlyNotebook, UsageError
from journal.prompts import Prompt, PromptStatus
from journal.records import DoctorReport, Draft, Entry, EntryFilter, NotebookInfo, Revision, SearchHit
from journal.text import TAG_MARKERS, clean_body, extract_tags, has_hangul, nfc

if TYPE_CHECKING:
    from journal.backup import BackupInfo
    from journal.digest import Digest, Week
    from journal.interchange import ImportedNote, ImportReport
    from journal.interchange.native import NativeImport

INDEX_DIR = "index"
SEED_STATE = "seed.masterclass"  # "added" or "removed": a removal must stick
PROMPTS_SEEDED = "seed.prompts"
STARTED_ON = "started_on"
INDEX_BIRTH = "index.birth"  # the id of the search index this database last wrote to
INDEX_GENERATION = "index.generation"  # the highest commit generation of that index it has seen
SEOUL_OFFSET = timezone(timedelta(hours=9))  # where and when the masterclass took place


_UUID_PREFIX = re.compile(r"^[0-9a-f]{6,}(-[0-9a-f-]*)?$")
MAX_NOTEBOOK_NAME = 100


class Journal:
    """One journal home: its settings, its database, its clock."""

    def __init__(
        self,
        home: Path,
        *,
        clock: Clock | None = None,
        config: Config | None = None,
        shared: bool = False,
        index_on_write: bool = True,
    ) -> None:
        """`index_on_write=False` leaves writes pending for the next search (the CLI: importing Whoosh
        and writing a segment would more than double the cost of `journal add`)."""
        os.umask(0o077)  # every file the journal writes (database, index, backups) is private to the user
        self.home = ensure_home(home)
        self.config = config if config is not None else load_config(self.home)
        self.clock = clock or Clock()
        self._shared = shared
        self._index_on_write = index_on_write
        self._conn: sqlite3.Connection | None = None
        self._index = None  # journal.search.SearchIndex, imported only when search is used
        self.notices: list[str] = []  # things the user should hear about, e.g. an index rebuilt

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = open_database(self.home / DB_NAME, shared=self._shared)
            self._first_open_setup(self._conn)
        return self._conn

    def _first_open_setup(self, conn: sqlite3.Connection) -> None:
        """A new journal gets its start date, the masterclass notebook and the prompt set, once."""
        if repo.get_meta(conn, SEED_STATE) is not None:
            return
        with write_transaction(conn):
            if repo.get_meta(conn, SEED_STATE) is not None:
                return  # another process set it up while we waited for the lock
            started = repo.first_day(conn) or self.today()
            repo.set_meta(conn, STARTED_ON, min(started, self.today()).isoformat())
            self._default_notebook()
            self._insert_seed_notebook(conn)
            self._insert_seed_prompts(conn)
            repo.set_meta(conn, SEED_STATE, "added")

    @property
    def db_path(self) -> Path:
        return self.home / DB_NAME

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None
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
        return self._write_note(body, when, notebook, starred=starred)

    def _write_note(
        self,
        body: str,
        when: When | None,
        notebook: str | None,
        *,
        starred: bool = False,
        prompt_id: str | None = None,
        also: Callable[[sqlite3.Connection, int], None] | None = None,
    ) -> Entry:
        """Insert a cleaned note with its tags, queue it for the index; `also` runs in the same transaction."""
        now = self.clock.now()
        day = when.day if when else now.date()
        created_at = datetime.combine(day, when.time, tzinfo=now.tzinfo) if when and when.time else now
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
                prompt_id=prompt_id,
            )
            repo.set_entry_tags(conn, entry_id, extract_tags(body))
            repo.queue_for_index(conn, entry_id, now)
            if also is not None:
                also(conn, entry_id)
        self._after_write()
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
            tags=tuple(nfc(t).lstrip(TAG_MARKERS) for t in tags),
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
            repo.queue_for_index(conn, entry.id, self.clock.now())
        self._after_write()
        return self._entry(entry.id)

    def delete(self, ref: str | int) -> Entry:
        entry = self.get(ref)
        self._check_writable(entry)
        with write_transaction(self.conn) as conn:
            repo.set_deleted(conn, entry.id, self.clock.now())
            repo.queue_for_index(conn, entry.id, self.clock.now())
        self._after_write()
        return self._entry(entry.id)

    def restore(self, ref: str | int) -> Entry:
        entry = self.get(ref, include_deleted=True)
        if entry.deleted_at is None:
            raise UsageError(f"entry {ref} is not in the trash")
        with write_transaction(self.conn) as conn:
            repo.set_deleted(conn, entry.id, None)
            repo.queue_for_index(conn, entry.id, self.clock.now())
        self._after_write()
        return self._entry(entry.id)

    def star(self, ref: str | int, starred: bool = True) -> Entry:
        entry = self.get(ref)
        self._check_writable(entry)
        with write_transaction(self.conn) as conn:
            repo.set_starred(conn, entry.id, starred)
            repo.queue_for_index(conn, entry.id, self.clock.now())
        self._after_write()
        return self._entry(entry.id)

    def move(self, ref: str | int, notebook: str) -> Entry:
        entry = self.get(ref)
        self._check_writable(entry)
        with write_transaction(self.conn) as conn:
            target = self._writable_notebook(notebook)
            repo.set_notebook(conn, entry.id, target.id)
            repo.queue_for_index(conn, entry.id, self.clock.now())
        self._after_write()
        return self._entry(entry.id)

    def history(self, ref: str | int) -> list[Revision]:
        return repo.revisions(self.conn, self.get(ref, include_deleted=True))

    # -- search -------------------------------------------------------------------------------

    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        """Notes matching the query language, best first (ties newest first), with highlighted snippets."""
        from journal.query import parse_query
        from journal.search import indexed_text, snippet

        if limit < 1:
            raise UsageError(f"-n must be a positive number, not {limit}")
        query = parse_query(text, self.today())
        index = self._search_index()
        self.sync_index()
        found: dict[int, Entry] = {}

        def texts(ids: list[int]) -> dict[int, str]:
            missing = [i for i in ids if i not in found]
            if missing:  # a widened search can ask for thousands: chunked under SQLite's parameter limit
                found.update((e.id, e) for e in repo.entries_by_ids(self.conn, missing))
            return {i: indexed_text(found[i]) for i in ids if i in found}

        ranked = index.search(query, limit, texts)
        texts([i for i, _ in ranked])
        hits = []
        for entry_id, score in ranked:
            entry = found.get(entry_id)
            if entry is not None:
                text_, spans = snippet(entry.body, query)
                hits.append(SearchHit(entry, text_, spans, score))
        stale = [entry_id for entry_id, _ in ranked if entry_id not in found]
        if stale:  # gone from the database (e.g. the seed notebook removed): heal the index
            self._remove_from_index(stale)
        # Equal scores: newest first (by the note's day, then when it was written).
        hits.sort(key=lambda h: (-round(h.score, 6), -h.entry.day.toordinal(), -h.entry.created_at.timestamp()))
        return hits

    def _after_write(self) -> None:
        if self._index_on_write:
            self.sync_index()

    def sync_index(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Index what is pending. If the index is busy, it stays pending for the next command."""
        pending = repo.pending_for_index(self.conn)
        if not pending:
            return
        from journal.search import IndexUnavailable

        index = self._existing_index()
        if index is None:
            return
        ids = [entry_id for entry_id, _ in pending]
        live = repo.live_ids_among(self.conn, ids)

        def entries() -> Iterator[Entry]:
            for done, entry in enumerate(repo.entries_by_ids(self.conn, [i for i in ids if i in live]), 1):
                yield entry
                if progress and done % 1000 == 0:
                    progress(done, len(live))

        try:
            index.update(entries(), [i for i in ids if i not in live])
        except IndexUnavailable as exc:
            self.notices.append(f"{exc}; {len(ids)} note(s) will be indexed by the next command")
            return
        with write_transaction(self.conn) as conn:
            repo.clear_pending(conn, pending)
            _record_index(conn, index, rebuilt=False)

    def rebuild_index(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the search index from SQLite. Returns the number of notes indexed."""
        from journal.search import SearchIndex

        # The notes are read through connections of their own, which see only what is committed.
        assert not self.conn.in_transaction, "a rebuild inside a transaction would miss its notes"
        index = self._index if self._index is not None else SearchIndex(self.home / INDEX_DIR)
        total = repo.count_live_entries(self.conn)
        pending_before = repo.pending_for_index(self.conn)
        count = index.rebuild(
            repo.live_ids_newest_first(self.conn),
            partial(repo.entries_in_file, self.db_path),
            (lambda done: progress(done, total)) if progress else None,
        )
        with write_transaction(self.conn) as conn:
            repo.clear_pending(conn, pending_before)
            _record_index(conn, index, rebuilt=True)
        self._index = index
        return count

    def doctor(self) -> DoctorReport:
        """Check the database, make the index agree with it, and tighten file modes."""
        actions: list[str] = []
        notes: list[str] = []
        integrity = repo.integrity_problems(self.conn)
        notes.append("database integrity: " + ("ok" if not integrity else f"{len(integrity)} problem(s)"))
        index = self._search_index()  # rebuilds a missing or unreadable index, with a notice
        actions.extend(self.notices)
        self.notices.clear()
        self.sync_index()
        indexed = index.ids()
        live = repo.live_entry_ids(self.conn)
        missing, extra = live - indexed, indexed - live
        if missing or extra:
            index.update(repo.entries_by_ids(self.conn, list(missing)), extra)
            actions.append(f"search index: added {len(missing)} missing note(s), removed {len(extra)} stale one(s)")
        else:
            notes.append(f"search index: agrees with the database ({len(live)} notes)")
        actions.extend(_tighten_modes(self.home))
        return DoctorReport(integrity, actions, notes)

    def _existing_index(self):  # type: ignore[no-untyped-def]
        """The index if one exists, else None: building one can take minutes, so writes never do it."""
        if self._index is None and not self._index_on_disk():
            return None
        return self._search_index()

    def _index_on_disk(self) -> bool:
        from journal.search import SearchIndex

        return SearchIndex(self.home / INDEX_DIR).exists()

    def _search_index(self):  # type: ignore[no-untyped-def]
        """The open index; a missing or corrupt one is rebuilt from SQLite, with a notice."""
        if self._index is not None:
            return self._index
        from journal.search import SearchIndex

        index = SearchIndex(self.home / INDEX_DIR)
        reason = None
        if not index.exists():
            reason = "was missing"
        else:
            try:
                index.check()
                reason = self._index_mismatch(index)
            except Exception as exc:  # Whoosh raises many kinds for a damaged index; all mean "rebuild"
                index.close()
                reason = f"could not be read ({type(exc).__name__})"
        if reason is not None:
            # A journal whose every note is still pending never had an index: building it is no news.
            never_indexed = reason == "was missing" and repo.count_live_entries(self.conn) <= len(
                repo.pending_for_index(self.conn)
            )
            self._index = index
            count = self.rebuild_index()
            if not never_indexed:
                self.notices.append(f"The search index {reason}; rebuilt it from the database ({count:,} notes).")
            return index
        self._index = index
        return index

    # -- import, export, backup ---------------------------------------------------------------

    def import_notes(
        self,
        notes: list[ImportedNote],
        *,
        notebook: str | None = None,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportReport:
        """Add notes read from another tool, all or nothing, skipping any already here (same uuid, or
        same minute and text). A dry run does the same work and then rolls it back."""
        from journal.interchange import ImportReport

        report = ImportReport(notebook=nfc(notebook).strip() if notebook else self.config.default_notebook)
        with self._import_transaction(dry_run) as conn:
            if repo.notebook_by_name(conn, report.notebook) is None:
                self.add_notebook_in(conn, report.notebook)
                report.notebook_created = True
            book = self._writable_notebook(report.notebook)
            report.notebook = book.name
            present = set(repo.entry_ids_by_uuid(conn, [n.uuid for n in notes if n.uuid]))
            days = [n.day for n in notes]
            one = timedelta(days=1)
            keys = repo.note_keys(conn, min(days) - one, max(days) + one) if days else set()
            now = self.clock.now()
            for done, item in enumerate(notes, 1):
                key = (repo.stamp(item.created_at)[:16], item.body)
                if (item.uuid and item.uuid in present) or key in keys:
                    report.duplicates += 1
                    continue
                keys.add(key)
                if item.uuid:
                    present.add(item.uuid)
                entry_id = repo.insert_entry(
                    conn,
                    uuid=item.uuid or str(uuidlib.uuid4()),
                    notebook_id=book.id,
                    day=item.day,
                    created_at=item.created_at,
                    body=item.body,
                    starred=item.starred,
                )
                repo.set_entry_tags(conn, entry_id, extract_tags(item.body))
                repo.queue_for_index(conn, entry_id, now)
                report.added.append(item)
                if progress and done % 1000 == 0:
                    progress(done, len(notes))
        if not dry_run:
            self._after_write()
        return report

    def import_journal(self, data: dict[str, object], *, dry_run: bool = False) -> NativeImport:
        """Add a journal exported with `--format json` (a restore, into a journal with no notes yet)."""
        from journal.interchange.native import load

        with self._import_transaction(dry_run) as conn:
            result = load(conn, data)
            now = self.clock.now()
            for entry_id in result.added_ids or []:
                repo.queue_for_index(conn, entry_id, now)
        if not dry_run:
            self._after_write()
        return result

    @contextmanager
    def _import_transaction(self, dry_run: bool) -> Iterator[sqlite3.Connection]:
        if not dry_run:
            with write_transaction(self.conn) as conn:
                yield conn
            return
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        finally:
            conn.execute("ROLLBACK")

    def export_json(self, entries: list[Entry] | None = None) -> dict[str, object]:
        """The lossless export: everything (trash and revisions included), or just `entries` and the
        notebooks, prompts and facts around them."""
        from journal.interchange.native import dump

        ids = None if entries is None else {e.id for e in entries}
        return dump(self.conn, ids, self.clock.now())

    def index_now(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Bring the search index up to date now, building it if there is none (after an import, so the
        next search is not the one that waits)."""
        if self._existing_index() is None:
            self.rebuild_index(progress)
        else:
            self.sync_index(progress)

    def backup(self, target: Path | None = None, *, keep: int = 10) -> tuple[BackupInfo, list[Path]]:
        """A consistent copy of the database; by default timestamped in backups/, keeping the newest `keep`."""
        from journal.backup import BACKUP_DIR, backup_to, default_backup_path, prune

        if keep < 1:
            raise UsageError(f"--keep must be at least 1, not {keep}")
        if target is None:
            info = backup_to(self.conn, default_backup_path(self.home / BACKUP_DIR, self.clock.now()))
            return info, prune(self.home / BACKUP_DIR, keep)
        if target.is_dir():
            target = default_backup_path(target, self.clock.now())
        return backup_to(self.conn, target), []

    def restore_backup(
        self, source: Path, progress: Callable[[int, int], None] | None = None
    ) -> tuple[BackupInfo, Path]:
        """Replace the journal with a checked backup, keeping the journal as it was in backups/ first.
        The search index is rebuilt to match (if there is one)."""
        from journal.backup import BACKUP_DIR, backup_to, check_backup, copy_damaged, replace_file, restore_into
        from journal.errors import StorageError

        info = check_backup(source)
        keep = self.home / BACKUP_DIR / f"journal-before-restore-{self.clock.now():%Y%m%d-%H%M%S}.db"
        try:
            conn = self.conn
        except StorageError:  # the database is too damaged to open: keep its files and swap in the backup
            copy_damaged(self.db_path, keep)
            replace_file(self.db_path, source)
        else:
            backup_to(conn, keep)
            restore_into(conn, source)
        self.close()
        self.conn  # noqa: B018 - reopen: upgrades an older backup to this version's schema
        if self._index_on_disk():  # rebuilt as is: the restored database does not describe this index
            self.rebuild_index(progress)
        return info, keep

    def _index_mismatch(self, index) -> str | None:  # type: ignore[no-untyped-def]
        """Why `index` is not the index this database last wrote to (say, a copy restored from a backup,
        missing the notes written since), or None. The database is read first: an index is written before
        its generation is recorded, so a process writing meanwhile cannot make the two look out of step."""
        known_birth = repo.get_meta(self.conn, INDEX_BIRTH)
        known_generation = int(repo.get_meta(self.conn, INDEX_GENERATION) or 0)
        birth = index.birth()
        if known_birth is None:  # an index from before indexes had ids: adopt it
            if birth is None:
                index.give_birth()
            with write_transaction(self.conn) as conn:
                _record_index(conn, index, rebuilt=True)
            return None
        if birth != known_birth:
            return "was not the one this journal last wrote (a copy from elsewhere or from a backup)"
        if index.generation() < known_generation:
            return "was older than the database (restored from a backup?)"
        return None

    # -- notebooks ----------------------------------------------------------------------------

    def notebooks(self) -> list[NotebookInfo]:
        return repo.notebooks(self.conn)

    def notebook(self, name: str) -> NotebookInfo:
        found = repo.notebook_by_name(self.conn, nfc(name).strip())
        if found is None:
            raise NotebookNotFound(name)
        return found

    def add_notebook(self, name: str, description: str = "") -> NotebookInfo:
        name = nfc(name).strip()
        with write_transaction(self.conn) as conn:
            self.add_notebook_in(conn, name, description)
        return self.notebook(name)

    def add_notebook_in(self, conn: sqlite3.Connection, name: str, description: str = "") -> None:
        if not name:
            raise UsageError("a notebook needs a name, e.g. journal notebook add Work")
        if len(name) > MAX_NOTEBOOK_NAME or "\x00" in name or "\n" in name:
            raise UsageError(f"a notebook name is one line of at most {MAX_NOTEBOOK_NAME} characters")
        if repo.notebook_by_name(conn, name) is not None:
            raise UsageError(f"a notebook named {name!r} already exists")
        repo.insert_notebook(conn, name, self.clock.now(), description=description)

    # -- days ---------------------------------------------------------------------------------

    def latest_day(self, notebook: str | None = None, on_or_before: date | None = None) -> date | None:
        """The newest day with a live note (in a notebook), not after `on_or_before`."""
        notebook_id = self.notebook(notebook).id if notebook else None
        return repo.latest_day(self.conn, on_or_before or self.today(), notebook_id)

    def day_counts(self, start: date, end: date, notebook: str | None = None) -> dict[date, int]:
        notebook_id = self.notebook(notebook).id if notebook else None
        return repo.day_counts(self.conn, start, end, notebook_id)

    def current_streak(self) -> int:
        """Days in a row with a note, ending today (or yesterday, if today has none yet)."""
        from journal.digest import current_streak

        return current_streak(set(repo.written_days(self.conn)), self.today())

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

    # -- looking back -------------------------------------------------------------------------

    def week(self, text: str | None = None) -> Week:
        from journal.digest import parse_week, week_of

        start = self.config.week_start_index
        return parse_week(text, start, self.parse_day) if text else week_of(self.today(), start)

    def digest(self, week: Week | None = None) -> Digest:
        from journal.digest import Digest, OnThisDay, countable, is_built, on_this_day_dates, streak, week_stats

        week = week or self.week()
        entries = countable(repo.list_entries(self.conn, EntryFilter(start=week.start, end=week.end)))
        before = countable(
            repo.list_entries(
                self.conn, EntryFilter(start=week.start - timedelta(days=7), end=week.end - timedelta(days=7))
            )
        )
        build_prompts = {p.id for p in repo.prompts(self.conn) if p.kind == "build"}
        built = [e for e in entries if is_built(e, self.config.build_tag_keys, build_prompts)]
        by_day = [
            (week.start + timedelta(days=i), [e for e in entries if e.day == week.start + timedelta(days=i)])
            for i in range(7)
        ]
        reference = min(self.today(), week.end)
        first = repo.first_day(self.conn)
        on_this_day = []
        for label, day in on_this_day_dates(reference, first):
            found = countable(repo.list_entries(self.conn, EntryFilter(start=day, end=day)))
            if found:
                on_this_day.append(OnThisDay(label, day, found))
        return Digest(
            week=week,
            built=built,
            days=by_day,
            stats=week_stats(entries),
            previous=week_stats(before),
            streak=streak(repo.written_days(self.conn), reference),
            on_this_day=on_this_day,
        )

    def save_digest(self, week: Week | None = None) -> Entry:
        """Store the week's digest as a note tagged #digest; saving again updates that note."""
        from journal.digest import render_markdown

        digest = self.digest(week)
        body = render_markdown(digest).rstrip() + "\n\n#digest"
        key = f"digest.{digest.week.label}"
        existing = repo.get_meta(self.conn, key)
        if existing is not None:
            entry = repo.get_entry(self.conn, int(existing))
            if entry is not None and entry.deleted_at is None:
                return self.edit(entry.id, body) or entry
        day = min(self.today(), digest.week.end)
        entry = self.add(body, when=When(day), parse_prefix=False)
        with write_transaction(self.conn) as conn:
            repo.set_meta(conn, key, str(entry.id))
        return entry

    def stats(self) -> dict[str, object]:
        from journal.digest import streak

        days = repo.written_days(self.conn)
        today = self.today()
        s = streak(days, today)
        per_weekday = repo.notes_per_weekday(self.conn)
        year_start = today - timedelta(days=364)
        return {
            "total_notes": repo.count_writable_entries(self.conn),
            "first_note": days[0].isoformat() if days else None,
            "days_written": len(days),
            "streak": s.to_json(),
            "notes_per_weekday": {
                name: per_weekday.get(i, 0) for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
            },
            "top_tags": [{"tag": t, "count": n} for t, n in repo.top_tags(self.conn, 10)],
            "year": {d.isoformat(): n for d, n in self.day_counts(year_start, today).items()},
        }

    # -- the seed notebook --------------------------------------------------------------------

    def seed(self) -> int:
        """Add the masterclass notebook if it is not there. Returns the number of entries added."""
        with write_transaction(self.conn) as conn:
            added = self._insert_seed_notebook(conn)
            self._insert_seed_prompts(conn)
            repo.set_meta(conn, SEED_STATE, "added")
        self._after_write()
        return added

    def remove_seed(self) -> int:
        """Remove the masterclass notebook (it stays removed). Returns the number of entries removed."""
        from journal.seeds import MASTERCLASS_NOTEBOOK

        with write_transaction(self.conn) as conn:
            book = repo.notebook_by_name(conn, MASTERCLASS_NOTEBOOK)
            removed = repo.delete_notebook_with_entries(conn, book.id) if book else []
            repo.set_meta(conn, SEED_STATE, "removed")
        if removed and self._index_on_write:
            self._remove_from_index(removed)
        return len(removed)  # otherwise the next search drops them from the index (see search())

    def _insert_seed_notebook(self, conn: sqlite3.Connection) -> int:
        from journal.seeds import load_masterclass

        seed = load_masterclass()
        if repo.notebook_by_name(conn, seed.name) is not None:
            return 0
        book_id = repo.insert_notebook(conn, seed.name, self.clock.now(), description=seed.description, read_only=True)
        written = datetime.combine(seed.day, datetime.min.time(), tzinfo=SEOUL_OFFSET).replace(hour=14)
        for number, item in enumerate(seed.entries, 1):
            entry_id = repo.insert_entry(
                conn,
                uuid=str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"journal-seed:masterclass-week8:{number}")),
                notebook_id=book_id,
                day=seed.day,
                created_at=written,
                body=item.body,
                starred=False,
            )
            repo.set_entry_tags(conn, entry_id, extract_tags(item.body))
            repo.queue_for_index(conn, entry_id, self.clock.now())
        return len(seed.entries)

    def _insert_seed_prompts(self, conn: sqlite3.Connection) -> None:
        from journal.prompts import Prompt
        from journal.seeds import load_prompt_specs

        if repo.get_meta(conn, PROMPTS_SEEDED):
            return
        for spec in load_prompt_specs():
            prompt = Prompt(spec.id, spec.ko, spec.en, spec.rrule, spec.slot, spec.kind, source="seed")
            repo.insert_prompt(conn, prompt, self.clock.now())
        repo.set_meta(conn, PROMPTS_SEEDED, "1")

    def _remove_from_index(self, ids: list[int]) -> None:
        from journal.search import IndexUnavailable

        index = self._existing_index()
        if index is None:
            return
        try:
            index.update([], ids)
        except IndexUnavailable as exc:
            self.notices.append(f"{exc}; run 'journal doctor' to remove the seed notes from search")

    # -- prompts ------------------------------------------------------------------------------

    def start_day(self) -> date:
        stored = repo.get_meta(self.conn, STARTED_ON)
        return date.fromisoformat(stored) if stored else (repo.first_day(self.conn) or self.today())

    def prompts_on(self, day: date | None = None, *, include_all: bool = False) -> list[PromptStatus]:
        """Prompts whose current occurrence falls on or shortly before `day` (all prompts with include_all)."""
        from journal.prompts import GRACE_DAYS, status_on

        day = day or self.today()
        start = self.start_day()
        events = repo.prompt_events(self.conn, day - timedelta(days=GRACE_DAYS + 366))
        statuses = [status_on(p, start, day, events) for p in repo.prompts(self.conn)]
        if include_all:
            return statuses
        return [s for s in statuses if s.occurrence is not None and not s.prompt.paused and (s.due or s.answered)]

    def prompt(self, prompt_id: str) -> Prompt:
        found = repo.get_prompt(self.conn, prompt_id.strip())
        if found is None:
            raise UsageError(f"no prompt with id {prompt_id!r}; 'journal prompts --all' lists them")
        return found

    def answer(self, prompt_id: str, text: str, *, when: When | None = None, notebook: str | None = None) -> Entry:
        """Save an entry that answers a prompt; the prompt is then not due until its next occurrence."""
        from journal.prompts import PromptEvent

        prompt = self.prompt(prompt_id)
        body = clean_body(text)
        occurrence = self._occurrence(prompt, when.day if when else self.today())

        def record_answer(conn: sqlite3.Connection, entry_id: int) -> None:
            event = PromptEvent(prompt.id, occurrence, "answered")
            repo.insert_prompt_event(conn, event, self.clock.now(), entry_id)

        return self._write_note(body, when, notebook, prompt_id=prompt.id, also=record_answer)

    def skip(self, prompt_id: str, day: date | None = None) -> PromptStatus:
        return self._prompt_event(prompt_id, "skipped", day or self.today(), None)

    def snooze(self, prompt_id: str, until: date | None = None) -> PromptStatus:
        from journal.prompts import default_snooze

        day = self.today()
        until = until or default_snooze(day)
        if until <= day:
            raise UsageError(f"--until {until} is not after today ({day}); pick a later day")
        return self._prompt_event(prompt_id, "snoozed", day, until)

    def _prompt_event(self, prompt_id: str, action: str, day: date, until: date | None) -> PromptStatus:
        from journal.prompts import PromptEvent, status_on

        prompt = self.prompt(prompt_id)
        occurrence = self._occurrence(prompt, day)
        with write_transaction(self.conn) as conn:
            repo.insert_prompt_event(conn, PromptEvent(prompt.id, occurrence, action, until), self.clock.now())
        events = repo.prompt_events(self.conn, occurrence)
        return status_on(prompt, self.start_day(), day, events)

    def _occurrence(self, prompt: Prompt, day: date) -> date:
        """The occurrence an answer, skip or snooze on `day` applies to (the day itself before the first)."""
        from journal.prompts import latest_occurrence

        return latest_occurrence(prompt.rrule, self.start_day(), day) or day

    def add_prompt(self, text: str, rrule: str, *, slot: str = "any", prompt_id: str | None = None) -> Prompt:
        from journal.prompts import SLOTS, Prompt, validate_rrule
        from journal.seeds import is_prompt_id

        body = clean_body(text)
        rule = validate_rrule(rrule)
        if slot not in SLOTS:
            raise UsageError(f"--slot must be one of {', '.join(SLOTS)}, not {slot!r}")
        with write_transaction(self.conn) as conn:
            if prompt_id is None:
                taken = {p.id for p in repo.prompts(conn)}
                prompt_id = next(f"my-{n}" for n in range(1, len(taken) + 2) if f"my-{n}" not in taken)
            elif not is_prompt_id(prompt_id):
                raise UsageError(f"a prompt id is lowercase letters, digits and dashes, not {prompt_id!r}")
            elif repo.get_prompt(conn, prompt_id) is not None:
                raise UsageError(f"a prompt with id {prompt_id!r} already exists")
            korean = has_hangul(body)
            prompt = Prompt(prompt_id, body if korean else "", "" if korean else body, rule, slot)
            repo.insert_prompt(conn, prompt, self.clock.now())
        return prompt

    def edit_prompt(
        self, prompt_id: str, *, text: str | None = None, rrule: str | None = None, slot: str | None = None
    ) -> Prompt:
        from dataclasses import replace

        from journal.prompts import SLOTS, validate_rrule

        prompt = self.prompt(prompt_id)
        if text is not None:
            body = clean_body(text)
            prompt = replace(prompt, text_ko=body) if has_hangul(body) else replace(prompt, text_en=body)
        if rrule is not None:
            prompt = replace(prompt, rrule=validate_rrule(rrule))
        if slot is not None:
            if slot not in SLOTS:
                raise UsageError(f"--slot must be one of {', '.join(SLOTS)}, not {slot!r}")
            prompt = replace(prompt, slot=slot)
        with write_transaction(self.conn) as conn:
            repo.update_prompt(conn, prompt)
        return prompt

    def set_prompt_paused(self, prompt_id: str, paused: bool) -> Prompt:
        from dataclasses import replace

        prompt = replace(self.prompt(prompt_id), paused=paused)
        with write_transaction(self.conn) as conn:
            repo.update_prompt(conn, prompt)
        return prompt

    def delete_prompt(self, prompt_id: str) -> Prompt:
        """Delete a prompt. Its answers stay, no longer linked to it."""
        prompt = self.prompt(prompt_id)
        with write_transaction(self.conn) as conn:
            for entry_id in [r[0] for r in conn.execute("SELECT id FROM entries WHERE prompt_id = ?", (prompt.id,))]:
                repo.queue_for_index(conn, entry_id, self.clock.now())
            repo.delete_prompt(conn, prompt.id)
        self._after_write()
        return prompt

    # -- helpers ------------------------------------------------------------------------------

    def _entry(self, entry_id: int) -> Entry:
        entry = repo.get_entry(self.conn, entry_id)
        if entry is None:
            raise EntryNotFound(str(entry_id))
        return entry

    def _resolve(self, ref: str | int) -> int:
        text = str(ref).strip().lstrip("#").lower()
        # Digits are an id, unless no note has that id and they are a uuid prefix (a uuid can start
        # with eight digits: 1 in 40 notes).
        if text.isdigit() and (not _UUID_PREFIX.match(text) or repo.get_entry(self.conn, int(text)) is not None):
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
        conn = self.conn
        found = repo.notebook_by_name(conn, name)
        if found is not None:
            return found
        repo.insert_notebook(conn, name, self.clock.now())
        found = repo.notebook_by_name(conn, name)
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


def _record_index(conn: sqlite3.Connection, index, *, rebuilt: bool) -> None:  # type: ignore[no-untyped-def]
    """Remember which index this database writes to, and the newest generation of it written."""
    birth, generation = index.birth(), index.generation()
    known_birth = repo.get_meta(conn, INDEX_BIRTH)
    if rebuilt or known_birth is None:
        repo.set_meta(conn, INDEX_BIRTH, birth or "")
        repo.set_meta(conn, INDEX_GENERATION, str(generation))
    elif known_birth == birth:
        known = int(repo.get_meta(conn, INDEX_GENERATION) or 0)
        repo.set_meta(conn, INDEX_GENERATION, str(max(known, generation)))


def _tighten_modes(home: Path) -> list[str]:
    """The journal home is 0700 and every file in it 0600; say what had to be fixed."""
    fixed = []
    for folder, _dirs, files in os.walk(home):  # every folder comes up once as `folder`
        for name in [folder, *(os.path.join(folder, f) for f in files)]:
            wanted = 0o700 if name == folder else 0o600
            mode = os.stat(name).st_mode & 0o777
            if mode & 0o077:  # readable or writable by others
                os.chmod(name, wanted)
                fixed.append(f"permissions: {name} was {mode:o}, now {wanted:o}")
    return sorted(fixed)
