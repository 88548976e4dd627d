"""The promise: opening a journal written by an older version upgrades it whole or not at all. An upgrade
interrupted at any point — Ctrl-C, SIGTERM, SIGKILL, a disk that fills — leaves the journal as it was;
the next open upgrades it again, and the copy taken before the upgrade can always be restored. Each test
counts the notes lost (it must be 0).

An older version committed each migration step on its own: interrupted, it left a journal half-way
(`_alembic_tmp_entries`, "table journal_meta already exists") that no command could open.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command

from journal.db import HEAD_REVISION, alembic_config, open_database
from tests.reliability import disks

NOTES = 6_000
UPGRADE = "from pathlib import Path; import sys; from journal.db import open_database; open_database(Path(sys.argv[1]))"


def _fill(db: Path, revision: str) -> None:
    command.upgrade(alembic_config(db), revision)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO notebooks (name, description, read_only, created_at) VALUES ('Journal', '', 0, 'x')")
    conn.executemany(
        "INSERT INTO entries (uuid, notebook_id, day, created_at, updated_at, body, starred) VALUES (?,?,?,?,?,?,?)",
        [
            (
                f"00000000-0000-4000-8000-{n:012d}",
                1,
                f"2020-{1 + n % 12:02d}-{1 + n % 28:02d}",
                "2020-01-01T00:00:00+00:00",
                "2020-01-01T00:00:00+00:00",
                f"노트 {n}: 슬럼프가 와도 괜찮다, a tiny note every day " * 4,
                n % 7 == 0,
            )
            for n in range(NOTES)
        ],
    )
    conn.commit()
    conn.close()


@pytest.fixture(scope="module")
def old_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal of schema 0001 with NOTES notes: its upgrade copies the entries table (a second or so)."""
    db = tmp_path_factory.mktemp("old") / "journal.db"
    _fill(db, "0001")
    return db


def _notes(db: Path) -> tuple[int, str]:
    """How many notes, and a digest of every one of them."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT uuid, day, body, starred FROM entries WHERE uuid LIKE '00000000-%' ORDER BY uuid"
        ).fetchall()
    finally:
        conn.close()
    return len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()


def _state(db: Path) -> tuple[str | None, set[str]]:
    conn = sqlite3.connect(db)
    try:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
    return version, tables


def _home_with(old: Path, root: Path) -> Path:
    home = root / "old-home"
    home.mkdir(mode=0o700, parents=True)
    shutil.copy(old, home / "journal.db")
    return home


def _start_upgrade(home: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", UPGRADE, str(home / "journal.db")], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _wait_for_the_copy(home: Path, process: subprocess.Popen[bytes]) -> None:
    """The copy of the database as it was is taken first; Alembic starts right after."""
    copy = home / "backups" / "journal-before-upgrade-from-0001.db"
    deadline = time.monotonic() + 30
    while not copy.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert copy.exists(), "the upgrade never started"


def _wait_for_the_migration_to_write(home: Path, process: subprocess.Popen[bytes]) -> bool:
    """Whether the migration's transaction has begun writing (its pages go to the WAL) while running."""
    wal = home / "journal.db-wal"
    deadline = time.monotonic() + 30
    while process.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 0:
            return True
        time.sleep(0.002)
    return False


@pytest.mark.parametrize(
    ("sig", "delays"),
    [
        (signal.SIGKILL, (None, 0.0, 0.05, 0.2)),
        (signal.SIGINT, (None, 0.02)),
        (signal.SIGTERM, (0.02,)),
    ],
)
def test_an_upgrade_interrupted_by_a_signal_loses_nothing(
    old_database: Path, tmp_path: Path, sig: signal.Signals, delays: tuple[float | None, ...]
) -> None:
    """`None`: as soon as the copy is taken (before Alembic starts); a number: that long after the
    migration's transaction began writing."""
    expected = _notes(old_database)
    mid_transaction = 0
    for attempt, delay in enumerate(delays):
        home = _home_with(old_database, tmp_path / f"try{attempt}")
        db = home / "journal.db"
        process = _start_upgrade(home)
        _wait_for_the_copy(home, process)
        writing = delay is not None and _wait_for_the_migration_to_write(home, process)
        time.sleep(delay or 0)
        process.send_signal(sig)
        process.communicate(timeout=60)
        version, tables = _state(db)
        assert version in ("0001", HEAD_REVISION), "an upgrade was left half-way"
        assert not [t for t in tables if t.startswith("_alembic_tmp_")]
        assert _notes(db) == expected, "notes lost or changed by an interrupted upgrade"
        mid_transaction += writing and version == "0001"
        # The next open simply upgrades again (here, in this process: the killed one is gone, its lock with it).
        open_database(db).close()
        assert _state(db)[0] == HEAD_REVISION
        assert _notes(db) == expected
    if any(delay is not None for delay in delays):
        assert mid_transaction >= 1, "no signal landed inside the migration's transaction"


