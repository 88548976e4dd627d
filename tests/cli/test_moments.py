"""#17: every note has a true moment, in the zone where it was written, and its day agrees with it.

One test (or a few) per numbered item of the issue, through the CLI, with TZ and the clock fixed by
injection (`cli_in` sets TZ with time.tzset and passes a FixedClock).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.interchange.conftest import JRNL_TEXT

NY = "America/New_York"
SEOUL = "Asia/Seoul"
DECEMBER_NY = "2026-12-01 12:00"  # a Tuesday in New York, standard time


@pytest.fixture
def jrnl_file(tmp_path: Path) -> Path:
    path = tmp_path / "journal.txt"
    path.write_text(JRNL_TEXT, encoding="utf-8")
    return path


def _notes(run, zone: str, wall: str, *args: str) -> list[dict]:
    result = run(zone, wall, "list", "--format", "json", "--notebook", "Journal", *args)
    assert result.code == 0, result
    return result.json()


def _check_invariant(note: dict) -> None:
    """The day a note's JSON gives is the calendar day of its moment in its own zone."""
    assert datetime.fromisoformat(note["created_at"]).date().isoformat() == note["date"], note


# -- 1. daylight saving ------------------------------------------------------------------------------


def test_1_a_summer_time_typed_in_winter_keeps_its_clock_time_and_day(cli_in) -> None:
    assert cli_in(NY, DECEMBER_NY, "add", "--date", "2026-07-01 14:00", "afternoon").code == 0
    added = cli_in(NY, DECEMBER_NY, "add", "--date", "2026-07-01 23:30", "late")
    assert "on 2026-07-01 (Wed)" in added.out
    afternoon, late = _notes(cli_in, NY, DECEMBER_NY)
    assert afternoon["created_at"] == "2026-07-01T14:00:00-04:00"
    assert (late["date"], late["created_at"], late["timezone"]) == ("2026-07-01", "2026-07-01T23:30:00-04:00", NY)
    shown = cli_in(NY, DECEMBER_NY, "list", "--on", "2026-07-01").out
    assert "14:00 afternoon" in shown and "23:30 late" in shown  # the time here: no zone mark


# -- 2. back-dated notes -----------------------------------------------------------------------------


def test_2_back_dating_by_day_uses_the_default_time_and_keeps_the_typing_time(cli_in, tmp_path: Path) -> None:
    night = "2026-12-02 02:09"
    cli_in(SEOUL, night, "add", "--date", "2026-12-01 08:00", "breakfast")
    cli_in(SEOUL, night, "add", "--date", "2026-12-01 10:00", "meeting")
    cli_in(SEOUL, night, "add", "yesterday: shipped the index")
    cli_in(SEOUL, night, "add", "--date", "어제", "어제 노트")
    notes = _notes(cli_in, SEOUL, night, "--on", "2026-12-01")
    assert [n["body"] for n in notes] == ["breakfast", "shipped the index", "어제 노트", "meeting"]  # by moment
    backdated = notes[1]
    assert backdated["created_at"] == "2026-12-01T09:00:00+09:00"
    assert backdated["written_at"] == "2026-12-02T02:09:00+09:00"
    shown = cli_in(SEOUL, night, "show", str(backdated["id"])).out
    assert "time:     2026-12-01 09:00 +09:00 Asia/Seoul" in shown and "written:  2026-12-02 02:09" in shown
    jrnl = cli_in(SEOUL, night, "export", "--format", "jrnl", "--on", "2026-12-01").out
    assert "[2026-12-01 09:00] shipped the index" in jrnl and "02:09" not in jrnl
    today = cli_in(SEOUL, night, "add", "--date", "today", "now")  # today's date without a time: now
    assert today.code == 0
    assert _notes(cli_in, SEOUL, night, "--on", "today")[0]["created_at"] == "2026-12-02T02:09:00+09:00"


