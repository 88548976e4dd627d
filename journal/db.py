"""Opening the journal database: file modes, pragmas, and upgrading the schema to head.

The runtime talks to SQLite through the standard library's `sqlite3`: importing SQLAlchemy costs about
0.45 s here, more than the whole budget of `journal add`. The schema itself is owned by the SQLAlchemy
models and Alembic, which are imported only when the stored revision is not `HEAD_REVISION`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from journal.errors import StorageError

HEAD_REVISION = "0007"
"""The newest migration in migrations/versions; a test keeps it equal to Alembic's head."""

BUSY_TIMEOUT_MS = 10_000


def open_database(db_path: Path, *, shared: bool = False, read_only: bool = False) -> sqlite3.Connection:
    """Open (creating if needed) the journal database at head revision, private to the user.

    `shared=True` lets the connection be used from several threads; the caller serialises access.
    `read_only=True` opens a journal that cannot be written (a read-only disk or folder): reads work,
    writes fail with SQLite's 'attempt to write a readonly database'.
    """
    if read_only:
        return _open_read_only(db_path, shared=shared)
    created = _create_private(db_path)
    if not created:
        _refuse_an_emptied_journal(db_path)
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


def _open_read_only(db_path: Path, *, shared: bool) -> sqlite3.Connection:
    # A WAL-mode database can be read from a read-only disk if its -wal and -shm are there; without them
    # (closed cleanly) it is opened immutable: nothing can change it under us anyway.
    live = Path(f"{db_path}-wal").exists() and Path(f"{db_path}-shm").exists()
    uri = f"{db_path.resolve().as_uri()}?mode=ro" + ("" if live else "&immutable=1")
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=not shared)
        revision = _stored_revision(conn)
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"cannot read {db_path} ({exc}); check the file") from None
    if revision != HEAD_REVISION:
        conn.close()
        raise StorageError(
            f"{db_path} was written by an older version of journal and must be upgraded, which needs a journal "
            "that can be written; copy the folder somewhere writable and open the copy with --home"
        )
    return conn


def upgrade(db_path: Path) -> None:
    """Run Alembic to head, one process at a time, keeping a copy of a database that had data.

    Every migration runs in one transaction (migrations/env.py): an upgrade interrupted by Ctrl-C, a
    kill or a full disk leaves the database as it was, and the next open upgrades it again."""
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
                if _left_half_way(conn):
                    raise _half_way_error(db_path, revision)
                _backup_before_upgrade(conn, db_path, revision)
        finally:
            conn.close()
        _run_alembic_upgrade_or_explain(db_path, revision)
    finally:
        os.close(fd)


def upgrade_schema(db_path: Path) -> None:
    """Bring a private copy (a backup being restored) to head, without the copy an upgrade keeps."""
    conn = _connect(db_path)
    try:
        revision = _stored_revision(conn)
        if revision is not None and _left_half_way(conn):
            raise StorageError(f"{db_path} was left half-way by an interrupted upgrade; choose another backup")
    finally:
        conn.close()
    if revision != HEAD_REVISION:
        _run_alembic_upgrade_or_explain(db_path, revision)


def _run_alembic_upgrade_or_explain(db_path: Path, revision: str | None) -> None:
    try:
        _run_alembic_upgrade(db_path)
    except (KeyboardInterrupt, StorageError):
        raise
    except Exception as exc:  # SQLAlchemy's and Alembic's errors: the transaction was rolled back
        if revision is not None and "already exists" in str(exc):
            raise _half_way_error(db_path, revision) from None
        raise StorageError(
            f"upgrading {db_path} to this version of journal failed ({_cause(exc)}); the journal is unchanged "
            "and the next start tries again"
        ) from None


def _left_half_way(conn: sqlite3.Connection) -> bool:
    """Whether an upgrade by an older version of journal (which committed step by step) was interrupted
    here: a table Alembic's batch mode copies through is left behind."""
    names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return any(name.startswith("_alembic_tmp_") for name in names)


def _half_way_error(db_path: Path, revision: str) -> StorageError:
    backups = db_path.parent / "backups"
    copies = sorted(backups.glob(f"{db_path.stem}-before-upgrade-from-{revision}*.db"))
    fix = (
        f"journal restore-backup {copies[0]}" if copies else "restore your newest backup with 'journal restore-backup'"
    )
    return StorageError(
        f"an earlier upgrade of {db_path} (by an older version of journal) was interrupted half-way; "
        f"restore the copy made before it: {fix}"
    )


