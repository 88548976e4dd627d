"""Replacing the journal with a backup, without losing what was written meanwhile.

The backup is first staged: copied into the journal home and upgraded to this version's schema, so the
journal is never left at an older schema under a running app, and its per-day aggregates counted afresh
from its notes (whatever wrote the backup, they are the notes' own). Then, in ONE write transaction on the
journal, the journal as it is gets copied aside (backups/journal-before-restore-….db) and every table is
replaced by the staged one's. Holding the write lock from the copy through the swap means a note saved
by another process lands either before the copy (and is in it) or after the restore (and is kept):
never in neither. Interrupted anywhere, the journal is the one it was, or the restored one, whole.

A journal too damaged to read is kept as raw files and replaced as a file instead.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from journal.backup import BACKUP_DIR, unique_path
from journal.errors import JournalError

STAGING = ".restore-staging"


def stage(source: Path, home: Path) -> Path:
    """A private copy of the backup in the journal home, upgraded to this version's schema. Reads the
    backup without writing beside it (a WAL-mode backup would otherwise get -wal and -shm files)."""
    from journal.db import upgrade_schema

    folder = home / STAGING
    shutil.rmtree(folder, ignore_errors=True)  # left by a restore that was killed
    folder.mkdir(mode=0o700)
    staged = folder / "journal.db"
    try:
        shutil.copyfile(source, staged)
        wal = Path(f"{source}-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{staged}-wal"))
        os.chmod(staged, 0o600)
        conn = sqlite3.connect(staged, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")  # folds a copied WAL in
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        discard(home)
        reason = _reason(exc)
        raise JournalError(f"cannot copy {source} into the journal ({reason}); the journal is unchanged") from None
    try:
        upgrade_schema(staged)
        _recount(staged)
    except BaseException:
        discard(home)
        raise
    return staged


def _recount(staged: Path) -> None:
    from journal.repository import day_rows

    conn = sqlite3.connect(staged, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        day_rows.recount_days(conn, None)
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        reason = _reason(exc)
        raise JournalError(f"cannot prepare {staged} for the restore ({reason}); the journal is unchanged") from None
    finally:
        conn.close()


def discard(home: Path) -> None:
    shutil.rmtree(home / STAGING, ignore_errors=True)


def before_restore_path(home: Path, stamp: str) -> Path:
    return unique_path(home / BACKUP_DIR, f"journal-before-restore-{stamp}")


class DamagedJournal(Exception):
    """The journal could not be read to be copied aside or replaced table by table."""


def restore_in_place(
    conn: sqlite3.Connection, db_path: Path, staged: Path, keep: Path, also: Callable[[sqlite3.Connection], object]
) -> None:
    """Copy the journal to `keep`, then replace its tables with `staged`'s, all under one write lock,
    committed at once. `also(conn)` is called twice in that transaction: before the tables are replaced,
    it returns what to keep of the journal as it was (a callable), which is then called after.

    SQLite's backup API cannot write into a connection that holds a transaction, so the tables are
    replaced with SQL; the copy aside is taken by a second connection, which sees exactly what is
    committed: nobody else can write while the lock is held."""
    conn.execute("ATTACH DATABASE ? AS restoring", (str(staged),))
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            _copy_aside(db_path, keep)
            after = also(conn)
            _replace_tables(conn)
            if callable(after):
                after(conn)
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if _damaged(str(exc)):
                raise DamagedJournal(str(exc)) from None
            raise
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("DETACH DATABASE restoring")


def keep_damaged(db_path: Path, keep: Path) -> None:
    """Keep the raw files of a journal we could not read, before replacing it."""
    keep.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    for suffix in ("", "-wal"):
        source = Path(f"{db_path}{suffix}")
        if source.exists():
            shutil.copyfile(source, Path(f"{keep}{suffix}"))
            os.chmod(Path(f"{keep}{suffix}"), 0o600)


def replace_file(db_path: Path, staged: Path) -> None:
    """For a journal that cannot be read: swap the file itself (its WAL files go with it)."""
    partial = db_path.with_name(f".{db_path.name}.restoring")
    shutil.copyfile(staged, partial)
    os.chmod(partial, 0o600)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(partial, db_path)


def _copy_aside(db_path: Path, keep: Path) -> None:
    from journal.backup import backup_to

    reader = sqlite3.connect(db_path, isolation_level=None)
    try:
        backup_to(reader, keep)
    except JournalError as exc:
        if _damaged(exc.message):
            raise DamagedJournal(exc.message) from None
        raise
    finally:
        reader.close()


def _damaged(text: str) -> bool:
    return "malformed" in text or "not a database" in text or "corrupt" in text


def _replace_tables(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA defer_foreign_keys = ON")  # rows go in table by table; checked at COMMIT
    for kind, name in conn.execute(
        "SELECT type, name FROM main.sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type IN ('view', 'trigger')"
    ).fetchall():
        conn.execute(f'DROP {kind.upper()} main."{name}"')
    for (name,) in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall():
        conn.execute(f'DROP TABLE main."{name}"')
    wanted = conn.execute(
        "SELECT type, name, sql FROM restoring.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid"
    ).fetchall()
    for _kind, _name, sql in wanted:
        conn.execute(sql)  # unqualified: created in main
    for kind, name, _sql in wanted:
        if kind == "table":
            conn.execute(f'INSERT INTO main."{name}" SELECT * FROM restoring."{name}"')


def _reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return "the disk is full" if "No space left" in text or "disk is full" in text else text
