"""App windows and the journal: draft slots per window, taking over the drafts of windows that are gone, a note
and its draft in one transaction, edit conflicts, data_version, search pages, on this day and the trash."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.dates import When
from journal.errors import EditConflict, EntryNotFound
from journal.services import Journal
from tests.conftest import NOW

A, B, C = "a" * 32, "b" * 32, "c" * 32
LATER = FixedClock(NOW + timedelta(minutes=5))


def rows(home: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(home / "journal.db")
    try:
        return conn.execute("SELECT window_id, slot, body FROM drafts ORDER BY window_id, slot").fetchall()
    finally:
        conn.close()


def test_each_window_has_its_own_slots(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock, window=A) as a, Journal(home, clock=clock, window=B) as b:
        a.drafts.save("capture", "A types")
        b.drafts.save("capture", "B types")
        b.drafts.save("editor", "B's long note")
        b.entries.add("B types", discard_draft="capture")  # saving in B leaves A's capture draft alone
        assert [(d.slot, d.body) for d in a.drafts.mine()] == [("capture", "A types")]
        assert [(d.slot, d.body) for d in b.drafts.mine()] == [("editor", "B's long note")]


def test_a_running_windows_drafts_are_never_taken_over(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock, window=A) as a:
        a.drafts.save("capture", "still typing")
        with Journal(home, clock=clock, window=B) as b:
            assert b.drafts.take_over() == []
        assert [d.body for d in a.drafts.mine()] == ["still typing"]


def test_a_window_that_quit_leaves_its_drafts_to_the_next(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock, window=A) as a:
        a.drafts.save("capture", "left on quit")
        a.drafts.save("edit:1", "an edit", entry_id=a.entries.add("a note").id, entry_version=NOW)
    assert not (home / "windows" / f"{A}.lock").exists()  # a window that ends removes its lock
    with Journal(home, clock=clock, window=B) as b:
        taken = b.drafts.take_over()
        assert [(d.typed_in, d.body, d.window) for d in taken] == [
            ("capture", "left on quit", B),
            ("edit:1", "an edit", B),
        ]
        assert taken[1].entry_version == NOW and taken[1].entry_id == 1
        assert all(d.slot.startswith("restored:") for d in taken)
        with Journal(home, clock=clock, window=C) as c:
            assert c.drafts.take_over() == []  # taken once: B has them now, and B runs


def test_a_killed_windows_drafts_are_taken_over(home: Path) -> None:
    """kill -9: nothing runs on the way out; the operating system lets go of the window's lock."""
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from journal.services import Journal\n"
        f"j = Journal(Path(sys.argv[1]), window={A!r})\n"
        "j.drafts.save('editor', 'typed, then killed')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(home)], capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL
    assert (home / "windows" / f"{A}.lock").exists()  # left behind, and nobody holds it
    with Journal(home, window=B) as b:
        assert [(d.typed_in, d.body) for d in b.drafts.take_over()] == [("editor", "typed, then killed")]
    assert not (home / "windows" / f"{A}.lock").exists()  # cleaned up by the window that took over