def _cause(exc: BaseException) -> str:
    """The database's own words for a failure wrapped by SQLAlchemy or Alembic: the first error of the
    chain (a full disk makes SQLite roll back, and Alembic's clean-up then fails for another reason)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__context__ or current.__cause__
    words = [str(getattr(e, "orig", None) or e).splitlines()[0] for e in chain]
    if any("disk is full" in w or "No space left" in w for w in words):
        return "the disk is full; free some space"
    return words[-1]


def _refuse_an_emptied_journal(db_path: Path) -> None:
    """A journal.db of zero bytes beside a journal's other files (its WAL, backups or index) is a journal
    that was emptied by something (a full disk, a sync tool), not a new one: say so instead of starting
    an empty journal over it."""
    try:
        if db_path.stat().st_size:
            return
    except OSError:
        return
    if Path(f"{db_path}-wal").exists():
        return  # SQLite reads the pages from the WAL
    backups = sorted(db_path.parent.joinpath("backups").glob("*.db"), key=lambda p: p.stat().st_mtime)
    if backups or db_path.parent.joinpath("index").exists():
        fix = f"journal restore-backup {backups[-1]}" if backups else "restore a backup with 'journal restore-backup'"
        raise StorageError(f"{db_path} is empty (0 bytes) although this journal had notes; {fix}")


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
    """A copy of the database as it was, written whole before it takes its name (an upgrade killed while
    copying leaves the last good copy in place). Never taken of a journal left half-way (_left_half_way):
    the copy from before that upgrade is the one to restore."""
    backups = db_path.parent / "backups"
    backups.mkdir(mode=0o700, exist_ok=True)
    target_path = backups / f"{db_path.stem}-before-upgrade-from-{revision}.db"
    partial = target_path.with_name(f".{target_path.name}.partial")
    partial.unlink(missing_ok=True)  # left by an upgrade that was killed while copying
    _create_private(partial)
    target = sqlite3.connect(partial)
    try:
        conn.backup(target)
    except sqlite3.Error as exc:
        target.close()
        partial.unlink(missing_ok=True)
        raise StorageError(
            f"cannot keep a copy of {db_path} before upgrading it ({exc}); free some disk space and try again"
        ) from None
    target.close()
    os.replace(partial, target_path)


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
        if "full" in str(exc) or ("disk I/O" in str(exc) and disk_is_full(db_path.parent)):
            raise StorageError(f"cannot open {db_path}: the disk is full; free some space and try again") from None
        if "disk I/O" in str(exc):
            raise StorageError(
                f"cannot open {db_path} ({exc}): the disk may be failing, or the journal's files were removed "
                "while it was open; try again, or run 'journal doctor'"
            ) from None
        raise StorageError(f"cannot open {db_path} ({exc}); check the file and its folder") from None
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            f"{db_path} is not a journal database ({exc}); move it aside or point JOURNAL_HOME elsewhere"
        ) from None
    return conn


def disk_is_full(folder: Path) -> bool:
    """Whether the disk holding `folder` has (next to) no room left: SQLite reports a full disk as an
    I/O error when it cannot create or grow its shared-memory file."""
    try:
        info = os.statvfs(folder)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < 1024 * 1024


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


def _create_private(path: Path) -> bool:
    """Create the file (0600) if it is not there; whether it was created."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    except FileExistsError:
        return False
    except OSError as exc:
        raise StorageError(
            f"cannot open {path}: {exc.strerror}; check the folder's permissions or set JOURNAL_HOME"
        ) from None
    os.close(fd)
    return True


def _tighten_modes(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{db_path}{suffix}")
        try:
            if path.exists() and path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)
        except OSError:
            pass  # a file we cannot chmod is reported by `journal doctor`, not at every open


def set_busy_timeout(conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """How long a statement on `conn` waits for another process's lock before it fails."""
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE takes the write lock up front, so concurrent writers wait instead of failing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        # SQLite may have rolled back already (a full disk does): a failing ROLLBACK would hide the cause.
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
