"""Smaller promises of #18, each counting what was lost (0): one saved digest a week however many
processes save it at once; a restore on a nearly full disk restores and says what it could not do; doctor
on a damaged journal names the way out; a journal emptied to zero bytes is reported, not started over; a
home made by hand 0755 is private from its first use; a WAL deleted under a running process is named."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from journal.clock import FixedClock
from journal.services import Journal
from tests.reliability import disks

SAVER = """
import sys
from pathlib import Path
from journal.services import Journal
with Journal(Path(sys.argv[1])) as journal:
    print(journal.review.save_digest().id)
"""


def _journal(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journal", *args],
        env={**os.environ, "JOURNAL_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_digests_saved_at_once_by_several_processes_are_one_note(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("shipped it #built")
    savers = [
        subprocess.Popen([sys.executable, "-c", SAVER, str(home)], stdout=subprocess.PIPE, text=True) for _ in range(4)
    ]
    ids = {process.communicate(timeout=120)[0].strip() for process in savers}
    assert all(process.returncode == 0 for process in savers)
    assert len(ids) == 1
    with Journal(home, clock=clock) as journal:
        assert len(journal.entries.list(tags=("digest",))) == 1


def test_a_restore_on_a_nearly_full_disk_restores_and_says_what_it_could_not_do(tmp_path: Path) -> None:
    with disks.small_disk(tmp_path / "disk", 24 * 1024 * 1024) as point:
        home = point / "home"
        with Journal(home, index_on_write=False) as journal:  # as `journal add` saves them, in one process
            for n in range(40):
                journal.entries.add(f"note {n} " + "가나다라마바사 " * 200)
        assert _journal(home, "search", "가나다").returncode == 0  # an index to rebuild after the restore
        assert _journal(home, "backup", str(point / "b.db")).returncode == 0
        _journal(home, "add", "after the backup")
        disks.fill(point, leave=int(2.5 * (home / "journal.db").stat().st_size))
        result = _journal(home, "restore-backup", str(point / "b.db"))
        assert "Traceback" not in result.stderr, result.stderr
        if result.returncode == 0:  # restored: the index could not follow, and it says so
            assert "Restored 40 notes" in result.stdout
        else:  # not even the staging copy fitted: one line, and the journal is as it was
            assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
            assert "disk is full" in result.stderr
        (point / "filler").unlink()
        listed = _journal(home, "list", "--format", "json")
        assert listed.returncode == 0, listed.stderr
        found = _journal(home, "search", "가나다", "--format", "json", "-n", "100")
        assert found.returncode == 0, found.stderr


def test_doctor_on_a_damaged_journal_names_the_newest_good_backup(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock, index_on_write=False) as journal:
        for n in range(300):
            journal.entries.add(f"long enough to fill a few pages {n} " * 20)
        info, _ = journal.archive.backup()
        journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with (home / "journal.db").open("r+b") as handle:
        handle.seek(4096 * 5)
        handle.write(os.urandom(4096))
    result = _journal(home, "doctor")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"journal restore-backup {info.path}" in result.stderr


def test_a_journal_emptied_to_zero_bytes_is_reported_not_started_over(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("precious")
        info, _ = journal.archive.backup()
    (home / "journal.db").write_bytes(b"")
    result = _journal(home, "list")
    assert result.returncode == 1 and "0 bytes" in result.stderr and str(info.path) in result.stderr
    assert (home / "journal.db").stat().st_size == 0  # nothing written over it
    assert _journal(home, "restore-backup", str(info.path)).returncode == 0
    assert "precious" in _journal(home, "list").stdout


def test_a_new_zero_byte_file_is_a_new_journal(tmp_path: Path) -> None:
    home = tmp_path / "fresh"
    home.mkdir()
    (home / "journal.db").write_bytes(b"")  # `touch journal.db` before the first start
    assert _journal(home, "add", "first").returncode == 0


def test_a_home_made_by_hand_is_private_from_its_first_use(tmp_path: Path) -> None:
    home = tmp_path / "made-by-hand"
    home.mkdir()
    home.chmod(0o755)
    assert _journal(home, "list").returncode == 0
    assert home.stat().st_mode & 0o777 == 0o700


def test_a_wal_deleted_under_a_running_process_is_named(home: Path, clock: FixedClock) -> None:
    """Another program deletes the WAL while the journal is open: the next write says what happened
    instead of 'disk I/O error' alone, and the notes already saved are still there."""
    with Journal(home, clock=clock) as journal:
        journal.entries.add("saved before")
        Path(f"{journal.db_path}-wal").unlink()
        Path(f"{journal.db_path}-shm").unlink(missing_ok=True)
        try:
            journal.entries.add("after the WAL went")
        except sqlite3.Error as exc:
            from journal.cli import database_failure

            message = database_failure(str(exc))
            assert "removed while it was open" in message or "nothing was saved" in message, message
    listed = _journal(home, "list", "--format", "json")
    assert listed.returncode == 0 and "saved before" in listed.stdout
