"""Promise: the search index can be damaged in any of these ways and the next search notices, says so,
repairs it from the database, and finds every note. Each test counts the notes search lost: zero."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def indexed(cli, home: Path, tmp_path: Path) -> Path:
    """A journal with notes and an index; returns a copy of that index taken before two more notes."""
    for n in range(5):
        cli("add", f"손상 테스트 note {n}")
    assert cli("search", "손상").code == 0
    copy = tmp_path / "index-copy"
    shutil.copytree(home / "index", copy)
    cli("add", "손상 테스트 note written after the copy")
    cli("edit", "1", "--text", "손상 테스트 note 0, edited after the copy")
    assert cli("search", "손상").code == 0
    return copy


def _lost(cli) -> int:
    stored = {e["id"] for e in cli("list", "--format", "json", "--notebook", "Journal").json()}
    found = {h["id"] for h in cli("search", "손상", "-n", "100", "--format", "json").json()}
    return len(stored - found)


def _search_says(cli, fragment: str) -> None:
    result = cli("search", "손상")
    assert result.code == 0
    assert fragment in result.err, result.err


def test_deleted_index_folder(cli, home: Path, indexed: Path) -> None:
    shutil.rmtree(home / "index")
    _search_says(cli, "The search index was missing; rebuilt it")
    assert _lost(cli) == 0


def test_truncated_segment_file(cli, home: Path, indexed: Path) -> None:
    segment = max((home / "index").glob("*.seg"), key=lambda p: p.stat().st_size)
    segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 3])
    _search_says(cli, "could not be read")
    assert _lost(cli) == 0


def test_stale_lock_file_left_by_a_killed_process(cli, home: Path, indexed: Path) -> None:
    (home / "index" / "MAIN_WRITELOCK").write_text("")  # a file nobody holds a lock on
    cli("add", "손상 테스트 note after a stale lock")
    result = cli("search", "손상")
    assert result.code == 0 and "error" not in result.err
    assert _lost(cli) == 0


def test_index_older_than_the_database(cli, home: Path, indexed: Path) -> None:
    shutil.rmtree(home / "index")
    shutil.copytree(indexed, home / "index")  # e.g. the home restored from last week's backup
    _search_says(cli, "was older than the database")
    assert _lost(cli) == 0
    edited = cli("search", '"edited after the copy"', "--format", "json").json()
    assert [h["id"] for h in edited] == [1]  # a stale text would be found by the old words instead


def test_index_of_another_journal(cli, home: Path, indexed: Path, new_home: Path) -> None:
    cli("--home", str(new_home), "add", "다른 저널")
    cli("--home", str(new_home), "search", "다른")
    shutil.rmtree(home / "index")
    shutil.copytree(new_home / "index", home / "index")
    _search_says(cli, "was not the one this journal last wrote")
    assert _lost(cli) == 0
    assert cli("search", "다른", "--format", "json").json() == []
