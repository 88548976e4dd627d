"""Entries: read as records, written with their tags and revisions, and queued for the search index."""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from journal.db import BUSY_TIMEOUT_MS
from journal.records import Entry, EntryFilter, Revision
from journal.text import tag_key

_ENTRY_COLUMNS = (
    "e.id, e.uuid, n.name, e.day, e.created_at, e.updated_at, e.body, e.starred, e.deleted_at, n.read_only, "
    "e.prompt_id, p.text_ko, p.text_en, e.zone, e.written_at"
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
            zone=row[13],
            written_at=datetime.fromisoformat(row[14]),
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


def _days_and_star(flt: EntryFilter, where: list[str], params: list[object]) -> None:
    """The filter's day range and star, as SQL conditions on `e` (entries) and their parameters."""
    if flt.start is not None:
        where.append("e.day >= ?")
        params.append(flt.start.isoformat())
    if flt.end is not None:
        where.append("e.day <= ?")
        params.append(flt.end.isoformat())
    if flt.starred:
        where.append("e.starred = 1")


def list_entries(conn: sqlite3.Connection, flt: EntryFilter) -> list[Entry]:
    """Oldest first, like a diary; with a limit, the newest `limit` entries (still oldest first)."""
    where = ["e.deleted_at IS NOT NULL" if flt.deleted else "e.deleted_at IS NULL"]
    params: list[object] = []
    _days_and_star(flt, where, params)
    if flt.notebook_id is not None:
        where.append("e.notebook_id = ?")
        params.append(flt.notebook_id)
    if flt.writable_only or flt.counted:
        where.append("n.read_only = 0")
    if flt.counted:
        where.append(
            "NOT EXISTS (SELECT 1 FROM entry_tags et JOIN tags t ON t.id = et.tag_id "
            "WHERE et.entry_id = e.id AND t.key = 'digest')"
        )
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
    zone: str | None = None,
    written_at: datetime | None = None,
    entry_id: int | None = None,
) -> int:
    """Insert an entry; its id is `entry_id` if given, else above every id this journal has shown (after
    a restore, the restored journal's highest id can be lower: ID_FLOOR). `day` must be the day of
    `created_at` in `zone` (the services see to it); `zone` defaults to the one `created_at` carries,
    `written_at` to `created_at`."""
    if zone is None:
        from journal.zones import name_of

        zone = name_of(created_at.tzinfo, created_at)
    cursor = conn.execute(
        "INSERT INTO entries (id, uuid, notebook_id, day, created_at, zone, written_at, updated_at, body, starred, "
        f"prompt_id) VALUES (coalesce(?, {NEXT_ID}), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry_id,
            uuid,
            notebook_id,
            day.isoformat(),
            stamp(created_at),
            zone,
            stamp(written_at or created_at),
            stamp(written_at or created_at),  # updated_at: when this text was saved
            body,
            int(starred),
            prompt_id,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


ID_FLOOR = "entries.id_floor"
"""journal_meta: the highest entry id the journal has shown (kept across a restore): ids never come back."""
NEXT_ID = (
    "max(coalesce((SELECT max(id) FROM entries), 0), "
    f"coalesce((SELECT CAST(value AS INTEGER) FROM journal_meta WHERE key = '{ID_FLOOR}'), 0)) + 1"
)


def highest_id(conn: sqlite3.Connection) -> int:
    """The highest entry id this journal has used (its entries, or the floor a restore left)."""
    return int(conn.execute(f"SELECT {NEXT_ID}").fetchone()[0]) - 1


def keep_ids_shown(conn: sqlite3.Connection) -> None:
    """Before entries are deleted for good: their ids are not given to new notes."""
    conn.execute(
        "INSERT INTO journal_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (ID_FLOOR, str(highest_id(conn))),
    )


def is_free(conn: sqlite3.Connection, entry_id: int) -> bool:
    return conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone() is None


def set_entry_tags(conn: sqlite3.Connection, entry_id: int, tags: list[str]) -> None:
    conn.execute("DELETE FROM entry_tags WHERE entry_id = ?", (entry_id,))
    for name in tags:
        key = tag_key(name)
        conn.execute("INSERT INTO tags (name, key) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", (name, key))
        conn.execute(
            "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id) SELECT ?, id FROM tags WHERE key = ?",
            (entry_id, key),
        )


def revise(
    conn: sqlite3.Connection,
    entry: Entry,
    body: str,
    now: datetime,
    *,
    placed: tuple[date, datetime, str] | None = None,
) -> None:
    """Keep the old body and day as a revision, then store the new body (and, when `placed`, the new
    day, moment and zone)."""
    conn.execute(
        "INSERT INTO entry_revisions (entry_id, body, day, written_at, replaced_at) VALUES (?, ?, ?, ?, ?)",
        (entry.id, entry.body, entry.day.isoformat(), stamp(entry.updated_at), stamp(now)),
    )
    conn.execute("UPDATE entries SET body = ?, updated_at = ? WHERE id = ?", (body, stamp(now), entry.id))
    if placed is not None:
        day, moment, zone = placed
        conn.execute(
            "UPDATE entries SET day = ?, created_at = ?, zone = ? WHERE id = ?",
            (day.isoformat(), stamp(moment), zone, entry.id),
        )


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
        "SELECT body, written_at, replaced_at, day FROM entry_revisions WHERE entry_id = ? ORDER BY id",
        (entry.id,),
    ).fetchall()
    history = [
        Revision(i, body, datetime.fromisoformat(w), datetime.fromisoformat(r), date.fromisoformat(day))
        for i, (body, w, r, day) in enumerate(rows, 1)
    ]
    history.append(Revision(len(history) + 1, entry.body, entry.updated_at, None, entry.day))
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


