"""SQL for index_pending, the outbox of notes the search index has yet to take (docs/search.md)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from journal.repository.entry_rows import stamp


def queue_for_index(conn: sqlite3.Connection, entry_id: int, now: datetime) -> None:
    conn.execute(
        "INSERT INTO index_pending (entry_id, queued_at) VALUES (?, ?) "
        "ON CONFLICT (entry_id) DO UPDATE SET queued_at = excluded.queued_at",
        (entry_id, stamp(now)),
    )


def pending_for_index(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    return conn.execute("SELECT entry_id, queued_at FROM index_pending ORDER BY entry_id").fetchall()


def count_pending(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM index_pending").fetchone()[0]


def clear_pending(conn: sqlite3.Connection, done: list[tuple[int, str]]) -> None:
    """Forget pending rows that were indexed, unless a newer change queued them again meanwhile."""
    conn.executemany("DELETE FROM index_pending WHERE entry_id = ? AND queued_at = ?", done)


def mark_pending_covered(conn: sqlite3.Connection) -> None:
    """Remember the pending rows as they are now, in this connection (a rebuild is about to cover them):
    in SQLite, not in a list, as after a large import there are a million."""
    forget_covered(conn)
    conn.execute("CREATE TEMP TABLE index_covered (entry_id INTEGER PRIMARY KEY, queued_at TEXT)")
    conn.execute("INSERT INTO temp.index_covered SELECT entry_id, queued_at FROM index_pending")


def clear_covered_pending(conn: sqlite3.Connection) -> None:
    """clear_pending for the rows mark_pending_covered remembered."""
    conn.execute(
        "DELETE FROM index_pending WHERE EXISTS (SELECT 1 FROM temp.index_covered AS c "
        "WHERE c.entry_id = index_pending.entry_id AND c.queued_at = index_pending.queued_at)"
    )
    forget_covered(conn)


def forget_covered(conn: sqlite3.Connection) -> None:
    """Drop what mark_pending_covered remembered (a million rows after a large import), if anything."""
    conn.execute("DROP TABLE IF EXISTS temp.index_covered")