def test_2_the_default_time_is_configurable(cli_in, home: Path) -> None:
    (home / "config.toml").write_text('default_time = "21:30"\n', encoding="utf-8")
    cli_in(SEOUL, "2026-12-02 02:09", "add", "그제: 늦은 메모")
    (note,) = _notes(cli_in, SEOUL, "2026-12-02 02:09")
    assert note["created_at"] == "2026-11-30T21:30:00+09:00"
    (home / "config.toml").write_text('default_time = "9am"\n', encoding="utf-8")
    broken = cli_in(SEOUL, "2026-12-02 02:09", "list")
    assert broken.code == 1 and "default_time" in broken.err


# -- 3. the zone is kept, and exports carry it ------------------------------------------------------

SYDNEY_NOTE = {
    "entries": [
        {
            "uuid": "5D0C6E3B9A8F4E1D8C7B6A5F4E3D2C1B",
            "creationDate": "2021-03-03T18:34:56Z",  # 05:34:56 on 03-04 in Sydney
            "timeZone": "Australia/Sydney",
            "text": "Sydney morning",
        }
    ]
}


def test_3_a_day_one_note_keeps_its_moment_and_zone_in_every_export(cli_in, tmp_path: Path) -> None:
    source = tmp_path / "dayone.json"
    source.write_text(json.dumps(SYDNEY_NOTE), encoding="utf-8")
    assert cli_in(SEOUL, "2026-12-01 12:00", "import", str(source), "--format", "dayone").code == 0
    (note,) = _notes(cli_in, "UTC", "2026-12-01 12:00")
    assert (note["date"], note["created_at"], note["timezone"]) == (
        "2021-03-04",
        "2021-03-04T05:34:56+11:00",
        "Australia/Sydney",
    )
    dayone = json.loads(cli_in("UTC", "2026-12-01 12:00", "export", "--format", "dayone").out)["entries"][0]
    assert (dayone["creationDate"], dayone["timeZone"]) == ("2021-03-03T18:34:56Z", "Australia/Sydney")
    jrnl = cli_in("UTC", "2026-12-01 12:00", "export", "--format", "jrnl").out
    assert jrnl.startswith("[2021-03-04 05:34] Sydney morning")
    md = cli_in("UTC", "2026-12-01 12:00", "export", "--format", "md").out
    assert "## 2021-03-04 (Thu)\n\n### 05:34 (Australia/Sydney)" in md
    shown = cli_in(SEOUL, "2026-12-01 12:00", "list", "--notebook", "Journal").out
    assert "2021-03-04 Thu" in shown and "05:34 AEDT Sydney morning" in shown  # marked: not the time here


# -- 4. listed under another TZ ---------------------------------------------------------------------


def test_4_under_another_tz_created_at_falls_on_the_notes_date(cli_in) -> None:
    for wall in ("2026-11-23 00:30", "2026-11-23 10:00", "2026-11-23 23:30"):
        cli_in(SEOUL, wall, "add", f"written at {wall}")
    for zone in (NY, "Pacific/Kiritimati", "Asia/Kathmandu"):
        notes = _notes(cli_in, zone, "2026-11-24 12:00")
        assert [n["date"] for n in notes] == ["2026-11-23"] * 3
        for note in notes:
            _check_invariant(note)
            assert note["timezone"] == SEOUL


# -- 5. the same jrnl file under another TZ ----------------------------------------------------------


def test_5_the_same_jrnl_file_imported_under_another_tz_adds_nothing(cli_in, jrnl_file: Path) -> None:
    first = cli_in(SEOUL, "2026-12-01 12:00", "import", str(jrnl_file), "--format", "jrnl")
    assert "Imported 3 notes" in first.out
    again = cli_in(NY, "2026-12-01 12:00", "import", str(jrnl_file), "--format", "jrnl")
    assert "Imported 0 notes" in again.out and "3 already in the journal" in again.out
    notes = _notes(cli_in, NY, "2026-12-01 12:00")
    assert [(n["date"], n["created_at"][11:16], n["timezone"]) for n in notes] == [
        ("2021-03-19", "09:00", SEOUL),
        ("2021-03-19", "14:30", SEOUL),
        ("2021-03-20", "08:15", SEOUL),
    ]


