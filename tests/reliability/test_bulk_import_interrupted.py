"""Promise: a large import into a journal that has a search index, stopped while its catch-up rebuilds the
index (Ctrl-C, kill -9), keeps every imported note: they were committed before the indexing began, stay
queued, and the next search finds them all. The old index is left as it was, nothing of the new one.

The catch-up here is the rebuild (services/index.py BULK_PENDING, lowered for a small journal by
slow_rebuild.py), held at its first slice of notes until the test acts."""

from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

import pytest

from tests.reliability.processes import add_notes, kill_all, leftovers, searchable, start_slow, wait_for

IMPORTED = 120


def _imported_ids(home: Path) -> set[int]:
    conn = sqlite3.connect(home / "journal.db")
    try:
        rows = conn.execute("SELECT id FROM entries WHERE body LIKE 'imported %' AND deleted_at IS NULL")
        return {row[0] for row in rows}
    finally:
        conn.close()


@pytest.mark.parametrize("how", ["ctrl-c", "kill-9"])
def test_a_large_import_stopped_while_it_indexes_loses_nothing(home: Path, tmp_path: Path, how: str) -> None:
    mine = add_notes(home, [f"mine {n} 가져오기" for n in range(30)])
    assert searchable(home, "가져오기") == set(mine)  # the journal has an index
    source = tmp_path / "big.txt"
    source.write_text(
        "".join(f"[2021-03-{1 + n % 28:02d} 09:{n % 60:02d}] imported {n} 가져오기\n\n" for n in range(IMPORTED))
    )
    started = tmp_path / "started"
    importing = start_slow(
        home,
        "import",
        str(source),
        session=True,
        SLOW_BULK_PENDING="50",
        SLOW_SLICE="40",
        SLOW_DELAY="0",
        SLOW_STARTED=str(started),
        SLOW_UNTIL=str(tmp_path / "never"),  # the rebuild holds still until the test acts
    )
    try:
        wait_for(started.exists, "the import's rebuild to load notes")
        if how == "ctrl-c":
            os.killpg(importing.pid, signal.SIGINT)
        else:
            os.killpg(importing.pid, signal.SIGKILL)
        out, err = importing.communicate(timeout=30)
    finally:
        kill_all({importing.pid})
    if how == "ctrl-c":
        assert importing.returncode == 130
        assert err.startswith("journal: indexing interrupted") and err.count("\n") == 1, err
        assert f"Imported {IMPORTED} notes" in out
    imported = _imported_ids(home)
    assert len(imported) == IMPORTED  # committed before the indexing began
    lost = (imported | set(mine)) - searchable(home, "가져오기")
    assert lost == set()
    assert leftovers(home) == []
