"""The promise of `journal restore-backup`: nothing is lost. A note saved by another process while the
restore runs is in the restored journal or in the copy kept before it (backups/journal-before-restore-…),
never in neither; interrupted at any point, the journal is the one it was or the restored one, whole, and
the message says which; a journal too damaged to read can still be restored over; and the backup's own
folder is left as it was. Each test counts what was lost (it must be 0).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.services import Journal

WRITER = """
import sys
from pathlib import Path
from journal.services import Journal
with Journal(Path(sys.argv[1]), index_on_write=True) as journal:
    for n in range(int(sys.argv[2])):
        entry = journal.entries.add(f"written during the restore {n}")
        print(entry.uuid, flush=True)  # acknowledged
"""


def _uuids(db: Path) -> set[str]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT uuid FROM entries")}
    finally:
        conn.close()


def _journal(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOURNAL_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "journal", *args], env=env, capture_output=True, text=True)


@pytest.fixture
def with_backup(home: Path, clock: FixedClock) -> Path:
    """A journal with a few notes and a backup of it; more notes written after the backup."""
    with Journal(home, clock=clock) as journal:
        for n in range(5):
            journal.entries.add(f"before the backup {n} #kept")
        journal.index.search("kept")  # an index on disk: the restore rebuilds it
        info, _ = journal.archive.backup(home.parent / "safe.db")
        for n in range(3):
            journal.entries.add(f"after the backup {n}")
    return info.path


def test_notes_saved_during_a_restore_are_kept_somewhere(home: Path, with_backup: Path) -> None:
    """A writer adds notes (indexing them, as the app does) while restore-backup runs, three times:
    every note it was told was saved is in the journal or in a before-restore copy."""
    lost = 0
    for _ in range(3):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(home), "150"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        time.sleep(0.4)  # it is writing
        restored = _journal(home, "restore-backup", str(with_backup))
        out, err = writer.communicate(timeout=120)
        assert restored.returncode == 0, restored.stderr
        assert writer.returncode == 0, err
        acknowledged = set(out.split())
        somewhere = _uuids(home / "journal.db")
        for kept in (home / "backups").glob("journal-before-restore-*.db"):
            somewhere |= _uuids(kept)
        lost += len(acknowledged - somewhere)
    assert lost == 0


@pytest.mark.parametrize("delay", [0.0, 0.1, 0.25, 0.5])
def test_ctrl_c_during_a_restore_leaves_one_whole_journal_and_says_which(
    home: Path, with_backup: Path, delay: float
) -> None:
    before = _uuids(home / "journal.db")
    backup = _uuids(with_backup)
    env = {**os.environ, "JOURNAL_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-m", "journal", "restore-backup", str(with_backup)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    staging = home / ".restore-staging"
    deadline = time.monotonic() + 30
    while not staging.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)  # the restore has begun
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    now = _uuids(home / "journal.db")
    seed = {u for u in now if u not in before and u not in backup}
    assert not seed or len(seed) == 15  # the masterclass notebook, restored into a journal without it
    mine = now - seed
    assert mine in (before, backup), "a journal that is neither the one before nor the backup"
    assert "Traceback" not in err
    if process.returncode == 130:
        if mine == before:
            assert err.strip() == "journal: interrupted; nothing was saved"
        else:
            assert "the journal was restored from" in err
    else:  # done before the signal (or it came while Python was shutting down: -2)
        assert process.returncode in (0, -signal.SIGINT) and mine == backup, err
    assert not (home / ".restore-staging").exists() or process.returncode == 130
    listed = _journal(home, "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    found = _journal(home, "search", "kept", "--format", "json")
    assert found.returncode == 0 and len(json.loads(found.stdout)) == 5, found.stderr


def test_a_journal_with_a_damaged_page_can_be_restored_over(home: Path, with_backup: Path) -> None:
    """One page of journal.db overwritten: commands fail with advice, and restore-backup of a good backup
    works; the damaged files are kept as they were."""
    db = home / "journal.db"
    with Journal(home, index_on_write=False) as journal:
        for n in range(300):
            journal.entries.add(f"long enough to fill a few pages {n} " * 20)
        journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with db.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(os.urandom(4096))
    broken = _journal(home, "list")
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    restored = _journal(home, "restore-backup", str(with_backup))
    assert restored.returncode == 0, restored.stderr
    assert _uuids(db) >= _uuids(with_backup)
    kept = sorted((home / "backups").glob("journal-before-restore-*.db"))
    assert len(kept) == 1
    assert _journal(home, "doctor").returncode == 0


def test_restoring_a_wal_mode_file_writes_nothing_beside_it(home: Path, tmp_path: Path, clock: FixedClock) -> None:
    """A backup that is itself in WAL mode (a copy of a live journal.db): nothing is created next to it."""
    other = tmp_path / "other"
    with Journal(other, clock=clock) as journal:
        journal.entries.add("from the other journal")
    folder = tmp_path / "copies"
    folder.mkdir()
    (folder / "journal.db").write_bytes((other / "journal.db").read_bytes())
    assert (folder / "journal.db").read_bytes()[18:20] == b"\x02\x02"  # WAL mode in the header
    restored = _journal(home, "restore-backup", str(folder / "journal.db"))
    assert restored.returncode == 0, restored.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["journal.db"]


def test_two_restores_in_the_same_second_keep_both_journals(home: Path, with_backup: Path) -> None:
    env_now = {"JOURNAL_NOW": "2026-11-23T10:00:00+09:00"}
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-m", "journal", "restore-backup", str(with_backup)],
            env={**os.environ, "JOURNAL_HOME": str(home), **env_now},
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
    kept = sorted((home / "backups").glob("journal-before-restore-*.db"))
    assert len(kept) == 2


def test_a_killed_backup_leaves_no_partial_file_behind_the_next_one(home: Path, clock: FixedClock) -> None:
    backups = home / "backups"
    backups.mkdir(mode=0o700, exist_ok=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    for name in (
        f".journal-20260101-000000.db.{dead.pid}.partial",
        f".journal-20260101-000000.db.{dead.pid}.partial-journal",
    ):
        (backups / name).write_bytes(b"half")
    with Journal(home, clock=clock) as journal:
        journal.archive.backup()
    assert not list(backups.glob(".*partial*"))
