"""The screens a daily user would otherwise leave the app for: keys (F1), stats, on this day, trash, and search
that shows notebooks and goes past 50 results."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Label, ListView, Static

from journal.clock import FixedClock
from journal.services import Journal
from journal.tui.app import JournalApp
from journal.tui.screens.day import DayScreen
from journal.tui.screens.help import HelpScreen, editing_sections, sections
from journal.tui.screens.on_this_day import OnThisDayScreen
from journal.tui.screens.search import PAGE, SearchScreen
from journal.tui.screens.stats import StatsScreen
from journal.tui.screens.trash import TrashScreen
from tests.tui.conftest import settle, type_text, until


async def test_f1_opens_the_apps_own_keys_grouped_by_where_they_work(app: JournalApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        titles = [str(label.render()) for label in app.screen.query(".help-title")]
        assert titles[:5] == [
            "In the capture line (where the cursor starts)",
            "On a note (↑ from the capture line)",
            "On the day screen",
            "Anywhere",
            "In the editor (ctrl+o, or e on a note)",
        ]
        assert titles[5:] == ["Editing the capture line", "And in the editor"]
        await pilot.press("f1")
        assert isinstance(app.screen, DayScreen)


def test_the_keys_page_is_made_from_the_bindings() -> None:
    """Every key of the day screen, the list, the app and the editor is on the page, so it cannot drift."""
    from journal.tui.app import JournalApp
    from journal.tui.screens.day import DayScreen
    from journal.tui.screens.editor import EditorScreen
    from journal.tui.widgets.entry_list import EntryList

    rows = {what for _title, rows in sections() for _keys, what in rows}
    for cls in (DayScreen, EntryList, JournalApp, EditorScreen):
        for binding in cls.BINDINGS:
            assert (binding.tooltip or binding.description) in rows, binding
    keys = {keys for _title, rows in sections() for keys, _what in rows}
    assert {"ctrl+y", "ctrl+n", "ctrl+z", "f1", "ctrl+p", "[", "]", "ctrl+s", "Esc"} <= keys
    editing = {what for _title, rows in editing_sections() for _keys, what in rows}
    assert {"Delete left to start of word", "Undo", "Redo"} <= editing


async def test_palette_has_every_new_screen(app: JournalApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Stats", "On this day", "Trash", "Keys", "Quit"):
            assert title in titles
        assert titles.count("Keys") == 1


async def test_stats_screen(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("yesterday: one #built")
        journal.entries.add("two #built")
        journal.entries.add("three")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, StatsScreen)
        await settle(pilot)
        text = str(app.screen.query_one("#stats", Static).render())
        assert "3 on 2 days, since 2026-11-22" in text
        assert "2 days now · longest 2" in text
        assert "2/7 · 2/30 · 2/365 days written" in text
        assert "#built 2" in text
        assert "Mon" in text and "less" in text  # the heatmap
        await pilot.press("escape")
        assert isinstance(app.screen, DayScreen)


async def test_on_this_day_from_today(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        a_year_ago = journal.entries.add("2025-11-23: a year ago today #past")
        journal.entries.add("2024-11-23: two years ago")
        journal.entries.add("2026-11-16: last week")
        journal.entries.add("2025-06-01: some other day")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        teaser = str(app.day_screen.query_one("#on-this-day", Static).render())
        assert teaser == "On this day: 1 week ago (1) · 1 year ago (1) · 2 years ago (1)  ctrl+y"
        await pilot.press("ctrl+y")
        assert isinstance(app.screen, OnThisDayScreen)
        await settle(pilot)
        items = [item.entry.body for item in app.screen.query("OnThisDayItem")]
        assert items == ["last week", "a year ago today #past", "two years ago"]
        listing = app.screen.query_one(ListView)
        listing.index = 3  # headings are skipped: [heading, last week, heading, a year ago, …]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DayScreen)
        assert app.day_screen.day == date(2025, 11, 23)
        assert app.day_screen.entries.highlighted_entry.id == a_year_ago.id


async def test_trash_lists_and_restores(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        keep = journal.entries.add("delete me, then bring me back")
        journal.entries.delete(keep.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not app.day_screen.entries.children
        await pilot.press("ctrl+z")
        assert isinstance(app.screen, TrashScreen)
        await settle(pilot)
        assert [item.entry.id for item in app.screen.query("TrashItem")] == [keep.id]
        await pilot.press("r")
        await settle(pilot)
        assert "The trash is empty." in str(app.screen.query_one("#trash-status", Label).render())
        await pilot.press("escape")
        await settle(pilot)
        assert [item.entry.body for item in app.day_screen.query("EntryItem")] == ["delete me, then bring me back"]
    with Journal(home, clock=clock) as journal:
        assert journal.entries.trash() == []


async def test_search_shows_notebooks_and_loads_more_at_the_end(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.notebooks.add("Work")
        for i in range(PAGE + 20):
            journal.entries.add(f"{i % 28 + 1} days ago: 양자화 note {i}", notebook="Work" if i % 2 else None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "양자화")
        hits = app.screen.query_one("#hits", ListView)
        await until(pilot, lambda: len(hits.children) == PAGE)
        assert len(hits.children) == PAGE
        status = str(app.screen.query_one("#search-status", Label).render())
        assert status.startswith(f"{PAGE}+ notes (more as you scroll) · "), status
        labels = [str(item.query_one(Label).render()) for item in hits.children]
        assert any("[Work]" in label for label in labels) and any("[Journal]" in label for label in labels)
        await pilot.press("down")  # into the results, then to the end of the list
        await pilot.press("end")
        await until(pilot, lambda: len(hits.children) == PAGE + 20)
        assert "70 notes" in str(app.screen.query_one("#search-status", Label).render())
        shown = [item.entry.id for item in hits.children]
    with Journal(home, clock=clock) as journal:  # the second page is what follows the first, once each
        assert shown == [hit.entry.id for hit in journal.index.search("양자화", limit=PAGE + 20)]


async def test_a_failing_store_never_crashes_a_screen(app: JournalApp) -> None:
    """Every worker catches the journal's errors: the calendar, the notebook list, stats, trash, on this day."""
    from journal.errors import StorageError

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)

        def failing(operation, **_kwargs):  # type: ignore[no-untyped-def]
            raise StorageError("the database failed (disk I/O error); your text is kept, try again")

        app.store.call = failing  # type: ignore[method-assign]
        for key in ("ctrl+t", "ctrl+b", "ctrl+n", "ctrl+z", "ctrl+y"):
            app.clear_notifications()
            await pilot.press(key)
            await settle(pilot)
            assert app.is_running, key
            shown = [n.message for n in app._notifications] + [
                str(widget.render()) for widget in app.screen.query("Label, Static")
            ]
            assert any("disk I/O error" in text for text in shown), key
            if not isinstance(app.screen, DayScreen):
                await pilot.press("escape")
                await settle(pilot)
