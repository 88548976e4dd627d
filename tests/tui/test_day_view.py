"""What a trial as a new user found in the day view: a note saved on a long day is scrolled into view; a
day change shows the old day whole until the new one is there; a star pressed quickly ends as pressed;
counted nouns; the keys page and the README say the same about ctrl+y.

"The database is slow" is the store's lock held by the test: workers wait on it, the keys are handled."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Label, ListView, OptionList

from journal.clock import FixedClock
from journal.services import Journal
from journal.tui.app import JournalApp
from journal.tui.widgets.entry_list import EntryItem
from tests.tui.conftest import settle, type_text, until

TODAY = date(2026, 11, 23)
README = Path(__file__).resolve().parents[2] / "README.md"


def shown(app: JournalApp) -> list[str]:
    return [item.entry.body for item in app.day_screen.query(EntryItem)]


def in_view(entries: ListView, body: str) -> bool:
    """The note with this text is highlighted and wholly inside the list's visible rows."""
    item = entries.highlighted_child
    if not isinstance(item, EntryItem) or item.entry.body != body:
        return False
    top, height = entries.scroll_y, entries.scrollable_content_region.height
    region = item.virtual_region
    return region.height > 0 and top <= region.y and region.bottom <= top + height


def header_text(app: JournalApp) -> str:
    return str(app.day_screen.query_one("#day-header").render())


async def test_a_note_saved_at_the_end_of_a_long_day_is_scrolled_into_view(
    app: JournalApp, home: Path, clock: FixedClock
) -> None:
    with Journal(home, clock=clock) as journal:
        for n in range(40):
            journal.entries.add(f"note {n} of a long day")
    async with app.run_test(size=(80, 24)) as pilot:
        entries = app.day_screen.entries
        await until(pilot, lambda: in_view(entries, "note 39 of a long day"))  # today opens at its newest
        assert entries.max_scroll_y > 0  # the day is longer than the screen
        await type_text(pilot, "the newest one")
        await pilot.press("enter")
        await until(pilot, lambda: in_view(entries, "the newest one"))
        await pilot.press("up")  # from the capture line to the notes: the highlighted one stays in view
        assert app.focused is entries and in_view(entries, "the newest one")
    with Journal(home, clock=clock) as journal:
        assert journal.entries.list(start=TODAY, end=TODAY)[-1].body == "the newest one"


async def test_a_note_opened_from_search_is_scrolled_into_view_on_a_long_past_day(
    app: JournalApp, home: Path, clock: FixedClock
) -> None:
    with Journal(home, clock=clock) as journal:
        for n in range(40):
            journal.entries.add(f"3 days ago: filler {n}")
        wanted = journal.entries.add("3 days ago: the needle at the end")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.day_screen.open_entry(wanted)
        entries = app.day_screen.entries
        await until(pilot, lambda: in_view(entries, "the needle at the end"))
        assert app.day_screen.day == TODAY - timedelta(days=3) and entries.scroll_y > 0


async def test_the_old_day_stays_whole_until_the_new_one_is_loaded(
    app: JournalApp, home: Path, clock: FixedClock
) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("today's note")
        journal.entries.add("yesterday: yesterday's note")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up")
        capture = app.day_screen.capture
        with app.store._lock:  # the database is slow
            await pilot.press("[")
            await pilot.pause()
            # Not an empty list under a header that already names the next day: the old day, whole.
            assert shown(app) == ["today's note"]
            assert "2026-11-23 · today" in header_text(app)
            assert "for today" in str(capture.placeholder)
        await until(pilot, lambda: shown(app) == ["yesterday's note"])
        assert "2026-11-22 · yesterday" in header_text(app)
        assert "Sun 2026-11-22" in str(capture.placeholder)
        assert app.focused is app.day_screen.entries


async def test_a_star_pressed_quickly_ends_as_pressed(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        note = journal.entries.add("a note to star")

    def starred_in_db() -> bool:
        with Journal(home, clock=clock) as journal:
            return journal.entries.get(note.id).starred

    def star_shown() -> bool:
        body = app.day_screen.query_one(EntryItem).query_one(".entry-body", Label)
        return "★" in str(body.render())

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up")
        for presses, starred in ((2, False), (3, True), (1, False), (4, False)):
            with app.store._lock:  # the database is slow: every press's write waits
                await pilot.press(*["s"] * presses)
                assert star_shown() is starred  # each press flips what is shown, at once
            await settle(pilot)
            assert starred_in_db() is starred, presses
            assert star_shown() is starred
            assert app.day_screen.entries.highlighted_entry.starred is starred  # type: ignore[union-attr]


async def test_the_notebook_picker_counts_one_note_as_one(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.notebooks.add("Work")
        journal.entries.add("one at work", notebook="Work")
        journal.entries.add("one at home")
        journal.entries.add("two at home")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "Work  (1 note)" in labels
        assert any(label.endswith("(2 notes)") for label in labels)
        assert not any("1 notes" in label for label in labels)


def test_the_keys_page_and_the_readme_say_the_same_about_ctrl_y() -> None:
    from journal.tui.screens.help import sections

    described = {keys: what for _title, rows in sections() for keys, what in rows}
    (readme_row,) = [line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("| ctrl+y |")]
    readme_says = readme_row.split("|")[3].strip()
    assert described["ctrl+y"].lower() in readme_says.lower()
    assert readme_says.lower().startswith(described["ctrl+y"].lower())
