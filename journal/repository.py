"""Every query the app runs. Functions take an open sqlite3 connection and return plain records."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from journal.db import BUSY_TIMEOUT_MS
from journal.prompts import Prompt, PromptEvent
from journal.records import Draft, Entry, EntryFilter, NotebookInfo, Revision
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


def _entries_from(conn: sqlite3.Connection, rows: list[tuple]) -> list[Entry]:
    tags = _tags_for(conn, [row[0] for row in rows])
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


def _chunks(values: list, size: int = 500) -> Iterator[tuple[list, str]]:  # type: ignore[type-arg]
    """`values` a few hundred at a time, with their `?,?,…` placeholders: SQLite limits a query's parameters."""
    for start in range(0, len(values), size):
        chunk = values[start : start + size]
        yield chunk, ",".join("?" * len(chunk))


def _tags_for(conn: sqlite3.Connection, entry_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for chunk, marks in _chunks(entry_ids):
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
    return _entries_from(conn, rows)


def get_entry(conn: sqlite3.Connection, entry_id: int) -> Entry | None:
    rows = conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM {_ENTRY_FROM} WHERE e.id = ?",
        (entry_id,),
    ).fetchall()
    entries = _entries_from(conn, rows)
    return entries[0] if entries else None


def entry_ids_by_uuid_prefix(conn: sqlite3.Connection, prefix: str) -> list[int]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT id FROM entries WHERE uuid >= ? AND uuid < ? LIMIT 2", (prefix, prefix + "\uffff")
        )
    ]


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


def notebooks(conn: sqlite3.Connection) -> list[NotebookInfo]:
    rows = conn.execute(
        "SELECT n.id, n.name, n.description, n.read_only, "
        "(SELECT count(*) FROM entries e WHERE e.notebook_id = n.id AND e.deleted_at IS NULL) "
        "FROM notebooks n ORDER BY n.read_only, n.id"
    ).fetchall()
    return [NotebookInfo(r[0], r[1], r[2], bool(r[3]), r[4]) for r in rows]


def notebook_by_name(conn: sqlite3.Connection, name: str) -> NotebookInfo | None:
    row = conn.execute(
        "SELECT id, name, description, read_only FROM notebooks WHERE name = ? COLLATE NOCASE", (name,)
    ).fetchone()
    return NotebookInfo(row[0], row[1], row[2], bool(row[3]), -1) if row else None


