"""Promise: a journal is private. The home is 0700 and every file in it 0600, also after a backup, an
export into the home and an index rebuild; and nothing is written outside the journal home."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path


def test_modes_and_nothing_written_outside_the_home(tmp_path: Path) -> None:
    base = tmp_path / "privacy"
    home = base / "journal-home"
    fake_user = base / "user-home"
    fake_user.mkdir(parents=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("XDG_") and key not in ("JOURNAL_HOME", "HOME")
    }
    env |= {"HOME": str(fake_user), "JOURNAL_HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1"}

    def journal(*args: str) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "journal", *args], env=env, capture_output=True, text=True, cwd=base, timeout=120
        )
        assert done.returncode == 0, done.stderr

    journal("add", "비밀 노트 #private")
    journal("search", "비밀")
    journal("backup")
    journal("export", "--format", "json", "-o", str(home / "all.json"))  # -o never creates a missing folder
    journal("export", "--format", "md", "-o", str(home / "md") + "/")  # the folder named is created, 0700
    journal("index", "rebuild")
    journal("doctor")

    loose = []
    for folder, dirs, files in os.walk(home):
        for name in dirs:
            mode = stat.S_IMODE(os.stat(os.path.join(folder, name)).st_mode)
            loose += [f"{name} {mode:o}"] if mode != 0o700 else []
        for name in files:
            mode = stat.S_IMODE(os.stat(os.path.join(folder, name)).st_mode)
            loose += [f"{name} {mode:o}"] if mode & 0o077 else []
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert loose == []
    assert list(fake_user.iterdir()) == []  # no dotfiles, caches or config outside the journal home
    assert sorted(p.name for p in base.iterdir()) == ["journal-home", "user-home"]  # nor in the working folder
