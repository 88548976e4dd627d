"""`journal backup` and `journal restore-backup`: consistent, checked, private copies; nothing lost."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import db_dump


def _count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        conn.close()


def test_default_backup_is_timestamped_private_checked_and_pruned(cli, home: Path) -> None:
    cli("add", "keep me #safe")
    result = cli("backup")
    assert result.code == 0, result
    assert "Backed up 1 notes to" in result.out and "checked" in result.out
    made = sorted((home / "backups").glob("journal-2026*.db"))
    assert len(made) == 1 and made[0].name == "journal-20261123-100000.db"
    assert made[0].stat().st_mode & 0o777 == 0o600
    assert _count(made[0]) == 1
    assert not Path(f"{made[0]}-wal").exists()  # one self-contained file
    for _ in range(3):
        cli("backup", "--keep", "2")
    kept = sorted((home / "backups").glob("journal-2026*.db"))
    assert [p.name for p in kept] == ["journal-20261123-100000-3.db", "journal-20261123-100000-4.db"]


def test_backup_to_a_path_refuses_to_overwrite(cli, home: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.db"
    assert cli("backup", str(target)).code == 0
    again = cli("backup", str(target))
    assert again.code == 1 and "already exists" in again.err
    folder = tmp_path / "folder"
    folder.mkdir()
    assert cli("backup", str(folder)).code == 0
    assert len(list(folder.glob("journal-*.db"))) == 1


def test_backup_while_another_process_writes(cli, home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "JOURNAL_HOME": str(home)}
    script = (
        "import sys\nfrom journal.cli import main\n"
        "for n in range(150):\n    assert main(['add', f'concurrent note {n}']) == 0\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.DEVNULL)
    counts = []
    try:
        for n in range(5):
            result = cli("backup", str(tmp_path / f"during-{n}.db"))
            assert result.code == 0, result
            counts.append(_count(tmp_path / f"during-{n}.db"))
    finally:
        assert writer.wait(timeout=120) == 0
    assert counts == sorted(counts)  # each a consistent snapshot, never going back
    assert all(0 <= c <= 150 for c in counts)
    final = cli("backup", str(tmp_path / "after.db"))
    assert final.code == 0 and _count(tmp_path / "after.db") == 150


def test_restore_backup_brings_the_journal_back_and_keeps_the_current_one(cli, home: Path, tmp_path: Path) -> None:
    cli("add", "before the backup #one")
    cli("backup", str(tmp_path / "b.db"))
    saved = db_dump(home)
    cli("add", "after the backup")
    cli("delete", "1")
    cli("search", "anything")  # an index exists and must follow the restore
    result = cli("restore-backup", str(tmp_path / "b.db"))
    assert result.code == 0, result
    assert "Restored 1 notes" in result.out

    # The same rows, except the index's bookkeeping (the restore rebuilt the index: queue emptied, new id)
    # and the highest id the journal had shown, which new notes stay above.
    def notes_and_settings(rows: list[tuple]) -> list[tuple]:
        return [
            r
            for r in rows
            if r[0] != "index_pending"
            and not (r[0] == "journal_meta" and (r[1].startswith("index.") or r[1] == "entries.id_floor"))
        ]

    assert notes_and_settings(db_dump(home)) == notes_and_settings(saved)
    kept = home / "backups" / "journal-before-restore-20261123-100000.db"
    assert _count(kept) == 2  # the journal as it was, in case the restore was a mistake
    hits = cli("search", "backup", "--format", "json").json()
    assert [h["body"] for h in hits] == ["before the backup #one"]


def test_restore_over_a_database_that_cannot_be_opened(cli, home: Path, tmp_path: Path) -> None:
    cli("add", "precious")
    cli("backup", str(tmp_path / "b.db"))
    (home / "journal.db").write_bytes(b"garbage, not sqlite" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{home / 'journal.db'}{suffix}").unlink(missing_ok=True)
    assert cli("list").code == 1
    result = cli("restore-backup", str(tmp_path / "b.db"))
    assert result.code == 0, result
    assert "precious" in cli("list").out
    assert (home / "backups" / "journal-before-restore-20261123-100000.db").read_bytes().startswith(b"garbage")


def test_restore_refuses_what_is_not_a_journal_backup(cli, home: Path, tmp_path: Path) -> None:
    cli("add", "stay")
    before = db_dump(home)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    for path, fragment in (
        (text, "not an SQLite database"),
        (other, "not a journal"),
        (tmp_path / "missing.db", "no such file"),
    ):
        result = cli("restore-backup", str(path))
        assert result.code == 1 and fragment in result.err, result
        assert len(result.err.strip().splitlines()) == 1
    assert db_dump(home) == before


def test_restoring_a_backup_from_an_older_version_upgrades_it(cli, home: Path, tmp_path: Path) -> None:
    from alembic import command

    from journal.db import HEAD_REVISION, alembic_config

    old = tmp_path / "old.db"
    command.upgrade(alembic_config(old), "0001")
    conn = sqlite3.connect(old)
    conn.execute("INSERT INTO notebooks (name, description, read_only, created_at) VALUES ('Journal', '', 0, 'x')")
    conn.execute(
        "INSERT INTO entries (uuid, notebook_id, day, created_at, updated_at, body, starred) VALUES "
        "('7f1c2d3e-0000-4000-8000-000000000001', 1, '2021-03-19', '2021-03-19T05:00:00+00:00', "
        "'2021-03-19T05:00:00+00:00', '슬럼프가 와도 죽지 않는다', 0)"
    )
    conn.commit()
    conn.close()
    result = cli("restore-backup", str(old))
    assert result.code == 0, result
    conn = sqlite3.connect(home / "journal.db")
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    conn.close()
    assert "슬럼프가 와도" in cli("list", "--on", "2021-03-19").out
    found = cli("search", "슬럼프", "notebook:Journal", "--format", "json").json()
    assert [h["body"] for h in found] == ["슬럼프가 와도 죽지 않는다"]
