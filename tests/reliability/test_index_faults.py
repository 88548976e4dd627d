"""Promises of the search index under a rebuild in another process, a killed restore, folders that cannot
be deleted and two rebuilds at once (issue #18, items 3, 4, 5 and 9). Each test runs real processes
and counts what search lost or got wrong: it must be zero.

A rebuild is slowed down where it loads notes, or held until the test says go
(tests/reliability/slow_rebuild.py), so a second process acts while it runs, every time."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journal.services import Journal
from tests.reliability.processes import (
    add_notes,
    env,
    journal,
    leftovers,
    pending,
    searchable,
    start_slow,
    wait_for,
)

WRITER = """
import json, sys, time
from pathlib import Path
from journal.services import Journal
home, stop, baseline = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
with Journal(home, index_on_write=True) as j:  # as the app writes: each note indexed as it is saved
    n, after_stop = 0, 0
    while after_stop < 3 and n < len(baseline):
        after_stop += stop.exists()
        added = j.entries.add(f"written meanwhile {n} duringrebuild", parse_prefix=False).id
        j.entries.edit(baseline[n], f"baseline note {n} editedtext")
        print(json.dumps({"added": added, "edited": baseline[n], "at": time.time()}), flush=True)
        n += 1
        time.sleep(0.02)
"""


def test_notes_written_by_the_app_during_a_rebuild_are_found_after_it(home: Path, tmp_path: Path) -> None:
    """Promise: a process that indexes as it writes (the app) keeps adding and editing notes while
    `journal index rebuild` runs in another, before, during and after its swap: afterwards every added
    note is found by its words, every edited note by its new words and none by its old ones, and nothing
    is left queued. (Before #18, 21 of 60 notes written meanwhile were lost from search.) The rebuild
    holds still after listing the notes until the writer has made ten more writes, then goes on while
    the writer keeps writing through the swap and after it."""
    baseline = add_notes(home, [f"baseline note {n} originaltext" for n in range(600)])
    assert searchable(home, "originaltext") == set(baseline)  # an index, as for anyone who searched
    stop, started, go = tmp_path / "stop", tmp_path / "started", tmp_path / "go"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(home), str(stop), json.dumps(baseline)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        writes = [json.loads(writer.stdout.readline())]  # the writer is under way before the rebuild starts
        rebuild = start_slow(home, "index", "rebuild", SLOW_STARTED=str(started), SLOW_UNTIL=str(go), SLOW_DELAY="0.1")
        wait_for(started.exists, "the rebuild to list the notes and start loading them")
        begun = time.time()
        while sum(w["at"] > begun for w in writes) < 10:  # ten writes after it listed the notes, then let it go on
            writes.append(json.loads(writer.stdout.readline()))
        go.touch()
        _out, err = rebuild.communicate(timeout=120)
    finally:
        go.touch()
        stop.touch()
        rest, writer_err = writer.communicate(timeout=120)
    assert rebuild.returncode == 0, err
    assert writer.returncode == 0, writer_err
    writes += map(json.loads, rest.splitlines())
    added = {w["added"] for w in writes}
    edited = {w["edited"] for w in writes}

    assert pending(home) - added - edited == set()  # the rebuild left nothing else queued
    lost = added - searchable(home, "duringrebuild")
    found_by_old_words = edited & searchable(home, "originaltext")
    not_found_by_new_words = edited - searchable(home, "editedtext")
    assert (len(lost), len(found_by_old_words), len(not_found_by_new_words)) == (0, 0, 0)
    assert pending(home) == set()
    assert journal(home, "doctor").stdout.count("agrees with the database") == 1


def _blocked_on_a_lock(pid: int) -> bool:
    """Whether process `pid` waits for an flock (a line `N: -> FLOCK … PID …` in /proc/locks)."""
    return any(f" {pid} " in line for line in Path("/proc/locks").read_text().splitlines() if "-> FLOCK" in line)


def test_the_swap_waits_for_a_process_writing_to_the_old_index(home: Path) -> None:
    """Promise: a process half-way through a write to the old index when the rebuild is ready to swap
    (the app's sync, mid-commit) finishes first: the swap waits for the index's write lock, then puts the
    new index in place, and the note written meanwhile is caught up into it. Nothing is lost. (Before
    #18 the writer's files went into the folder being swapped out, or a crash.)"""
    from whoosh.filedb.filestore import FileStorage

    from journal.search.schema import document

    ids = add_notes(home, [f"swap note {n}" for n in range(200)])
    assert searchable(home, "swap") == set(ids)
    birth = (home / "index" / "JOURNAL_INDEX_ID").read_text()
    writer = FileStorage(str(home / "index")).open_index().writer()  # holds the old index's write lock
    late = add_notes(home, ["swap note written while the rebuild swaps"])  # saved, queued for the index
    rebuild = start_slow(home, "index", "rebuild", SLOW_DELAY="0")
    wait_for(lambda: _blocked_on_a_lock(rebuild.pid), "the rebuild to wait for the old index's write lock")
    assert (home / "index" / "JOURNAL_INDEX_ID").read_text() == birth  # not swapped while a write is open
    with Journal(home) as j:
        writer.add_document(**document(j.entries.get(late[0]), writer.schema))
    writer.commit()  # into the old folder, as the app's sync would
    _out, err = rebuild.communicate(timeout=60)
    assert rebuild.returncode == 0, err
    assert (home / "index" / "JOURNAL_INDEX_ID").read_text() != birth
    assert set(ids + late) - searchable(home, "swap") == set()
    assert leftovers(home) == []


def _edit_everything(home: Path, ids: list[int], word: str) -> None:
    with Journal(home, index_on_write=False) as j:  # indexed by the next search
        for entry_id in ids:
            j.entries.edit(entry_id, f"restore note {entry_id} {word}")


@pytest.mark.parametrize("repair", ["search", "doctor", "the app"])
def test_a_restore_killed_during_its_rebuild_leaves_no_old_text(home: Path, tmp_path: Path, repair: str) -> None:
    """Promise: `restore-backup` killed (SIGKILL) while it rebuilds the index leaves the restored
    journal, and the next search (or `journal doctor`, or the next search of an app that had the index
    open all along) rebuilds the index: no note is found by words it no longer has, and every note by the
    words it has. (Before #18 search answered from the old texts and doctor said the index "agrees".)"""
    ids = add_notes(home, [f"restore note {n} beforebackup" for n in range(300)])
    assert searchable(home, "beforebackup") == set(ids)
    backup = tmp_path / "backup.db"
    assert journal(home, "backup", str(backup)).returncode == 0
    _edit_everything(home, ids, "afterbackup")
    assert searchable(home, "afterbackup") == set(ids)
    app = Journal(home)
    assert len(app.index.search("afterbackup", limit=1000)) == len(ids)  # its index open, as the app keeps it

    started = tmp_path / "started"
    restore = start_slow(home, "restore-backup", str(backup), SLOW_STARTED=str(started), SLOW_DELAY="0.3")
    wait_for(started.exists, "the restore's rebuild to start loading notes")
    restore.kill()
    restore.communicate(timeout=30)

    with app:
        if repair == "the app":
            assert {hit.entry.id for hit in app.index.search("beforebackup", limit=1000)} == set(ids)
            assert app.index.search("afterbackup", limit=1000) == []
            assert any("was out of date" in notice for notice in app.notices)
    if repair == "doctor":
        doctor = journal(home, "doctor")
        assert doctor.returncode == 0, doctor.stderr
        assert "rebuilt it" in doctor.stdout, doctor.stdout
    elif repair == "search":
        said = journal(home, "search", "beforebackup")
        assert said.returncode == 0 and "was out of date" in said.stderr, said.stderr
    not_found = set(ids) - searchable(home, "beforebackup")
    found_by_old_words = searchable(home, "afterbackup")
    assert (len(not_found), len(found_by_old_words)) == (0, 0)
    assert leftovers(home) == []


def test_doctor_finds_documents_that_kept_an_old_text(home: Path) -> None:
    """Promise: `journal doctor` compares what the index holds of each note with the database, not only
    which notes it has: notes whose text changed behind the index's back are re-indexed."""
    ids = add_notes(home, [f"content note {n} oldwords" for n in range(50)])
    assert searchable(home, "oldwords") == set(ids)
    conn = sqlite3.connect(home / "journal.db")  # changed without queueing: as a half-finished restore leaves it
    with conn:
        changed = [(f"content note {i} newwords", i) for i in ids[:7]]
        conn.executemany("UPDATE entries SET body = ? WHERE id = ?", changed)
    conn.close()
    doctor = journal(home, "doctor")
    assert doctor.returncode == 0, doctor.stderr
    assert "re-indexed 7 out-of-date" in doctor.stdout, doctor.stdout
    assert searchable(home, "oldwords") == set(ids[7:])
    assert searchable(home, "newwords") == set(ids[:7])
    again = journal(home, "doctor")
    assert "agrees with the database" in again.stdout, again.stdout


@pytest.fixture
def make_undeletable():  # type: ignore[no-untyped-def]
    """Make a folder impossible to delete, as root too (the tests run as root in CI, where file modes do
    not stop a deletion): an immutable file inside it (chattr +i), or else a file system mounted inside
    it (a mount point cannot be removed). Skips if neither works here."""
    undo = []

    def make(folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        stuck = folder / "stuck"
        stuck.write_text("cannot be deleted\n")
        if subprocess.run(["chattr", "+i", str(stuck)], capture_output=True).returncode == 0:
            undo.append(["chattr", "-i", str(stuck)])
            return
        busy = folder / "busy"
        busy.mkdir()
        mount = ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(busy)]
        if subprocess.run(mount, capture_output=True).returncode:
            pytest.skip("cannot make a folder undeletable here: chattr +i and mount both failed")
        undo.append(["umount", str(busy)])

    yield make
    for command in reversed(undo):
        subprocess.run(command, capture_output=True)


def test_folders_a_rebuild_could_not_delete_do_not_stop_later_rebuilds(home: Path, make_undeletable) -> None:  # type: ignore[no-untyped-def]
    """Promise: an `index.old` that cannot be deleted (left by an earlier version or a crash) stops no
    later rebuild, nor the automatic repair of a missing index; `journal doctor` names it. The other
    leftovers of crashed runs (an `index.new`, a half-written `.tails` file) are removed by the next
    command. Nothing is lost from search. (Before #18: "Directory not empty: index -> index.old", every
    time.)"""
    ids = add_notes(home, [f"leftover note {n}" for n in range(40)])
    assert searchable(home, "leftover") == set(ids)
    make_undeletable(home / "index.old")
    (home / "index.new").mkdir()
    (home / "index.new" / "MAIN_x.seg").write_bytes(b"half a segment")
    (home / "index" / ".MAIN_x.tails.99999999.partial").write_text("{")  # its writer is long gone

    for _ in range(2):
        rebuilt = journal(home, "index", "rebuild")
        assert rebuilt.returncode == 0, rebuilt.stderr
    shutil.rmtree(home / "index")
    repaired = journal(home, "search", "leftover")
    assert repaired.returncode == 0 and "was missing; rebuilt it" in repaired.stderr, repaired.stderr
    assert set(ids) - searchable(home, "leftover") == set()
    assert leftovers(home) == ["index.old"]
    doctor = journal(home, "doctor")
    assert doctor.returncode == 0 and "index.old (from an earlier rebuild) could not be removed" in doctor.stdout


def test_an_index_that_cannot_be_deleted_when_replaced_stops_no_rebuild(home: Path, make_undeletable) -> None:  # type: ignore[no-untyped-def]
    """Promise: when the index being replaced cannot be deleted, the rebuild still succeeds (the old
    folder stays aside) and so does the next one; search finds every note."""
    ids = add_notes(home, [f"stuck note {n}" for n in range(40)])
    assert searchable(home, "stuck") == set(ids)
    make_undeletable(home / "index")
    for _ in range(2):
        rebuilt = journal(home, "index", "rebuild")
        assert rebuilt.returncode == 0, rebuilt.stderr
    assert set(ids) - searchable(home, "stuck") == set()
    assert len([name for name in leftovers(home) if name.startswith("index.old-")]) == 1


def test_a_second_rebuild_while_one_runs_is_told_so(home: Path, tmp_path: Path) -> None:
    """Promise: one rebuild at a time across processes. A second `journal index rebuild` while one runs
    says so in one line (exit 1, no traceback); a search meanwhile answers from the current index, notes
    queued before the rebuild started included; the first rebuild finishes and nothing is lost. (Before
    #18: FileNotFoundError, EmptyIndexError or FileExistsError tracebacks.)"""
    ids = add_notes(home, [f"concurrent note {n}" for n in range(400)])
    assert searchable(home, "concurrent") == set(ids)
    ids += add_notes(home, [f"concurrent note {n}, queued when the rebuild starts" for n in range(3)])
    started, go = tmp_path / "started", tmp_path / "go"
    first = start_slow(home, "index", "rebuild", SLOW_STARTED=str(started), SLOW_UNTIL=str(go), SLOW_DELAY="0")
    try:
        wait_for(started.exists, "the first rebuild to start loading notes")
        second = journal(home, "index", "rebuild")
        meanwhile = searchable(home, "concurrent")
    finally:
        go.touch()
    _out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert second.returncode == 1
    assert second.stderr == (
        "journal: error: another journal process is already rebuilding the search index; "
        "it is up to date when that finishes\n"
    )
    assert set(ids) - meanwhile == set()
    assert set(ids) - searchable(home, "concurrent") == set()


def test_a_search_that_needs_a_rebuild_waits_for_the_running_one(home: Path, tmp_path: Path) -> None:
    """Promise: a search that finds no index while another process is building it waits for that
    rebuild and then answers from it (it does not build a second one, nor fail)."""
    ids = add_notes(home, [f"waiting note {n}" for n in range(400)])  # never searched: no index yet
    started, go = tmp_path / "started", tmp_path / "go"
    first = start_slow(home, "index", "rebuild", SLOW_STARTED=str(started), SLOW_UNTIL=str(go), SLOW_DELAY="0")
    try:
        wait_for(started.exists, "the rebuild to start loading notes")
        search = subprocess.Popen(
            [sys.executable, "-m", "journal", "search", "waiting", "-n", "1000", "--format", "json"],
            env=env(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_for(lambda: _blocked_on_a_lock(search.pid), "the search to wait for the rebuild")
    finally:
        go.touch()
    found, said = search.communicate(timeout=120)
    _out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert search.returncode == 0, said
    assert "rebuilt" not in said
    assert set(ids) - {hit["id"] for hit in json.loads(found)} == set()


def test_three_rebuilds_started_together(home: Path) -> None:
    """Promise: rebuilds started at the same moment each either finish or say another one is running;
    none fails otherwise, and the index they leave is whole."""
    ids = add_notes(home, [f"together note {n}" for n in range(300)])
    assert searchable(home, "together") == set(ids)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "journal", "index", "rebuild"],
            env=env(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    for code, _out, err in results:
        assert code in (0, 1), err
        assert "Traceback" not in err
        assert code == 0 or "already rebuilding the search index" in err
    assert any(code == 0 for code, _, _ in results)
    assert set(ids) - searchable(home, "together") == set()
    assert leftovers(home) == []
