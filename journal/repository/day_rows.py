"""Days with notes, and the counts the review screens show (streaks, stats, the calendar).

The figures take an `until` day (today): a note dated after it (a plan, a letter to oneself) does not
count as written until its day arrives.

Streaks, consistency, stats and the digest's numbers read per-day aggregates (day_counts, day_tags,
tag_counts in journal/models.py), not the notes: a million notes over fifty years are ~18,000 days. Every
write calls `recount_days` in its own transaction with the days it touched; those days are counted
afresh from the notes, so the aggregates cannot drift from them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date

from journal.repository.entry_rows import chunks

DIGEST_TAG = "digest"


def day_counts(conn: sqlite3.Connection, start: date, end: date, notebook_id: int | None = None) -> dict[date, int]:
    """How many live notes each day in [start, end] has (days without notes are absent)."""
    sql = "SELECT day, count(*) FROM entries WHERE deleted_at IS NULL AND day >= ? AND day <= ?"
    params: list[object] = [start.isoformat(), end.isoformat()]
    if notebook_id is not None:
        sql += " AND notebook_id = ?"
        params.append(notebook_id)
    return {date.fromisoformat(d): n for d, n in conn.execute(sql + " GROUP BY day", params)}


def written_days(conn: sqlite3.Connection, until: date | None = None) -> list[date]:
    """Every day with a note that counts (live, writable notebook, not a digest), oldest first, up to `until`."""
    sql, params = _until("SELECT day FROM day_counts", until)
    return [date.fromisoformat(row[0]) for row in conn.execute(f"{sql} ORDER BY day", params)]


def current_run(conn: sqlite3.Connection, today: date) -> int:
    """Days in a row with a counted note, ending today, or yesterday while today is still empty: read
    back from today until the first gap."""
    from datetime import timedelta

    expected = today
    run = 0
    for (text,) in conn.execute("SELECT day FROM day_counts WHERE day <= ? ORDER BY day DESC", (today.isoformat(),)):
        day = date.fromisoformat(text)
        if day != expected and not (run == 0 and day == today - timedelta(days=1)):
            break
        run += 1
        expected = day - timedelta(days=1)
    return run


def counted_per_day(conn: sqlite3.Connection, start: date, end: date) -> dict[date, int]:
    """How many counted notes each day in [start, end] has (days without any are absent)."""
    rows = conn.execute(
        "SELECT day, notes FROM day_counts WHERE day >= ? AND day <= ? ORDER BY day",
        (start.isoformat(), end.isoformat()),
    )
    return {date.fromisoformat(day): n for day, n in rows}


def counted_on(conn: sqlite3.Connection, days: list[date]) -> dict[date, int]:
    """How many counted notes each of `days` has (days without any are absent)."""
    found: dict[date, int] = {}
    for chunk, marks in chunks([d.isoformat() for d in days]):
        rows = conn.execute(f"SELECT day, notes FROM day_counts WHERE day IN ({marks})", chunk)
        found.update((date.fromisoformat(day), notes) for day, notes in rows)
    return found


def first_counted_day(conn: sqlite3.Connection) -> date | None:
    row = conn.execute("SELECT min(day) FROM day_counts").fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def _until(sql: str, until: date | None) -> tuple[str, tuple[str, ...]]:
    """`sql` (a SELECT from day_counts) limited to days up to `until`."""
    return (sql, ()) if until is None else (f"{sql} WHERE day <= ?", (until.isoformat(),))


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


def notes_per_weekday(conn: sqlite3.Connection, until: date | None = None) -> dict[int, int]:
    sql, params = _until("SELECT CAST(strftime('%w', day) AS INTEGER), sum(notes) FROM day_counts", until)
    rows = conn.execute(f"{sql} GROUP BY 1", params)
    return {(w - 1) % 7: n for w, n in rows}  # SQLite counts Sunday as 0; we count Monday as 0


def top_tags(conn: sqlite3.Connection, limit: int, until: date | None = None) -> list[tuple[str, int]]:
    """The tags of the most counted notes up to `until`: every day's totals, less the days after it
    (the few notes planned ahead)."""
    # (the later days' rows are read by their day, not grouped here: grouping by tag would scan every day)
    later = "" if until is None else "SELECT tag_id, -notes FROM day_tags WHERE day > ?"
    both = "SELECT tag_id, notes FROM tag_counts" + (f" UNION ALL {later}" if later else "")
    return conn.execute(
        f"SELECT t.name, sum(c.notes) AS n FROM ({both}) c JOIN tags t ON t.id = c.tag_id "
        "GROUP BY c.tag_id HAVING n > 0 ORDER BY n DESC, t.name LIMIT ?",
        (*(() if until is None else (until.isoformat(),)), limit),
    ).fetchall()


def count_counted_entries(conn: sqlite3.Connection, until: date | None = None) -> int:
    """Counted notes (live, writable notebook, not a digest) up to `until`."""
    sql, params = _until("SELECT coalesce(sum(notes), 0) FROM day_counts", until)
    return conn.execute(sql, params).fetchone()[0]


def count_future_entries(conn: sqlite3.Connection, after: date) -> int:
    """Counted notes dated after `after` (today): planned, not counted yet."""
    return conn.execute(
        "SELECT coalesce(sum(notes), 0) FROM day_counts WHERE day > ?", (after.isoformat(),)
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


# -- the per-day aggregates -------------------------------------------------------------------------

_COUNTED_FROM = (
    "entries e JOIN notebooks n ON n.id = e.notebook_id{tags} WHERE e.deleted_at IS NULL AND n.read_only = 0{digest}"
)


def recount_days(conn: sqlite3.Connection, days: Iterable[date] | None) -> None:
    """Count these days afresh (None: every day) into day_counts, day_tags and tag_counts: the notes that
    count, i.e. live, in a writable notebook, not a saved digest. Call it inside the write's transaction,
    after the change, with every day a note was on or moved to (a note moved from day A to day B: both)."""
    if days is None:
        conn.execute("DELETE FROM day_counts")
        conn.execute("DELETE FROM day_tags")
        conn.execute("DELETE FROM tag_counts")
        _count_into(conn, "", [])
        conn.execute("INSERT INTO tag_counts (tag_id, notes) SELECT tag_id, sum(notes) FROM day_tags GROUP BY tag_id")
        return
    texts = sorted({day.isoformat() for day in days})
    for chunk, marks in chunks(texts):
        within = f" AND e.day IN ({marks})"
        before = _tag_sums(conn, marks, chunk)
        conn.execute(f"DELETE FROM day_counts WHERE day IN ({marks})", chunk)
        conn.execute(f"DELETE FROM day_tags WHERE day IN ({marks})", chunk)
        _count_into(conn, within, chunk)
        after = _tag_sums(conn, marks, chunk)
        changes = [(tag, after.get(tag, 0) - before.get(tag, 0)) for tag in before.keys() | after.keys()]
        changes = [(tag, delta) for tag, delta in changes if delta]
        conn.executemany(
            "INSERT INTO tag_counts (tag_id, notes) VALUES (?, ?) "
            "ON CONFLICT (tag_id) DO UPDATE SET notes = notes + excluded.notes",
            changes,
        )
        conn.executemany("DELETE FROM tag_counts WHERE tag_id = ? AND notes <= 0", [(tag,) for tag, _ in changes])


def days_of_entries(conn: sqlite3.Connection, entry_ids: list[int]) -> set[date]:
    """The days these entries are on (what to recount after changing them)."""
    days: set[date] = set()
    for chunk, marks in chunks(entry_ids):
        rows = conn.execute(f"SELECT DISTINCT day FROM entries WHERE id IN ({marks})", chunk)
        days.update(date.fromisoformat(row[0]) for row in rows)
    return days


def _count_into(conn: sqlite3.Connection, within: str, params: list[str]) -> None:
    row = conn.execute("SELECT id FROM tags WHERE key = ?", (DIGEST_TAG,)).fetchone()
    digest = (
        ""
        if row is None
        else f" AND NOT EXISTS (SELECT 1 FROM entry_tags d WHERE d.entry_id = e.id AND d.tag_id = {int(row[0])})"
    )
    counted = _COUNTED_FROM.format(tags="", digest=digest) + within
    conn.execute(f"INSERT INTO day_counts (day, notes) SELECT e.day, count(*) FROM {counted} GROUP BY e.day", params)
    tagged = _COUNTED_FROM.format(tags=" JOIN entry_tags et ON et.entry_id = e.id", digest=digest) + within
    conn.execute(
        f"INSERT INTO day_tags (day, tag_id, notes) SELECT e.day, et.tag_id, count(*) FROM {tagged} "
        "GROUP BY e.day, et.tag_id",
        params,
    )


def _tag_sums(conn: sqlite3.Connection, marks: str, days: list[str]) -> dict[int, int]:
    return dict(conn.execute(f"SELECT tag_id, sum(notes) FROM day_tags WHERE day IN ({marks}) GROUP BY tag_id", days))


_AGGREGATES = {"day_counts": "day", "day_tags": "day, tag_id", "tag_counts": "tag_id"}  # table -> key


def aggregate_problems(conn: sqlite3.Connection) -> list[str]:
    """Where the stored aggregates differ from a recount of the notes (made in a savepoint and rolled
    back: nothing is written), one line per table; none when they agree."""
    stored = _aggregates(conn)
    conn.execute("SAVEPOINT recount")
    try:
        recount_days(conn, None)
        fresh = _aggregates(conn)
    finally:
        conn.execute("ROLLBACK TO recount")
        conn.execute("RELEASE recount")
    return [
        f"{table}: {len(set(stored[table]) ^ set(fresh[table]))} row(s) differ from a recount of the notes"
        for table in _AGGREGATES
        if stored[table] != fresh[table]
    ]


def _aggregates(conn: sqlite3.Connection) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    return {
        table: conn.execute(f"SELECT {key}, notes FROM {table} ORDER BY {key}").fetchall()
        for table, key in _AGGREGATES.items()
    }
