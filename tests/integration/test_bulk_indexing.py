"""A large import into a journal that already has a search index is indexed by a rebuild (in segments, in
parallel), not note by note through Whoosh's writer; a small one is indexed as it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.repository import meta_rows, pending_rows
from journal.services import Journal
from journal.services import index as index_area
from journal.services.index_rebuild import INDEX_BIRTH


def _jrnl(path: Path, count: int, word: str) -> Path:
    path.write_text("".join(f"[2021-03-{1 + i % 28:02d} 09:{i % 60:02d}] {word} {i}\n\n" for i in range(count)))
    return path


def _state(home: Path, clock: FixedClock) -> tuple[str | None, int]:
    with Journal(home, clock=clock) as journal:
        return meta_rows.get_meta(journal.conn, INDEX_BIRTH), len(pending_rows.pending_for_index(journal.conn))


@pytest.fixture
def searched_home(home: Path, clock: FixedClock, cli) -> Path:
    for i in range(30):
        cli("add", f"mine {i}")
    assert cli("search", "mine").code == 0  # the journal has an index now
    return home


def test_a_large_import_waits_for_its_catch_up_and_is_rebuilt(
    searched_home: Path, clock: FixedClock, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_area, "BULK_PENDING", 50)  # the real threshold (2,000) in a small test
    birth, _ = _state(searched_home, clock)
    with Journal(searched_home, clock=clock) as journal:
        from journal.interchange import ReadOptions, read_notes

        options = ReadOptions(zone=clock.zone(), default_time=journal.config.default_clock, now=clock.now())
        report = journal.archive.import_notes(
            read_notes(_jrnl(tmp_path / "a.txt", 100, "imported"), "jrnl", options=options)
        )
        assert report.added == 100
        # The write did not index them one by one: they wait, all of them, for the catch-up.
        assert len(pending_rows.pending_for_index(journal.conn)) == 100
        journal.index.catch_up()
    rebuilt, pending = _state(searched_home, clock)
    assert pending == 0 and rebuilt != birth  # a new index, built whole
    found = cli("search", "imported", "-n", "200", "--format", "json").json()
    assert len(found) == 100
    assert len(cli("search", "mine", "--format", "json").json()) == 20  # the notes from before are in it too


def test_the_cli_import_rebuilds_and_a_search_finds_everything(
    searched_home: Path, clock: FixedClock, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_area, "BULK_PENDING", 50)
    birth, _ = _state(searched_home, clock)
    assert cli("import", str(_jrnl(tmp_path / "b.txt", 80, "bulk"))).code == 0
    rebuilt, pending = _state(searched_home, clock)
    assert pending == 0 and rebuilt != birth
    assert len(cli("search", "bulk", "-n", "200", "--format", "json").json()) == 80


def test_a_small_import_is_indexed_as_it_is_written(
    searched_home: Path, clock: FixedClock, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_area, "BULK_PENDING", 50)
    birth, _ = _state(searched_home, clock)
    assert cli("import", str(_jrnl(tmp_path / "c.txt", 10, "few"))).code == 0  # 10 < 50: below the threshold
    same, pending = _state(searched_home, clock)
    assert pending == 0 and same == birth  # the same index, the notes added to it
    assert len(cli("search", "few", "--format", "json").json()) == 10


def test_a_large_import_that_is_a_small_part_of_the_journal_is_added_note_by_note(
    searched_home: Path, clock: FixedClock, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_area, "BULK_PENDING", 5)
    birth, _ = _state(searched_home, clock)
    assert cli("import", str(_jrnl(tmp_path / "d.txt", 12, "part"))).code == 0  # 12 of 42: under a third
    same, pending = _state(searched_home, clock)
    assert pending == 0 and same == birth
    assert len(cli("search", "part", "--format", "json").json()) == 12


def test_a_rebuild_remembers_what_it_covers_in_sqlite_and_forgets_it_after(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows a rebuild covers (a million after a large import) are kept in a temporary table of its
    connection, not in a list; it is gone after the rebuild, whether it succeeded or failed, and a failed
    one leaves every note queued."""
    from journal.search import store

    for i in range(5):
        journal.entries.add(f"queued {i}")
    conn = journal.conn

    def temp_tables() -> list[str]:
        return [row[0] for row in conn.execute("SELECT name FROM sqlite_temp_master WHERE type = 'table'")]

    def fails(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("the rebuild failed half-way")

    queued = pending_rows.pending_for_index(conn)
    assert len(queued) == 5
    with monkeypatch.context() as patch:
        patch.setattr(store, "write_segments", fails)
        with pytest.raises(Exception, match="half-way"):
            journal.index.rebuild()
    assert temp_tables() == []
    assert pending_rows.pending_for_index(conn) == queued
    assert journal.index.rebuild() == 5
    assert temp_tables() == [] and pending_rows.count_pending(conn) == 0
