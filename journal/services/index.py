"""Search, and keeping the search index in step with the database: pending notes, and recognising an
index that is not the one this database last wrote to (rebuilds: services/index_rebuild.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from journal.db import write_transaction
from journal.errors import DiskFull, UsageError, is_disk_full
from journal.records import Entry, SearchHit
from journal.repository import entry_rows, meta_rows, pending_rows
from journal.services import searching
from journal.services.index_rebuild import (
    INDEX_BIRTH,
    INDEX_DIR,
    INDEX_GENERATION,
    INDEX_REBUILD,
    Rebuilds,
    record_index,
)

if TYPE_CHECKING:
    from journal.search.store import SearchIndex
    from journal.services import Journal

__all__ = ["INDEX_BIRTH", "INDEX_DIR", "INDEX_GENERATION", "SEED_ADVICE", "SearchArea"]

SEED_ADVICE = "run 'journal doctor' to remove the seed notes from search"

BULK_PENDING = 2_000
"""From this many notes waiting to be indexed (an import), and a third of the journal or more, the parallel
rebuild is faster than adding them to the index: Whoosh's writer takes them one at a time into one segment
(~750 notes/s at 60,000, falling as it grows), the rebuild writes every note in segments at ~2,500/s."""


class SearchArea:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self._index: SearchIndex | None = None  # imported only when search is used
        self.rebuilds = Rebuilds(journal)

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None

    def search(self, text: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Notes matching the query language, best first (ties newest first), with highlighted snippets.
        `offset`: skip that many of the best (the next page: `offset=` how many were shown)."""
        if offset < 0:
            raise UsageError(f"the offset must not be negative, not {offset}")
        if limit < 1:
            raise UsageError(f"-n must be a positive number, not {limit}")
        return self._search(text, offset + limit)[offset:]

    def _search(self, text: str, limit: int) -> list[SearchHit]:
        from journal.query import QueryError, parse_query
        from journal.search.compile import nothing_to_find

        query = parse_query(text, self.journal.today())
        for name in (*query.notebooks, *query.excluded_notebooks):
            self.journal.notebooks.get(name)  # an unknown notebook is a usage error, as in `journal list`
        if nothing_to_find(query):
            raise QueryError(
                f"the search {text.strip()!r} has nothing to look for; search a word, a #tag, a symbol "
                "such as 🍕 or ^^, or a filter such as on:어제"
            )
        if self.journal.read_only:
            readable = searching.readable_index(self.journal)
            if readable is None:
                return searching.scan(self.journal, query, text, limit)
            self._index = readable
            return searching.ranked(self.journal, readable, query, limit)
        index = self.open()
        self.sync()
        return searching.ranked(self.journal, index, query, limit)

    def after_write(self) -> None:
        if self.journal.index_on_write:
            self.sync(rebuild=False)

    def sync(
        self, progress: Callable[[int, int], None] | None = None, *, strict: bool = False, rebuild: bool = True
    ) -> None:
        """Index what is pending. If the index is busy or cannot be written, it stays pending for the next
        command, with a notice (`strict`: the error is raised instead, one line for `journal doctor`).
        So many pending that a rebuild is faster (BULK_PENDING): the index is rebuilt, or with
        `rebuild=False` (a write: building takes minutes) they wait for `catch_up` or the next search."""
        conn = self.journal.conn
        waiting = pending_rows.count_pending(conn)  # a count: after a large import, a million rows
        if not waiting:
            return
        from journal.search.store import IndexUnavailable

        index = self.existing()
        if index is None:
            return
        bulk = waiting >= BULK_PENDING and waiting * 3 >= entry_rows.count_live_entries(conn)
        if bulk and not rebuild:
            return
        try:
            if bulk:
                self.rebuild(progress)
            else:
                self.index_rows(index, pending_rows.pending_for_index(conn), progress)
        except (IndexUnavailable, DiskFull) as exc:
            if strict:
                raise
            self.journal.notices.append(f"{exc.message}; {waiting} note(s) will be indexed by the next command")

    def index_rows(
        self,
        index: SearchIndex,
        rows: list[tuple[int, str]],
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """Write these pending notes (rows of index_pending) to `index` and take them off the queue,
        unless a rebuild is under way: it then catches them up itself after its swap (index_rebuild.py)."""
        conn = self.journal.conn
        ids = [entry_id for entry_id, _ in rows]
        live = entry_rows.live_ids_among(conn, ids)

        def entries() -> Iterator[Entry]:
            for done, entry in enumerate(entry_rows.entries_by_ids(conn, [i for i in ids if i in live]), 1):
                yield entry
                if progress and done % 1000 == 0:
                    progress(done, len(live))

        index.update(entries(), [i for i in ids if i not in live])
        try:
            with write_transaction(conn):
                rebuilding = meta_rows.get_meta(conn, INDEX_REBUILD) is not None
                if not rebuilding:
                    pending_rows.clear_pending(conn, rows)
                record_index(conn, index, rebuilt=False)
        except sqlite3.OperationalError as exc:  # indexed, and still queued: indexed again next time
            if is_disk_full(exc):
                raise DiskFull("the database cannot record what was indexed") from None
            raise
        if rebuilding:
            self.rebuilds.recover_if_dead()

    def rebuild(self, progress: Callable[[int, int], None] | None = None, *, wait: bool = True) -> int:
        """Rebuild the search index from SQLite. Returns the number of notes indexed. Another process's
        rebuild is waited for, or with `wait=False` is an error (RebuildRunning)."""
        from journal.search.store import SearchIndex

        self.journal.require_writable()
        index = self._index if self._index is not None else SearchIndex(self.journal.home / INDEX_DIR)
        with self.rebuilds.locked(wait=wait):
            count = self.rebuilds.run(index, progress, self.index_rows)
        self._index = index
        return count

    def catch_up(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Bring the search index up to date now, building it if there is none (after an import, so the
        next search is not the one that waits)."""
        if self.existing() is None:
            self.rebuild(progress)
        else:
            self.sync(progress)

    def remove(self, ids: list[int], advice: str) -> None:
        """Take these notes out of the index (if there is one); if it is busy, tell the user `advice`."""
        from journal.search.store import IndexUnavailable

        index = self.existing()
        if index is None:
            return
        try:
            index.update([], ids)
        except IndexUnavailable as exc:
            self.journal.notices.append(f"{exc.message}; {advice}")

    def purge(self, ids: list[int]) -> None:
        """Take purged notes out of the index files for good; if that cannot be done now, the index is
        deleted (it is derived: the next search rebuilds it), never left holding their words."""
        import shutil

        index = self.existing()
        if index is None:
            return
        try:
            index.purge(ids)
        except Exception:  # busy, damaged, a full disk: whatever it is, the words must go
            self.close()
            shutil.rmtree(self.journal.home / INDEX_DIR, ignore_errors=True)
            self.journal.notices.append("the search index was deleted to forget the notes; the next search rebuilds it")

    def existing(self) -> SearchIndex | None:
        """The index if one exists, else None: building one can take minutes, so writes never do it."""
        if self._index is None and not self.on_disk():
            return None
        return self.open()

    def on_disk(self) -> bool:
        from journal.search.store import SearchIndex

        return SearchIndex(self.journal.home / INDEX_DIR).exists()

    def mark_stale(self) -> None:
        """Before the database is replaced under the index (a restore): until a rebuild started after
        this finishes, the next open rebuilds the index (a restore killed half-way leaves no old texts)."""
        if self.on_disk():
            self.rebuilds.mark_stale()

    def open(self) -> SearchIndex:
        """The open index; a missing, corrupt, foreign or stale one is rebuilt from SQLite, with a notice.
        An index kept open (the app) is checked again if a restore has marked it stale since."""
        if self._index is not None:
            if not self.rebuilds.stale_marks():
                return self._index
            self.close()
        from journal.search.store import SearchIndex

        self.rebuilds.recover_if_dead()
        index = SearchIndex(self.journal.home / INDEX_DIR)
        reason = self._problem(index)
        if reason is not None:
            conn = self.journal.conn
            # A journal whose every note is still pending never had an index: building it is no news.
            never_indexed = reason == "was missing" and (
                entry_rows.count_live_entries(conn) <= pending_rows.count_pending(conn)
            )
            with self.rebuilds.locked(wait=True):
                index.close()
                reason = self._problem(index)  # another process may have rebuilt it while we waited
                if reason is not None:
                    count = self.rebuilds.run(index, None, self.index_rows)
            if reason is not None and not never_indexed:
                self.journal.notices.append(
                    f"The search index {reason}; rebuilt it from the database ({count:,} notes)."
                )
        self._index = index
        return index

    def _problem(self, index: SearchIndex) -> str | None:
        """Why `index` cannot be used as it is, or None."""
        from journal.search.store import INDEX_FORMAT

        if self.rebuilds.stale_marks():
            return "was out of date (a restore or its rebuild was interrupted)"
        if not index.exists():
            return "was missing"
        try:
            index.check()
            if index.format() < INDEX_FORMAT:
                return "was made by an older version of journal (search now reads text differently)"
            return self._mismatch(index)
        except Exception as exc:  # Whoosh raises many kinds for a damaged index; all mean "rebuild"
            index.close()
            return f"could not be read ({type(exc).__name__})"

    def _mismatch(self, index: SearchIndex) -> str | None:
        """Why `index` is not the index this database last wrote to (say, a copy restored from a backup,
        missing the notes written since), or None. The database is read first: an index is written before
        its generation is recorded, so a process writing meanwhile cannot make the two look out of step."""
        conn = self.journal.conn
        known_birth = meta_rows.get_meta(conn, INDEX_BIRTH)
        known_generation = int(meta_rows.get_meta(conn, INDEX_GENERATION) or 0)
        birth = index.birth()
        if known_birth is None:  # an index from before indexes had ids: adopt it
            if birth is None:
                index.give_birth()
            with write_transaction(conn):
                record_index(conn, index, rebuilt=True)
            return None
        if birth != known_birth:
            return "was not the one this journal last wrote (a copy from elsewhere or from a backup)"
        if index.generation() < known_generation:
            return "was older than the database (restored from a backup?)"
        return None
