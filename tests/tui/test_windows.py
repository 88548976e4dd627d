"""Two app windows on one journal, the day following writes made elsewhere, an edit that meets a newer version
of its note, and moving a note to another day."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from journal.clock import FixedClock
from journal.services import Journal
from journal.tui.app import JournalApp, make_app
from journal.tui.drafts import DraftTiming
from journal.tui.screens.conflict import ConflictScreen
from journal.tui.screens.editor import EditorScreen
from journal.tui.screens.goto import MoveToDayScreen
from tests.conftest import NOW
from tests.tui.conftest import settle, type_text, until

FAST = DraftTiming(quiet=0.1, max_wait=0.3, retry=0.3)
LIVE = 0.2  # seconds between looks for writes made elsewhere, in these tests
LATER = FixedClock(NOW + timedelta(minutes=5))  # the other process writes after this window opened the note


def drafts(home: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(home / "journal.db")
    try:
        return conn.execute("SELECT window_id, slot, body FROM drafts ORDER BY window_id, slot").fetchall()
    finally:
        conn.close()


def notices(app: JournalApp) -> list[str]:
    return [n.message for n in app._notifications]


def bodies(app: JournalApp) -> list[str]:
    return [item.entry.body for item in app.day_screen.query("EntryItem")]


async def test_two_windows_keep_their_own_drafts(home: Path, clock: FixedClock) -> None:
    a = make_app(home, clock=clock, draft_timing=FAST)
    b = make_app(home, clock=clock, draft_timing=FAST)
    wa, wb = a.store.window, b.store.window
    async with a.run_test(size=(100, 30)) as pa, b.run_test(size=(100, 30)) as pb:
        await settle(pa)
        await settle(pb)
        await type_text(pa, "A의 메모")
        await type_text(pb, "B saves this")
        await until(pa, lambda: len(drafts(home)) == 2)
        await pb.press("enter")  # saving a note in B leaves A's capture line's draft alone
        await settle(pb)
        await until(pa, lambda: "B saves this" in bodies(a))  # and A shows B's note, without a key
        assert drafts(home) == [(wa, "capture", "A의 메모")]
        await pa.press("ctrl+o")  # both editors at once: neither writes over the other's draft
        await type_text(pa, " and more")
        await pb.press("ctrl+o")
        await type_text(pb, "B's paragraph")
        expected = {(wa, "editor", "A의 메모 and more"), (wb, "editor", "B's paragraph")}
        await until(pa, lambda: set(drafts(home)) == expected)
        await pb.press("ctrl+s")
        await settle(pb)
        await until(pa, lambda: drafts(home) == [(wa, "editor", "A의 메모 and more")])
        assert a.screen.query_one(TextArea).text == "A의 메모 and more"
    with Journal(home, clock=clock) as journal:
        assert [e.body for e in journal.entries.list()] == ["B saves this", "B's paragraph"]


async def test_a_gone_windows_drafts_come_back_and_a_running_ones_do_not(home: Path, clock: FixedClock) -> None:
    first = make_app(home, clock=clock, draft_timing=FAST)
    async with first.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "left behind")
        await until(pilot, lambda: drafts(home) == [(first.store.window, "capture", "left behind")])
        running = make_app(home, clock=clock)  # while the first runs: its text is not offered
        async with running.run_test(size=(100, 30)) as second:
            await settle(second)
            assert running.day_screen.capture.value == ""
            assert not any("Restored" in n for n in notices(running))
        await pilot.press("ctrl+q")
    third = make_app(home, clock=clock)
    async with third.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert third.day_screen.capture.value == "left behind"
        assert any("Restored your unsaved text: the capture line" in n for n in notices(third))
        await until(pilot, lambda: drafts(home) == [(third.store.window, "capture", "left behind")])


async def test_several_gone_windows_restore_into_the_capture_line_and_editors(home: Path, clock: FixedClock) -> None:
    for window, text in (("a" * 32, "first window's line"), ("b" * 32, "second window's line")):
        with Journal(home, clock=clock, window=window) as journal:
            journal.drafts.save("capture", text, day=clock.today())
    app = make_app(home, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.day_screen.capture.value == "first window's line"
        assert isinstance(app.screen, EditorScreen) and app.screen.query_one(TextArea).text == "second window's line"
        assert any("a capture line's text for Mon 2026-11-23" in n for n in notices(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
        await until(pilot, lambda: drafts(home) == [(app.store.window, "capture", "first window's line")])
    with Journal(home, clock=clock) as journal:
        assert [e.body for e in journal.entries.list()] == ["second window's line"]


async def test_writes_made_elsewhere_appear_without_a_key(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        for text in ("one", "two", "three"):
            journal.entries.add(text)
    app = make_app(home, clock=clock, live_every=LIVE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.day_screen
        assert screen._streak == 1
        await pilot.press("up", "up")  # the notes; the highlight on "two"
        assert screen.entries.highlighted_entry.body == "two"
        items = list(screen.entries.children)
        with Journal(home, clock=LATER) as shell:
            shell.drafts.save("capture", "another window typing")  # changes data_version, not the day
        await pilot.pause(LIVE * 3)
        await settle(pilot)
        assert list(screen.entries.children) == items  # nothing shown again
        with Journal(home, clock=LATER) as shell:
            shell.entries.add("from the shell")
            shell.entries.add("yesterday: and yesterday")
        # the new list is mounted, then highlighted: wait for both
        await until(
            pilot,
            lambda: bodies(app) == ["one", "two", "three", "from the shell"]
            and screen.entries.highlighted_entry is not None,
        )
        assert screen.entries.highlighted_entry.body == "two"  # the highlight stays on its note
        assert screen.entries.has_focus
        await until(pilot, lambda: screen._streak == 2)
        assert "streak 2 days" in str(screen.query_one("#day-header").render())


async def test_a_long_day_stays_scrolled_where_it_was(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        for i in range(30):
            journal.entries.add(f"note {i}")
    app = make_app(home, clock=clock, live_every=LIVE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        entries = app.day_screen.entries
        await pilot.press("up")
        entries.index = 4
        await settle(pilot)
        scrolled = entries.scroll_y
        assert 0 < scrolled < entries.max_scroll_y
        with Journal(home, clock=LATER) as shell:
            shell.entries.add("note 30, from the shell")
        await until(pilot, lambda: len(bodies(app)) == 31)
        await settle(pilot)
        assert entries.highlighted_entry.body == "note 4" and entries.scroll_y == scrolled
        entries.index = 30  # at the end: a note added there comes into view
        await settle(pilot)
        assert entries.scroll_y == entries.max_scroll_y
        with Journal(home, clock=LATER) as shell:
            shell.entries.add("note 31, from the shell")
        await until(pilot, lambda: len(bodies(app)) == 32)
        await settle(pilot)
        assert entries.scroll_y == entries.max_scroll_y and entries.highlighted_entry.body == "note 30, from the shell"


async def test_prompts_follow_an_answer_made_elsewhere(home: Path, clock: FixedClock) -> None:
    app = make_app(home, clock=clock, live_every=LIVE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        prompts = app.day_screen.query_one("#prompts")
        due = [item.status.prompt.id for item in prompts.children if not item.status.answered]
        with Journal(home, clock=LATER) as shell:
            shell.prompts.answer(due[0], "answered in another window")
        await until(pilot, lambda: any(i.status.answered for i in prompts.children))


async def _edit_meets_theirs(app: JournalApp, pilot, home: Path) -> int:  # type: ignore[no-untyped-def]
    """Open the note for editing, type, let another process change it, save: the conflict dialog."""
    await settle(pilot)
    await pilot.press("up", "e")
    assert isinstance(app.screen, EditorScreen)
    await type_text(pilot, " mine")
    entry_id = app.screen.keeper.entry_id
    with Journal(home, clock=LATER) as shell:
        shell.entries.edit(entry_id, "theirs")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, ConflictScreen)
    return entry_id


@pytest.mark.parametrize("choice", ["t", "o", "b"])
async def test_an_edit_that_meets_a_newer_version_asks(home: Path, clock: FixedClock, choice: str) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("first")
    app = make_app(home, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        entry_id = await _edit_meets_theirs(app, pilot, home)
        if choice == "o":  # Esc first: back to editing, and saving asks again
            await pilot.press("escape")
            assert isinstance(app.screen, EditorScreen) and app.screen.query_one(TextArea).text == "first mine"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ConflictScreen)
        await pilot.press(choice)
        await settle(pilot)
        assert app.screen is app.day_screen
        await until(pilot, lambda: [w for w, _, _ in drafts(home)] == [])
    with Journal(home, clock=clock) as journal:
        notes = [e.body for e in journal.entries.list()]
        history = [r.body for r in journal.entries.history(entry_id)]
    if choice == "t":  # keep theirs: mine is dropped
        assert notes == ["theirs"] and history == ["first", "theirs"]
    elif choice == "o":  # overwrite: theirs stays in the history
        assert notes == ["first mine"] and history == ["first", "theirs", "first mine"]
    else:  # keep both: mine as a new note on the same day
        assert notes == ["theirs", "first mine"] and history == ["first", "theirs"]


async def test_move_a_note_to_another_day(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        entry = journal.entries.add("meant for friday")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up", "v")
        assert isinstance(app.screen, MoveToDayScreen)
        await type_text(pilot, "someday")
        await pilot.press("enter")
        assert "could not understand the date" in str(app.screen.query_one("#goto-error").render())
        app.screen.query_one(Input).value = "지난 금요일"
        await pilot.press("enter")
        await settle(pilot)
        assert bodies(app) == []
        assert any("Moved #1 to Fri 2026-11-20" in n for n in notices(app))
    with Journal(home, clock=clock) as journal:
        moved = journal.entries.get(entry.id)
        assert moved.day.isoformat() == "2026-11-20" and moved.moment.strftime("%H:%M") == "10:00"
        assert [r.day.isoformat() for r in journal.entries.history(entry.id)] == ["2026-11-23", "2026-11-20"]


async def test_editing_a_note_deleted_elsewhere_saves_a_new_one(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("first")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up", "e")
        await type_text(pilot, " and mine")
        with Journal(home, clock=LATER) as shell:
            shell.entries.delete(1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("Note #1 was deleted elsewhere; your text is a new note, #2." in n for n in notices(app))
        await until(pilot, lambda: bodies(app) == ["first and mine"])
    assert drafts(home) == []
