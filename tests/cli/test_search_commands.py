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


def test_a_search_of_only_exclusions_works_from_the_shell(cli) -> None:
    """`journal search -paper` is a query, not an unknown option: the newest notes without the word."""
    paper = cli("add", "a paper about quantization").out.split()[1]
    others = [cli("add", f"note {n} without it").out.split()[1] for n in range(3)]
    for args in (["-paper"], ["-n", "2", "-paper"], ["-paper", "--format", "json"], ["--", "-paper"]):
        result = cli("search", *args)
        assert result.code == 0, (args, result.err)
        assert paper not in result.out
    found = cli("search", "-paper", "--format", "json").json()
    assert [f"#{hit['id']}" for hit in found] == others[::-1]
    assert len(cli("search", "-n", "2", "-paper", "--format", "json").json()) == 2


def test_not_is_an_exclusion(cli) -> None:
    cli("add", "경량화 with 양자화")
    wanted = cli("add", "경량화 alone").out.split()[1]
    found = cli("search", "경량화 NOT 양자화", "--format", "json").json()
    assert [f"#{hit['id']}" for hit in found] == [wanted]
    bad = cli("search", "경량화 NOT")
    assert bad.code == 2 and "NOT needs a word" in bad.err


def test_an_unknown_notebook_in_a_search_is_a_usage_error(cli) -> None:
    cli("add", "x")
    for query in ("x notebook:Nope", "x -notebook:Nope"):
        result = cli("search", query)
        assert result.code == 2 and "no notebook named 'Nope'" in result.err and not result.out


def test_a_search_with_nothing_to_look_for_says_so(cli, home: Path) -> None:
    cli("add", "(parens) and * stars - and dashes")
    before = db_dump(home)
    for query in ("(", "*", "-", ")", '""'):
        result = cli("search", query)
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1, (query, result.err)
        assert not result.out
    assert db_dump(home) == before


def test_emoji_and_symbols_find_the_notes_that_hold_them(cli) -> None:
    pizza = cli("add", "피자 🍕 먹었다 ^^").out.split()[1]
    smile = cli("add", "그냥 웃었다 ^^").out.split()[1]
    cli("add", "nothing special")
    ids = lambda q: {f"#{h['id']}" for h in cli("search", q, "--format", "json").json()}  # noqa: E731
    assert ids("🍕") == {pizza}
    assert ids("^^") == {pizza, smile}
    assert ids("^^ -🍕") == {smile}
    assert ids("^^ 피자") == {pizza}  # a word and a symbol: both must be there
    assert ids("웃었다 -🍕") == {smile}
    hit = cli("search", "🍕", "--format", "json").json()[0]
    assert "**🍕**" in hit["highlight"]
