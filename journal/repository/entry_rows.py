"""Entries: read as records, written with their tags and revisions, and queued for the search index."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from journal.db import BUSY_TIMEOUT_MS
from journal.records import Entry, EntryFilter, Revision
from journal.text import tag_key

_ENTRY_COLUMNS = (
    "e.id, e.uuid, n.name, e.day, e.created_at, e.updated_at, e.body, e.starred, e.deleted_at, n.read_only, "
    "e.prompt_id, p.text_ko, p.text_en"
)


_ENTRY_FROM = "entries e JOIN notebooks n ON n.id = e.notebook_id LEFT JOIN prompts p ON p.id = e.prompt_id"


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def entries_from(conn: sqlite3.Connection, rows: list[tuple]) -> list[Entry]:
    tags = tags_for(conn, [row[0] for row in rows])
    return [
        Entry(
            id=row[0],
            uuid=row[1],
            notebook=row[2],
            day=date.fromisoformat(row[3]),
            created_at=datetime.fromisoformat(row[4]),
            updated_at=datetime.fromisoformat(row[5]),
            body=row[6],
            starred=bool(row[7]),
            deleted_at=_when(row[8]),
            read_only=bool(row[9]),
            tags=tuple(tags.get(row[0], ())),
            prompt=(row[10], row[11] or "", row[12] or "") if row[10] else None,
        )
        for row in rows
    ]


def chunks(values: list, size: int = 500) -> Iterator[tuple[list, str]]:  # type: ignore[type-arg]
    """`values` a few hundred at a time, with their `?,?,…` placeholders: SQLite limits a query's parameters."""
    for start in range(0, len(values), size):
        chunk = values[start : start + size]
        yield chunk, ",".join("?" * len(chunk))


def tags_for(conn: sqlite3.Connection, entry_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for chunk, marks in chunks(entry_ids):
        for entry_id, name in conn.execute(
            f"SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id "
            f"WHERE et.entry_id IN ({marks}) ORDER BY et.rowid",
            chunk,
        ):
            found.setdefault(entry_id, []).append(name)
    return found


def list_entries(conn: sqlite3.Connection, flt: EntryFilter) -> list[Entry]:
    """Oldest first, like a diary; with a limit, the newest `limit` entries (still oldest first)."""
    where = ["e.deleted_at IS NOT NULL" if flt.deleted else "e.deleted_at IS NULL"]
    params: list[object] = []
    if flt.start is not None:
        where.append("e.day >= ?")
        params.append(flt.start.isoformat())
    if flt.end is not None:
        where.append("e.day <= ?")
        params.append(flt.end.isoformat())
    if flt.notebook_id is not None:
        where.append("e.notebook_id = ?")
        params.append(flt.notebook_id)
    if flt.starred:
        where.append("e.starred = 1")
    if flt.ids:
        where.append(f"e.id IN ({','.join('?' * len(flt.ids))})")
        params.extend(flt.ids)
    for tag in flt.tags:
        where.append(
            "EXISTS (SELECT 1 FROM entry_tags et JOIN tags t ON t.id = et.tag_id "
            "WHERE et.entry_id = e.id AND t.key = ?)"
        )
        params.append(tag_key(tag))
    sql = (
        f"SELECT {_ENTRY_COLUMNS} FROM {_ENTRY_FROM} WHERE {' AND '.join(where)} "
        "ORDER BY e.day DESC, e.created_at DESC, e.id DESC"
    )
    if flt.limit is not None:
        sql += " LIMIT ?"
        params.append(flt.limit)
    rows = conn.execute(sql, params).fetchall()
    rows.reverse()
    return entries_from(conn, rows)


def get_entry(conn: sqlite3.Connection, entry_id: int) -> Entry | None:
    rows = conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM {_ENTRY_FROM} WHERE e.id = ?",
        (entry_id,),
    ).fetchall()
    entries = entries_from(conn, rows)
    return entries[0] if entries else None


def entry_ids_by_uuid_prefix(conn: sqlite3.Connection, prefix: str) -> list[int]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT id FROM entries WHERE uuid >= ? AND uuid < ? LIMIT 2", (prefix, prefix + "\uffff")
        )
    ]


