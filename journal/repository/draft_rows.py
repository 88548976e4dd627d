"""Drafts: unsaved text, kept as it is typed, in the slots of each app window."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from journal.records import RESTORED_SLOT, Draft
from journal.repository.entry_rows import chunks, stamp

_COLUMNS = "slot, body, updated_at, day, entry_id, entry_version, window_id"


def _draft(row: tuple) -> Draft:
    slot, body, updated, day, entry_id, version, window = row
    return Draft(
        slot,
        body,
        datetime.fromisoformat(updated),
        date.fromisoformat(day) if day else None,
        entry_id,
        datetime.fromisoformat(version) if version else None,
        window,
    )


def save_draft(conn: sqlite3.Connection, draft: Draft) -> None:
    conn.execute(
        "INSERT INTO drafts (window_id, slot, body, day, entry_id, entry_version, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (window_id, slot) DO UPDATE SET body = excluded.body, day = excluded.day, "
        "entry_id = excluded.entry_id, entry_version = excluded.entry_version, updated_at = excluded.updated_at",
        (
            draft.window,
            draft.slot,
            draft.body,
            draft.day.isoformat() if draft.day else None,
            draft.entry_id,
            stamp(draft.entry_version) if draft.entry_version else None,
            stamp(draft.updated_at),
        ),
    )


def get_drafts(conn: sqlite3.Connection, window: str | None = None) -> list[Draft]:
    """A window's drafts (None: every window's), oldest first."""
    sql = f"SELECT {_COLUMNS} FROM drafts"
    params: tuple[str, ...] = ()
    if window is not None:
        sql += " WHERE window_id = ?"
        params = (window,)
    return [_draft(row) for row in conn.execute(sql + " ORDER BY updated_at, id", params)]


def delete_draft(conn: sqlite3.Connection, window: str, slot: str) -> None:
    conn.execute("DELETE FROM drafts WHERE window_id = ? AND slot = ?", (window, slot))


def windows(conn: sqlite3.Connection) -> set[str]:
    """The windows that have drafts."""
    return {row[0] for row in conn.execute("SELECT DISTINCT window_id FROM drafts")}


def move_to_window(conn: sqlite3.Connection, from_windows: list[str], window: str) -> list[Draft]:
    """Give the drafts of `from_windows` to `window`, each under a slot of its own that still says where it
    was typed (`restored:<id>:<slot>`); returns them, oldest first."""
    ids: list[int] = []
    for chunk, marks in chunks(from_windows):
        ids += [row[0] for row in conn.execute(f"SELECT id FROM drafts WHERE window_id IN ({marks})", chunk)]
    moved: list[Draft] = []
    for chunk, marks in chunks(ids):
        conn.execute(
            f"UPDATE drafts SET window_id = ?, slot = CASE WHEN slot LIKE '{RESTORED_SLOT}%' THEN slot "
            f"ELSE '{RESTORED_SLOT}' || id || ':' || slot END WHERE id IN ({marks})",
            (window, *chunk),
        )
        moved += [_draft(row) for row in conn.execute(f"SELECT {_COLUMNS} FROM drafts WHERE id IN ({marks})", chunk)]
    return sorted(moved, key=lambda d: d.updated_at)
