"""Each import format read into a real journal, and each export format read back."""

import json
import zipfile
from datetime import datetime
from pathlib import Path

from tests.conftest import db_dump
from tests.interchange.conftest import JRNL_TEXT


def _listed(cli, *args: str) -> list[dict]:
    return cli("list", "--format", "json", "--notebook", "Journal", *args).json()


# -- jrnl text ---------------------------------------------------------------------------------------


def test_jrnl_import_keeps_dates_times_titles_bodies_tags_and_stars(cli, jrnl_file: Path) -> None:
    result = cli("import", str(jrnl_file), "--format", "jrnl")
    assert result.code == 0, result
    assert "Imported 3 notes into Journal" in result.out
    notes = _listed(cli)
    assert [(n["date"], n["created_at"][11:16]) for n in notes] == [
        ("2021-03-19", "09:00"),
        ("2021-03-19", "14:30"),
        ("2021-03-20", "08:15"),
    ]
    assert notes[0]["body"] == "Went running. It was fun @exercise\nLong run along the river."
    assert notes[0]["tags"] == ["exercise"]  # jrnl's @tag is a tag here too
    assert notes[1]["starred"] and notes[1]["body"].startswith("마스터클래스 들음\n")
    assert notes[1]["tags"] == ["배움", "ml"]
    assert notes[2]["body"] == "[TODO] look at this\n[not a date] stays in the body"
    assert cli("list", "--tag", "exercise").out.count("Went running") == 1


def test_jrnl_twelve_hour_and_seconds_formats(cli, tmp_path: Path) -> None:
    path = tmp_path / "j.txt"
    path.write_text("[2021-03-19 02:30 PM] afternoon\n\n[2021-03-19 07:05:09 AM] morning *\n", encoding="utf-8")
    assert cli("import", str(path), "--format", "jrnl").code == 0
    notes = _listed(cli)
    assert [(n["created_at"][11:19], n["body"], n["starred"]) for n in notes] == [
        ("07:05:09", "morning", True),
        ("14:30:00", "afternoon", False),
    ]


def test_jrnl_text_round_trip_is_byte_for_byte(cli, jrnl_file: Path, tmp_path: Path) -> None:
    cli("import", str(jrnl_file), "--format", "jrnl")
    out = tmp_path / "back.txt"
    result = cli("export", "--format", "jrnl", "-o", str(out))
    assert result.code == 0, result
    assert out.read_text(encoding="utf-8") == JRNL_TEXT
    assert out.stat().st_mode & 0o777 == 0o600


def test_jrnl_folder_journal_import_and_export(cli, tmp_path: Path) -> None:
    folder = tmp_path / "jrnl-folder"
    (folder / "2021" / "03").mkdir(parents=True)
    (folder / "2021" / "03" / "19.txt").write_text("[2021-03-19 09:00] one @a\n", encoding="utf-8")
    (folder / "2021" / "03" / "20.txt").write_text("[2021-03-20 10:00] two *\nmore\n", encoding="utf-8")
    assert cli("import", str(folder), "--format", "jrnl").code == 0
    assert [n["body"] for n in _listed(cli)] == ["one @a", "two\nmore"]
    out = tmp_path / "out"
    out.mkdir()
    assert cli("export", "--format", "jrnl", "-o", str(out)).code == 0
    assert (out / "2021" / "03" / "20.txt").read_text(encoding="utf-8") == "[2021-03-20 10:00] two *\nmore\n"


# -- jrnl JSON ---------------------------------------------------------------------------------------


JRNL_JSON = {
    "tags": {"@work": 1},
    "entries": [
        {"title": "Shipped it.", "body": "The index works @work", "date": "2021-03-19", "time": "18:00",
         "tags": ["@work"], "starred": True},
        {"title": "양자화 공부", "body": "", "date": "2021-03-20", "time": "07:30", "tags": ["+custom"],
         "starred": False, "extra": "ignored"},
    ],
}  # fmt: skip


def test_jrnl_json_import(cli, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(JRNL_JSON, ensure_ascii=False), encoding="utf-8")
    assert cli("import", str(path), "--format", "jrnl-json").code == 0
    notes = _listed(cli)
    assert notes[0]["body"] == "Shipped it.\nThe index works @work"
    assert notes[0]["starred"] and notes[0]["created_at"].startswith("2021-03-19T18:00")
    assert notes[1]["body"] == "양자화 공부\n\n#custom"  # a tag not in the text is kept as a tag line
    assert notes[1]["tags"] == ["custom"]


