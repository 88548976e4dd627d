"""Drafts: unsaved text, kept as it is typed."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from journal.records import Draft
from journal.repository.entry_rows import stamp


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