def live_ids_newest_first(conn: sqlite3.Connection) -> array[int]:
    """Every live entry's id, newest day first (a rebuild keeps this order for ties); compact: a rebuild
    holds them all."""
    rows = conn.execute("SELECT id FROM entries WHERE deleted_at IS NULL ORDER BY day DESC, created_at DESC, id DESC")
    return array("q", (row[0] for row in rows))


def entries_in_file(db_path: Path, ids: list[int]) -> list[Entry]:
    """`entries_by_ids` through a read-only connection of its own: a rebuild's worker processes read
    the notes they index themselves (what they see is what is committed)."""
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        return list(entries_by_ids(conn, ids))
    finally:
        conn.close()


def moments_and_bodies(conn: sqlite3.Connection, start: date, end: date) -> list[tuple[str, str, str]]:
    """(moment as stored, zone, body) of every entry in [start, end], trash included: what imports dedupe by."""
    return conn.execute(
        "SELECT created_at, zone, body FROM entries WHERE day >= ? AND day <= ?",
        (start.isoformat(), end.isoformat()),
    ).fetchall()


def moments_and_bodies_on(conn: sqlite3.Connection, days: list[date], bodies: set[str]) -> list[tuple[str, str, str]]:
    """(moment as stored, zone, body) of every entry on these days whose body is one of `bodies`, trash
    included: what imports dedupe by (the day index finds them; only the matching texts are kept)."""
    rows: list[tuple[str, str, str]] = []
    for chunk, marks in chunks([d.isoformat() for d in days]):
        query = f"SELECT created_at, zone, body FROM entries WHERE day IN ({marks})"
        rows += [row for row in conn.execute(query, chunk) if row[2] in bodies]
    return rows


def entries_containing(
    conn: sqlite3.Connection,
    groups: list[list[str]],
    lacking: list[str],
    flt: EntryFilter,
    notebook_ids: list[int],
    excluded_notebook_ids: list[int],
    *,
    fold_case: bool = False,
) -> list[Entry]:
    """Live entries whose text holds, for every group, one of its strings and none of `lacking`, newest
    first (a scan: for what the search index does not hold, such as emoji and symbols). `fold_case`
    compares Latin letters without case."""
    body = "lower(e.body)" if fold_case else "e.body"
    fold = (lambda text: text.lower()) if fold_case else (lambda text: text)
    where = ["e.deleted_at IS NULL"]
    params: list[object] = []
    for group in groups:
        where.append("(" + " OR ".join(f"instr({body}, ?) > 0" for _ in group) + ")")
        params.extend(fold(text) for text in group)
    for text in lacking:
        where.append(f"instr({body}, ?) = 0")
        params.append(fold(text))
    _days_and_star(flt, where, params)
    if notebook_ids:
        where.append(f"e.notebook_id IN ({','.join('?' * len(notebook_ids))})")
        params.extend(notebook_ids)
    if excluded_notebook_ids:
        where.append(f"e.notebook_id NOT IN ({','.join('?' * len(excluded_notebook_ids))})")
        params.extend(excluded_notebook_ids)
    sql = (
        f"SELECT {_ENTRY_COLUMNS} FROM {_ENTRY_FROM} WHERE {' AND '.join(where)} "
        "ORDER BY e.day DESC, e.created_at DESC, e.id DESC LIMIT ?"
    )
    rows = conn.execute(sql, [*params, flt.limit or -1]).fetchall()
    return entries_from(conn, rows)


def purge_entries(conn: sqlite3.Connection, ids: list[int]) -> None:
    """Delete these entries for good, with what hangs off them (revisions, tags, drafts and queue rows go
    by ON DELETE CASCADE), and the tags no entry uses any more. The connection must have secure_delete
    on for the bytes to be overwritten."""
    keep_ids_shown(conn)
    for chunk, marks in chunks(ids):
        conn.execute(f"DELETE FROM entries WHERE id IN ({marks})", chunk)
    conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM entry_tags)")


def trashed_ids(conn: sqlite3.Connection) -> list[int]:
    return [row[0] for row in conn.execute("SELECT id FROM entries WHERE deleted_at IS NOT NULL ORDER BY id")]
