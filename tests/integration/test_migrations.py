import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from journal.db import HEAD_REVISION, alembic_config, open_database
from tests.conftest import time_zone


def test_head_revision_constant_matches_alembic(tmp_path: Path) -> None:
    script = ScriptDirectory.from_config(alembic_config(tmp_path / "x.db"))
    assert script.get_current_head() == HEAD_REVISION


def test_every_migration_runs_from_empty_to_head_and_back(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    config = alembic_config(db)
    command.upgrade(config, "head")
    command.check(config)  # raises if the models and the migrations disagree
    command.downgrade(config, "base")
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert tables == {"alembic_version"}
    command.upgrade(config, "head")


def test_opening_an_old_database_upgrades_it_and_keeps_data_and_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    command.upgrade(alembic_config(db), "0001")
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO notebooks (name, description, read_only, created_at) VALUES ('J', '', 0, 'x')")
    conn.execute(
        "INSERT INTO entries (uuid, notebook_id, day, created_at, updated_at, body, starred) "
        "VALUES ('u1', 1, '2021-03-19', 't', 't', '슬럼프가 와도 죽지 않는다', 0)"
    )
    conn.commit()
    conn.close()

    conn = open_database(db)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    assert conn.execute("SELECT body FROM entries").fetchone()[0] == "슬럼프가 와도 죽지 않는다"
    assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    conn.close()
    backup = tmp_path / "backups" / "journal-before-upgrade-from-0001.db"
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT body FROM entries").fetchone()[0] == "슬럼프가 와도 죽지 않는다"
    copy.close()


def test_a_home_whose_path_has_url_characters_is_migrated_in_place(tmp_path: Path) -> None:
    """In `sqlite:///…` a `?` or `#` ends the file name: the migration ran on `…/my jour#nal` beside
    the journal's folder and the journal then failed ("no such table")."""
    from functools import partial

    from journal.repository import entry_rows
    from journal.search.store import SearchIndex
    from journal.services import Journal

    place = tmp_path / "place"
    place.mkdir()
    home = place / "my jour#nal?일기 100%"
    with Journal(home) as journal:
        note = journal.entries.add("경로에 물음표가 있어도 #됨")
        assert [h.entry.id for h in journal.index.search("물음표")] == [note.id]
        load = partial(entry_rows.entries_in_file, journal.db_path)
        assert [e.body for e in load([note.id])] == [note.body]
        assert SearchIndex(place / "index").rebuild([note.id], load) == 1
    assert sorted(p.name for p in place.iterdir()) == sorted([home.name, "index"])


# -- 0005: every note gets a zone; moments and days are kept (#17) -----------------------------------

OLD_NOTES = [  # (uuid, day, created_at as older versions stored it, notebook)
    ("plain", "2026-11-23", "2026-11-23T01:00:00.123456+00:00", 1),  # 10:00 in Seoul
    ("dst", "2026-07-01", "2026-07-02T04:30:00+00:00", 1),  # --date "2026-07-01 23:30" typed in a NY December
    ("sydney", "2021-03-04", "2021-03-03T18:34:56+00:00", 1),  # a Day One note from Sydney
    ("night", "2026-12-01", "2026-12-01T17:09:00+00:00", 1),  # "yesterday: …" typed at 02:09 in Seoul
    ("days", "2026-11-20", "2026-11-23T01:00:00+00:00", 1),  # "3 days ago: …": stamped with the typing time
    ("seed", "2021-03-19", "2021-03-19T05:00:00+00:00", 2),  # the masterclass notebook (read-only)
]


def _old_journal(db: Path, revision: str) -> None:
    command.upgrade(alembic_config(db), revision)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO notebooks (id, name, read_only, created_at) VALUES (1, 'Journal', 0, 'x')")
    conn.execute("INSERT INTO notebooks (id, name, read_only, created_at) VALUES (2, 'Masterclass', 1, 'x')")
    for uuid, day, created, book in OLD_NOTES:
        conn.execute(
            "INSERT INTO entries (uuid, notebook_id, day, created_at, updated_at, body, starred) "
            "VALUES (?, ?, ?, ?, ?, ?, 0)",
            (uuid, book, day, created, created, f"note {uuid}"),
        )
    conn.execute(
        "INSERT INTO entry_revisions (entry_id, body, written_at, replaced_at) "
        "SELECT id, 'older text', created_at, created_at FROM entries WHERE uuid = 'plain'"
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("revision", "zone"),
    [("0001", "America/New_York"), ("0002", "Asia/Seoul"), ("0003", "America/New_York"), ("0004", "Asia/Seoul"),
     ("0004", "America/New_York")],
)  # fmt: skip
def test_0005_gives_every_old_note_a_zone_keeping_its_moment_and_day(tmp_path: Path, revision: str, zone: str) -> None:
    from datetime import date, datetime

    from journal.zones import day_of

    db = tmp_path / "journal.db"
    _old_journal(db, revision)
    with time_zone(zone):
        open_database(db).close()
    conn = sqlite3.connect(db)
    rows = {r[0]: r[1:] for r in conn.execute("SELECT uuid, day, created_at, zone, written_at FROM entries")}
    revision_days = conn.execute("SELECT day FROM entry_revisions").fetchall()
    conn.close()
    for uuid, day, stored, _book in OLD_NOTES:
        new_day, created, note_zone, written = rows[uuid]
        assert new_day == day, uuid  # every day kept
        assert written == stored, uuid  # the stored time is kept as when the note was written
        assert day_of(datetime.fromisoformat(created), note_zone) == date.fromisoformat(day), uuid
        if uuid != "days":
            assert created == stored, uuid  # every moment kept
    expected = EXPECTED_ZONES[zone]
    assert {uuid: rows[uuid][2] for uuid in expected} == expected
    assert rows["days"][1] == MOVED_BACK_DATED[zone]  # 09:00 on its day, in this computer's zone
    assert revision_days == [("2026-11-23",)]


EXPECTED_ZONES = {
    "Asia/Seoul": {
        "plain": "Asia/Seoul",
        "dst": "-05:00",  # no Seoul offset puts 04:30 UTC on 07-01: the nearest whole hour that does
        "sydney": "Asia/Seoul",  # 03:34 on 03-04 in Seoul too
        "night": "+06:00",  # the instant (02:09 on 12-02 in Seoul) kept on its day: 23:09 at +06:00
        "days": "Asia/Seoul",
        "seed": "Asia/Seoul",
    },
    "America/New_York": {
        "plain": "-01:00",  # a Seoul morning read in New York: the offset nearest New York's that keeps its day
        "dst": "-05:00",  # New York's standard time: the offset it was typed with
        "sydney": "+06:00",
        "night": "America/New_York",
        "days": "America/New_York",
        "seed": "Asia/Seoul",
    },
}
MOVED_BACK_DATED = {"Asia/Seoul": "2026-11-20T00:00:00+00:00", "America/New_York": "2026-11-20T14:00:00+00:00"}


def test_0006_keeps_every_draft_up_and_down(tmp_path: Path) -> None:
    """Drafts from before windows belong to none ('': the next app window offers them); going back to one
    draft per slot keeps other windows' drafts under slots of their own."""
    db = tmp_path / "journal.db"
    config = alembic_config(db)
    command.upgrade(config, "0005")
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO drafts (slot, body, updated_at) VALUES ('capture', '반쯤 쓴 노트', '2026-11-23T01:00:00+00:00')"
    )
    conn.commit()
    conn.close()
    command.upgrade(config, "0006")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT window_id, slot, body, entry_version FROM drafts").fetchall() == [
        ("", "capture", "반쯤 쓴 노트", None)
    ]
    conn.execute(
        "INSERT INTO drafts (window_id, slot, body, updated_at) "
        "VALUES ('w2', 'capture', 'newer', '2026-11-23T02:00:00+00:00')"
    )
    conn.commit()
    conn.close()
    command.downgrade(config, "0005")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT slot, body FROM drafts ORDER BY body").fetchall() == [
        ("capture", "newer"),
        ("capture@1", "반쯤 쓴 노트"),
    ]
    conn.close()