def test_5_a_jrnl_file_read_in_new_york_is_placed_in_new_york(cli_in, jrnl_file: Path) -> None:
    assert cli_in(NY, "2026-12-01 12:00", "import", str(jrnl_file), "--format", "jrnl").code == 0
    notes = _notes(cli_in, SEOUL, "2026-12-01 12:00")
    assert notes[0]["created_at"] == "2021-03-19T09:00:00-04:00" and notes[0]["timezone"] == NY


# -- 6. a blank date ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["add", "--date", "", "x"],
        ["add", "--date", "  ", "x"],
        ["list", "--on", ""],
        ["list", "--from", ""],
        ["export", "--format", "jrnl", "--to", ""],
        ["digest", "--week", ""],
        ["snooze", "tiny-note", "--until", ""],
    ],
)
def test_6_a_blank_date_is_a_usage_error(cli, args: list[str]) -> None:
    result = cli(*args)
    assert result.code == 2, result
    assert len(result.err.strip().splitlines()) == 1
    assert cli("list", "--format", "json").json() == []


def test_6_a_blank_date_when_editing_is_a_usage_error(cli) -> None:
    cli("add", "x")
    assert cli("edit", "1", "--date", "").code == 2


# -- 7. dates looking forward; snooze and skip name the date -------------------------------------------


def test_7_forward_dates_date_notes(cli) -> None:
    for when in ("next friday", "in 3 days", "3 days from now", "다음 금요일", "모레", "3일 후", "다음 주"):
        assert cli("add", "--date", when, f"plan {when}").code == 0, when
    days = {n["body"]: n["date"] for n in cli("list", "--format", "json").json()}
    assert days == {
        "plan next friday": "2026-11-27",
        "plan in 3 days": "2026-11-26",
        "plan 3 days from now": "2026-11-26",
        "plan 다음 금요일": "2026-11-27",
        "plan 모레": "2026-11-25",
        "plan 3일 후": "2026-11-26",
        "plan 다음 주": "2026-11-30",
    }


def test_7_snooze_until_a_bare_weekday_means_the_coming_one(cli, new_home: Path) -> None:
    result = cli("--home", str(new_home), "snooze", "tiny-note", "--until", "friday")  # NOW is a Monday
    assert result.code == 0, result
    assert result.out.strip() == "Snoozed tiny-note (due 2026-11-23 (Mon)) until 2026-11-27 (Fri)"
    listed = {p["id"]: p for p in cli("--home", str(new_home), "prompts", "--all", "--format", "json").json()}
    assert listed["tiny-note"]["snoozed_until"] == "2026-11-27"


def test_7_snoozing_a_prompt_that_is_not_due_works_or_says_why_not(cli, new_home: Path) -> None:
    home = ["--home", str(new_home)]
    # slump is due on Sundays; the journal started today (Monday): its first occurrence is 2026-11-29
    refused = cli(*home, "snooze", "slump", "--until", "tomorrow")
    assert refused.code == 2
    assert refused.err.strip() == (
        "journal: error: slump is not due until 2026-11-29 (Sun), which is not before 2026-11-24: nothing to snooze"
    )
    done = cli(*home, "snooze", "slump", "--until", "2026-12-01")
    assert done.out.strip() == "Snoozed slump (due 2026-11-29 (Sun)) until 2026-12-01 (Tue)"
    assert "?" not in done.out


def test_7_skip_names_the_occurrence_and_the_next(cli, new_home: Path) -> None:
    home = ["--home", str(new_home)]
    assert cli(*home, "skip", "take-apart").out.strip() == (
        "Skipped take-apart (due 2026-11-23 (Mon)); next due 2026-11-30 (Mon)"
    )
    assert cli(*home, "skip", "take-apart").out.strip() == (  # not due now: its next occurrence
        "Skipped take-apart (due 2026-11-30 (Mon)); next due 2026-12-07 (Mon)"
    )
    cli(*home, "prompt", "pause", "slump")
    paused = cli(*home, "skip", "slump")
    assert paused.code == 2 and "paused" in paused.err


