"""Notebooks."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from journal.records import NotebookInfo
from journal.repository.entry_rows import stamp


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


def delete_notebook_with_entries(conn: sqlite3.Connection, notebook_id: int) -> list[int]:
    ids = [r[0] for r in conn.execute("SELECT id FROM entries WHERE notebook_id = ?", (notebook_id,))]
    conn.execute("DELETE FROM entries WHERE notebook_id = ?", (notebook_id,))
    conn.execute("DELETE FROM notebooks WHERE id = ?", (notebook_id,))
    return ids


def rename_notebook(conn: sqlite3.Connection, notebook_id: int, name: str) -> list[int]:
    """Rename; returns the ids of its entries (their index documents name the notebook)."""
    conn.execute("UPDATE notebooks SET name = ? WHERE id = ?", (name, notebook_id))
    return [r[0] for r in conn.execute("SELECT id FROM entries WHERE notebook_id = ?", (notebook_id,))]


def move_all_entries(conn: sqlite3.Connection, from_id: int, to_id: int) -> list[int]:
    """Move every entry of a notebook (the trash too) to another; returns their ids."""
    ids = [r[0] for r in conn.execute("SELECT id FROM entries WHERE notebook_id = ?", (from_id,))]
    conn.execute("UPDATE entries SET notebook_id = ? WHERE notebook_id = ?", (to_id, from_id))
    return ids


def delete_empty_notebook(conn: sqlite3.Connection, notebook_id: int) -> None:
    conn.execute("DELETE FROM notebooks WHERE id = ?", (notebook_id,))


def count_all_entries(conn: sqlite3.Connection, notebook_id: int) -> int:
    """Entries in a notebook, the trash included."""
    return conn.execute("SELECT count(*) FROM entries WHERE notebook_id = ?", (notebook_id,)).fetchone()[0]
