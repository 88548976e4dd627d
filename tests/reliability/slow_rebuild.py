"""A rebuild slowed down on purpose, for tests that act while it runs (kill it, write meanwhile, start a
second one). Used from a subprocess script:

    from tests.reliability import slow_rebuild
    slow_rebuild.install()          # before journal.cli.main([...])

Every slice of notes a rebuild loads (in the process or in a worker) first appends a line with its
process id to $SLOW_STARTED, waits until the file $SLOW_UNTIL exists (if set: the test says when to go
on), then sleeps $SLOW_DELAY seconds. $SLOW_SLICE notes a slice (default 100)
and $SLOW_PARALLEL_FROM (default: never) make a small journal use several slices and worker processes;
$SLOW_BULK_PENDING lowers the number of queued notes from which an import rebuilds the index.
Nothing in journal/ knows about this: the rebuild's `load` is a parameter, and workers unpickle this
module's function by name.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from journal.records import Entry
from journal.repository.entry_rows import entries_in_file as _entries_in_file


def entries_in_file(db_path: Path, ids: list[int]) -> list[Entry]:
    started = os.environ.get("SLOW_STARTED")
    if started:
        with open(started, "a") as signal:
            signal.write(f"{os.getpid()}\n")
    until = os.environ.get("SLOW_UNTIL")
    deadline = time.monotonic() + 120
    while until and not os.path.exists(until) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(float(os.environ.get("SLOW_DELAY", "0.2")))
    return _entries_in_file(db_path, ids)


def install() -> None:
    from journal.repository import entry_rows
    from journal.search import rebuild

    size = int(os.environ.get("SLOW_SLICE", "100"))
    rebuild.LENGTHS_SLICE = rebuild.REBUILD_SEGMENT = size
    rebuild.PARALLEL_FROM = int(os.environ.get("SLOW_PARALLEL_FROM", str(10**9)))
    entry_rows.entries_in_file = entries_in_file
    if "SLOW_BULK_PENDING" in os.environ:  # how many queued notes make an import rebuild the index
        from journal.services import index

        index.BULK_PENDING = int(os.environ["SLOW_BULK_PENDING"])
