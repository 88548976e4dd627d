import sqlite3
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

from journal.db import HEAD_REVISION, alembic_config, open_database


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