# -- 8. future notes ---------------------------------------------------------------------------------


def test_8_future_notes_are_marked_and_count_only_when_their_day_comes(cli_in) -> None:
    monday = "2026-11-23 10:00"
    for day in ("2026-11-21", "2026-11-22", "today"):
        cli_in(SEOUL, monday, "add", "--date", day, f"written {day}")
    before = json.loads(cli_in(SEOUL, monday, "stats", "--format", "json").out)
    digest_before = json.loads(cli_in(SEOUL, monday, "digest", "--format", "json").out)
    added = cli_in(SEOUL, monday, "add", "--date", "tomorrow", "a plan #built")
    assert "a future day: not counted until then" in added.out
    cli_in(SEOUL, monday, "add", "--date", "2099-01-01", "a letter to myself")
    listed = cli_in(SEOUL, monday, "list").out
    assert "2026-11-24 Tue (future: not counted until then)" in listed
    assert "2099-01-01 Thu (future: not counted until then)" in listed
    stats = json.loads(cli_in(SEOUL, monday, "stats", "--format", "json").out)
    assert stats["streak"] == before["streak"] and stats["days_written"] == before["days_written"] == 3
    assert stats["total_notes"] == before["total_notes"] and stats["future_notes"] == 2
    digest = json.loads(cli_in(SEOUL, monday, "digest", "--format", "json").out)
    for key in ("entry_count", "days_written", "words", "built", "streak"):
        assert digest[key] == digest_before[key], key
    assert "_not yet_" in cli_in(SEOUL, monday, "digest", "--format", "md").out
    tuesday = json.loads(cli_in(SEOUL, "2026-11-24 10:00", "stats", "--format", "json").out)
    assert tuesday["streak"]["current"] == 4 and tuesday["days_written"] == 4 and tuesday["future_notes"] == 1


# -- 9. extreme dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "when"),
    [
        (SEOUL, "0001-01-01 00:00"),
        (SEOUL, "9999-12-31 23:59"),
        (NY, "1899-12-31"),
        ("Pacific/Kiritimati", "2200-01-01"),
    ],
)
def test_9_dates_outside_the_range_are_refused_in_one_line(cli_in, zone: str, when: str) -> None:
    result = cli_in(zone, "2026-11-23 10:00", "add", "--date", when, "x")
    assert result.code == 2 and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1 and "1900-01-01 to 2199-12-31" in result.err


@pytest.mark.parametrize("now", ["9999-12-31T23:00:00+09:00", "0001-01-01T00:00:00+09:00", "2200-01-01T00:00:00Z"])
def test_9_journal_now_outside_the_range_is_refused_in_one_line(cli, monkeypatch, now: str) -> None:
    from journal.cli import main

    monkeypatch.setenv("JOURNAL_NOW", now)
    for args in (["add", "x"], ["digest"], ["stats"], ["prompts"]):
        assert main(args) == 2
    assert cli("list", "--format", "json").json() == []


@pytest.mark.parametrize(
    ("zone", "wall"), [("Pacific/Kiritimati", "2199-12-31 23:59"), ("Etc/GMT+12", "1900-01-01 00:00")]
)
def test_9_every_command_works_at_the_edges_of_the_range(cli_in, tmp_path: Path, zone: str, wall: str) -> None:
    assert cli_in(zone, wall, "add", "at the edge #built").code == 0
    assert cli_in(zone, wall, "add", "--date", wall, "given the edge").code == 0
    for args in (
        ["list", "--format", "json"],
        ["digest", "--format", "json"],
        ["stats"],
        ["prompts", "--all"],
        ["export", "--format", "dayone"],
        ["export", "--format", "jrnl"],
        ["export", "--format", "md"],
        ["export", "--format", "json"],
    ):
        result = cli_in(zone, wall, *args)
        assert result.code == 0 and "Traceback" not in result.err, (args, result)
    for fmt in ("dayone", "jrnl", "md", "json"):
        out = tmp_path / f"edge.{fmt}"
        assert cli_in(zone, wall, "export", "--format", fmt, "-o", str(out)).code == 0
        again = cli_in("UTC", "2026-11-23 10:00", "import", str(out), "--format", fmt)
        assert again.code == 0 and "Traceback" not in again.err, (fmt, again)


