"""The promise: a note holding terminal escape sequences — an OSC 52 clipboard write, an OSC 2 window
title, a clear-screen, a carriage return that hides text — never reaches the terminal as such. Everything
the CLI prints as text shows control characters visibly; JSON is unchanged; a file gets the notes as they
are."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

HOSTILE = "visible \x1b]52;c;ZXZpbA==\x07 \x1b]2;owned\x07 \x1b[2J\x1b[H hidden\rshown \x9b31m end #위험"
CONTROLS = ("\x1b", "\x07", "\x9b", "\r")


def _run_in_a_terminal(home: Path, *args: str, colour: bool = False) -> str:
    """Run journal with its stdout on a pseudo-terminal, as a user would see it; what was written."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "journal", *args],
        env={
            k: v
            for k, v in {**os.environ, "JOURNAL_HOME": str(home), "NO_COLOR": "1"}.items()
            if k != "NO_COLOR" or not colour
        },
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_no_command_prints_a_notes_controls_to_the_terminal(cli, home: Path) -> None:
    note = cli("add", stdin=HOSTILE).out.split()[1].lstrip("#")
    for args in (
        ["list"],
        ["show", note],
        ["search", "visible"],
        ["history", note],
        ["tags"],
        ["export", "--format", "md"],
        ["export", "--format", "jrnl"],
        ["digest"],
        ["list", "--format", "md"],
    ):
        shown = _run_in_a_terminal(home, *args)
        leaked = [c for c in CONTROLS if c in shown.replace("\n", "")]
        assert not leaked, (args, leaked)
    assert "␛]52;c;ZXZpbA==␇" in _run_in_a_terminal(home, "show", note)


def test_json_and_files_keep_the_note_as_it_is(cli, home: Path, tmp_path: Path) -> None:
    cli("add", stdin=HOSTILE)
    listed = cli("list", "--format", "json").json()
    assert listed[0]["body"] == HOSTILE
    target = tmp_path / "notes.txt"
    assert cli("export", "--format", "jrnl", "-o", str(target)).code == 0
    assert "\x1b]52;c;ZXZpbA==\x07" in target.read_text(encoding="utf-8")
    piped = subprocess.run(
        [sys.executable, "-m", "journal", "export", "--format", "md"],
        env={**os.environ, "JOURNAL_HOME": str(home)},
        capture_output=True,
        text=True,
    )
    assert "\x1b]2;owned\x07" in piped.stdout  # into a pipe or a file: the note as it is
    assert json.loads(cli("show", listed[0]["uuid"][:8], "--format", "json").out)["body"] == HOSTILE


def test_colours_on_a_terminal_are_ours_only(cli, home: Path) -> None:
    """With colour (a terminal, no NO_COLOR), the only escape sequences are our own colour codes (SGR),
    added after the note text was made safe: the note's own sequences still show as ␛."""
    import re

    cli("add", stdin=HOSTILE)
    cli("add", "plain #built note", "--star")
    for args in (["list"], ["search", "visible"], ["search", "built"], ["show", "1"]):
        shown = _run_in_a_terminal(home, *args, colour=True)
        assert "\x1b[" in shown, args  # coloured
        ours_removed = re.sub(r"\x1b\[[0-9;]*m", "", shown)
        assert not [c for c in CONTROLS if c in ours_removed.replace("\n", "")], args
    assert "␛]52;c;ZXZpbA==␇" in re.sub(r"\x1b\[[0-9;]*m", "", _run_in_a_terminal(home, "list", colour=True))
    plain = _run_in_a_terminal(home, "list")  # NO_COLOR
    assert "\x1b" not in plain