def test_jrnl_json_export_has_jrnl_fields_and_reimports_as_nothing_new(cli, tmp_path: Path) -> None:
    cli("add", "first line #Built\nsecond @Work", "--date", "2021-03-19 14:05", "--star")
    result = cli("export", "--format", "jrnl-json")
    data = json.loads(result.out)
    assert data["tags"] == {"#built": 1, "@work": 1}
    assert data["entries"] == [
        {
            "title": "first line #Built",
            "body": "second @Work",
            "date": "2021-03-19",
            "time": "14:05",
            "tags": ["#built", "@work"],
            "starred": True,
            "timezone": "Asia/Seoul",
            "utc_offset": "+09:00",
        }
    ]  # fmt: skip: jrnl's fields, and the zone (jrnl ignores it; our import reads it)
    path = tmp_path / "again.json"
    path.write_text(result.out, encoding="utf-8")
    again = cli("import", str(path), "--format", "jrnl-json")
    assert "Imported 0 notes" in again.out and "1 already in the journal" in again.out


# -- Day One -----------------------------------------------------------------------------------------


DAYONE = {
    "metadata": {"version": "1.0"},
    "entries": [
        {
            "uuid": "0D5E0D9DB5E44C2C9E35E1B8F8F0AB12",
            "creationDate": "2021-03-20T03:00:00Z",  # 23:00 the day before in New York
            "timeZone": "America/New_York",
            "text": "Late night in NYC #travel",
            "tags": ["travel", "road trip"],
            "starred": True,
            "location": {"localityName": "New York"},
            "weather": {"temperatureCelsius": 3},
        },
        {"uuid": "A1", "creationDate": "2021-03-19T05:00:00Z", "timeZone": "Asia/Seoul", "text": "서울 오후"},
        {"uuid": "B2", "creationDate": "2021-03-19T06:00:00Z", "photos": [{"md5": "abc"}]},  # no text
    ],
}


def test_dayone_import_honours_time_zones_tags_stars_and_uuids(cli, tmp_path: Path) -> None:
    path = tmp_path / "Journal.json"
    path.write_text(json.dumps(DAYONE), encoding="utf-8")
    result = cli("import", str(path), "--format", "dayone")
    assert "Imported 2 notes" in result.out, result
    notes = _listed(cli)
    new_york, seoul = sorted(notes, key=lambda n: n["body"])
    assert new_york["date"] == "2021-03-19"  # the day where it was written
    assert new_york["created_at"] == "2021-03-19T23:00:00-04:00"  # the moment, where it was written
    assert new_york["timezone"] == "America/New_York"
    assert new_york["body"] == "Late night in NYC #travel\n\n#road-trip"
    assert new_york["tags"] == ["travel", "road-trip"] and new_york["starred"]
    assert new_york["uuid"] == "0d5e0d9d-b5e4-4c2c-9e35-e1b8f8f0ab12"
    assert seoul["date"] == "2021-03-19" and seoul["created_at"] == "2021-03-19T14:00:00+09:00"
    assert seoul["timezone"] == "Asia/Seoul"
    again = cli("import", str(path), "--format", "dayone")
    assert "Imported 0 notes" in again.out and "2 already in the journal" in again.out


