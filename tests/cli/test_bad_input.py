"""Every kind of bad input: one clear line on stderr, the right exit code, no traceback, nothing changed."""

import sqlite3
import sys
from pathlib import Path

import pytest

from tests.conftest import db_dump


@pytest.fixture
def seeded(cli, home: Path) -> list[tuple]:
    cli("add", "existing note #keep")
    cli("add", "gone", "--star")
    cli("delete", "2")
    return db_dump(home)


def _assert_clean_failure(result, code: int, fragment: str) -> None:
    assert result.code == code, result
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("journal: error:")
    assert fragment in lines[0]
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("args", "stdin", "code", "fragment"),
    [
        (["add", ""], None, 2, "empty"),
        (["add", "   "], None, 2, "empty"),
        (["add"], "  \n\t\n", 2, "empty"),
        (["add", "hi", "--notebook", "Nope"], None, 2, "no notebook named 'Nope'"),
        (["list", "--notebook", "Nope"], None, 2, "no notebook named 'Nope'"),
        (["show", "99"], None, 2, "no entry with id 99"),
        (["show", "abc"], None, 2, "no entry with id abc"),
        (["edit", "99", "--text", "x"], None, 2, "no entry with id 99"),
        (["edit", "2", "--text", "x"], None, 2, "in the trash"),
        (["star", "2"], None, 2, "in the trash"),
        (["delete", "2"], None, 2, "in the trash"),
        (["restore", "1"], None, 2, "not in the trash"),
        (["add", "hi", "--date", "next-ish"], None, 2, "'next-ish'"),
        (["list", "--on", "2021-02-30"], None, 2, "'2021-02-30'"),
        (["list", "--from", "today", "--to", "last week-ish"], None, 2, "'last week-ish'"),
        (["list", "--from", "today", "--to", "yesterday"], None, 2, "after"),
        (["list", "--on", "today", "--from", "yesterday"], None, 2, "not both"),
        (["list", "-n", "0"], None, 2, "at least 1"),
        (["list", "-n", "ten"], None, 2, "whole number"),
        (["list", "--format", "xml"], None, 2, "invalid choice"),
        (["frobnicate"], None, 2, "invalid choice"),
        (["add", "x" * 100_001], None, 2, "limit is 100,000"),
        (["add"], "a\x00b", 2, "NUL"),
        (["add"], b"\xff\xfe bad", 2, "not UTF-8"),
        (["edit", "1", "--text", "  "], None, 2, "empty"),
        (["notebook", "add", "journal"], None, 2, "already exists"),
        (["notebook", "add", " "], None, 2, "needs a name"),
        (["move", "1", "Nope"], None, 2, "no notebook named"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(cli, home, seeded, args, stdin, code, fragment) -> None:
    result = cli(*args, stdin=stdin)
    _assert_clean_failure(result, code, fragment)
    assert db_dump(home) == seeded


def test_no_text_no_stdin_no_editor(cli, home, seeded) -> None:
    _assert_clean_failure(cli("add"), 2, "no editor")
    assert db_dump(home) == seeded


def test_failing_editor_saves_nothing(cli, home, seeded, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EDITOR", f"{sys.executable} -c 'import sys; sys.exit(3)'")
    _assert_clean_failure(cli("add"), 1, "exited with status 3")
    assert db_dump(home) == seeded
    assert not list(home.glob("note-*.md"))  # the temporary draft is cleaned up


def test_missing_editor_program(cli, home, seeded, monkeypatch) -> None:
    monkeypatch.setenv("EDITOR", "/no/such/editor")
    _assert_clean_failure(cli("add"), 1, "could not start the editor")
    assert db_dump(home) == seeded


def test_a_file_that_is_not_a_database(cli, new_home: Path) -> None:
    home = new_home
    home.mkdir(mode=0o700)
    junk = b"these are my shopping lists, not SQLite " * 50
    (home / "journal.db").write_bytes(junk)
    _assert_clean_failure(cli("--home", str(home), "add", "hello"), 1, "is not a journal database")
    assert (home / "journal.db").read_bytes() == junk


def test_a_home_we_cannot_create(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    _assert_clean_failure(cli("--home", str(blocker / "home"), "add", "hello"), 1, "cannot create the journal home")
    _assert_clean_failure(cli("--home", str(blocker), "add", "hello"), 1, "not a folder")


def test_a_broken_config(cli, home: Path, seeded) -> None:
    (home / "config.toml").write_text('editor = "vim\n', encoding="utf-8")
    result = cli("add", "hello")
    _assert_clean_failure(result, 1, "line 1")
    assert str(home / "config.toml") in result.err
    assert db_dump(home) == seeded


def test_a_bad_fixed_clock(cli, monkeypatch, home, seeded) -> None:
    from journal.cli import main

    monkeypatch.setenv("JOURNAL_NOW", "tuesday-ish")
    assert main(["add", "x"]) == 2
    assert db_dump(home) == seeded


def test_a_locked_database_is_reported_not_a_traceback(cli, home: Path, seeded, monkeypatch) -> None:
    import journal.db

    monkeypatch.setattr(journal.db, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(home / "journal.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = cli("add", "while locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _assert_clean_failure(result, 1, "locked")
    assert db_dump(home) == seeded
