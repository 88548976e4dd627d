"""The promise for a journal that cannot be written (on a read-only disk, or a copy opened with --home from
one): you can still get your notes out. list, show, search, digest, stats, prompts, export and backup (to
a folder that can be written) work; every write is one line saying why it cannot be done; nothing on the
read-only side changes. CI runs as root, for whom file modes do not stop a write: a read-only bind mount
does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


def _journal(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journal", "--home", str(home), *args],
        env={**os.environ, "JOURNAL_NOW": "2026-11-23T10:00:00+09:00"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def read_only_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Made and mounted once for the tests that use it: it is read-only, and each of them checks that
    no byte of it changed."""
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root (CI runs as root)")
    tmp_path = tmp_path_factory.mktemp("read-only")
    source = tmp_path / "journal"
    with pytest.MonkeyPatch.context() as env:  # set up before the per-test fixtures set the zone
        env.setenv("TZ", "Asia/Seoul")
        notes = ("2026-11-20: 슬럼프가 와도 괜찮다 #mood", "2026-11-21: shipped the quantized model #built", "today")
        for text in notes:
            assert _journal(source, "add", text).returncode == 0
        assert _journal(source, "search", "warm").returncode == 0  # an index, up to date
    view = tmp_path / "view"
    view.mkdir()
    subprocess.run(["mount", "--bind", str(source), str(view)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], check=True)
        yield view
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def _snapshot(home: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


def test_every_reading_command_works_on_a_read_only_journal(read_only_home: Path, tmp_path: Path) -> None:
    home = read_only_home
    before = _snapshot(home)
    listed = _journal(home, "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    notes = json.loads(listed.stdout)
    assert len(notes) == 3
    assert _journal(home, "show", str(notes[0]["id"])).returncode == 0
    found = _journal(home, "search", "슬럼프 notebook:Journal", "--format", "json")
    assert found.returncode == 0, found.stderr
    assert [h["body"] for h in json.loads(found.stdout)] == ["슬럼프가 와도 괜찮다 #mood"]
    for args in (["digest"], ["stats"], ["prompts"], ["tags"], ["notebooks"], ["export", "--format", "jrnl"]):
        result = _journal(home, *args)
        assert result.returncode == 0 and "Traceback" not in result.stderr, (args, result.stderr)
    out = tmp_path / "elsewhere"
    out.mkdir()
    exported = _journal(home, "export", "--format", "json", "-o", str(out / "all.json"))
    assert exported.returncode == 0 and len(json.loads((out / "all.json").read_text())["entries"]) >= 3
    backed = _journal(home, "backup", str(out))
    assert backed.returncode == 0, backed.stderr
    assert _snapshot(home) == before


def test_every_write_is_refused_with_one_line(read_only_home: Path) -> None:
    home = read_only_home
    before = _snapshot(home)
    for args in (["add", "x"], ["delete", "1"], ["star", "1"], ["digest", "--save"], ["backup"], ["doctor"]):
        result = _journal(home, *args)
        assert result.returncode in (1, 2), (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr, (args, result.stderr)
        assert "read-only" in lines[0] or "cannot write" in lines[0], (args, lines[0])
    assert _snapshot(home) == before


def test_a_read_only_journal_whose_index_is_behind_is_searched_by_its_text(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root (CI runs as root)")
    source = tmp_path / "journal"
    assert _journal(source, "add", "Quantization is fun").returncode == 0  # pending: never indexed
    view = tmp_path / "view"
    view.mkdir()
    subprocess.run(["mount", "--bind", str(source), str(view)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], check=True)
        result = _journal(view, "search", "quantization", "--format", "json")
        assert result.returncode == 0, result.stderr
        assert [h["body"] for h in json.loads(result.stdout)] == ["Quantization is fun"]
        assert "searched the notes' text" in result.stderr
        assert not (source / "index").exists()
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)
