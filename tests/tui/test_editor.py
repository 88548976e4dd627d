"""The multi-line editor: Esc closes it (asking only when text would be thrown away), ctrl+s saves; a paste of
several lines into the capture line opens it with all of them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual import events
from textual.widgets import TextArea

from journal.clock import FixedClock
from journal.services import Journal
from journal.tui.app import JournalApp, make_app
from journal.tui.drafts import DraftTiming
from journal.tui.screens.confirm import ConfirmScreen
from journal.tui.screens.day import DayScreen
from journal.tui.screens.editor import EditorScreen
from tests.tui.conftest import settle, type_text, until

FAST = DraftTiming(quiet=0.1, max_wait=0.3, retry=0.3)


def drafts(home: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(home / "journal.db")
    try:
        return conn.execute("SELECT slot, body FROM drafts ORDER BY slot").fetchall()
    finally:
        conn.close()


def bodies(home: Path, clock: FixedClock) -> list[str]:
    with Journal(home, clock=clock) as journal:
        return [e.body for e in journal.entries.list()]


def footer_keys(app: JournalApp) -> dict[str, str]:
    return {key.key: key.description for key in app.screen.query("FooterKey")}


async def test_esc_closes_an_empty_editor_at_once(app: JournalApp, home: Path) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, EditorScreen)
        assert footer_keys(app) == {"ctrl+s": "Save", "escape": "Close"}
        await pilot.press("escape")
        assert isinstance(app.screen, DayScreen)
        assert app.focused is app.day_screen.capture
        await settle(pilot)
    assert drafts(home) == []


async def test_esc_with_new_text_asks_and_throwing_it_away_deletes_the_draft(home: Path, clock: FixedClock) -> None:
    app = make_app(home, clock=clock, draft_timing=FAST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await type_text(pilot, "two")
        await pilot.press("enter")
        await type_text(pilot, "lines")
        await until(pilot, lambda: drafts(home) == [("editor", "two\nlines")])
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.query_one(TextArea).text == "two\nlines"
        await pilot.press("escape", "y")
        assert isinstance(app.screen, DayScreen)
        await settle(pilot)
    assert drafts(home) == []
    assert bodies(home, clock) == []


async def test_ctrl_s_saves_the_editor(app: JournalApp, home: Path, clock: FixedClock) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await type_text(pilot, "# Title")
        await pilot.press("enter")
        await type_text(pilot, "- a list #long")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DayScreen)
    assert bodies(home, clock) == ["# Title\n- a list #long"]
    assert drafts(home) == []


async def test_esc_gives_untouched_capture_text_back(app: JournalApp, home: Path, clock: FixedClock) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "started here")
        await pilot.press("ctrl+o")
        assert app.screen.query_one(TextArea).text == "started here"
        await pilot.press("escape")  # nothing changed: no question, and nothing is lost
        assert isinstance(app.screen, DayScreen)
        assert app.day_screen.capture.value == "started here"
        await pilot.press("ctrl+q")
    assert drafts(home) == [("capture", "started here")]


async def test_editing_a_note_esc_without_changes_just_closes(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("as it was")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up", "e")
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, DayScreen)
        await settle(pilot)
    assert drafts(home) == []


async def test_an_edit_that_changes_nothing_says_nothing(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        entry = journal.entries.add("same words")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up", "e")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not [n for n in app._notifications if "Edited" in n.message]
        await pilot.press("e")
        await type_text(pilot, "!")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [n.message for n in app._notifications if "Edited" in n.message] == [f"Edited #{entry.id}."]
    assert bodies(home, clock) == ["same words!"]


async def test_a_multi_line_paste_opens_the_editor_with_all_of_it(
    app: JournalApp, home: Path, clock: FixedClock
) -> None:
    pasted = "line one\nline two\r\nline three #pasted"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "before: ")
        app.day_screen.capture.post_message(events.Paste(pasted))
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.query_one(TextArea).text == "before: line one\nline two\nline three #pasted"
        assert app.day_screen.capture.value == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert bodies(home, clock) == ["before: line one\nline two\nline three #pasted"]
    assert drafts(home) == []


async def test_a_one_line_paste_stays_in_the_capture_line(app: JournalApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.day_screen.capture.post_message(events.Paste("just one line\n"))
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        assert app.day_screen.capture.value == "just one line"
