"""Nothing typed is lost: drafts on quit, during steady typing, in the editor, and when they cannot be written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Label, TextArea

from journal.clock import FixedClock
from journal.services import Journal
from journal.tui.app import JournalApp, make_app
from journal.tui.drafts import DraftTiming
from journal.tui.screens.confirm import ConfirmScreen
from journal.tui.screens.editor import EditorScreen
from tests.tui.conftest import settle, type_text, until

FAST = DraftTiming(quiet=0.1, max_wait=0.3, retry=0.3)


def drafts(home: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(home / "journal.db")
    try:
        return conn.execute("SELECT slot, body FROM drafts ORDER BY slot").fetchall()
    finally:
        conn.close()


def draft_days(home: Path) -> list[str]:
    conn = sqlite3.connect(home / "journal.db")
    try:
        return [row[0] for row in conn.execute("SELECT day FROM drafts")]
    finally:
        conn.close()


def notices(app: JournalApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_quit_right_after_typing_keeps_the_text(home: Path, clock: FixedClock) -> None:
    first = make_app(home, clock=clock)
    async with first.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "quit at once 바로")
        await pilot.press("ctrl+q")  # well inside the 0.6 s before a draft would be written
        await pilot.pause()
    assert drafts(home) == [("capture", "quit at once 바로")]
    second = make_app(home, clock=clock)
    async with second.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert second.day_screen.capture.value == "quit at once 바로"


async def test_the_palettes_quit_writes_the_draft_too(home: Path, clock: FixedClock) -> None:
    app = make_app(home, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "palette")
        await pilot.press("ctrl+p")
        await type_text(pilot, "quit")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
    assert drafts(home) == [("capture", "palette")]


async def test_the_app_exiting_any_other_way_writes_the_draft(home: Path, clock: FixedClock) -> None:
    app = make_app(home, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "exit")
        app.exit()
        await pilot.pause()
    assert drafts(home) == [("capture", "exit")]


async def test_the_capture_draft_is_for_the_day_shown(home: Path, clock: FixedClock) -> None:
    first = make_app(home, clock=clock, draft_timing=FAST)
    async with first.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "for tomorrow")
        await until(pilot, lambda: drafts(home) == [("capture", "for tomorrow")])
        await pilot.press("alt+right")  # the text stays; the day it is for changes
        await until(pilot, lambda: draft_days(home) == ["2026-11-24"])
    second = make_app(home, clock=clock)
    async with second.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert second.day_screen.day.isoformat() == "2026-11-24"
        assert second.day_screen.capture.value == "for tomorrow"
        assert any("the capture line (for Tue 2026-11-24" in n for n in notices(second))


async def test_steady_typing_is_saved_before_it_stops(home: Path, clock: FixedClock) -> None:
    """A key every 0.3 s never leaves the 0.6 s quiet a debounce waits for: the max-wait writes anyway."""
    app = make_app(home, clock=clock)
    typed = "steady typing keeps going and going"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        saved_while_typing = []
        pressed = 0
        for ch in typed[:17]:  # about 5 s of typing
            await pilot.press("space" if ch == " " else ch)
            pressed += 1
            await pilot.pause(0.3)
            saved_while_typing += drafts(home)
            if saved_while_typing:
                break
        assert saved_while_typing, "no draft while typing"
        slot, body = saved_while_typing[0]
        assert slot == "capture" and typed[:pressed].startswith(body) and body
        assert pressed < 17  # still typing when it was written


async def test_the_editor_keeps_a_draft_and_it_comes_back(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("a note of today")
    first = make_app(home, clock=clock)
    async with first.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await type_text(pilot, "first line")
        await pilot.press("enter")
        await type_text(pilot, "second line")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert drafts(home) == [("editor", "first line\nsecond line")]
    second = make_app(home, clock=clock)
    async with second.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(second.screen, EditorScreen)
        assert second.screen.query_one(TextArea).text == "first line\nsecond line"
        assert any("a longer note for Mon 2026-11-23" in n for n in notices(second))
        # The day behind the editor has loaded: not stuck on "Opening your journal…".
        assert [item.entry.body for item in second.day_screen.query("EntryItem")] == ["a note of today"]
        assert not second.day_screen.query_one("#empty-day", Label).display
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert drafts(home) == []
    with Journal(home, clock=clock) as journal:
        assert [e.body for e in journal.entries.list()] == ["a note of today", "first line\nsecond line"]


async def test_behind_a_restored_editor_an_empty_day_says_so(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.drafts.save("editor", "half a thought", day=clock.today())
    app = make_app(home, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        empty = app.day_screen.query_one("#empty-day", Label)
        assert empty.display and str(empty.render()) == "No notes yet today. Write one below."


async def test_an_unsaved_edit_comes_back_over_the_note(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        entry = journal.entries.add("the note")
    first = make_app(home, clock=clock)
    async with first.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up", "e")
        await type_text(pilot, " changed")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert drafts(home) == [(f"edit:{entry.id}", "the note changed")]
    second = make_app(home, clock=clock)
    async with second.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(second.screen, EditorScreen)
        assert second.screen.query_one(TextArea).text == "the note changed"
        assert any(f"an edit of note #{entry.id}" in n for n in notices(second))
        await pilot.press("escape")  # the draft differs from the note: ask
        assert isinstance(second.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
    assert drafts(home) == []  # thrown away: a relaunch does not bring it back
    with Journal(home, clock=clock) as journal:
        assert journal.entries.get(entry.id).body == "the note"


async def test_opening_an_edit_writes_no_draft_until_the_text_changes(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("leave me be")
    app = make_app(home, clock=clock, draft_timing=FAST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up", "e")
        await pilot.pause(0.5)
        await settle(pilot)
        assert drafts(home) == []
        await pilot.press("ctrl+q")
    assert drafts(home) == []


async def test_a_locked_database_never_crashes_and_the_draft_is_written_once_it_is_free(
    home: Path, clock: FixedClock
) -> None:
    app = make_app(home, clock=clock, draft_timing=FAST, busy_timeout_ms=50)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        holder = sqlite3.connect(home / "journal.db", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the database
        try:
            await type_text(pilot, "keep me")
            await until(pilot, lambda: any("Drafts are not being saved" in n for n in notices(app)))
            assert app.is_running
            assert app.day_screen.capture.value == "keep me"
            assert any("Drafts are not being saved" in n and "locked" in n for n in notices(app))
            assert "drafts not saved" in str(app.day_screen.query_one("#day-header").render())
            # The editor too: its draft fails the same way, and nothing crashes.
            await pilot.press("ctrl+o")
            await type_text(pilot, " and this")
            editor = next(k for k in app.draft_keepers if k.slot == "editor")
            await until(pilot, lambda: editor.error is not None)  # its own write failed too
            assert app.is_running and isinstance(app.screen, EditorScreen)
            assert app.screen.query_one(TextArea).text == "keep me and this"
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        await until(pilot, lambda: drafts(home) == [("editor", "keep me and this")])  # the retry timer
        assert "Drafts are being saved again." in notices(app)
        assert "drafts not saved" not in str(app.day_screen.query_one("#day-header").render())


async def test_quit_with_a_locked_database_asks_before_losing_text(home: Path, clock: FixedClock) -> None:
    app = make_app(home, clock=clock, draft_timing=DraftTiming(quiet=60, max_wait=60), busy_timeout_ms=50)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        holder = sqlite3.connect(home / "journal.db", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await type_text(pilot, "unsaved")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert "could not be kept as a draft" in app.screen.question
            await pilot.press("n")  # stay
            assert app.is_running and app.day_screen.capture.value == "unsaved"
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert drafts(home) == [("capture", "unsaved")]


async def test_a_failed_save_keeps_its_draft(home: Path, clock: FixedClock) -> None:
    """Enter while the database is locked: the note is not stored, and neither the text on screen nor the
    draft is lost; once the lock goes, Enter stores it and the draft goes."""
    app = make_app(home, clock=clock, draft_timing=FAST, busy_timeout_ms=50)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "store me")
        await until(pilot, lambda: drafts(home) == [("capture", "store me")])
        holder = sqlite3.connect(home / "journal.db", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("enter")
            await pilot.pause(0.3)
            await settle(pilot)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert app.day_screen.capture.value == "store me"
        assert drafts(home) == [("capture", "store me")]
        await pilot.press("enter")
        await until(pilot, lambda: drafts(home) == [])
    with Journal(home, clock=clock) as journal:
        assert [e.body for e in journal.entries.list()] == ["store me"]
