"""Promise: a rebuild's worker processes end with it, and Ctrl-C is one line (issue #18, item 10).

A journal of 20,000 notes or more is rebuilt by two spawned workers. Here a small journal uses them
(slow_rebuild.py lowers the threshold and holds each slice), and the test acts once a worker is loading
notes. Before #18, after a kill -9 the workers and multiprocessing's resource tracker ran on (12
minutes later, still there) holding the terminal's output, and Ctrl-C printed ~60 lines of tracebacks.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.reliability.processes import (
    add_notes,
    children,
    kill_all,
    leftovers,
    pending,
    running,
    searchable,
    start_slow,
    wait_for,
)


@pytest.fixture
def journal_of_workers(home: Path) -> tuple[list[int], list[int]]:
    """600 notes searched (an index), and 5 more saved by the CLI since (queued)."""
    notes = add_notes(home, [f"worker note {n} 작업자" for n in range(600)])
    assert searchable(home, "작업자") == set(notes)
    return notes, add_notes(home, [f"worker note queued {n} 작업자" for n in range(5)])


def _rebuild_until_a_worker_loads(home: Path, started: Path, *, session: bool):  # type: ignore[no-untyped-def]
    rebuild = start_slow(
        home,
        "index",
        "rebuild",
        session=session,
        SLOW_PARALLEL_FROM="100",
        SLOW_SLICE="100",
        SLOW_DELAY="0",
        SLOW_STARTED=str(started),
        SLOW_UNTIL=str(started.with_name("never")),  # the workers hold still until the test acts
    )
    loading = lambda: started.exists() and {int(p) for p in started.read_text().split()} - {rebuild.pid}  # noqa: E731
    wait_for(loading, "a worker process to load notes")
    family = children(rebuild.pid)  # the workers and the resource tracker
    return rebuild, family


def test_a_killed_rebuild_leaves_no_process_behind(home: Path, tmp_path: Path, journal_of_workers) -> None:  # type: ignore[no-untyped-def]
    """Promise: kill -9 of a rebuild while its workers run ends them too (and the resource tracker):
    nothing holds its output afterwards, nothing is printed, and the next search finds every note,
    removing what the rebuild left."""
    notes, queued = journal_of_workers
    rebuild, family = _rebuild_until_a_worker_loads(home, tmp_path / "started", session=False)
    try:
        assert len(family) >= 2
        rebuild.kill()
        out, err = rebuild.communicate(timeout=30)  # returns once no process holds its stdout and stderr
        wait_for(lambda: not running(family), "the workers to end", timeout=10)
    finally:
        kill_all(family)
    assert (out, err) == ("", "")
    lost = set(notes + queued) - searchable(home, "작업자")
    assert lost == set()
    assert leftovers(home) == []


def test_ctrl_c_stops_a_rebuild_in_one_line(home: Path, tmp_path: Path, journal_of_workers) -> None:  # type: ignore[no-untyped-def]
    """Promise: Ctrl-C (SIGINT to the whole foreground process group, as a terminal sends it) stops a
    rebuild and its workers at once with one line, leaves the index as it was and nothing of the new one,
    and the notes that were queued are queued again."""
    notes, queued = journal_of_workers
    rebuild, family = _rebuild_until_a_worker_loads(home, tmp_path / "started", session=True)
    try:
        os.killpg(rebuild.pid, signal.SIGINT)
        out, err = rebuild.communicate(timeout=30)
        wait_for(lambda: not running(family), "the workers to end", timeout=10)
    finally:
        kill_all(family)
    assert rebuild.returncode == 130
    assert err == "journal: interrupted; the search index is as it was\n"
    assert out == ""
    assert leftovers(home) == []
    assert pending(home) >= set(queued)
    assert set(notes + queued) - searchable(home, "작업자") == set()
