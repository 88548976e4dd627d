"""Bad import files: one line naming the file and the place, exit code 1, and the journal unchanged."""

import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import db_dump


@pytest.fixture
def before(cli, home: Path) -> list[tuple]:
    cli("add", "already here #keep", "--date", "2021-03-18 08:00")
    return db_dump(home)


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


CASES = [
    ("jrnl", "latin1.txt", "[2021-03-19 09:00] ok\n\n[2021-03-20 09:00] caf\xe9".encode("latin-1"),
     ["line 3 is not UTF-8", "latin1.txt"]),
    ("jrnl", "baddate.txt", "[2021-03-19 09:00] ok\n\n[2021-13-45 10:00] bad month\n",
     ["line 3: cannot read the date [2021-13-45 10:00]"]),
    ("jrnl", "preamble.txt", "my notes\n[2021-03-19 09:00] ok\n", ["line 1: text before the first entry"]),
    ("jrnl", "empty.txt", "", ["no jrnl entries found"]),
    ("jrnl", "nul.txt", "[2021-03-19 09:00] a\x00b\n", ["nul.txt: line 1", "NUL"]),
    ("jrnl-json", "truncated.json", json.dumps({"entries": [{"title": "a", "date": "2021-03-19"}]})[:-7],
     ["not valid JSON at line 1", "truncated"]),
    ("jrnl-json", "wrong.json", json.dumps([1, 2]), ["not a jrnl JSON export"]),
    ("jrnl-json", "date.json", json.dumps({"entries": [{"title": "a", "date": "19/03/2021", "time": "09:00"}]}),
     ["entries[0].date: cannot read '19/03/2021'"]),
    ("jrnl-json", "time.json", json.dumps({"entries": [{"title": "a", "date": "2021-03-19", "time": "25:99"}]}),
     ["entries[0].time"]),
    ("jrnl-json", "title.json", json.dumps({"entries": [{"title": 5, "date": "2021-03-19", "time": "09:00"}]}),
     ["entries[0].title: expected text"]),
    ("dayone", "nodate.json", json.dumps({"entries": [{"text": "x", "creationDate": "yesterday"}]}),
     ["entries[0].creationDate: cannot read 'yesterday'"]),
    ("dayone", "notdayone.json", json.dumps({"metadata": {}}), ["not a Day One export"]),
    ("dayone", "broken.zip", b"PK\x03\x04 this is not really a zip", ["not a readable zip"]),
    ("md", "md.md", "## 2021-03-19 (Fri)\n\n### 09:00\n\nok\n\n## 2021-02-30\n", ["line 7: cannot read the date"]),
    ("md", "orphan.md", "### 09:00\n\nno day\n", ["line 1: a note heading before any"]),
    ("md", "time.md", "## 2021-03-19\n\n### 25:00\n\nx\n", ["line 3: cannot read the time"]),
    ("md", "loose.md", "## 2021-03-19\n\nloose text\n", ["line 3: text outside a note"]),
    ("json", "notours.json", json.dumps({"entries": []}), ['not a journal export (no "format": "journal")']),
    ("json", "version.json", json.dumps({"format": "journal", "version": 99}), ["export version 99"]),
    ("json", "uuid.json", json.dumps({"format": "journal", "version": 1, "notebooks": [
        {"name": "Journal", "created_at": "2021-03-19T00:00:00+00:00"}], "entries": [
        {"uuid": "nope", "notebook": "Journal"}]}), ["entries[0].uuid: 'nope' is not a uuid"]),
]  # fmt: skip


@pytest.mark.parametrize(("fmt", "name", "data", "fragments"), CASES, ids=[c[1] for c in CASES])
def test_bad_file_is_one_clear_line_and_changes_nothing(
    cli, home: Path, tmp_path: Path, before: list[tuple], fmt: str, name: str, data: str | bytes, fragments: list[str]
) -> None:
    path = _write(tmp_path, name, data)
    result = cli("import", str(path), "--format", fmt)
    assert result.code == 1, result
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("journal: error:"), result.err
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.err
    assert db_dump(home) == before


