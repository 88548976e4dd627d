"""Facts about the journal (journal_meta), and the database's own health check."""

from __future__ import annotations

import sqlite3


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM journal_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO journal_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def delete_meta(conn: sqlite3.Connection, key: str) -> None:
    conn.execute("DELETE FROM journal_meta WHERE key = ?", (key,))


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    rows += [f"foreign key: {row}" for row in conn.execute("PRAGMA foreign_key_check")]
    return [] if rows == ["ok"] else [r for r in rows if r != "ok"]


def is_digest(conn: sqlite3.Connection, entry_id: int) -> bool:
    """Whether the entry is a saved weekly digest (journal_meta `digest.<week>` names it)."""
    row = conn.execute(
        "SELECT 1 FROM journal_meta WHERE key LIKE 'digest.%' AND value = ?", (str(entry_id),)
    ).fetchone()
    return row is not None
