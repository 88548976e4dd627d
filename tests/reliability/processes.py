"""Helpers for tests that run journal commands as real processes and look at what they leave behind."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from journal.services import Journal

ROOT = Path(__file__).resolve().parents[2]

SLOW_MAIN = """
import sys
sys.path.insert(0, {root!r})
from tests.reliability import slow_rebuild
slow_rebuild.install()
from journal.cli import main
sys.exit(main(sys.argv[1:]))
"""
"""`python -c SLOW_MAIN ARGS…` is `journal ARGS…` with a slowed-down rebuild (slow_rebuild.py)."""


def env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "JOURNAL_HOME": str(home), "PYTHONUNBUFFERED": "1", **extra}


def journal(home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journal", *args], env=env(home, **extra), capture_output=True, text=True, timeout=120
    )


def start_slow(home: Path, *args: str, session: bool = False, **extra: str) -> subprocess.Popen[str]:
    """`journal ARGS…` with a slow rebuild, started in the background (`session`: in a process group of
    its own, as a terminal's foreground job is, so a test can send it Ctrl-C)."""
    return subprocess.Popen(
        [sys.executable, "-c", SLOW_MAIN.format(root=str(ROOT)), *args],
        env=env(home, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=session,
    )


def wait_for(condition: Callable[[], object], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def add_notes(home: Path, texts: list[str]) -> list[int]:
    """Notes saved as the CLI saves them (queued for the index); their ids."""
    with Journal(home, index_on_write=False) as j:
        return [j.entries.add(text, parse_prefix=False).id for text in texts]


def searchable(home: Path, query: str) -> set[int]:
    done = journal(home, "search", query, "-n", "100000", "--format", "json")
    assert done.returncode == 0, done.stderr
    return {hit["id"] for hit in json.loads(done.stdout)}


def pending(home: Path) -> set[int]:
    conn = sqlite3.connect(home / "journal.db")
    try:
        return {row[0] for row in conn.execute("SELECT entry_id FROM index_pending")}
    finally:
        conn.close()


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def running(pids: set[int]) -> set[int]:
    """Those of `pids` still running (not ended, not a zombie waiting to be reaped)."""
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state not in ("Z", "X"):
            alive.add(pid)
    return alive


def kill_all(pids: set[int]) -> None:
    """Clean up after a failed test: the processes it started and found, by their ids."""
    for pid in running(pids):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def leftovers(home: Path) -> list[str]:
    """What rebuilds can leave beside the index, and half-written files inside it."""
    beside = [p.name for p in home.iterdir() if p.name.startswith(("index.new", "index.old"))]
    inside = [p.name for p in (home / "index").glob(".*.partial")] if (home / "index").is_dir() else []
    return sorted(beside + inside)
