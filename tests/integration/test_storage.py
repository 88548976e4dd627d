import os
import stat
import subprocess
import sys
from pathlib import Path

from journal.services import Journal


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_home_is_private_and_files_are_0600(home: Path, journal: Journal) -> None:
    journal.entries.add("private note")
    assert _mode(home) == 0o700
    for path in home.iterdir():
        if path.is_file():
            assert _mode(path) == 0o600, path


def test_wal_foreign_keys_and_busy_timeout(journal: Journal) -> None:
    conn = journal.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_two_processes_adding_at_once_both_succeed(home: Path) -> None:
    Journal(home).close()  # create and migrate first, as a user's first run would
    script = (
        "import sys\n"
        "from journal.cli import main\n"
        "codes = [main(['add', f'process {sys.argv[1]} note {i} #동시성']) for i in range(25)]\n"
        "sys.exit(max(codes))\n"
    )
    env = {**os.environ, "JOURNAL_HOME": str(home)}
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(n)], env=env, stdout=subprocess.DEVNULL) for n in range(2)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with Journal(home) as journal:
        bodies = [e.body for e in journal.entries.list()]
    assert len(bodies) == 50
    assert len(set(bodies)) == 50


def test_first_open_by_two_processes_at_once_migrates_once(new_home: Path) -> None:
    home = new_home
    env = {**os.environ, "JOURNAL_HOME": str(home)}
    procs = [
        subprocess.Popen([sys.executable, "-m", "journal", "add", f"first run {n}"], env=env, stdout=subprocess.DEVNULL)
        for n in range(2)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with Journal(home) as journal:
        assert sorted(e.body for e in journal.entries.list(notebook="Journal")) == ["first run 0", "first run 1"]
        assert [b.name for b in journal.notebooks.all()] == ["Journal", "Masterclass · 2021-03-19"]
        assert len(journal.entries.list(notebook="Masterclass · 2021-03-19")) == 15  # seeded once, not twice


def test_entries_by_ids_keeps_the_order_given_across_batches(journal: Journal) -> None:
    from journal.repository import entry_rows

    ids = [journal.entries.add(f"note {n}").id for n in range(1205)]
    journal.entries.delete(ids[3])
    wanted = ids[::-1]  # more than one batch of 1,000, in an order SQLite would not return by itself
    assert [e.id for e in entry_rows.entries_by_ids(journal.conn, wanted)] == [i for i in wanted if i != ids[3]]


def test_a_uuid_prefix_of_digits_only_still_finds_its_note(journal: Journal) -> None:
    """`show 12345678`: an id when a note has that id, else the uuid prefix (CI once drew such a uuid)."""
    first = journal.entries.add("the first note")
    digits = journal.entries.add("a note whose uuid starts with digits")
    with journal.conn:
        journal.conn.execute(
            "UPDATE entries SET uuid = ? WHERE id = ?", ("12345678-aaaa-4bbb-8ccc-dddddddddddd", digits.id)
        )
    assert journal.entries.get("12345678").id == digits.id
    assert journal.entries.get(str(first.id)).id == first.id
    assert journal.entries.get("1").id == first.id