def test_9_an_import_outside_the_range_names_the_file_and_place(cli, tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_text("[2021-03-19 10:00] fine\n\n[0001-01-01 00:00] too old\n", encoding="utf-8")
    result = cli("import", str(path), "--format", "jrnl")
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.strip() == (
        f"journal: error: {path}: line 3: 0001-01-01: outside the dates journal keeps (1900-01-01 to 2199-12-31)"
    )
    assert cli("list", "--format", "json").json() == []


def test_9_a_note_from_an_older_version_at_9999_exports_in_every_format(cli, home: Path, tmp_path: Path) -> None:
    """Older versions stored 9999-12-31 23:59; it stays readable and exportable (import refuses it)."""
    cli("add", "an ordinary note")
    conn = sqlite3.connect(home / "journal.db")
    conn.execute(
        "INSERT INTO entries (uuid, notebook_id, day, created_at, zone, written_at, updated_at, body, starred) "
        "SELECT 'far-future', notebook_id, '9999-12-31', '9999-12-31T14:59:00+00:00', 'Asia/Seoul', "
        "'9999-12-31T14:59:00+00:00', '9999-12-31T14:59:00+00:00', 'the far future', 0 FROM entries LIMIT 1"
    )
    conn.commit()
    conn.close()
    assert "the far future" in cli("list").out
    dayone = json.loads(cli("export", "--format", "dayone").out)["entries"]
    assert [e["creationDate"] for e in dayone] == ["2026-11-23T01:00:00Z", "9999-12-31T14:59:00Z"]
    jrnl = tmp_path / "far.txt"
    assert cli("export", "--format", "jrnl", "-o", str(jrnl)).code == 0
    refused = cli("import", str(jrnl), "--format", "jrnl")
    assert refused.code == 1 and "9999-12-31: outside the dates journal keeps" in refused.err


# -- journal edit --date -----------------------------------------------------------------------------


def test_edit_date_moves_the_note_and_its_history_keeps_the_old_day(cli_in) -> None:
    cli_in(NY, DECEMBER_NY, "add", "--date", "2026-07-01 23:30", "moved later")
    moved = cli_in(NY, DECEMBER_NY, "edit", "1", "--date", "2026-07-03")
    assert moved.code == 0 and "Moved #1 to 2026-07-03 23:30 -04:00 America/New_York (Fri)" in moved.out
    (note,) = _notes(cli_in, SEOUL, "2026-12-02 12:00")
    assert (note["date"], note["created_at"]) == ("2026-07-03", "2026-07-03T23:30:00-04:00")  # its time kept
    _check_invariant(note)
    history = cli_in(SEOUL, "2026-12-02 12:00", "history", "1").out
    assert "revision 1 · on 2026-07-01" in history and "revision 2 · on 2026-07-03" in history
    cli_in(SEOUL, "2026-12-02 12:00", "edit", "1", "--date", "2026-07-04 08:15", "--text", "moved and edited")
    (note,) = _notes(cli_in, SEOUL, "2026-12-02 12:00")
    assert note["created_at"] == "2026-07-04T08:15:00-04:00" and note["body"] == "moved and edited"
    assert note["timezone"] == NY  # written in New York; moving it does not move it to Seoul
    assert cli_in(SEOUL, "2026-12-02 12:00", "edit", "1", "--date", "2026-07-04 08:15").out.strip() == "No changes."


def test_edit_date_refuses_a_day_out_of_range_and_changes_nothing(cli) -> None:
    cli("add", "x")
    assert cli("edit", "1", "--date", "0001-01-01").code == 2
    assert cli("list", "--format", "json").json()[0]["date"] == date(2026, 11, 23).isoformat()
