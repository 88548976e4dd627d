"""#20 item 7: `journal import PATH` tells every format from the file; a wrong --format says what the file
looks like; bad input is one line naming the file and the place, and changes nothing."""

from __future__ import annotations

import json
import plistlib
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from journal.interchange.detect import detect
from tests.conftest import db_dump


def _write(root: Path, name: str, data: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _samples(root: Path) -> dict[str, Path]:
    dayone_zip = root / "Day One.zip"
    with zipfile.ZipFile(dayone_zip, "w") as archive:
        archive.writestr("Journal.json", json.dumps({"entries": [{"creationDate": "2021-03-19T05:00:00Z"}]}))
    classic = root / "Journal.dayone"
    _write(classic, "entries/A.doentry", plistlib.dumps({"Creation Date": datetime(2021, 3, 19), "Entry Text": "x"}))
    obsidian = root / "vault"
    _write(obsidian, ".obsidian/app.json", "{}")
    _write(obsidian, "2021-03-19.md", "a daily note\n")
    logseq = root / "graph"
    _write(logseq, "journals/2021_03_19.md", "- a bullet\n")
    _write(logseq, "logseq/config.edn", "{}\n")
    jrnl_folder = root / "jrnl-folder"
    _write(jrnl_folder, "2021/03/19.txt", "[2021-03-19 09:00] in a folder\n")
    md_folder = root / "md-folder"
    _write(md_folder, "2021/03/2021-03-19.md", "## 2021-03-19 (Fri)\n\n### 09:00 (Asia/Seoul)\n\nours\n")
    return {
        "jrnl": _write(root, "journal.txt", "[2021-03-19 09:00] a jrnl entry\n"),
        "jrnl 1.x": _write(root, "old.txt", "2010-06-10 15:00 jrnl 1.x\n"),
        "jrnl in another format": _write(root, "de.txt", "[19.03.2021 09:00] Eintrag\n"),
        "jrnl folder": jrnl_folder,
        "jrnl-json": _write(root, "export.json", json.dumps({"tags": {}, "entries": [{"title": "t", "date": "x"}]})),
        "dayone json": _write(root, "Journal.json", json.dumps({"metadata": {}, "entries": [{"creationDate": "x"}]})),
        "dayone zip": dayone_zip,
        "dayone classic": classic,
        "json": _write(root, "backup.json", json.dumps({"format": "journal", "version": 2, "entries": []})),
        "md": _write(root, "notes.md", "## 2021-03-19 (Fri)\n\n### 09:00\n\nours\n"),
        "md folder": md_folder,
        "obsidian vault": obsidian,
        "obsidian page": _write(root, "pages/2021-03-19.md", "a daily note\n"),
        "logseq graph": logseq,
        "logseq page": _write(root, "j/2021_03_19.md", "- a bullet\n"),
        "ics": _write(root, "journal.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"),
    }


EXPECTED = {
    "jrnl": "jrnl", "jrnl 1.x": "jrnl", "jrnl in another format": "jrnl", "jrnl folder": "jrnl",
    "jrnl-json": "jrnl-json", "dayone json": "dayone", "dayone zip": "dayone", "dayone classic": "dayone",
    "json": "json", "md": "md", "md folder": "md", "obsidian vault": "obsidian", "obsidian page": "obsidian",
    "logseq graph": "logseq", "logseq page": "logseq", "ics": "ics",
}  # fmt: skip


def test_every_format_is_told_from_the_file(tmp_path: Path) -> None:
    samples = _samples(tmp_path)
    assert {name: detect(path) for name, path in samples.items()} == EXPECTED


def test_import_without_a_format_uses_the_detected_one(cli, tmp_path: Path) -> None:
    samples = _samples(tmp_path)
    result = cli("import", str(samples["jrnl in another format"]))
    assert result.code == 0 and "Imported 1 note" in result.out, result


def test_a_file_that_is_none_of_them(cli, home: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, "shopping.txt", "milk\neggs\n")
    before = db_dump(home)
    result = cli("import", str(path))
    assert result.code == 1 and "shopping.txt: cannot tell which format this is; give --format" in result.err
    assert db_dump(home) == before


@pytest.mark.parametrize(
    ("sample", "wrong", "right"),
    [
        ("obsidian vault", "md", "obsidian"),
        ("jrnl-json", "dayone", "jrnl-json"),
        ("dayone json", "jrnl-json", "dayone"),
        ("jrnl", "md", "jrnl"),
        ("ics", "jrnl", "ics"),
        ("md", "jrnl", "md"),
        ("logseq graph", "obsidian", "logseq"),
        ("jrnl", "logseq", "jrnl"),
        ("jrnl", "obsidian", "jrnl"),
        ("dayone classic", "jrnl", "dayone"),
    ],
)
def test_a_wrong_format_says_which_format_the_file_looks_like(
    cli, home: Path, tmp_path: Path, sample: str, wrong: str, right: str
) -> None:
    path = _samples(tmp_path)[sample]
    before = db_dump(home)
    result = cli("import", str(path), "--format", wrong)
    assert result.code == 1, result
    (line,) = result.err.strip().splitlines()
    assert str(path) in line and f"try --format {right}" in line and "Traceback" not in line
    assert db_dump(home) == before


BAD = [
    ("jrnl", "late.txt", "[2021-03-19 09:00] fine\n" * 3 + "[2021-03-20 09:00] \x00\n", "late.txt: line 4"),
    ("obsidian", "2021-02-30.md", "not a real day\n", "no daily notes found"),
    ("obsidian", "2021-03-19.md", "---\ntags: [a]\nnever closed\n", "2021-03-19.md: line 1: the front matter"),
    ("ics", "noical.ics", "BEGIN:VJOURNAL\r\nEND:VJOURNAL\r\n", "noical.ics: line 1: text before BEGIN:VCALENDAR"),
    ("ics", "nodate.ics", "BEGIN:VCALENDAR\r\nBEGIN:VJOURNAL\r\nUID:x\r\nEND:VJOURNAL\r\nEND:VCALENDAR\r\n",
     "nodate.ics: line 2: the journal entry has no date"),
    ("logseq", "2021_03_19.md", "- \xff\n", "2021_03_19.md: line 1 is not UTF-8"),
    ("dayone", "Entry.doentry", "<?xml version='1.0'?><plist><array/></plist>", "not a Day One entry"),
]  # fmt: skip


@pytest.mark.parametrize(("fmt", "name", "text", "fragment"), BAD, ids=[b[1] for b in BAD])
def test_bad_input_in_the_new_formats(
    cli, home: Path, tmp_path: Path, fmt: str, name: str, text: str, fragment: str
) -> None:
    data = text.encode("latin-1") if "\xff" in text else text.encode("utf-8")
    path = _write(tmp_path / "in", name, data)
    before = db_dump(home)
    result = cli("import", str(path), "--format", fmt)
    assert result.code == 1, result
    (line,) = result.err.strip().splitlines()
    assert line.startswith("journal: error:") and fragment in line, line
    assert db_dump(home) == before
