"""#20 item 6: Day One as it is in the wild (escapes, attachments, text-less entries, odd zones), and Day One
Classic packages (`.dayone`, entries/*.doentry plists). Fixtures are written here in those shapes."""

from __future__ import annotations

import json
import plistlib
import zipfile
from datetime import datetime
from pathlib import Path

from tests.conftest import db_dump


def _listed(cli, *args: str) -> list[dict]:
    return cli("list", "--format", "json", "--notebook", "Journal", *args).json()


WILD = {
    "metadata": {"version": "1.0"},
    "entries": [
        {
            "uuid": "AAAA0000BBBB1111CCCC2222DDDD3333",
            "creationDate": "2021-03-19T05:00:00Z",
            "timeZone": "Asia/Seoul",
            "text": "Shipped it\\! Version 1\\.2 \\- finally\n\n![](dayone-moment://F00D)\n\n`keep \\. in code`",
            "photos": [{"identifier": "F00D", "md5": "9a8b7c", "type": "jpeg"}],
            "videos": [{"identifier": "BEEF", "md5": "5d6e7f", "type": "mov"}],
        },
        {
            "uuid": "AAAA0000BBBB1111CCCC2222DDDD4444",
            "creationDate": "2021-03-20T05:00:00Z",
            "timeZone": "Etc\\/GMT",
            "text": "a clip ![](dayone-moment:/video/BEEF)",
            "videos": [{"identifier": "BEEF", "md5": "5d6e7f", "type": "mov"}],
        },
        {"uuid": "AAAA0000BBBB1111CCCC2222DDDD5555", "creationDate": "2021-03-21T05:00:00Z", "photos": [{}]},
        {"uuid": "AAAA0000BBBB1111CCCC2222DDDD6666", "creationDate": "2021-03-22T05:00:00Z", "text": "  "},
        {
            "uuid": "AAAA0000BBBB1111CCCC2222DDDD7777",
            "creationDate": "2021-03-23T05:00:00Z",
            "timeZone": "Mars/Olympus_Mons",
            "text": "far away",
        },
    ],
}


def test_day_one_in_the_wild(cli, tmp_path: Path) -> None:
    path = tmp_path / "Journal.json"
    path.write_text(json.dumps(WILD), encoding="utf-8")
    result = cli("import", str(path), "--format", "dayone")
    assert result.code == 0, result
    assert "Imported 3 notes" in result.out and "entries with no text (a photo or nothing): 2, skipped" in result.out
    assert "unknown time zone 'Mars/Olympus_Mons'; read in this computer's zone (Asia/Seoul)" in result.err
    shipped, clip, far = _listed(cli)
    assert shipped["body"] == (
        "Shipped it! Version 1.2 - finally\n\n[photo: photos/9a8b7c.jpeg]\n\n`keep \\. in code`"
    )  # escapes off (not in code); the photo named by its file in Day One's zip
    assert clip["body"] == "a clip [video: videos/5d6e7f.mov]"
    assert clip["timezone"] == "UTC" and clip["created_at"] == "2021-03-20T05:00:00+00:00"
    assert far["timezone"] == "Asia/Seoul"


def test_backslashes_survive_a_day_one_round_trip(cli, tmp_path: Path) -> None:
    body = "C:\\temp\\new and 1\\. not a list, \\\\ two, `code \\.`"
    cli("add", body, "--date", "2021-03-19 09:00")
    out = tmp_path / "journal.zip"
    assert cli("export", "--format", "dayone", "-o", str(out)).code == 0
    with zipfile.ZipFile(out) as archive:
        text = json.loads(archive.read("Journal.json"))["entries"][0]["text"]
    assert text == "C:\\temp\\new and 1\\\\. not a list, \\\\\\ two, `code \\.`"
    other = tmp_path / "other"
    assert cli("--home", str(other), "import", str(out)).code == 0
    assert cli("--home", str(other), "list", "--format", "json").json()[0]["body"] == body


def _classic(folder: Path) -> Path:
    package = folder / "Journal.dayone"
    (package / "entries").mkdir(parents=True)
    (package / "photos").mkdir()
    (package / "photos" / "0F1E2D3C4B5A69788796A5B4C3D2E1F0.jpg").write_bytes(b"\xff\xd8")
    entries = [
        {"Creation Date": datetime(2014, 7, 4, 3, 30), "Entry Text": "Fireworks #summer", "Starred": True,
         "Time Zone": "America/New_York", "UUID": "0F1E2D3C4B5A69788796A5B4C3D2E1F0", "Tags": ["holiday"]},
        {"Creation Date": datetime(2014, 7, 5, 12, 0), "Entry Text": "", "Starred": False,
         "Time Zone": "America/New_York", "UUID": "1F1E2D3C4B5A69788796A5B4C3D2E1F0"},
    ]  # fmt: skip
    for entry in entries:
        binary = entry["Entry Text"] == ""
        data = plistlib.dumps(entry, fmt=plistlib.FMT_BINARY if binary else plistlib.FMT_XML)
        (package / "entries" / f"{entry['UUID']}.doentry").write_bytes(data)
    return package


def test_a_day_one_classic_package(cli, tmp_path: Path) -> None:
    package = _classic(tmp_path)
    result = cli("import", str(package), "--format", "dayone")
    assert result.code == 0, result
    assert "Imported 1 note" in result.out and "entries with no text (a photo or nothing): 1, skipped" in result.out
    assert "photos (attachments are not imported): 1, skipped" in result.out
    (note,) = _listed(cli)
    assert (note["date"], note["created_at"], note["timezone"]) == (
        "2014-07-03",
        "2014-07-03T23:30:00-04:00",
        "America/New_York",
    )
    assert note["body"] == "Fireworks #summer\n\n#holiday" and note["starred"]
    assert note["uuid"] == "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    assert "Imported 0 notes" in cli("import", str(package)).out  # told from the folder; nothing twice


def test_a_broken_doentry_is_one_line_and_changes_nothing(cli, home: Path, tmp_path: Path) -> None:
    package = _classic(tmp_path)
    (package / "entries" / "BROKEN.doentry").write_text("<?xml version='1.0'?><plist><dict><key>", encoding="utf-8")
    before = db_dump(home)
    result = cli("import", str(package), "--format", "dayone")
    assert result.code == 1 and "BROKEN.doentry: not a readable Day One entry" in result.err
    assert len(result.err.strip().splitlines()) == 1 and db_dump(home) == before


def test_messages_say_what_is_missing_in_words(cli, tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    path.write_text(json.dumps({"entries": [{"text": "x", "creationDate": None}]}), encoding="utf-8")
    result = cli("import", str(path), "--format", "dayone")
    assert "none.json: entries[0]: creationDate is missing" in result.err and "None" not in result.err
