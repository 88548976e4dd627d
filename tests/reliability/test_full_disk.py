"""The promise: when the disk fills — during an import, a note, a backup, an export — the command says so
in one line ("the disk is full"), exit code 1, nothing half-written is left behind, and the journal holds
exactly what it held (notes lost: 0). Freed space, the same command works."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability import disks


@pytest.fixture
def home_on_small_disk(tmp_path: Path) -> Iterator[Path]:
    with disks.small_disk(tmp_path / "disk", 8 * 1024 * 1024) as point:
        home = point / "home"
        _journal(home, "add", "a note from before the disk filled #kept")
        yield home


def _journal(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journal", *args],
        env={**os.environ, "JOURNAL_HOME": str(home)},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _bodies(home: Path) -> list[str]:
    conn = sqlite3.connect(f"{(home / 'journal.db').as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT body FROM entries ORDER BY id")]
    finally:
        conn.close()


def _says_the_disk_is_full(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "disk is full" in lines[0], lines[0]


def test_an_import_that_fills_the_disk_names_the_cause_and_adds_nothing(
    home_on_small_disk: Path, tmp_path: Path
) -> None:
    home = home_on_small_disk
    before = _bodies(home)
    journal_file = tmp_path / "big.txt"
    with journal_file.open("w", encoding="utf-8") as handle:
        for n in range(6000):
            handle.write(f"[2020-01-01 10:{n % 60:02d}] note {n}\n{'슬럼프가 와도 괜찮다. ' * 60}\n\n")
    result = _journal(home, "import", str(journal_file), "--format", "jrnl")
    _says_the_disk_is_full(result)
    assert "no transaction is active" not in result.stderr
    assert _bodies(home) == before


def test_a_note_on_a_full_disk_says_so_and_the_next_one_is_saved(home_on_small_disk: Path) -> None:
    home = home_on_small_disk
    before = _bodies(home)
    disks.fill(home.parent)
    result = _journal(home, "add", stdin="written on a full disk " * 4000)
    if result.returncode == 0:  # SQLite found room in a page it had: then nothing was lost either
        assert len(_bodies(home)) == len(before) + 1
        return
    _says_the_disk_is_full(result)
    assert _bodies(home) == before
    (home.parent / "filler").unlink()
    again = _journal(home, "add", "after freeing space")
    assert again.returncode == 0, again.stderr
    assert _bodies(home) == [*before, "after freeing space"]


def test_a_backup_on_a_full_disk_leaves_no_partial_copy(home_on_small_disk: Path) -> None:
    home = home_on_small_disk
    for n in range(4):
        _journal(home, "add", stdin=f"note {n} " + "가" * 60000)
    disks.fill(home.parent, leave=200 * 1024)
    result = _journal(home, "backup")
    _says_the_disk_is_full(result)
    backups = home / "backups"
    assert not backups.exists() or not [p.name for p in backups.iterdir()]


def test_an_export_on_a_full_disk_leaves_no_partial_file(home_on_small_disk: Path) -> None:
    home = home_on_small_disk
    for n in range(4):
        _journal(home, "add", stdin=f"note {n} " + "가" * 60000)
    disks.fill(home.parent, leave=200 * 1024)
    target = home.parent / "out.json"
    result = _journal(home, "export", "--format", "json", "-o", str(target))
    _says_the_disk_is_full(result)
    assert not target.exists()
    assert not [p for p in home.parent.iterdir() if "partial" in p.name]
