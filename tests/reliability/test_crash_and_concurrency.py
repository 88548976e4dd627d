"""Promises that must hold under crashes and concurrency. Each test counts what was lost: it must be zero."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ADDED = re.compile(r"Added #(\d+) ")


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "JOURNAL_HOME": str(home), "PYTHONUNBUFFERED": "1"}


def _journal(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journal", *args], env=_env(home), capture_output=True, text=True, timeout=300
    )


def _searchable_ids(home: Path, query: str) -> set[int]:
    done = _journal(home, "search", query, "-n", "100000", "--format", "json")
    assert done.returncode == 0, done.stderr
    return {hit["id"] for hit in json.loads(done.stdout)}


def _integrity(home: Path) -> str:
    conn = sqlite3.connect(home / "journal.db")
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def _stored_ids(home: Path) -> set[int]:
    conn = sqlite3.connect(home / "journal.db")
    try:
        return {row[0] for row in conn.execute("SELECT id FROM entries")}
    finally:
        conn.close()


ADD_FOREVER = """
import sys
from journal.cli import main
print("ready", flush=True)
sys.stdin.readline()  # the test says go
n = 0
while True:
    main(["add", f"crash test note {sys.argv[1]}-{n}"])
    n += 1
"""


def _adder(home: Path, round_number: int) -> subprocess.Popen[str]:
    """A process that will add notes until killed: it starts Python and imports journal, says "ready",
    and waits for a line on stdin (`_go`) before its first add."""
    return subprocess.Popen(
        [sys.executable, "-c", ADD_FOREVER, str(round_number)],
        env=_env(home),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _go(child: subprocess.Popen[str]) -> None:
    assert child.stdin is not None and child.stdout is not None
    assert child.stdout.readline() == "ready\n"  # nothing more is written before go: no output is left behind
    child.stdin.write("go\n")
    child.stdin.flush()


def test_sigkill_during_writes_loses_no_note_that_was_acknowledged(home: Path) -> None:
    """Promise: once `journal add` has printed its id, the note survives a SIGKILL at any later moment,
    is in the database, and is found by the next search; the database stays intact.

    Each of 50 processes is killed 0-0.65 s after it is told to write: its first add opens the journal
    the last one was killed writing, its later ones add and queue notes. The next process starts Python
    while this one writes, so the test waits for the writing only, not for 50 start-ups in a row."""
    _journal(home, "search", "anything")  # an index exists, as for anyone who has searched before
    rng = random.Random(7)
    acknowledged: set[int] = set()
    kills = 0
    child = _adder(home, 0)
    for round_number in range(50):
        _go(child)
        following = _adder(home, round_number + 1) if round_number < 49 else None
        time.sleep(rng.uniform(0.0, 0.65))  # most kills land in the middle of adds
        child.send_signal(signal.SIGKILL)
        out, _err = child.communicate(timeout=30)
        kills += child.returncode == -signal.SIGKILL
        acknowledged |= {int(m.group(1)) for m in ADDED.finditer(out)}
        if following is not None:
            child = following
    assert kills == 50
    assert len(acknowledged) > 50  # the kills really happened while notes were being written
    lost_from_db = acknowledged - _stored_ids(home)
    assert lost_from_db == set()
    assert _integrity(home) == "ok"
    unsearchable = acknowledged - _searchable_ids(home, "crash")
    assert unsearchable == set()


WRITER = """
import sys
from journal.cli import main
failures = 0
for n in range(300):
    failures += main(["add", f"writer {sys.argv[1]} note {n} 동시에"]) != 0
sys.exit(1 if failures else 0)
"""

SEARCHER = """
import sys, time
from pathlib import Path
from journal.cli import main
stop = Path(sys.argv[1])
runs = 0
while not stop.exists():
    if main(["search", "동시에", "-n", "5"]) != 0:
        sys.exit(1)
    runs += 1
    time.sleep(0.05)
print(f"searches: {runs}")
"""


def test_three_writers_and_a_searcher_at_once(home: Path, tmp_path: Path) -> None:
    """Promise: 3 processes adding 300 notes each while another searches: all 900 are stored and found,
    and no user ever sees "database is locked" (or any error)."""
    stop = tmp_path / "stop"
    searcher = subprocess.Popen(
        [sys.executable, "-c", SEARCHER, str(stop)],
        env=_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(w)],
            env=_env(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(3)
    ]
    results = [w.communicate(timeout=600) for w in writers]
    stop.touch()
    search_out, search_err = searcher.communicate(timeout=120)
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err and "busy" not in err and "error" not in err, err
        assert len(ADDED.findall(out)) == 300
    assert searcher.returncode == 0, search_err
    assert "locked" not in search_err and "error" not in search_err, search_err
    assert "searches:" in search_out
    conn = sqlite3.connect(home / "journal.db")
    bodies = {row[0] for row in conn.execute("SELECT body FROM entries")}
    conn.close()
    expected = {f"writer {w} note {n} 동시에" for w in range(3) for n in range(300)}
    assert expected - bodies == set()
    assert len(_searchable_ids(home, "동시에")) == 900
    assert _integrity(home) == "ok"
