"""What a first trial of round 2 found in the CLI: paths that made files or folders nobody asked for,
and messages that said the wrong thing."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import db_dump


def test_backup_to_a_folder_that_does_not_exist_makes_nothing(cli, tmp_path: Path, home: Path) -> None:
    cli("add", "x")
    result = cli("backup", str(tmp_path / "nodir") + "/")
    assert result.code == 2 and "does not exist" in result.err
    assert not (tmp_path / "nodir").exists()


def test_a_mistyped_home_makes_no_folders(cli, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "home"
    for args in (["list"], ["add", "x"]):
        result = cli("--home", str(missing), *args)
        assert result.code == 1 and "does not exist" in result.err and "--home" in result.err
    assert not (tmp_path / "no").exists()


def test_a_new_home_in_a_folder_that_exists_is_made(cli, tmp_path: Path) -> None:
    assert cli("--home", str(tmp_path / "new"), "add", "first").code == 0


def test_restore_backup_finds_backups_in_the_home_by_the_path_doctor_gives(cli, home: Path, monkeypatch) -> None:
    cli("add", "before")
    made = cli("backup").out.split(" to ")[1].split(" (")[0]
    relative = Path(made).relative_to(home)
    monkeypatch.chdir("/")
    result = cli("restore-backup", str(relative))
    assert result.code == 0, result.err


def test_saying_no_to_a_purge_is_not_an_error(cli, home: Path, monkeypatch) -> None:
    import io
    import sys

    note = cli("add", "keep me").out.split()[1].lstrip("#")
    before = db_dump(home)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    from journal.cli import main

    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    assert main(["purge", note]) == 0
    assert db_dump(home) == before


def test_messages_say_the_right_thing(cli) -> None:
    cli("notebook", "add", "Work")
    assert "'Work' already exists" in cli("notebook", "add", "work").err
    cli("seed")
    renamed = cli("notebook", "rename", "Masterclass · 2021-03-19", "MC")
    assert "it and its notes cannot be changed" in renamed.err
    assert "prompt is empty" in cli("prompt", "add", " ", "--rrule", "FREQ=DAILY").err
    assert "_complete" not in cli("bogus").err
    note = cli("add", "text").out.split()[1].lstrip("#")
    both = cli("edit", note, "--text", "new text", "--date", "last friday")
    assert both.out.startswith(f"Edited and moved #{note}"), both.out


def test_notebooks_line_up_in_terminal_cells(cli) -> None:
    from journal.render import cells

    cli("notebook", "add", "일")
    cli("notebook", "add", "Longer name")
    lines = [line for line in cli("notebooks").out.splitlines() if line]
    ends = {cells(line[: line.index("note")]) for line in lines}
    assert len(ends) == 1, lines
