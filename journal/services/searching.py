"""Running a search for the SearchArea: ranked by the index, or matched in the notes' text where the index
cannot be used (a journal that cannot be written)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journal.records import Entry, EntryFilter, SearchHit
from journal.repository import entry_rows, meta_rows, pending_rows

if TYPE_CHECKING:
    from journal.query import Clause, SearchQuery
    from journal.search.store import SearchIndex
    from journal.services import Journal


def ranked(journal: Journal, index: SearchIndex, query: SearchQuery, limit: int) -> list[SearchHit]:
    from journal.search.schema import indexed_text
    from journal.search.snippets import snippet

    conn = journal.conn
    found: dict[int, Entry] = {}

    def texts(ids: list[int]) -> dict[int, str]:
        missing = [i for i in ids if i not in found]
        if missing:  # a widened search can ask for thousands: chunked under SQLite's parameter limit
            found.update((e.id, e) for e in entry_rows.entries_by_ids(conn, missing))
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
    if stale and not journal.read_only:  # gone from the database (e.g. the seed removed): heal the index
        from journal.services.index import SEED_ADVICE

        journal.index.remove(stale, SEED_ADVICE)
    # Equal scores: newest first (by the note's day, then when it was written).
    hits.sort(key=lambda h: (-round(h.score, 6), -h.entry.day.toordinal(), -h.entry.created_at.timestamp()))
    return hits


def readable_index(journal: Journal) -> SearchIndex | None:
    """In a journal that cannot be written: the index if it is whole and up to date, else None (it
    cannot be rebuilt or brought up to date here)."""
    from journal.search.store import INDEX_FORMAT, SearchIndex

    conn = journal.conn
    from journal.services.index import INDEX_BIRTH, INDEX_DIR, INDEX_GENERATION

    index = SearchIndex(journal.home / INDEX_DIR)
    try:
        if not index.exists() or pending_rows.count_pending(conn):
            return None
        index.check()
        if index.format() < INDEX_FORMAT:  # its terms are not the ones queries now ask for
            return None
        known = meta_rows.get_meta(conn, INDEX_BIRTH)
        if known is None or index.birth() != known:
            return None
        if index.generation() < int(meta_rows.get_meta(conn, INDEX_GENERATION) or 0):
            return None
    except Exception:  # Whoosh raises many kinds for an index it cannot read
        index.close()
        return None
    return index


def scan(journal: Journal, query: SearchQuery, text: str, limit: int) -> list[SearchHit]:
    """Search without the index (a journal that cannot be written, whose index is missing or behind):
    every word as text in the notes, case folded, newest first; and say so."""
    from journal.search.snippets import snippet

    journal.notices.append(
        "this journal cannot be written, so its search index cannot be brought up to date: searched the "
        "notes' text instead (words as written, newest first)"
    )

    def as_text(clause: Clause) -> str:
        return f"#{clause.text}" if clause.kind == "tag" else clause.text

    groups = [[as_text(c) for c in group if not c.negated] for group in query.groups]
    groups = [group for group in groups if group]
    lacking = [as_text(c) for group in query.groups for c in group if c.negated]
    books = journal.notebooks
    entries = entry_rows.entries_containing(
        journal.conn,
        groups,
        lacking,
        EntryFilter(start=query.start, end=query.end, starred=query.starred, limit=limit),
        [books.get(n).id for n in query.notebooks],
        [books.get(n).id for n in query.excluded_notebooks],
        fold_case=True,
    )
    return [SearchHit(e, snippet(e.body, query)[0], (), 0.0) for e in entries]
