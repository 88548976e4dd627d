"""Rebuilding the search index while the journal is in use, and putting right what a killed rebuild or
restore left behind.

- **One rebuild at a time** across processes: an flock on `.index.lock` in the journal home, released
  by the kernel if its holder dies. A second explicit rebuild is told so; a search that needs the index
  rebuilt waits, then finds it fresh.
- **Writes made during a rebuild reach the new index.** The rebuild notes what is queued
  (`index_pending`) and records itself, with the new index's id, under `index.rebuild` in the database,
  in one transaction; the notes it then lists and loads are at least that new. Writers keep writing to
  the old index (searches answer from it until the swap) but leave their notes queued while that record
  exists. The swap waits for the old index's write lock, so no writer is half-way through the old
  folder; after it, in one transaction, the rebuild takes what it covered off the queue (unless queued
  again since), reads what is left and drops its record, then indexes what it read.
- **A rebuild that fails or is interrupted** (Ctrl-C, a full disk) drops its record and leaves the old
  index as it was, with the queue as it was. One that is killed leaves its record: the next open (under
  the lock, so not while it still runs) drops it — recording the new index if it was already swapped in
  — and removes the folders it left.
- **A restore** replaces the database under the index: it first leaves a mark (`.index.stale-…`, a file,
  since the database is about to be replaced). Until a rebuild that started after the mark finishes,
  the next open rebuilds the index.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from journal.db import write_transaction
from journal.errors import DiskFull, RebuildRunning, StorageError, is_disk_full
from journal.repository import entry_rows, meta_rows, pending_rows
from journal.search.lockfile import HomeLock

if TYPE_CHECKING:
    from journal.search.store import SearchIndex
    from journal.services import Journal

INDEX_DIR = "index"
INDEX_BIRTH = "index.birth"  # the id of the search index this database last wrote to
INDEX_GENERATION = "index.generation"  # the highest commit generation of that index it has seen
INDEX_REBUILD = "index.rebuild"  # a rebuild under way: {"birth": the id of the index it builds}
REBUILD_LOCK = ".index.lock"
STALE_MARK = ".index.stale-"


class Rebuilds:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.lock = HomeLock(journal.home / REBUILD_LOCK)
        self.stuck: list[Path] = []  # leftovers that could not be removed (journal doctor reports them)

    @property
    def index_path(self) -> Path:
        return self.journal.home / INDEX_DIR

    @contextlib.contextmanager
    def locked(self, *, wait: bool) -> Iterator[None]:
        """Hold the rebuild lock (waiting for another process's rebuild, or RebuildRunning), having put
        right what a killed one left."""
        if self.lock.held:
            yield
            return
        try:
            got = self.lock.acquire(wait=wait)
        except OSError as exc:
            raise _failed(exc, "the search index cannot be rebuilt", "it is as it was") from None
        if not got:
            raise RebuildRunning()
        try:
            self._recover()
            yield
        finally:
            self.lock.release()

    def run(
        self,
        index: SearchIndex,
        progress: Callable[[int, int], None] | None,
        index_rows: Callable[[SearchIndex, list[tuple[int, str]]], None],
    ) -> int:
        """Rebuild `index` from the database (the lock held) and catch up what was written meanwhile
        with `index_rows`. Returns the number of notes indexed."""
        from journal.search.store import IndexUnavailable

        conn = self.journal.conn
        # The notes are read through connections of their own, which see only what is committed.
        assert not conn.in_transaction, "a rebuild inside a transaction would miss its notes"
        marks = self.stale_marks()
        birth = str(uuid.uuid4())
        total = entry_rows.count_live_entries(conn)
        with _disk_full_means("the search index was not rebuilt; it is as it was"), write_transaction(conn):
            pending_rows.mark_pending_covered(conn)  # what it lists and loads next is at least this new
            meta_rows.set_meta(conn, INDEX_REBUILD, json.dumps({"birth": birth}))
        try:
            count = index.rebuild(
                entry_rows.live_ids_newest_first(conn),
                partial(entry_rows.entries_in_file, self.journal.db_path),
                (lambda done: progress(done, total)) if progress else None,
                birth=birth,
            )
        except BaseException as exc:
            error = _failed(exc, "the search index could not be rebuilt", "it is as it was")
            if isinstance(exc, OSError):
                _let_go(exc)  # on a full disk, the failed writer's files hold their space until closed
            # If this fails too, the next open drops it.
            with contextlib.suppress(sqlite3.Error), write_transaction(conn):
                meta_rows.delete_meta(conn, INDEX_REBUILD)
                pending_rows.forget_covered(conn)  # the queue itself is untouched: all still pending
            if isinstance(exc, OSError):
                raise error from None
            raise
        recorded = "the search index was rebuilt, but the database cannot record it yet"
        with _disk_full_means(recorded), write_transaction(conn):
            pending_rows.clear_covered_pending(conn)  # unless queued again since
            written_meanwhile = pending_rows.pending_for_index(conn)
            meta_rows.delete_meta(conn, INDEX_REBUILD)
            record_index(conn, index, rebuilt=True)
        for mark in marks:
            mark.unlink(missing_ok=True)
        if written_meanwhile:
            try:
                index_rows(index, written_meanwhile)
            except (IndexUnavailable, DiskFull) as exc:
                n = len(written_meanwhile)
                self.journal.notices.append(f"{exc.message}; {n} note(s) will be indexed by the next command")
        return count

    def recover_if_dead(self) -> None:
        """Put right what a killed rebuild left (its record, its folders), unless it is still running."""
        if self.lock.held:
            return
        from journal.search.store import has_leftovers

        conn = self.journal.conn
        if meta_rows.get_meta(conn, INDEX_REBUILD) is None and not has_leftovers(self.index_path):
            return
        try:
            if not self.lock.acquire(wait=False):
                return  # it is running
        except OSError:
            return
        try:
            self._recover()
        finally:
            self.lock.release()

    def _recover(self) -> None:
        from journal.search.store import SearchIndex, remove_leftovers

        conn = self.journal.conn
        if meta_rows.get_meta(conn, INDEX_REBUILD) is not None:
            index = SearchIndex(self.index_path)
            with contextlib.suppress(sqlite3.Error), write_transaction(conn):  # best effort: tried again later
                record = _record(meta_rows.get_meta(conn, INDEX_REBUILD))
                meta_rows.delete_meta(conn, INDEX_REBUILD)  # the notes it covered are still queued
                if record.get("birth") is not None and index.birth() == record["birth"]:
                    try:  # killed after its swap: the new index is whole
                        record_index(conn, index, rebuilt=True)
                    except Exception:  # unreadable after all: the open that follows rebuilds it
                        index.close()
            index.close()
        self.stuck = remove_leftovers(self.index_path)

    def mark_stale(self) -> None:
        mark = self.journal.home / f"{STALE_MARK}{uuid.uuid4().hex}"
        try:
            os.close(os.open(mark, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except OSError as exc:
            raise _failed(exc, "cannot mark the search index out of date", "nothing was changed") from None

    def stale_marks(self) -> list[Path]:
        return sorted(self.journal.home.glob(f"{STALE_MARK}*"))


def _record(raw: str | None) -> dict:  # type: ignore[type-arg]
    try:
        record = json.loads(raw or "{}")
    except ValueError:
        return {}
    return record if isinstance(record, dict) else {}


def _failed(exc: BaseException, what: str, outcome: str) -> StorageError:
    """One line for a failed file operation: the disk is full, or what failed, why and where."""
    if is_disk_full(exc):
        return DiskFull(f"{what}; {outcome}")
    where = f" ({exc.filename})" if isinstance(exc, OSError) and exc.filename else ""
    cause = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
    return StorageError(f"{what}: {cause}{where}; {outcome}")


def _let_go(exc: BaseException | None) -> None:
    """Drop what a failure's tracebacks hold (the frames of the writer that failed, and its open files:
    on a full disk their space stays taken until they are closed), then collect it."""
    import gc

    while exc is not None:
        exc.__traceback__ = None
        exc = exc.__context__
    gc.collect()


@contextlib.contextmanager
def _disk_full_means(what: str) -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as exc:
        if is_disk_full(exc):
            raise DiskFull(what) from None
        raise


def record_index(conn: sqlite3.Connection, index: SearchIndex, *, rebuilt: bool) -> None:
    """Remember which index this database writes to, and the newest generation of it written."""
    birth, generation = index.birth(), index.generation()
    known_birth = meta_rows.get_meta(conn, INDEX_BIRTH)
    if rebuilt or known_birth is None:
        meta_rows.set_meta(conn, INDEX_BIRTH, birth or "")
        meta_rows.set_meta(conn, INDEX_GENERATION, str(generation))
    elif known_birth == birth:
        known = int(meta_rows.get_meta(conn, INDEX_GENERATION) or 0)
        meta_rows.set_meta(conn, INDEX_GENERATION, str(max(known, generation)))
