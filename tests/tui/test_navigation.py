"""Keys and focus: [ and ] move a day per press however many times; the read-only state follows the notebook
shown whichever way it changed; read-only notes refuse with one message; where a day opens."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Input, OptionList

from journal.clock import FixedClock
from journal.db import write_transaction
from journal.repository import entry_rows, notebook_rows
from journal.services import Journal
from journal.tui.app import JournalApp
from journal.tui.screens.day import DayScreen
from journal.tui.widgets.entry_list import EntryItem
from tests.tui.conftest import settle, type_text, until

TODAY = date(2026, 11, 23)


def shown(app: JournalApp) -> list[str]:
    return [item.entry.body for item in app.day_screen.query(EntryItem)]


def add_read_only_notebook(home: Path, clock: FixedClock, day: date = TODAY) -> None:
    with Journal(home, clock=clock) as journal, write_transaction(journal.conn) as conn:
        book_id = notebook_rows.insert_notebook(conn, "Masterclass", clock.now(), read_only=True)
        entry_rows.insert_entry(
            conn, uuid="seed-1", notebook_id=book_id, day=day, created_at=clock.now(), body="seed", starred=False
        )


async def choose_notebook(pilot, app: JournalApp, name: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+b")
    await settle(pilot)
    options = app.screen.query_one(OptionList)
    options.highlighted = next(i for i in range(options.option_count) if options.get_option_at_index(i).id == name)
    await pilot.press("enter")
    await settle(pilot)


async def test_brackets_move_a_day_per_press_through_empty_days(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("today's note")
        journal.entries.add("3 days ago: three days back")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up")
        entries = app.day_screen.entries
        assert app.focused is entries
        empty = app.day_screen.query_one("#empty-day")
        for back in range(1, 6):
            await pilot.press("[")
            await settle(pilot)
            assert app.day_screen.day == TODAY - timedelta(days=back)
            assert app.focused is entries  # never stolen by the capture line
            assert empty.display == (back != 3)  # an empty day says so, right after a day with notes too
        assert app.day_screen.capture.value == ""
        for _ in range(5):
            await pilot.press("]")
            await settle(pilot)
        assert app.day_screen.day == TODAY
        assert shown(app) == ["today's note"]
        await pilot.press("[", "[", "[")
        await settle(pilot)
        assert shown(app) == ["three days back"]
        await pilot.press("alt+left", "alt+right")  # these keep working too
        await settle(pilot)
        assert app.day_screen.day == TODAY - timedelta(days=3)


async def test_brackets_on_an_empty_day_from_the_capture_line(app: JournalApp) -> None:
    """↑ reaches the (empty) notes on an empty day, where [ and ] work and say so."""
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up")
        assert app.focused is app.day_screen.entries
        assert "[ and ] move a day" in str(app.day_screen.query_one("#empty-day").render())
        await pilot.press("]", "]")
        await settle(pilot)
        assert app.day_screen.day == TODAY + timedelta(days=2)
        await pilot.press("escape")
        assert app.focused is app.day_screen.capture


async def test_brackets_typed_in_the_capture_line_are_text(app: JournalApp, home: Path, clock: FixedClock) -> None:
    """A note may start with [회고] or [ ]: in the capture line, empty or not, [ and ] are characters."""
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "[회고] 오늘 [x]")
        assert app.day_screen.day == TODAY
        await pilot.press("enter")
        await settle(pilot)
    with Journal(home, clock=clock) as journal:
        assert [e.body for e in journal.entries.list()] == ["[회고] 오늘 [x]"]


async def test_a_search_result_leaves_the_capture_line_writable(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        mine = journal.entries.add("2026-11-01: 나의 양자화 노트")
    add_read_only_notebook(home, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await choose_notebook(pilot, app, "Masterclass")
        screen = app.day_screen
        assert screen.read_only and screen.capture.disabled
        await pilot.press("ctrl+f")
        await type_text(pilot, "양자화")
        await until(pilot, lambda: app.screen.query("HitItem"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DayScreen)
        assert screen.day == date(2026, 11, 1)
        assert screen.notebook is None and not screen.read_only
        assert "notebook: all" in str(screen.query_one("#day-header").render())
        assert not screen.capture.disabled
        assert screen.entries.highlighted_entry.id == mine.id
        await pilot.press("escape")  # the capture line is reachable again
        assert app.focused is screen.capture
        await type_text(pilot, "written after a search")
        await pilot.press("enter")
        await settle(pilot)
    with Journal(home, clock=clock) as journal:
        assert "written after a search" in [
            e.body for e in journal.entries.list(start=date(2026, 11, 1), end=date(2026, 11, 1))
        ]


async def test_switching_back_to_all_notebooks_enables_the_capture_line(
    app: JournalApp, home: Path, clock: FixedClock
) -> None:
    add_read_only_notebook(home, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await choose_notebook(pilot, app, "Masterclass")
        assert app.day_screen.capture.disabled
        await choose_notebook(pilot, app, "\x00all")
        assert not app.day_screen.capture.disabled and not app.day_screen.read_only
        assert app.focused is app.day_screen.capture


async def test_read_only_notes_hide_their_actions_and_refuse_with_one_message(
    app: JournalApp, home: Path, clock: FixedClock
) -> None:
    add_read_only_notebook(home, clock)
    with Journal(home, clock=clock) as journal:
        journal.entries.add("mine")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up")
        entries = app.day_screen.entries
        entries.index = next(i for i, item in enumerate(entries.children) if item.entry.read_only)
        await pilot.pause()
        footer = {key.key for key in app.screen.query("FooterKey")}
        assert not footer & {"e", "s", "d", "m"}
        for key in ("e", "s", "d", "m"):
            app.clear_notifications()
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, DayScreen)
            ((title, severity, message),) = [(n.title, n.severity, n.message) for n in app._notifications]
            assert (title, severity) == ("Read-only", "warning")
            assert message.startswith("Masterclass is read-only")
        entries.index = next(i for i, item in enumerate(entries.children) if not item.entry.read_only)
        await pilot.pause()
        footer = {key.key for key in app.screen.query("FooterKey")}
        assert {"e", "s", "d", "m"} <= footer
    with Journal(home, clock=clock) as journal:
        assert [e.body for e in journal.entries.list()] == ["seed", "mine"]


async def test_a_past_day_opens_at_its_first_note_and_today_at_its_newest(
    app: JournalApp, home: Path, clock: FixedClock
) -> None:
    with Journal(home, clock=clock) as journal:
        for i in range(30):
            journal.entries.add(f"yesterday: note {i}\nwith a second line")
        for i in range(30):
            journal.entries.add(f"today {i}")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        entries = app.day_screen.entries
        assert entries.highlighted_entry.body == "today 29"
        # the newest, next to the capture line (scrolling lands after a refresh or two)
        await until(pilot, lambda: entries.scroll_y == entries.max_scroll_y > 0)
        await pilot.press("up", "[")
        await settle(pilot)
        await pilot.pause()
        assert entries.highlighted_entry.body.startswith("note 0")
        assert entries.scroll_y == 0


async def test_typing_after_go_to_date_goes_to_the_capture_line(app: JournalApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up", "ctrl+g")
        await type_text(pilot, "2021-03-19")
        await pilot.press("enter")
        await settle(pilot)
        assert app.day_screen.day == date(2021, 3, 19)
        assert isinstance(app.focused, Input)


async def test_typing_in_a_read_only_notebook_says_why_nothing_happens(
    app: JournalApp, home: Path, clock: FixedClock
) -> None:
    add_read_only_notebook(home, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await choose_notebook(pilot, app, "Masterclass")
        assert app.focused is app.day_screen.entries
        app.clear_notifications()
        await pilot.press("x")
        assert [(n.title, n.severity) for n in app._notifications] == [("Read-only", "warning")]
        assert app.day_screen.capture.value == ""
