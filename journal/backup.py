"""Consistent copies of the journal database (SQLite's online backup API) and restoring one.

A backup is taken from a snapshot while other processes keep writing (WAL readers never block writers),
written beside its final name and renamed when complete, checked with `PRAGMA integrity_check`, and
stored as a single self-contained file (rollback-journal mode), 0600.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from journal.db import HEAD_REVISION
from journal.errors import JournalError
from journal.locks import process_alive

BACKUP_DIR = "backups"
DEFAULT_KEEP = 10
_TIMESTAMPED = re.compile(r"journal-(\d{8}-\d{6})(Z?)(?:-(\d+))?\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str
    entries: int
    size: int


def utc_stamp(now: datetime) -> str:
    """`20261123-010000Z`: the instant in UTC, so names sort by when backups were made wherever they were."""
    return f"{now.astimezone(UTC):%Y%m%d-%H%M%S}Z"


def default_backup_path(folder: Path, now: datetime) -> Path:
    """`journal-YYYYMMDD-HHMMSSZ.db` (UTC); a later backup within the same second is `-2`, `-3`, …"""
    stem = f"journal-{utc_stamp(now)}"
    taken = [_made(p)[1] for p in folder.glob(f"{stem}*.db") if _TIMESTAMPED.match(p.name)]
    return folder / (f"{stem}-{max(taken) + 1}.db" if taken else f"{stem}.db")


def unique_path(folder: Path, stem: str) -> Path:
    """`folder/stem.db`, or `stem-2.db`, `stem-3.db`, … if taken (two restores within a second)."""
    path, number = folder / f"{stem}.db", 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.db"
    return path


def backup_to(conn: sqlite3.Connection, target: Path) -> BackupInfo:
    """Copy the database behind `conn` to `target` (which must not exist yet)."""
    if target.exists():
        raise JournalError(f"{target} already exists; give a new file name or a folder")
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        remove_stale_partials(target.parent)
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise JournalError(f"cannot write {target}: {exc.strerror}; choose another path") from None
    copy = sqlite3.connect(partial, isolation_level=None)
    try:
        conn.backup(copy)  # one step: a consistent snapshot, even while others write
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    except sqlite3.Error as exc:
        copy.close()
        _remove_partial(partial)
        reason = "the disk is full; free some space" if "full" in str(exc) else str(exc)
        raise JournalError(f"the backup failed ({reason}); nothing was written, try again") from None
    copy.close()
    try:
        info = check_backup(partial)
        os.replace(partial, target)
    except BaseException:
        _remove_partial(partial)
        raise
    return BackupInfo(target, info.revision, info.entries, target.stat().st_size)


def remove_stale_partials(folder: Path) -> None:
    """Remove the half-written copies of backups whose process is gone (killed while copying)."""
    for partial in folder.glob(".*.partial*"):
        parts = partial.name.split(".")
        pid = next((int(part) for part in reversed(parts) if part.isdigit()), None)
        if pid is not None and pid != os.getpid() and process_alive(pid):
            continue
        partial.unlink(missing_ok=True)


def _remove_partial(partial: Path) -> None:
    for suffix in ("", "-journal"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)


def check_backup(path: Path) -> BackupInfo:
    """A readable, intact journal database of a revision this version knows, or a clear error. The file is
    only read (opened immutable: nothing is written beside it, not even the -shm of a WAL-mode file; a
    restore checks its staged copy again, with any WAL folded in: journal.restore.stage)."""
    if not path.is_file():
        raise JournalError(f"{path}: no such file; backups made by 'journal backup' are in the journal's backups/")
    with path.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise JournalError(f"{path} is not an SQLite database, so not a journal backup")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise JournalError(f"{path} cannot be opened ({exc})") from None
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise JournalError(f"{path} is damaged ({problems[0]}); choose another backup")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "entries", "notebooks"} <= tables:
            raise JournalError(f"{path} is an SQLite database but not a journal")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        if not (isinstance(revision, str) and revision.isdigit() and revision <= HEAD_REVISION):
            raise JournalError(f"{path} was written by a newer version of journal (schema {revision}); update first")
        entries = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    except sqlite3.Error as exc:
        raise JournalError(f"{path} cannot be read as a journal ({exc})") from None
    finally:
        conn.close()
    return BackupInfo(path, revision, entries, path.stat().st_size)


def prune(folder: Path, keep: int, *, spare: Path | None = None) -> list[Path]:
    """Delete all but the newest `keep` timestamped backups, by the instant each was made; never `spare`
    (the one just written, whatever the clock said), nor upgrade and restore copies."""
    found = sorted((p for p in folder.glob("journal-*.db") if _TIMESTAMPED.match(p.name)), key=_made)
    if spare is not None:
        found = [p for p in found if p != spare]
        keep -= 1
    doomed = found[:-keep] if keep > 0 else found
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def _made(path: Path) -> tuple[datetime, int]:
    """When a backup was made, then the -N of a later one within the same second: the UTC instant in
    its name; for a name in local time (older versions), when the file was written."""
    match = _TIMESTAMPED.match(path.name)
    assert match is not None
    number = int(match.group(3) or 1)
    if match.group(2):
        return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC), number
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC), number
    except OSError:
        return datetime.min.replace(tzinfo=UTC), number
