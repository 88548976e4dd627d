"""Notebooks across exports: Day One's zip keeps them (a journal file each); formats without a place for
them say so when an export would mix notebooks."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path


def _two_notebooks(cli) -> None:
    cli("add", "집에서 쓴 노트 #home", "--date", "2021-03-19 09:00")
    cli("notebook", "add", "일 Work")
    cli("add", "회의 정리 #meeting", "--date", "2021-03-19 14:00", "--notebook", "일 Work")


def _books(cli, home: str) -> list[tuple[str, str]]:
    return [(n["notebook"], n["body"]) for n in cli("--home", home, "list", "--format", "json").json()]


def test_a_dayone_zip_holds_a_journal_per_notebook_and_imports_into_them(cli, tmp_path: Path) -> None:
    _two_notebooks(cli)
    path = tmp_path / "dayone.zip"
    assert cli("export", "--format", "dayone", "-o", str(path)).code == 0
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["Journal.json", "일 Work.json"]
        assert [e["text"] for e in json.loads(archive.read("일 Work.json"))["entries"]] == ["회의 정리 #meeting"]
    fresh = str(tmp_path / "fresh")
    result = cli("--home", fresh, "import", str(path))
    assert result.code == 0 and "into Journal, 일 Work (new notebook)" in result.out, result
    assert _books(cli, fresh) == [("Journal", "집에서 쓴 노트 #home"), ("일 Work", "회의 정리 #meeting")]
    # --notebook still puts everything in the one notebook named
    other = str(tmp_path / "other")
    cli("--home", other, "import", str(path), "--notebook", "Old")
    assert {book for book, _ in _books(cli, other)} == {"Old"}


def test_formats_without_notebooks_warn_when_an_export_mixes_them(cli, tmp_path: Path) -> None:
    _two_notebooks(cli)
    for fmt, name in (("jrnl", "j.txt"), ("md", "m.md"), ("jrnl-json", "j.json"), ("dayone", "d.json")):
        mixed = cli("export", "--format", fmt, "-o", str(tmp_path / name))
        assert mixed.code == 0
        assert f"--format {fmt} has no notebooks, so the notes of Journal, 일 Work are written together" in mixed.err
        one = cli("export", "--format", fmt, "--notebook", "일 Work", "-o", str(tmp_path / name))
        assert one.code == 0 and "warning" not in one.err
    for fmt, name in (("json", "all.json"), ("dayone", "all.zip")):
        assert "warning" not in cli("export", "--format", fmt, "-o", str(tmp_path / name)).err
