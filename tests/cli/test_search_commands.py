import shutil
from pathlib import Path

from tests.conftest import db_dump


def _fill(cli) -> None:
    cli("add", "2021-03-19: 근데 슬럼프가 온다고 해서 죽진 않더라구요 #슬럼프")
    cli("add", "yesterday: the models were fine #built")
    cli("add", "경량화를 직접 해봤다", "--star")


def test_search_text_and_json(cli) -> None:
    _fill(cli)
    text = cli("search", "슬럼프")
    assert text.code == 0
    assert "#1  2021-03-19 Fri" in text.out
    assert "슬럼프가" in text.out
    result = cli("search", "model", "--format", "json").json()
    assert len(result) == 1
    hit = result[0]
    assert set(hit) >= {"id", "uuid", "notebook", "date", "created_at", "body", "tags", "starred", "score", "highlight"}
    assert hit["highlight"] == "the **models** were fine #built"
    assert hit["score"] > 0
    assert [h["id"] for h in cli("search", "is:starred", "--format", "json").json()] == [3]
    assert [h["id"] for h in cli("search", "from:2021-03-19", "to:2021-03-19", "--format", "json").json()] == [1]


def test_search_limit_and_no_match(cli) -> None:
    _fill(cli)
    assert len(cli("search", "슬럼프", "OR", "model", "--format", "json").json()) == 2
    assert len(cli("search", "-n", "1", "슬럼프", "OR", "model", "--format", "json").json()) == 1
    none = cli("search", "없는말")
    assert none.code == 0
    assert "No notes match" in none.err


def test_index_rebuild_and_doctor(cli, home: Path) -> None:
    _fill(cli)
    rebuilt = cli("index", "rebuild")
    assert rebuilt.code == 0
    assert "Indexed 3 notes" in rebuilt.out
    doctor = cli("doctor")
    assert doctor.code == 0
    assert "database integrity: ok" in doctor.out
    assert "agrees with the database (3 notes)" in doctor.out
    shutil.rmtree(home / "index")
    repaired = cli("doctor")
    assert repaired.code == 0
    assert "rebuilt it from the database (3 notes)" in repaired.out


def test_missing_index_is_rebuilt_on_search_with_a_visible_message(cli, home: Path) -> None:
    _fill(cli)
    cli("search", "warm")
    shutil.rmtree(home / "index")
    result = cli("search", "슬럼프", "--format", "json")
    assert [h["id"] for h in result.json()] == [1]
    assert "was missing; rebuilt it" in result.err


def test_malformed_queries_are_one_line_and_change_nothing(cli, home: Path) -> None:
    _fill(cli)
    cli("search", "warm")
    before = db_dump(home)
    for query, fragment in [
        ('"unclosed', "unbalanced quote"),
        ("colour:red", "unknown filter"),
        ("on:someday", "'someday'"),
        ("OR", "OR needs a word"),
    ]:
        result = cli("search", query)
        assert result.code == 2, query
        lines = result.err.strip().splitlines()
        assert len(lines) == 1 and fragment in lines[0], result.err
    assert cli("search", "x", "-n", "0").code == 2
    assert db_dump(home) == before