def insert_notebook(
    conn: sqlite3.Connection, name: str, now: datetime, *, description: str = "", read_only: bool = False
) -> int:
    cursor = conn.execute(
        "INSERT INTO notebooks (name, description, read_only, created_at) VALUES (?, ?, ?, ?)",
        (name, description, int(read_only), stamp(now)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def day_counts(conn: sqlite3.Connection, start: date, end: date, notebook_id: int | None = None) -> dict[date, int]:
    """How many live notes each day in [start, end] has (days without notes are absent)."""
    sql = "SELECT day, count(*) FROM entries WHERE deleted_at IS NULL AND day >= ? AND day <= ?"
    params: list[object] = [start.isoformat(), end.isoformat()]
    if notebook_id is not None:
        sql += " AND notebook_id = ?"
        params.append(notebook_id)
    return {date.fromisoformat(d): n for d, n in conn.execute(sql + " GROUP BY day", params)}


_WRITTEN_DAYS = (
    "SELECT DISTINCT e.day FROM entries e JOIN notebooks n ON n.id = e.notebook_id "
    "WHERE e.deleted_at IS NULL AND n.read_only = 0"
)


def save_draft(conn: sqlite3.Connection, draft: Draft) -> None:
    conn.execute(
        "INSERT INTO drafts (slot, body, day, entry_id, updated_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (slot) DO UPDATE SET body = excluded.body, day = excluded.day, "
        "entry_id = excluded.entry_id, updated_at = excluded.updated_at",
        (
            draft.slot,
            draft.body,
            draft.day.isoformat() if draft.day else None,
            draft.entry_id,
            stamp(draft.updated_at),
        ),
    )


def get_drafts(conn: sqlite3.Connection) -> list[Draft]:
    return [
        Draft(slot, body, datetime.fromisoformat(updated), date.fromisoformat(day) if day else None, entry_id)
        for slot, body, day, entry_id, updated in conn.execute(
            "SELECT slot, body, day, entry_id, updated_at FROM drafts ORDER BY updated_at"
        )
    ]


def delete_draft(conn: sqlite3.Connection, slot: str) -> None:
    conn.execute("DELETE FROM drafts WHERE slot = ?", (slot,))


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


def live_entry_ids(conn: sqlite3.Connection) -> set[int]:
    return {row[0] for row in conn.execute("SELECT id FROM entries WHERE deleted_at IS NULL")}


def live_ids_among(conn: sqlite3.Connection, ids: list[int]) -> set[int]:
    found: set[int] = set()
    for chunk, marks in _chunks(ids):
        found.update(
            r[0] for r in conn.execute(f"SELECT id FROM entries WHERE deleted_at IS NULL AND id IN ({marks})", chunk)
        )
    return found


def entries_by_ids(conn: sqlite3.Connection, ids: list[int]) -> Iterator[Entry]:
    """The live entries with these ids, any number of them, in the order given, a batch at a time."""
    for chunk, _marks in _chunks(ids, 1000):
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


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    rows += [f"foreign key: {row}" for row in conn.execute("PRAGMA foreign_key_check")]
    return [] if rows == ["ok"] else [r for r in rows if r != "ok"]


# -- journal facts, the seed notebook, prompts ------------------------------------------------------


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM journal_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO journal_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def first_day(conn: sqlite3.Connection) -> date | None:
    row = conn.execute(
        "SELECT min(e.day) FROM entries e JOIN notebooks n ON n.id = e.notebook_id WHERE n.read_only = 0"
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def delete_notebook_with_entries(conn: sqlite3.Connection, notebook_id: int) -> list[int]:
    ids = [r[0] for r in conn.execute("SELECT id FROM entries WHERE notebook_id = ?", (notebook_id,))]
    conn.execute("DELETE FROM entries WHERE notebook_id = ?", (notebook_id,))
    conn.execute("DELETE FROM notebooks WHERE id = ?", (notebook_id,))
    return ids


_PROMPT_COLUMNS = "id, text_ko, text_en, rrule, slot, kind, source, paused"


def _prompt_from(row: tuple) -> Prompt:
    prompt_id, text_ko, text_en, rrule, slot, kind, source, paused = row
    return Prompt(prompt_id, text_ko, text_en, rrule, slot, kind, source, bool(paused))


def prompts(conn: sqlite3.Connection) -> list[Prompt]:
    rows = conn.execute(f"SELECT {_PROMPT_COLUMNS} FROM prompts ORDER BY source DESC, created_at, id")
    return [_prompt_from(row) for row in rows]


def get_prompt(conn: sqlite3.Connection, prompt_id: str) -> Prompt | None:
    row = conn.execute(f"SELECT {_PROMPT_COLUMNS} FROM prompts WHERE id = ?", (prompt_id,)).fetchone()
    return _prompt_from(row) if row else None


def insert_prompt(conn: sqlite3.Connection, prompt: Prompt, now: datetime) -> None:
    conn.execute(
        "INSERT INTO prompts (id, text_ko, text_en, rrule, slot, kind, source, paused, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        (
            prompt.id,
            prompt.text_ko,
            prompt.text_en,
            prompt.rrule,
            prompt.slot,
            prompt.kind,
            prompt.source,
            int(prompt.paused),
            stamp(now),
        ),
    )


def update_prompt(conn: sqlite3.Connection, prompt: Prompt) -> None:
    conn.execute(
        "UPDATE prompts SET text_ko = ?, text_en = ?, rrule = ?, slot = ?, paused = ? WHERE id = ?",
        (prompt.text_ko, prompt.text_en, prompt.rrule, prompt.slot, int(prompt.paused), prompt.id),
    )


def delete_prompt(conn: sqlite3.Connection, prompt_id: str) -> None:
    conn.execute("DELETE FROM prompts WHERE id = ?", (prompt_id,))


def prompt_events(conn: sqlite3.Connection, since: date) -> list[PromptEvent]:
    rows = conn.execute(
        "SELECT prompt_id, occurrence, action, until FROM prompt_events WHERE occurrence >= ? ORDER BY id",
        (since.isoformat(),),
    )
    return [PromptEvent(r[0], date.fromisoformat(r[1]), r[2], date.fromisoformat(r[3]) if r[3] else None) for r in rows]


def insert_prompt_event(
    conn: sqlite3.Connection,
    event: PromptEvent,
    now: datetime,
    entry_id: int | None = None,
) -> None:
    conn.execute(
        "INSERT INTO prompt_events (prompt_id, occurrence, action, until, entry_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            event.prompt_id,
            event.occurrence.isoformat(),
            event.action,
            event.until.isoformat() if event.until else None,
            entry_id,
            stamp(now),
        ),
    )


def written_days(conn: sqlite3.Connection) -> list[date]:
    """Every day with a live note in a writable notebook, oldest first."""
    return [date.fromisoformat(row[0]) for row in conn.execute(f"{_WRITTEN_DAYS} ORDER BY e.day")]


def notes_per_weekday(conn: sqlite3.Connection) -> dict[int, int]:
    rows = conn.execute(
        "SELECT CAST(strftime('%w', e.day) AS INTEGER), count(*) FROM entries e "
        "JOIN notebooks n ON n.id = e.notebook_id WHERE e.deleted_at IS NULL AND n.read_only = 0 GROUP BY 1"
    )
    return {(w - 1) % 7: n for w, n in rows}  # SQLite counts Sunday as 0; we count Monday as 0


def top_tags(conn: sqlite3.Connection, limit: int) -> list[tuple[str, int]]:
    return conn.execute(
        "SELECT t.name, count(*) FROM entry_tags et JOIN tags t ON t.id = et.tag_id "
        "JOIN entries e ON e.id = et.entry_id JOIN notebooks n ON n.id = e.notebook_id "
        "WHERE e.deleted_at IS NULL AND n.read_only = 0 GROUP BY t.id ORDER BY 2 DESC, t.name LIMIT ?",
        (limit,),
    ).fetchall()


def count_writable_entries(conn: sqlite3.Connection) -> int:
    return conn.execute(
        "SELECT count(*) FROM entries e JOIN notebooks n ON n.id = e.notebook_id "
        "WHERE e.deleted_at IS NULL AND n.read_only = 0"
    ).fetchone()[0]


def latest_day(conn: sqlite3.Connection, on_or_before: date, notebook_id: int | None = None) -> date | None:
    sql = "SELECT max(day) FROM entries WHERE deleted_at IS NULL AND day <= ?"
    params: list[object] = [on_or_before.isoformat()]
    if notebook_id is not None:
        sql += " AND notebook_id = ?"
        params.append(notebook_id)
    row = conn.execute(sql, params).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


# -- import and the lossless dump ---------------------------------------------------------------------


def note_keys(conn: sqlite3.Connection, start: date, end: date) -> set[tuple[str, str]]:
    """(UTC minute written, body) of every entry in [start, end], trash included: what an import dedupes by."""
    rows = conn.execute(
        "SELECT substr(created_at, 1, 16), body FROM entries WHERE day >= ? AND day <= ?",
        (start.isoformat(), end.isoformat()),
    )
    return {(minute, body) for minute, body in rows}


def count_own_entries(conn: sqlite3.Connection) -> int:
    """Entries the user wrote or imported (trash included), i.e. outside read-only notebooks."""
    return conn.execute(
        "SELECT count(*) FROM entries e JOIN notebooks n ON n.id = e.notebook_id WHERE n.read_only = 0"
    ).fetchone()[0]


def dump_notebooks(conn: sqlite3.Connection) -> list[dict[str, object]]:
    rows = conn.execute("SELECT name, description, read_only, created_at FROM notebooks ORDER BY id")
    return [{"name": n, "description": d, "read_only": bool(r), "created_at": c} for n, d, r, c in rows]


def dump_prompts(conn: sqlite3.Connection) -> list[dict[str, object]]:
    rows = conn.execute(
        "SELECT id, text_ko, text_en, rrule, slot, kind, source, paused, created_at FROM prompts ORDER BY id"
    )
    keys = ("id", "text_ko", "text_en", "rrule", "slot", "kind", "source", "paused", "created_at")
    return [{**dict(zip(keys, row, strict=True)), "paused": bool(row[7])} for row in rows]


def dump_entries(conn: sqlite3.Connection, ids: set[int] | None) -> list[dict[str, object]]:
    """Every stored field of the entries (all of them when `ids` is None), referenced by uuid, oldest first."""
    rows = conn.execute(
        "SELECT e.id, e.uuid, n.name, e.day, e.created_at, e.updated_at, e.body, e.starred, e.deleted_at, "
        "e.prompt_id FROM entries e JOIN notebooks n ON n.id = e.notebook_id ORDER BY e.day, e.created_at, e.uuid"
    ).fetchall()
    if ids is not None:
        rows = [row for row in rows if row[0] in ids]
    tags = _tags_for(conn, [row[0] for row in rows])
    history: dict[int, list[dict[str, str]]] = {}
    for entry_id, body, written, replaced in conn.execute(
        "SELECT entry_id, body, written_at, replaced_at FROM entry_revisions ORDER BY id"
    ):
        history.setdefault(entry_id, []).append({"body": body, "written_at": written, "replaced_at": replaced})
    return [
        {
            "uuid": uuid,
            "notebook": notebook,
            "date": day,
            "created_at": created,
            "updated_at": updated,
            "body": body,
            "starred": bool(starred),
            "deleted_at": deleted,
            "prompt_id": prompt_id,
            "tags": tags.get(entry_id, []),
            "revisions": history.get(entry_id, []),
        }
        for entry_id, uuid, notebook, day, created, updated, body, starred, deleted, prompt_id in rows
    ]


def dump_prompt_events(conn: sqlite3.Connection) -> list[dict[str, object]]:
    rows = conn.execute(
        "SELECT pe.prompt_id, pe.occurrence, pe.action, pe.until, e.uuid, pe.created_at FROM prompt_events pe "
        "LEFT JOIN entries e ON e.id = pe.entry_id ORDER BY pe.id"
    )
    keys = ("prompt_id", "occurrence", "action", "until", "entry_uuid", "created_at")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def dump_meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM journal_meta ORDER BY key").fetchall())


def insert_notebook_row(conn: sqlite3.Connection, row: dict[str, object]) -> None:
    conn.execute(
        "INSERT INTO notebooks (name, description, read_only, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET description = excluded.description, read_only = excluded.read_only, "
        "created_at = excluded.created_at",
        (row["name"], row["description"], int(bool(row["read_only"])), row["created_at"]),
    )


def delete_empty_notebooks_except(conn: sqlite3.Connection, keep: set[str]) -> None:
    for notebook_id, name in conn.execute("SELECT id, name FROM notebooks").fetchall():
        if (
            name not in keep
            and not conn.execute("SELECT 1 FROM entries WHERE notebook_id = ? LIMIT 1", (notebook_id,)).fetchone()
        ):
            conn.execute("DELETE FROM notebooks WHERE id = ?", (notebook_id,))


def upsert_prompt_row(conn: sqlite3.Connection, row: dict[str, object], *, replace: bool) -> None:
    conflict = (
        "DO UPDATE SET text_ko = excluded.text_ko, text_en = excluded.text_en, rrule = excluded.rrule, "
        "slot = excluded.slot, kind = excluded.kind, source = excluded.source, paused = excluded.paused, "
        "created_at = excluded.created_at"
        if replace
        else "DO NOTHING"
    )
    conn.execute(
        "INSERT INTO prompts (id, text_ko, text_en, rrule, slot, kind, source, paused, created_at) "
        f"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) {conflict}",
        (
            row["id"],
            row["text_ko"],
            row["text_en"],
            row["rrule"],
            row["slot"],
            row["kind"],
            row["source"],
            int(bool(row["paused"])),
            row["created_at"],
        ),
    )


def delete_prompts_except(conn: sqlite3.Connection, keep: set[str]) -> None:
    for (prompt_id,) in conn.execute("SELECT id FROM prompts").fetchall():
        if prompt_id not in keep:
            conn.execute("DELETE FROM prompts WHERE id = ?", (prompt_id,))


def insert_entry_row(conn: sqlite3.Connection, row: dict[str, object], notebook_id: int) -> int:
    cursor = conn.execute(
        "INSERT INTO entries (uuid, notebook_id, day, created_at, updated_at, body, starred, deleted_at, prompt_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            row["uuid"],
            notebook_id,
            row["date"],
            row["created_at"],
            row["updated_at"],
            row["body"],
            int(bool(row["starred"])),
            row["deleted_at"],
            row["prompt_id"],
        ),
    )
    assert cursor.lastrowid is not None
    for revision in row["revisions"]:  # type: ignore[attr-defined]
        conn.execute(
            "INSERT INTO entry_revisions (entry_id, body, written_at, replaced_at) VALUES (?, ?, ?, ?)",
            (cursor.lastrowid, revision["body"], revision["written_at"], revision["replaced_at"]),
        )
    return cursor.lastrowid


def entry_ids_by_uuid(conn: sqlite3.Connection, uuids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk, marks in _chunks(uuids):
        found.update(conn.execute(f"SELECT uuid, id FROM entries WHERE uuid IN ({marks})", chunk).fetchall())
    return found


def prompt_event_keys(conn: sqlite3.Connection) -> set[tuple[str, str, str, str]]:
    return set(conn.execute("SELECT prompt_id, occurrence, action, created_at FROM prompt_events").fetchall())


def insert_prompt_event_row(conn: sqlite3.Connection, row: dict[str, object], entry_id: int | None) -> None:
    conn.execute(
        "INSERT INTO prompt_events (prompt_id, occurrence, action, until, entry_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (row["prompt_id"], row["occurrence"], row["action"], row["until"], entry_id, row["created_at"]),
    )