@pytest.mark.parametrize(
    ("name", "cut", "fragment"),
    [
        ("all.json", 700, "a string starting there never ends (the file looks truncated)"),
        ("all.json", -3, "(the file looks truncated)"),
        ("journal.zip", 200, "not a readable zip file"),
    ],
)
def test_a_truncated_export_says_so_without_format(cli, home: Path, tmp_path: Path, name, cut, fragment) -> None:
    cli("add", "긴 노트 " * 40 + "#keep", "--date", "2021-03-18 08:00")
    full = tmp_path / ("full" + Path(name).suffix)
    fmt = "dayone" if name.endswith(".zip") else "json"
    assert cli("export", "--format", fmt, "-o", str(full)).code == 0
    path = _write(tmp_path, name, full.read_bytes()[:cut])
    before = db_dump(home)
    result = cli("import", str(path))
    assert result.code == 1 and fragment in result.err and len(result.err.strip().splitlines()) == 1, result.err
    assert db_dump(home) == before


def test_zip_without_a_journal(cli, home: Path, tmp_path: Path, before: list[tuple]) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("photos/a.jpeg", b"\xff\xd8")
    result = cli("import", str(path), "--format", "dayone")
    assert result.code == 1
    assert "the zip holds no Day One journal" in result.err
    assert db_dump(home) == before


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["import", "x.txt", "--format", "evernote"], 2, "unknown format 'evernote'; use one of: jrnl"),
        (["export", "--format", "evernote"], 2, "unknown format 'evernote'"),
        (["export", "--format", "json", "-o", "{dir}"], 2, "--format json writes one file: give -o FILE (folders are"),
        (["export", "--format", "ics", "-o", "{dir}/new/"], 2, "--format ics writes one file"),
        (["export", "--format", "dayone", "-o", "{dir}/"], 2, "obsidian, a vault"),
        (["export", "--format", "obsidian", "-o", "{jrnl}"], 2, "written to a folder (a vault), not -o"),
        (["export", "--format", "obsidian"], 2, "not the terminal: give -o FOLDER"),
        (["export", "--format", "logseq", "-o", "{dir}/graph/"], 2, "read by journal import only"),
        (["import", "missing.txt", "--format", "jrnl"], 1, "no such file"),
        (["import", "x.txt"], 1, "no such file"),
        (["import", "{jrnl}", "--format", "jrnl", "--notebook", "Masterclass · 2021-03-19"], 2, "read-only"),
        (["import", "{jrnl}", "--format", "json", "--notebook", "Work"], 2, "--notebook does not apply"),
        (["export", "--format", "jrnl", "--from", "tomorrow-ish"], 2, "'tomorrow-ish'"),
    ],
)
def test_bad_arguments(cli, home: Path, jrnl_file: Path, before: list[tuple], args, code, fragment) -> None:
    if "Masterclass · 2021-03-19" in args:
        cli("seed")
        before = db_dump(home)
    folder = jrnl_file.parent / "out"
    folder.mkdir()
    result = cli(*[a.replace("{jrnl}", str(jrnl_file)).replace("{dir}", str(folder)) for a in args])
    assert result.code == code, result
    assert fragment in result.err and len(result.err.strip().splitlines()) == 1, result.err
    assert list(folder.iterdir()) == [] and jrnl_file.is_file()
    assert db_dump(home) == before
    assert db_dump(home) == before


def test_an_import_is_all_or_nothing(cli, home: Path, tmp_path: Path, before: list[tuple]) -> None:
    good = "".join(f"[2021-03-{d:02d} 09:00] note {d}\n\n" for d in range(1, 28))
    path = _write(tmp_path, "late-error.txt", good + "[2021-03-28 09:00] " + "x" * 100_001 + "\n")
    result = cli("import", str(path), "--format", "jrnl")
    assert result.code == 1 and "late-error.txt: line 55" in result.err and "limit is 100,000" in result.err
    assert db_dump(home) == before