def entry_ids_by_uuid(conn: sqlite3.Connection, uuids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk, marks in chunks(uuids):
        found.update(conn.execute(f"SELECT uuid, id FROM entries WHERE uuid IN ({marks})", chunk).fetchall())
    return found


def insert_entry(
    conn: sqlite3.Connection,
    *,
    uuid: str,
    notebook_id: int,
    day: date,
    created_at: datetime,
    body: str,
    starred: bool,
    prompt_id: str | None = None,
) -> int:
    cursor = conn.execute(
        "INSERT INTO entries (uuid, notebook_id, day, created_at, updated_at, body, starred, prompt_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (uuid, notebook_id, day.isoformat(), stamp(created_at), stamp(created_at), body, int(starred), prompt_id),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def set_entry_tags(conn: sqlite3.Connection, entry_id: int, tags: list[str]) -> None:
    conn.execute("DELETE FROM entry_tags WHERE entry_id = ?", (entry_id,))
    for name in tags:
        key = tag_key(name)
        conn.execute("INSERT INTO tags (name, key) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", (name, key))
        conn.execute(
            "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id) SELECT ?, id FROM tags WHERE key = ?",
            (entry_id, key),
        )


def replace_body(conn: sqlite3.Connection, entry: Entry, body: str, now: datetime) -> None:
    """Keep the old body as a revision, then store the new one."""
    conn.execute(
        "INSERT INTO entry_revisions (entry_id, body, written_at, replaced_at) VALUES (?, ?, ?, ?)",
        (entry.id, entry.body, stamp(entry.updated_at), stamp(now)),
    )
    conn.execute("UPDATE entries SET body = ?, updated_at = ? WHERE id = ?", (body, stamp(now), entry.id))


def set_starred(conn: sqlite3.Connection, entry_id: int, starred: bool) -> None:
    conn.execute("UPDATE entries SET starred = ? WHERE id = ?", (int(starred), entry_id))


def set_deleted(conn: sqlite3.Connection, entry_id: int, deleted_at: datetime | None) -> None:
    conn.execute(
        "UPDATE entries SET deleted_at = ? WHERE id = ?",
        (stamp(deleted_at) if deleted_at else None, entry_id),
    )


def set_notebook(conn: sqlite3.Connection, entry_id: int, notebook_id: int) -> None:
    conn.execute("UPDATE entries SET notebook_id = ? WHERE id = ?", (notebook_id, entry_id))


def revisions(conn: sqlite3.Connection, entry: Entry) -> list[Revision]:
    rows = conn.execute(
        "SELECT body, written_at, replaced_at FROM entry_revisions WHERE entry_id = ? ORDER BY id",
        (entry.id,),
    ).fetchall()
    history = [
        Revision(number=i, body=body, written_at=datetime.fromisoformat(w), replaced_at=datetime.fromisoformat(r))
        for i, (body, w, r) in enumerate(rows, 1)
    ]
    history.append(Revision(len(history) + 1, entry.body, entry.updated_at, None))
    return history


def live_entry_ids(conn: sqlite3.Connection) -> set[int]:
    return {row[0] for row in conn.execute("SELECT id FROM entries WHERE deleted_at IS NULL")}


def live_ids_among(conn: sqlite3.Connection, ids: list[int]) -> set[int]:
    found: set[int] = set()
    for chunk, marks in chunks(ids):
        found.update(
            r[0] for r in conn.execute(f"SELECT id FROM entries WHERE deleted_at IS NULL AND id IN ({marks})", chunk)
        )
    return found


def entries_by_ids(conn: sqlite3.Connection, ids: list[int]) -> Iterator[Entry]:
    """The live entries with these ids, any number of them, in the order given, a batch at a time."""
    for chunk, _marks in chunks(ids, 1000):
        found = {e.id: e for e in list_entries(conn, EntryFilter(ids=tuple(chunk)))}
        yield from (found[i] for i in chunk if i in found)


def count_live_entries(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM entries WHERE deleted_at IS NULL").fetchone()[0]


def live_ids_newest_first(conn: sqlite3.Connection) -> list[int]:
    """Every live entry's id, newest day first (a rebuild keeps this order for ties)."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT id FROM entries WHERE deleted_at IS NULL ORDER BY day DESC, created_at DESC, id DESC"
        )
    ]


def entries_in_file(db_path: Path, ids: list[int]) -> list[Entry]:
    """`entries_by_ids` through a read-only connection of its own: a rebuild's worker processes read
    the notes they index themselves (what they see is what is committed)."""
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        return list(entries_by_ids(conn, ids))
    finally:
        conn.close()


def note_keys(conn: sqlite3.Connection, start: date, end: date) -> set[tuple[str, str]]:
    """(UTC minute written, body) of every entry in [start, end], trash included: what an import dedupes by."""
    rows = conn.execute(
        "SELECT substr(created_at, 1, 16), body FROM entries WHERE day >= ? AND day <= ?",
        (start.isoformat(), end.isoformat()),
    )
    return {(minute, body) for minute, body in rows}


def queue_for_index(conn: sqlite3.Connection, entry_id: int, now: datetime) -> None:
    conn.execute(
        "INSERT INTO index_pending (entry_id, queued_at) VALUES (?, ?) "
        "ON CONFLICT (entry_id) DO UPDATE SET queued_at = excluded.queued_at",
        (entry_id, stamp(now)),
    )


def pending_for_index(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    return conn.execute("SELECT entry_id, queued_at FROM index_pending ORDER BY entry_id").fetchall()


def clear_pending(conn: sqlite3.Connection, done: list[tuple[int, str]]) -> None:
    """Forget pending rows that were indexed, unless a newer change queued them again meanwhile."""
    conn.executemany("DELETE FROM index_pending WHERE entry_id = ? AND queued_at = ?", done)
