"""Promises of the search index on a full disk and in a folder it cannot write (issue #18, items 7 and 8).

The journal lives on a small tmpfs mounted for the test and filled up to a few pages; that needs root
(CI runs as root). Each test counts what was lost once space is back, and what a failure left behind:
both must be zero. (Before #18: OSError tracebacks, `index.new` left behind, and Whoosh's cancel()
raising again inside the handler.)"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.services import Journal
from tests.reliability.processes import add_notes, journal, leftovers, pending, searchable, start_slow

LEFT_FREE = 96 * 1024
"""What the filled disk keeps free: room for SQLite's shared-memory file and a transaction, none for a
segment of 300 notes (~150 KB) or a rebuilt index (~900 KB)."""


def _mount(kind: list[str], target: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a file system for the test needs root (CI runs as root)")
    done = subprocess.run(["mount", *kind, str(target)], capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")


@pytest.fixture(scope="module")
def _journal_to_fill(tmp_path_factory: pytest.TempPathFactory, _template_home: Path) -> Path:
    """1,500 notes searched (an index), then 300 saved by the CLI (queued for the index); made once."""
    made = tmp_path_factory.mktemp("to-fill") / "home"
    shutil.copytree(_template_home, made)
    add_notes(made, [f"full disk note {n} 디스크가 가득 찼다, with a few more words" for n in range(1500)])
    assert len(searchable(made, "디스크")) == 1500
    add_notes(made, [f"pending note {n} 디스크 queued by the command line" for n in range(300)])
    return made


@pytest.fixture
def disk(tmp_path: Path, _journal_to_fill: Path) -> Iterator[Path]:
    """That journal's home on a 6 MB tmpfs of its own."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    _mount(["-t", "tmpfs", "-o", "size=6m,mode=0700", "tmpfs"], mount_point)
    try:
        small = mount_point / "home"
        shutil.copytree(_journal_to_fill, small)
        yield small
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def _fill(disk: Path, leave: int = LEFT_FREE) -> Path:
    stat = os.statvfs(disk)
    filler = disk.parent / "filler"
    with open(filler, "wb") as handle:
        handle.write(b"\0" * (stat.f_bavail * stat.f_frsize - leave))
    return filler


def _index_files(home: Path) -> list[str]:
    return sorted(p.name for p in (home / "index").iterdir())


def _one_line(stderr: str, start: str) -> None:
    assert stderr.count("\n") == 1 and stderr.startswith(start), stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize("workers", [False, True])
def test_a_rebuild_that_fills_the_disk(disk: Path, workers: bool) -> None:
    """Promise: `journal index rebuild` on a disk without room for the new index is one line, exit 1,
    leaves the old index as it was (search still answers) and nothing of the new one, and keeps the queued
    notes queued; once there is space, nothing is lost. With worker processes too (a full disk in a
    worker stops the rebuild: it is not redone in one process)."""
    before = _index_files(disk)
    queued = pending(disk)
    filler = _fill(disk)
    if workers:
        loads = disk.parent.parent / "loads"
        slow = {"SLOW_PARALLEL_FROM": "100", "SLOW_DELAY": "0", "SLOW_SLICE": "400", "SLOW_STARTED": str(loads)}
        rebuild = start_slow(disk, "index", "rebuild", **slow)
        _out, err = rebuild.communicate(timeout=120)
        code = rebuild.returncode
        assert str(rebuild.pid) not in loads.read_text().split()  # only workers loaded notes: not redone here
    else:
        done = journal(disk, "index", "rebuild")
        code, err = done.returncode, done.stderr
    assert code == 1
    _one_line(err, "journal: error: the disk is full: the search index could not be rebuilt; it is as it was")
    assert leftovers(disk) == []
    assert _index_files(disk) == before
    assert pending(disk) == queued
    still = journal(disk, "search", "가득")
    assert still.returncode == 0 and "#1" in still.stdout, still.stderr
    filler.unlink()
    assert len(searchable(disk, "디스크")) == 1800


def test_a_search_on_a_full_disk_answers_from_the_index_it_has(disk: Path) -> None:
    """Promise: a search whose queued notes cannot be indexed (the disk is full) still answers from the
    index as it is, says so in one line, leaves no half-written segment and no lock held: the same
    process indexes them as soon as there is room, and nothing is lost."""
    before = _index_files(disk)
    filler = _fill(disk)
    with Journal(disk, index_on_write=True) as j:  # one process throughout, as the app is
        hits = j.index.search("가득", limit=5)
        assert len(hits) == 5
        assert j.notices == [
            "the disk is full: the search index cannot be written; 300 note(s) will be indexed by the next command"
        ]
        assert _index_files(disk) == before
        filler.unlink()
        j.notices.clear()
        assert len(j.index.search("queued", limit=1000)) == 300
        assert j.notices == []
    assert len(searchable(disk, "디스크")) == 1800


def test_doctor_on_a_full_disk(disk: Path) -> None:
    """Promise: `journal doctor` that must write the index on a full disk says so in one line (exit 1)
    and leaves the index as it was; once there is room it repairs everything."""
    before = _index_files(disk)
    filler = _fill(disk)
    doctor = journal(disk, "doctor")
    assert doctor.returncode == 1
    _one_line(doctor.stderr, "journal: error: the disk is full: the search index cannot be written")
    assert _index_files(disk) == before and leftovers(disk) == []
    filler.unlink()
    assert journal(disk, "doctor").returncode == 0
    assert len(searchable(disk, "디스크")) == 1800


def test_repairing_a_missing_index_on_a_full_disk(disk: Path) -> None:
    """Promise: a search that must rebuild a missing index on a full disk is one line, exit 1, and
    leaves nothing half-built; with room again the next search rebuilds it and finds everything."""
    shutil.rmtree(disk / "index")
    filler = _fill(disk)
    search = journal(disk, "search", "가득")
    assert search.returncode == 1
    _one_line(search.stderr, "journal: error: the disk is full: the search index could not be rebuilt")
    assert leftovers(disk) == [] and not (disk / "index").exists()
    filler.unlink()
    assert len(searchable(disk, "디스크")) == 1800


def test_an_index_folder_that_cannot_be_written(home: Path, tmp_path: Path) -> None:
    """Promise: with an index folder the journal cannot write (here a read-only mount: as root, modes do
    not stop writes), `journal doctor` is one line naming the real cause, exit 1 (before #18: an
    IndexUnavailable traceback saying another process was writing), and a search answers from the
    index with a one-line notice; nothing is lost once it can be written again."""
    ids = add_notes(home, [f"read only note {n}" for n in range(30)])
    assert searchable(home, "read") == set(ids)
    queued = add_notes(home, ["read only note, queued"])
    index = str(home / "index")
    _mount(["--bind", index], home / "index")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", index], check=True, capture_output=True)
        doctor = journal(home, "doctor")
        assert doctor.returncode == 1
        _one_line(doctor.stderr, "journal: error: the search index cannot be written: Read-only file system")
        search = journal(home, "search", "read", "-n", "100")
        assert search.returncode == 0 and "read only note 0" in search.stdout
        _one_line(search.stderr, "journal: the search index cannot be written: Read-only file system")
        assert "1 note(s) will be indexed by the next command" in search.stderr
    finally:
        subprocess.run(["umount", index], capture_output=True)
    assert set(ids + queued) - searchable(home, "read") == set()