def test_dayone_zip_import_and_export(cli, tmp_path: Path, home: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Journal.json", json.dumps(DAYONE))
        z.writestr("photos/abc.jpeg", b"\xff\xd8")
    assert "Imported 2 notes" in cli("import", str(archive), "--format", "dayone").out
    out = tmp_path / "back.zip"
    assert cli("export", "--format", "dayone", "-o", str(out)).code == 0
    with zipfile.ZipFile(out) as z:
        exported = json.loads(z.read("Journal.json"))
    assert {e["text"] for e in exported["entries"]} == {"Late night in NYC #travel\n\n#road-trip", "서울 오후"}
    before = db_dump(home)
    assert "Imported 0 notes" in cli("import", str(out), "--format", "dayone").out  # same uuids: nothing new
    assert db_dump(home) == before


# -- Markdown ----------------------------------------------------------------------------------------


def test_markdown_round_trip_through_a_folder_and_a_file(cli, tmp_path: Path) -> None:
    cli("add", "plain note #md", "--date", "2021-03-19 09:00")
    cli("add", "looks like a heading:\n## 2020-01-01 (Wed)\n### 10:00 ★\nbut is text", "--date", "2021-03-19 10:00")
    cli("add", "두 번째 날", "--date", "2021-03-20 11:11", "--star")
    folder = tmp_path / "md"
    assert cli("export", "--format", "md", "-o", str(folder) + "/").code == 0
    day_file = folder / "2021" / "03" / "2021-03-19.md"
    assert "\\## 2020-01-01 (Wed)" in day_file.read_text(encoding="utf-8")
    single = tmp_path / "all.md"
    cli("export", "--format", "md", "-o", str(single))
    heading = "## 2021-03-19 (Fri)\n\n### 09:00 (Asia/Seoul)\n\nplain note #md"
    assert single.read_text(encoding="utf-8").startswith(heading)
    mine = [(n["date"], n["created_at"], n["body"], n["starred"]) for n in _listed(cli)]
    for source, home_name in ((folder, "from-folder"), (single, "from-file")):
        other = str(tmp_path / home_name)
        result = cli("--home", other, "import", str(source), "--format", "md")
        assert "Imported 3 notes" in result.out, result
        theirs = cli("--home", other, "list", "--format", "json", "--notebook", "Journal").json()
        assert [(n["date"], n["created_at"], n["body"], n["starred"]) for n in theirs] == mine


# -- our own JSON ------------------------------------------------------------------------------------


def _rich_journal(cli) -> None:
    cli("add", "first #built", "--date", "2021-03-19 09:00")
    cli("edit", "1", "--text", "first, edited #built")
    cli("add", "in the trash")
    cli("delete", "2")
    cli("notebook", "add", "Work", "--description", "day job")
    cli("add", "work note", "--notebook", "Work", "--star")
    cli("answer", "tiny-note", "오늘의 작은 노트")
    cli("skip", "take-apart")
    cli("prompt", "add", "What did I ship?", "--rrule", "FREQ=WEEKLY;BYDAY=MO", "--id", "ship")
    cli("prompt", "pause", "good-question")
    cli("digest", "--save")


def _without_export_time(text: str) -> dict:
    data = json.loads(text)
    data.pop("exported_at")
    return data


def test_json_export_then_import_into_an_empty_journal_reproduces_it(cli, new_home: Path) -> None:
    _rich_journal(cli)
    exported = cli("export", "--format", "json")
    assert exported.code == 0
    data = json.loads(exported.out)
    assert {e["body"]: len(e["revisions"]) for e in data["entries"]}["first, edited #built"] == 1
    assert any(e["deleted_at"] for e in data["entries"])
    path = new_home.parent / "export.json"
    path.write_text(exported.out, encoding="utf-8")
    result = cli("--home", str(new_home), "import", str(path), "--format", "json")
    assert "restored into this new journal" in result.out, result
    again = cli("--home", str(new_home), "export", "--format", "json")
    assert _without_export_time(again.out) == _without_export_time(exported.out)


def test_json_import_into_a_journal_with_notes_merges_and_never_duplicates(cli, tmp_path: Path) -> None:
    cli("add", "shared note", "--date", "2021-03-19 09:00")
    path = tmp_path / "mine.json"
    cli("export", "--format", "json", "-o", str(path))
    cli("add", "a later note")
    result = cli("import", str(path), "--format", "json")
    assert "Added 0 notes" in result.out and "merged" in result.out and "1 note was already here" in result.out


def test_export_filters_are_the_filters_of_list(cli) -> None:
    cli("add", "march #a", "--date", "2021-03-19")
    cli("add", "april #b", "--date", "2021-04-19", "--star")
    assert "april" not in cli("export", "--format", "jrnl", "--tag", "a").out
    assert "march" not in cli("export", "--format", "jrnl", "--starred").out
    assert [e["body"] for e in json.loads(cli("export", "--format", "json", "--on", "2021-04-19").out)["entries"]] == [
        "april #b"
    ]


def test_exports_leave_out_the_read_only_masterclass_unless_asked(cli, new_home: Path) -> None:
    assert "첫 질문" not in cli("--home", str(new_home), "export", "--format", "md").out
    asked = cli("--home", str(new_home), "export", "--format", "md", "--notebook", "Masterclass · 2021-03-19")
    assert "첫 질문" in asked.out


# -- shared behaviour --------------------------------------------------------------------------------


def test_dry_run_lists_what_would_be_added_and_changes_nothing(cli, jrnl_file: Path, home: Path) -> None:
    before = db_dump(home)
    result = cli("import", str(jrnl_file), "--format", "jrnl", "--dry-run", "--notebook", "Old jrnl")
    assert result.code == 0
    assert "Would add 3 notes to Old jrnl (new notebook). Nothing was changed." in result.out
    assert "2021-03-19 14:30 ★  마스터클래스 들음" in result.out
    assert db_dump(home) == before


def test_import_into_a_new_notebook_and_dedupe_within_the_file(cli, tmp_path: Path) -> None:
    path = tmp_path / "twice.txt"
    path.write_text("[2021-03-19 09:00] same\n\n[2021-03-19 09:00] same\n\n[2021-03-19 09:30] same\n", "utf-8")
    result = cli("import", str(path), "--format", "jrnl", "--notebook", "Old jrnl")
    assert "Imported 2 notes into Old jrnl (new notebook)" in result.out
    assert "1 already in the journal" in result.out
    assert len(cli("list", "--notebook", "Old jrnl", "--format", "json").json()) == 2


def test_imported_notes_are_found_by_search(cli, jrnl_file: Path) -> None:
    cli("search", "anything")  # an index exists, as for anyone who has searched before
    cli("import", str(jrnl_file), "--format", "jrnl")
    found = cli("search", "나무", "--format", "json").json()
    assert [h["body"].split("\n")[0] for h in found] == ["마스터클래스 들음"]
    assert cli("search", "#exercise", "--format", "json").json()[0]["date"] == "2021-03-19"


def test_one_file_formats_refuse_a_folder(cli, tmp_path: Path, home: Path) -> None:
    cli("add", "x")
    result = cli("export", "--format", "dayone", "-o", str(tmp_path))
    assert result.code == 2  # a usage error: nothing is wrong with the journal
    assert "--format dayone writes one file: give -o FILE (folders are for jrnl and md" in result.err
    assert list(tmp_path.iterdir()) == [home]


def test_dayone_export_times_survive_a_round_trip(cli, tmp_path: Path, new_home: Path) -> None:
    cli("add", "서울에서 쓴 노트 #여행", "--date", "2021-03-19 23:30")
    out = tmp_path / "d.json"
    cli("export", "--format", "dayone", "-o", str(out))
    cli("--home", str(new_home), "import", str(out), "--format", "dayone")
    note = cli("--home", str(new_home), "list", "--format", "json", "--notebook", "Journal").json()[0]
    assert (note["date"], note["created_at"]) == ("2021-03-19", "2021-03-19T23:30:00+09:00")
    assert datetime.fromisoformat(note["created_at"]).utcoffset().total_seconds() == 9 * 3600


def test_json_dry_run_changes_nothing(cli, home: Path, tmp_path: Path, new_home: Path) -> None:
    _rich_journal(cli)
    path = tmp_path / "all.json"
    cli("export", "--format", "json", "-o", str(path))
    cli("--home", str(new_home), "list")  # create the other journal
    before = db_dump(new_home)
    result = cli("--home", str(new_home), "import", str(path), "--format", "json", "--dry-run")
    assert result.code == 0 and result.out.startswith("Would add 5 notes, 1 notebook and 1 prompt ")
    assert db_dump(new_home) == before


def test_an_output_of_dash_is_the_terminal_not_a_file(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`-o -` wrote a file named `-` in the current folder (one was committed by accident)."""
    monkeypatch.chdir(tmp_path)
    cli("add", "last monday: shipped the index #built")
    exported = cli("export", "--format", "jrnl-json", "-o", "-")
    assert exported.code == 0 and json.loads(exported.out)["entries"][0]["title"] == "shipped the index #built"
    digest = cli("digest", "--week", "last monday", "-o", "-")
    assert digest.code == 0 and "shipped the index" in digest.out
    dayone = cli("export", "--format", "dayone", "-o", "-")
    assert dayone.code == 0 and json.loads(dayone.out)["entries"][0]["text"].startswith("shipped the index")
    assert not (tmp_path / "-").exists()
