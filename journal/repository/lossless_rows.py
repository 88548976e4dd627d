"""The rows of the lossless JSON format (journal export/import --format json), as they are stored."""

from __future__ import annotations

import sqlite3

from journal.repository.entry_rows import NEXT_ID, tags_for


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
    tags = tags_for(conn, [row[0] for row in rows])
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
        "INSERT INTO entries "
        "(id, uuid, notebook_id, day, created_at, updated_at, body, starred, deleted_at, prompt_id) "
        f"VALUES ({NEXT_ID}, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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


def prompt_event_keys(conn: sqlite3.Connection) -> set[tuple[str, str, str, str]]:
    return set(conn.execute("SELECT prompt_id, occurrence, action, created_at FROM prompt_events").fetchall())


def insert_prompt_event_row(conn: sqlite3.Connection, row: dict[str, object], entry_id: int | None) -> None:
    conn.execute(
        "INSERT INTO prompt_events (prompt_id, occurrence, action, until, entry_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (row["prompt_id"], row["occurrence"], row["action"], row["until"], entry_id, row["created_at"]),
    )
