"""Search, and keeping the search index in step with the database: pending notes, rebuilds, and
recognising an index that is not the one this database last wrote to."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from journal.db import write_transaction
from journal.errors import UsageError
from journal.records import Entry, SearchHit
from journal.repository import entry_rows, meta_rows
from journal.services import searching

if TYPE_CHECKING:
    from journal.search.store import SearchIndex
    from journal.services import Journal

INDEX_DIR = "index"
INDEX_BIRTH = "index.birth"  # the id of the search index this database last wrote to
INDEX_GENERATION = "index.generation"  # the highest commit generation of that index it has seen
SEED_ADVICE = "run 'journal doctor' to remove the seed notes from search"


class SearchArea:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self._index: SearchIndex | None = None  # imported only when search is used

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None

    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        """Notes matching the query language, best first (ties newest first), with highlighted snippets.
        Emoji and symbols (`🍕`, `^^`), which the index holds no terms for, are matched in the text."""
        from journal.query import parse_query
        from journal.search.compile import literal_clauses

        if limit < 1:
            raise UsageError(f"-n must be a positive number, not {limit}")
        query = parse_query(text, self.journal.today())
        for name in (*query.notebooks, *query.excluded_notebooks):
            self.journal.notebooks.get(name)  # an unknown notebook is a usage error, as in `journal list`
        literal = literal_clauses(query)
        if literal and all(c in literal for c in query.positive):
            return searching.search_text(self.journal, query, literal, text, limit)
        if self.journal.read_only:
            readable = searching.readable_index(self.journal)
            if readable is None:
                return searching.scan(self.journal, query, text, limit)
            self._index = readable
            hits = searching.ranked(self.journal, readable, query, limit * 8 if literal else limit)
        else:
            index = self.open()
            self.sync()
            hits = searching.ranked(self.journal, index, query, limit * 8 if literal else limit)
        if literal:
            hits = [h for h in hits if searching.holds_literals(h.entry.body, query, literal)][:limit]
        return hits

    def after_write(self) -> None:
        if self.journal.index_on_write:
            self.sync()

    def sync(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Index what is pending. If the index is busy, it stays pending for the next command."""
        conn = self.journal.conn
        pending = entry_rows.pending_for_index(conn)
        if not pending:
            return
        from journal.search.store import IndexUnavailable

        index = self.existing()
        if index is None:
            return
        ids = [entry_id for entry_id, _ in pending]
        live = entry_rows.live_ids_among(conn, ids)

        def entries() -> Iterator[Entry]:
            for done, entry in enumerate(entry_rows.entries_by_ids(conn, [i for i in ids if i in live]), 1):
                yield entry
                if progress and done % 1000 == 0:
                    progress(done, len(live))

        try:
            index.update(entries(), [i for i in ids if i not in live])
        except IndexUnavailable as exc:
            self.journal.notices.append(f"{exc}; {len(ids)} note(s) will be indexed by the next command")
            return
        with write_transaction(conn):
            entry_rows.clear_pending(conn, pending)
            _record_index(conn, index, rebuilt=False)

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the search index from SQLite. Returns the number of notes indexed."""
        from journal.search.store import SearchIndex

        self.journal.require_writable()
        conn = self.journal.conn
        # The notes are read through connections of their own, which see only what is committed.
        assert not conn.in_transaction, "a rebuild inside a transaction would miss its notes"
        index = self._index if self._index is not None else SearchIndex(self.journal.home / INDEX_DIR)
        total = entry_rows.count_live_entries(conn)
        pending_before = entry_rows.pending_for_index(conn)
        count = index.rebuild(
            entry_rows.live_ids_newest_first(conn),
            partial(entry_rows.entries_in_file, self.journal.db_path),
            (lambda done: progress(done, total)) if progress else None,
        )
        with write_transaction(conn):
            entry_rows.clear_pending(conn, pending_before)
            _record_index(conn, index, rebuilt=True)
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
            self.journal.notices.append(f"{exc}; {advice}")

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

    def open(self) -> SearchIndex:
        """The open index; a missing or corrupt one is rebuilt from SQLite, with a notice."""
        if self._index is not None:
            return self._index
        from journal.search.store import SearchIndex

        index = SearchIndex(self.journal.home / INDEX_DIR)
        reason = None
        if not index.exists():
            reason = "was missing"
        else:
            try:
                index.check()
                reason = self._mismatch(index)
            except Exception as exc:  # Whoosh raises many kinds for a damaged index; all mean "rebuild"
                index.close()
                reason = f"could not be read ({type(exc).__name__})"
        self._index = index
        if reason is not None:
            conn = self.journal.conn
            # A journal whose every note is still pending never had an index: building it is no news.
            never_indexed = reason == "was missing" and entry_rows.count_live_entries(conn) <= len(
                entry_rows.pending_for_index(conn)
            )
            count = self.rebuild()
            if not never_indexed:
                self.journal.notices.append(
                    f"The search index {reason}; rebuilt it from the database ({count:,} notes)."
                )
        return index

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
                _record_index(conn, index, rebuilt=True)
            return None
        if birth != known_birth:
            return "was not the one this journal last wrote (a copy from elsewhere or from a backup)"
        if index.generation() < known_generation:
            return "was older than the database (restored from a backup?)"
        return None


def _record_index(conn: sqlite3.Connection, index: SearchIndex, *, rebuilt: bool) -> None:
    """Remember which index this database writes to, and the newest generation of it written."""
    birth, generation = index.birth(), index.generation()
    known_birth = meta_rows.get_meta(conn, INDEX_BIRTH)
    if rebuilt or known_birth is None:
        meta_rows.set_meta(conn, INDEX_BIRTH, birth or "")
        meta_rows.set_meta(conn, INDEX_GENERATION, str(generation))
    elif known_birth == birth:
        known = int(meta_rows.get_meta(conn, INDEX_GENERATION) or 0)
        meta_rows.set_meta(conn, INDEX_GENERATION, str(max(known, generation)))