def test_ctrl_c_during_the_first_open_of_an_old_journal_says_what_happened(old_database: Path, tmp_path: Path) -> None:
    """`journal list` upgrading an old journal, interrupted: the journal is as it was, and the message
    is true ("nothing was saved"); the next `journal list` lists every note."""
    home = _home_with(old_database, tmp_path)
    env = {**os.environ, "JOURNAL_HOME": str(home)}
    lister = [sys.executable, "-m", "journal", "list", "--format", "json", "-n", "1"]
    process = subprocess.Popen(lister, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _wait_for_the_copy(home, process)
    time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    if _state(home / "journal.db")[0] == "0001":  # the upgrade itself was interrupted
        assert process.returncode == 130
        assert stderr.decode().strip() == "journal: interrupted; nothing was saved"
    assert _notes(home / "journal.db") == _notes(old_database)
    again = subprocess.run(lister, env=env, capture_output=True, timeout=60)
    assert again.returncode == 0, again.stderr
    assert _notes(home / "journal.db") == _notes(old_database)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with disks.small_disk(tmp_path / "disk", 1024 * 1024) as point:
        yield point


def test_an_upgrade_on_a_disk_that_fills_says_so_and_loses_nothing(old_database: Path, small_disk: Path) -> None:
    size = old_database.stat().st_size
    disks.resize(small_disk, 2 * size + 256 * 1024)  # the database and its copy fit; the upgrade's work does not
    home = _home_with(old_database, small_disk)
    env = {**os.environ, "JOURNAL_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "journal", "list", "-n", "1"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "full" in lines[0] and "unchanged" in lines[0], lines[0]
    assert _state(home / "journal.db")[0] == "0001"
    assert _notes(home / "journal.db") == _notes(old_database)
    disks.resize(small_disk, 5 * size)
    again = subprocess.run(
        [sys.executable, "-m", "journal", "list", "-n", "1"], env=env, capture_output=True, timeout=60
    )
    assert again.returncode == 0, again.stderr
    assert _state(home / "journal.db")[0] == HEAD_REVISION
    assert _notes(home / "journal.db") == _notes(old_database)


def test_a_journal_left_half_way_by_an_older_version_names_its_way_out(tmp_path: Path) -> None:
    """The shape an older version left after an interrupted upgrade from 0003: schema 0003 with 0004's
    first table and Alembic's copy of the entries. Every command says how to get back; restoring the copy
    made before that upgrade works, and the journal then opens with every note."""
    home = tmp_path / "half-way"
    home.mkdir(mode=0o700)
    db = home / "journal.db"
    _fill(db, "0003")
    (home / "backups").mkdir(mode=0o700)
    copy = home / "backups" / "journal-before-upgrade-from-0003.db"
    shutil.copy(db, copy)
    expected = _notes(db)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE journal_meta (key VARCHAR(100) NOT NULL PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("CREATE TABLE _alembic_tmp_entries AS SELECT * FROM entries")
    conn.commit()
    conn.close()
    env = {**os.environ, "JOURNAL_HOME": str(home)}

    def journal(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "journal", *args], env=env, capture_output=True, text=True)

    for args in (("list",), ("add", "x"), ("doctor",)):
        result = journal(*args)
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert f"journal restore-backup {copy}" in result.stderr
    restored = journal("restore-backup", str(copy))
    assert restored.returncode == 0, restored.stderr
    assert _state(db)[0] == HEAD_REVISION
    assert _notes(db) == expected
    listed = journal("list", "--format", "json", "-n", "1")
    assert listed.returncode == 0, listed.stderr
