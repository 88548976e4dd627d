"""#20: jrnl journals read the way jrnl 4.6 reads them (fixtures in the shapes jrnl writes), and our jrnl
export read back the same way. The numbers are the issue's items."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from journal.interchange import NoteStream, ReadOptions
from journal.interchange.jrnl import jrnl_text, jrnl_title, read_jrnl
from journal.interchange.jrnl_dates import fuzzy_date
from tests.conftest import db_dump


def _listed(cli, *args: str) -> list[dict]:
    return cli("list", "--format", "json", "--notebook", "Journal", *args).json()


def _read(path: Path, **options) -> tuple[list, NoteStream]:  # type: ignore[no-untyped-def]
    stream = NoteStream(path)
    now = datetime(2026, 11, 23, 10, 0)
    notes = list(read_jrnl(stream, ReadOptions(zone="Asia/Seoul", now=now, **options)))
    return notes, stream


def _wall(note) -> str:  # type: ignore[no-untyped-def]
    from journal.zones import at

    return f"{at(note.created_at, note.zone):%Y-%m-%d %H:%M}"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# 1. folder journals: only YYYY/MM/DD.txt, the day from the path ----------------------------------------


def test_a_folder_journal_reads_only_day_files_and_counts_the_rest(cli, tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    _write(folder, "2021/03/19.txt", "[2021-03-19 09:00] one\n")
    _write(folder, "2021/03/20.txt", "[2021-03-01 10:00] two: the path's day wins, as in jrnl\n")
    _write(folder, "should-be-ignored.txt", "[2021-03-19 09:00] stray\n")
    _write(folder, "2021/03/32.txt", "[2021-03-19 09:00] not a day\n")
    _write(folder, "2021/13/01.txt", "[2021-03-19 09:00] not a month\n")
    _write(folder, "2021/03/notes.txt", "[2021-03-19 09:00] not a day file\n")
    result = cli("import", str(folder), "--format", "jrnl")
    assert result.code == 0, result
    assert "Imported 2 notes" in result.out
    assert "files that are not jrnl day files (YYYY/MM/DD.txt): 4, skipped" in result.out
    assert [(n["date"], n["body"][:3]) for n in _listed(cli)] == [("2021-03-19", "one"), ("2021-03-20", "two")]


# 2. a header-like line in a body starts an entry exactly when jrnl would ----------------------------------

BODIES = """\
[2021-03-19 09:00] First entry
[2019-07 14:23] The third entry
[TODO] six characters or fewer never start one
[see you tomorrow] parsedatetime reads this as a date, so jrnl starts an entry
[not a date] stays in the body
[2021-03-19 10:00]no space after the bracket: not a header
[x] done
"""


def test_header_like_lines_in_a_body_start_entries_as_in_jrnl(tmp_path: Path) -> None:
    notes, _ = _read(_write(tmp_path, "j.txt", BODIES))
    assert [n.body for n in notes][:2] == [
        "First entry",
        "The third entry\n[TODO] six characters or fewer never start one",
    ]
    assert notes[2].body.startswith("parsedatetime reads this as a date, so jrnl starts an entry\n")
    assert _wall(notes[1]) == "2019-07-01 14:23"
    assert notes[2].day.isoformat() == "2026-11-24"  # jrnl's "tomorrow", from the time of the import
    assert notes[2].body.endswith("[not a date] stays in the body\n[2021-03-19 10:00]no space after the "
                                  "bracket: not a header\n[x] done")  # fmt: skip


def test_fuzzy_dates_follow_jrnl() -> None:
    now = datetime(2026, 11, 23, 10, 0)
    assert fuzzy_date("2019-07 14:23", now) == datetime(2019, 7, 1, 14, 23)
    assert fuzzy_date("Monday", now) is None  # six characters
    assert fuzzy_date("meeting at noon", now) == datetime(2026, 11, 23, 12, 0)
    assert fuzzy_date("hello world", now) is None
    assert fuzzy_date("may the force", now) == datetime(2026, 5, 1)  # ahead more than four weeks: last year's


def test_our_export_escapes_what_jrnl_would_read_as_entries_or_stars_and_reads_it_back(cli, tmp_path: Path) -> None:
    bodies = [
        "Notes from the meeting\n[2019-07 14:23] The third entry\n[see you tomorrow] later\n\\[2021-01-01 09:00] "
        "already a backslash\n[x] done\n[unclosed bracket",
        "**Good morning**\nstarred elsewhere",
        "*emphasis* first and last *",
    ]
    for i, body in enumerate(bodies):
        cli("add", body, "--date", f"2021-03-{19 + i} 09:00", *(["--star"] if i == 2 else []))
    cli("add", "**Bold and starred**", "--date", "2021-03-22 09:00", "--star")
    exported = cli("export", "--format", "jrnl").out
    assert "\n\\[2019-07 14:23] The third entry\n\\[see you tomorrow] later\n\\\\[2021-01-01" in exported
    assert "\n[x] done\n\\[unclosed bracket\n" in exported
    assert "] **Good morning**\\\n" in exported  # not starred, and jrnl keeps its stars
    assert "] \\*emphasis* first and last *\\ *\n" in exported
    assert "] \\**Bold and starred**\\ *\n" in exported  # jrnl strips stars at both ends of a starred title
    path = _write(tmp_path, "back.txt", exported)
    other = tmp_path / "other"
    assert cli("--home", str(other), "import", str(path), "--format", "jrnl").code == 0
    again = cli("--home", str(other), "list", "--format", "json").json()
    before = cli("list", "--format", "json").json()
    assert [(n["body"], n["starred"]) for n in again] == [(n["body"], n["starred"]) for n in before]


def test_titles_as_jrnl_reads_them() -> None:
    assert jrnl_title("plain", False) == "plain"
    assert jrnl_title("ends with *", False) == "ends with *\\"
    assert jrnl_title("* starts", True) == "\\* starts *"


# 3. time formats: told from the file, day/month settled across it, 12/24 hours, seconds, jrnl 1.x ------------

FORMATS = [
    ("%Y-%m-%d %H:%M", "[2021-03-04 14:05] a\n\n[2021-03-19 07:30] b\n"),
    ("%Y-%m-%d %I:%M:%S %p", "[2021-03-04 02:05:09 PM] a\n\n[2021-03-19 07:30:00 AM] b\n"),  # jrnl 4's "%F %r"
    ("%d.%m.%Y %H:%M", "[04.03.2021 14:05] a\n\n[19.03.2021 07:30] b\n"),  # settled by the 19 (day first)
    ("%m/%d/%Y %I:%M %p", "[03/04/2021 02:05 PM] a\n\n[03/19/2021 07:30 AM] b\n"),  # settled by the 19 (month)
    ("%d/%m/%Y %H:%M:%S", "[04/03/2021 14:05:09] a\n\n[19/03/2021 07:30:00] b\n"),
    ("%Y/%m/%d %H:%M", "[2021/03/04 14:05] a\n\n[2021/03/19 07:30] b\n"),
    ("%d %b %Y %H:%M", "[04 Mar 2021 14:05] a\n\n[19 Mar 2021 07:30] b\n"),
    ("%A, %B %d, %Y %I:%M %p", "[Thursday, March 04, 2021 02:05 PM] a\n\n[Friday, March 19, 2021 07:30 AM] b\n"),
    ("jrnl 1.x", "2021-03-04 14:05 a\n\n2021-03-19 07:30 b *\n"),
]


@pytest.mark.parametrize(("fmt", "text"), FORMATS, ids=[f[0] for f in FORMATS])
def test_every_common_time_format_is_told_from_the_file(tmp_path: Path, fmt: str, text: str) -> None:
    notes, stream = _read(_write(tmp_path, "j.txt", text))
    assert [(_wall(n), n.body) for n in notes] == [
        ("2021-03-04 14:05", "a"),
        ("2021-03-19 07:30", "b"),
    ]
    assert notes[1].starred == (fmt == "jrnl 1.x") and stream.warnings == []


def test_day_and_month_order_is_settled_across_the_whole_file(cli, tmp_path: Path) -> None:
    lines = [f"[{d:02d}.03.2021 09:00] note {d}\n" for d in range(1, 13)] + ["[25.12.2021 09:00] christmas\n"]
    path = _write(tmp_path, "late.txt", "\n".join(lines))
    assert cli("import", str(path)).code == 0  # the 25 in the last header settles it: day first
    assert [n["date"] for n in _listed(cli)][:2] == ["2021-03-01", "2021-03-02"]


def test_an_unsettled_order_warns_and_time_format_decides(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "us.txt", "[03.04.2021 09:00] which day?\n")
    result = cli("import", str(path), "--dry-run")
    assert "2021-04-03" in result.out and "no date in the file tells day from month" in result.err
    assert "--time-format '%m.%d.%Y %H:%M'" in result.err
    result = cli("import", str(path), "--time-format", "%m.%d.%Y %H:%M")
    assert result.code == 0 and _listed(cli)[0]["date"] == "2021-03-04"


def test_time_format_reads_what_no_candidate_fits(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "odd.txt", "[d19m03y2021 14h05] custom\n")
    result = cli("import", str(path), "--format", "jrnl")
    assert result.code == 1 and "text before the first entry" in result.err and "--time-format" in result.err
    result = cli("import", str(path), "--format", "jrnl", "--time-format", "d%dm%my%Y %Hh%M")
    assert result.code == 0 and _listed(cli)[0]["created_at"].startswith("2021-03-19T14:05")


def test_a_header_in_the_files_format_with_an_impossible_date_is_an_error(cli, home: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.txt", "[19.03.2021 09:00] ok\n\n[31.02.2021 09:00] no such day\n")
    before = db_dump(home)
    result = cli("import", str(path))
    assert result.code == 1 and "bad.txt: line 3: cannot read the date [31.02.2021 09:00]" in result.err
    assert "look like [19.03.2021 14:00]" in result.err and db_dump(home) == before


# 4. tags with jrnl's characters --------------------------------------------------------------------------


def test_tags_keep_jrnls_characters(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "tags.txt", "[2021-03-19 09:00] learning @c++ and @c# on @os/2 #tf-lite @snake_case\n")
    assert cli("import", str(path)).code == 0
    (note,) = _listed(cli)
    assert note["tags"] == ["c++", "c#", "os/2", "tf-lite", "snake_case"]
    assert cli("list", "--tag", "c++").out.count("learning") == 1


def test_jrnl_json_tags_with_jrnls_characters_add_no_tag_line(cli, tmp_path: Path) -> None:
    data = {"tags": {"@os/2": 1, "@c++": 1}, "entries": [{"title": "on @os/2 with @c++", "body": "", "date":
            "2021-03-19", "time": "09:00", "tags": ["@os/2", "@c++"], "starred": False}]}  # fmt: skip
    path = _write(tmp_path, "export.json", json.dumps(data))
    assert cli("import", str(path), "--format", "jrnl-json").code == 0
    (note,) = _listed(cli)
    assert note["body"] == "on @os/2 with @c++" and note["tags"] == ["os/2", "c++"]


# 5. stars --------------------------------------------------------------------------------------------------


def test_a_title_ending_in_a_star_is_starred_as_jrnl_reads_it(tmp_path: Path) -> None:
    text = "[2021-03-19 09:00] **Good morning**\nbody\n\n[2021-03-20 09:00] plain\n"
    notes, _ = _read(_write(tmp_path, "s.txt", text))
    assert [(n.body, n.starred) for n in notes] == [("Good morning\nbody", True), ("plain", False)]


# the stream: lazy, progress by bytes, every entry once ---------------------------------------------------


def test_the_reader_streams_and_counts_bytes(tmp_path: Path) -> None:
    text = "".join(f"[2021-03-{1 + i % 28:02d} {i % 24:02d}:00] note {i}\nline\n\n" for i in range(3000))
    path = _write(tmp_path, "big.txt", text)
    stream = NoteStream(path)
    notes = read_jrnl(stream, ReadOptions(zone="Asia/Seoul"))
    first = next(notes)
    assert first.body == "note 0\nline" and 0 < stream.read < len(text) // 10
    assert sum(1 for _ in notes) == 2999 and stream.read == stream.size == len(text.encode())


def test_export_text_is_what_jrnl_writes(cli) -> None:
    cli("add", "Title @tag\nbody", "--date", "2021-03-19 14:05", "--star")
    assert jrnl_text([]) == ""
    assert cli("export", "--format", "jrnl").out == "[2021-03-19 14:05] Title @tag *\nbody\n"
