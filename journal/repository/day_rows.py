"""Days with notes, and the counts the review screens show (streaks, stats, the calendar)."""

from __future__ import annotations

import sqlite3
from datetime import date

_WRITTEN_DAYS = (
    "SELECT DISTINCT e.day FROM entries e JOIN notebooks n ON n.id = e.notebook_id "
    "WHERE e.deleted_at IS NULL AND n.read_only = 0"
)


def day_counts(conn: sqlite3.Connection, start: date, end: date, notebook_id: int | None = None) -> dict[date, int]:
    """How many live notes each day in [start, end] has (days without notes are absent)."""
    sql = "SELECT day, count(*) FROM entries WHERE deleted_at IS NULL AND day >= ? AND day <= ?"
    params: list[object] = [start.isoformat(), end.isoformat()]
    if notebook_id is not None:
        sql += " AND notebook_id = ?"
        params.append(notebook_id)
    return {date.fromisoformat(d): n for d, n in conn.execute(sql + " GROUP BY day", params)}


def written_days(conn: sqlite3.Connection) -> list[date]:
    """Every day with a live note in a writable notebook, oldest first."""
    return [date.fromisoformat(row[0]) for row in conn.execute(f"{_WRITTEN_DAYS} ORDER BY e.day")]


def first_day(conn: sqlite3.Connection) -> date | None:
    row = conn.execute(
        "SELECT min(e.day) FROM entries e JOIN notebooks n ON n.id = e.notebook_id WHERE n.read_only = 0"
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def latest_day(conn: sqlite3.Connection, on_or_before: date, notebook_id: int | None = None) -> date | None:
    sql = "SELECT max(day) FROM entries WHERE deleted_at IS NULL AND day <= ?"
    params: list[object] = [on_or_before.isoformat()]
    if notebook_id is not None:
        sql += " AND notebook_id = ?"
        params.append(notebook_id)
    row = conn.execute(sql, params).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


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


def count_own_entries(conn: sqlite3.Connection) -> int:
    """Entries the user wrote or imported (trash included), i.e. outside read-only notebooks."""
    return conn.execute(
        "SELECT count(*) FROM entries e JOIN notebooks n ON n.id = e.notebook_id WHERE n.read_only = 0"
    ).fetchone()[0]


def tag_counts(conn: sqlite3.Connection, notebook_id: int | None = None) -> list[tuple[str, int, date]]:
    """(tag, live notes with it, the last day it was used), most used first; without a notebook, the
    read-only notebooks (the masterclass) are left out."""
    where = "e.deleted_at IS NULL AND " + ("e.notebook_id = ?" if notebook_id is not None else "n.read_only = 0")
    rows = conn.execute(
        "SELECT t.name, count(*), max(e.day) FROM entry_tags et JOIN tags t ON t.id = et.tag_id "
        "JOIN entries e ON e.id = et.entry_id JOIN notebooks n ON n.id = e.notebook_id "
        f"WHERE {where} GROUP BY t.id ORDER BY 2 DESC, t.name",
        () if notebook_id is None else (notebook_id,),
    ).fetchall()
    return [(name, count, date.fromisoformat(last)) for name, count, last in rows]
