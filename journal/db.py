"""Opening the journal database: file modes, pragmas, and upgrading the schema to head.

The runtime talks to SQLite through the standard library's `sqlite3`: importing SQLAlchemy costs about
0.45 s here, more than the whole budget of `journal add`. The schema itself is owned by the SQLAlchemy
models and Alembic, which are imported only when the stored revision is not `HEAD_REVISION`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from journal.errors import StorageError

HEAD_REVISION = "0004"
"""The newest migration in migrations/versions; a test keeps it equal to Alembic's head."""

BUSY_TIMEOUT_MS = 10_000


def open_database(db_path: Path, *, shared: bool = False) -> sqlite3.Connection:
    """Open (creating if needed) the journal database at head revision, private to the user.

    `shared=True` lets the connection be used from several threads; the caller serialises access.
    """
    _create_private(db_path)
    conn = _connect(db_path, shared=shared)
    try:
        revision = _stored_revision(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StorageError(
            f"{db_path} is not a journal database ({exc}); move it aside or point JOURNAL_HOME elsewhere"
        ) from None
    if revision != HEAD_REVISION:
        conn.close()
        upgrade(db_path)
        conn = _connect(db_path, shared=shared)
    _tighten_modes(db_path)
    return conn


def upgrade(db_path: Path) -> None:
    """Run Alembic to head, one process at a time, keeping a copy of a database that had data."""
    import fcntl

    lock_path = db_path.with_name(".migrate.lock")
    fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        conn = _connect(db_path)
        try:
            revision = _stored_revision(conn)
            if revision == HEAD_REVISION:
                return  # another process upgraded while we waited for the lock
            if revision is not None:
                _backup_before_upgrade(conn, db_path, revision)
        finally:
            conn.close()
        _run_alembic_upgrade(db_path)
    finally:
        os.close(fd)


def alembic_config(db_path: Path):  # type: ignore[no-untyped-def]
    import sys

    from alembic.config import Config

    from journal.resources import migrations_dir

    config = Config(stdout=sys.stdout)  # Alembic's default binds sys.stdout at import time
    # Shipped inside the package (journal._migrations); a `%` in the install path would be config interpolation.
    config.set_main_option("script_location", str(migrations_dir()).replace("%", "%%"))
    # The path itself, not a URL string: in `sqlite:///…` a `?` or `#` in the path ends the file name
    # (the migration ran on another file), and a `%` breaks the config's interpolation.
    config.attributes["db_path"] = db_path
    return config


def _run_alembic_upgrade(db_path: Path) -> None:
    from alembic import command

    command.upgrade(alembic_config(db_path), "head")


def _backup_before_upgrade(conn: sqlite3.Connection, db_path: Path, revision: str) -> None:
    backups = db_path.parent / "backups"
    backups.mkdir(mode=0o700, exist_ok=True)
    target_path = backups / f"{db_path.stem}-before-upgrade-from-{revision}.db"
    _create_private(target_path)
    target = sqlite3.connect(target_path)
    try:
        conn.backup(target)
    finally:
        target.close()


def _stored_revision(conn: sqlite3.Connection) -> str | None:
    conn.execute("PRAGMA schema_version").fetchone()  # raises DatabaseError for a non-database file
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone()
    if not exists:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _connect(db_path: Path, *, shared: bool = False) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            db_path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=not shared
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            _switch_to_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StorageError(
                f"the journal at {db_path} is busy (another journal process holds it); try again in a moment"
            ) from None
        raise StorageError(f"cannot open {db_path} ({exc}); check the file and its folder") from None
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            f"{db_path} is not a journal database ({exc}); move it aside or point JOURNAL_HOME elsewhere"
        ) from None
    return conn


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """SQLite may refuse a journal-mode change at once, without its busy handler, while another process
    holds the database (say, migrating it on first run): retry within the busy timeout."""
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _create_private(path: Path) -> None:
    try:
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as exc:
        raise StorageError(
            f"cannot open {path}: {exc.strerror}; check the folder's permissions or set JOURNAL_HOME"
        ) from None
    os.close(fd)


def _tighten_modes(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{db_path}{suffix}")
        try:
            if path.exists() and path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)
        except OSError:
            pass  # a file we cannot chmod is reported by `journal doctor`, not at every open


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE takes the write lock up front, so concurrent writers wait instead of failing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
