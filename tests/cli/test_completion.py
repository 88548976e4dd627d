"""`journal completion bash|zsh|fish`: a script made from the parser (every command and option), with
notebook names, tags, prompt ids and recent note ids from the journal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _bash_completes(home: Path, words: list[str]) -> list[str]:
    """What bash offers for the last of `words`, with the script `journal completion bash` prints."""
    bin_dir = Path(sys.executable).parent  # `journal` itself must be on the PATH, as for a user
    script = (
        "source <(journal completion bash)\n"
        f"COMP_WORDS=({' '.join(_quote(w) for w in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n"
        '_shtab_journal\nprintf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "JOURNAL_HOME": str(home), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


def _quote(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("journal") is None, reason="needs bash and journal")
def test_bash_completes_commands_options_and_the_journals_own_values(cli, home: Path) -> None:
    cli("notebook", "add", "Work")
    cli("add", "첫 노트 #경량화")
    note = cli("add", "둘째 #built").out.split()[1].lstrip("#")
    cli("seed")
    assert "move" in _bash_completes(home, ["journal", "mo"])
    assert {"--notebook", "--date", "--star"} <= set(_bash_completes(home, ["journal", "add", "--"]))
    assert "Work" in _bash_completes(home, ["journal", "add", "--notebook", ""])
    assert "Masterclass\\ ·\\ 2021-03-19" in _bash_completes(home, ["journal", "list", "--notebook", "M"])  # one word
    assert set(_bash_completes(home, ["journal", "list", "--tag", ""])) >= {"경량화", "built"}
    assert "tiny-note" in _bash_completes(home, ["journal", "answer", "ti"])
    assert note in _bash_completes(home, ["journal", "show", ""])
    assert set(_bash_completes(home, ["journal", "export", "--format", ""])) == set()  # free text: none offered


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_every_shell_gets_a_script_with_the_journals_values(cli, shell: str) -> None:
    result = cli("completion", shell)
    assert result.code == 0 and result.out.strip(), result.err
    for kind in ("notebooks", "tags", "prompts", "ids"):
        assert "journal _complete" in result.out and kind in result.out, (shell, kind)
    for command in ("purge", "restore-backup", "notebook", "tags"):
        assert command in result.out


def test_an_unknown_shell_is_a_usage_error(cli) -> None:
    result = cli("completion", "csh")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1


def test_the_values_command_prints_one_value_a_line(cli) -> None:
    cli("notebook", "add", "My Notes")
    assert "My Notes" in cli("_complete", "notebooks").out.splitlines()
    assert "My\\ Notes" in cli("_complete", "--escaped", "notebooks").out.splitlines()