def test_drafts_from_before_windows_are_taken_over(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as script:  # no window: what drafts were before 0006
        script.drafts.save("capture", "from an older version")
    with Journal(home, clock=clock, window=A) as a:
        assert [(d.typed_in, d.body) for d in a.drafts.take_over()] == [("capture", "from an older version")]


def test_a_note_and_its_draft_go_in_one_transaction(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock, window=A) as a:
        a.drafts.save("capture", "half a thought")
        # Removing the draft fails (as a crash at that moment would stop it): the note is not saved either.
        a.conn.execute("CREATE TRIGGER no_discard BEFORE DELETE ON drafts BEGIN SELECT RAISE(ABORT, 'crash'); END")
        with pytest.raises(sqlite3.Error):
            a.entries.add("half a thought", discard_draft="capture")
        assert a.entries.list() == []
        assert [d.body for d in a.drafts.mine()] == ["half a thought"]
        a.conn.execute("DROP TRIGGER no_discard")
        entry = a.entries.add("half a thought", discard_draft="capture")
        assert a.drafts.all() == []
        a.drafts.save("edit:1", "changed")
        a.entries.edit(entry.id, "changed", discard_draft="edit:1")
        assert a.drafts.all() == [] and a.entries.get(entry.id).body == "changed"
        prompt = a.prompts.due(clock.today())[0].prompt
        a.drafts.save("capture", "an answer")
        a.prompts.answer(prompt.id, "an answer", discard_draft="capture")
        assert a.drafts.all() == []


def test_an_edit_of_a_note_changed_elsewhere_is_refused_with_the_note_as_it_is(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock, window=A) as mine, Journal(home, clock=LATER) as shell:
        opened = mine.entries.add("first version")
        shell.entries.edit(opened.id, "their version")
        mine.drafts.save("edit:1", "my version", entry_id=opened.id)
        with pytest.raises(EditConflict) as caught:
            mine.entries.edit(opened.id, "my version", expected_updated_at=opened.updated_at, discard_draft="edit:1")
        assert caught.value.current.body == "their version"
        assert "changed elsewhere" in caught.value.message
        assert mine.entries.get(opened.id).body == "their version"
        assert [d.body for d in mine.drafts.mine()] == ["my version"]  # nothing written, the draft kept
        # The same text as theirs: nothing is in conflict.
        assert mine.entries.edit(opened.id, "their version", expected_updated_at=opened.updated_at) is None
        # Overwriting the version seen: theirs stays in the history.
        edited = mine.entries.edit(opened.id, "my version", expected_updated_at=caught.value.current.updated_at)
        assert edited is not None and edited.body == "my version"
        assert [r.body for r in mine.entries.history(opened.id)] == ["first version", "their version", "my version"]
        shell.entries.delete(opened.id)
        with pytest.raises(EntryNotFound):
            mine.entries.edit(opened.id, "too late", expected_updated_at=edited.updated_at)


def test_data_version_changes_for_other_connections_only(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock, window=A) as app, Journal(home, clock=clock) as shell:
        before = app.data_version()
        app.entries.add("my own write")
        app.drafts.save("capture", "typing")
        assert app.data_version() == before
        shell.entries.add("from the shell")
        assert app.data_version() != before


def test_search_pages(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        for i in range(25):
            journal.entries.add(f"{i % 20} days ago: 양자화 {'공부 ' * (i % 4)}note {i}")
        whole = [h.entry.id for h in journal.index.search("양자화", limit=100)]
        pages = [[h.entry.id for h in journal.index.search("양자화", limit=10, offset=n)] for n in (0, 10, 20, 30)]
        assert len(whole) == 25
        assert pages[0] + pages[1] + pages[2] == whole and pages[3] == []
        assert [len(p) for p in pages] == [10, 10, 5, 0]


def test_on_this_day_reaches_back_to_the_oldest_note(home: Path, clock: FixedClock) -> None:
    today = clock.today()
    with Journal(home, clock=clock) as journal:
        journal.entries.add("a year ago", when=When(today.replace(year=today.year - 1)))
        journal.entries.add("imported, six years ago", when=When(today.replace(year=today.year - 6)))
        found = {o.label: [e.body for e in o.entries] for o in journal.review.on_this_day(today)}
    assert found == {"1 year ago": ["a year ago"], "6 years ago": ["imported, six years ago"]}


def test_the_trash_newest_deletion_first(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        old_day = journal.entries.add("an old day's note", when=When(clock.today() - timedelta(days=30)))
        today = journal.entries.add("today's note")
        journal.entries.delete(old_day.id)
    with Journal(home, clock=LATER) as journal:
        journal.entries.delete(today.id)
        assert [e.id for e in journal.entries.trash(newest_deleted_first=True)] == [today.id, old_day.id]
        assert [e.id for e in journal.entries.trash()] == [old_day.id, today.id]  # by day, as `journal trash`
