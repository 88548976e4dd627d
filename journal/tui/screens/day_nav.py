"""Moving around from the day screen: days, notebooks, a search result's day, and the screens that open
from it (calendar, go to date, digest, stats, on this day, trash).

Where the focus goes: a day change never moves it (so `[` pressed five times in the notes moves five days,
through empty days too); an explicit jump (go to date, calendar) puts the cursor in the capture line, ready
to write; opening a note (a search result) shows it highlighted in the list. The capture line is disabled
exactly when the notebook shown is read-only, whichever way the notebook changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from textual import work

from journal.errors import JournalError
from journal.records import Entry
from journal.tui.messages import StoreFailed
from journal.tui.widgets.entry_list import refuse_read_only

if TYPE_CHECKING:
    from journal.tui.screens.day import DayScreen

Focus = Literal["capture", "list"] | None


class DayNavigation:
    """Mixed into DayScreen (the attributes and widgets it uses are DayScreen's)."""

    def show_day(self: DayScreen, day: date, *, select_id: int | None = None, focus: Focus = None) -> None:
        self.day = day
        self._pending_select = select_id
        capture = self.capture
        if focus == "capture" and not capture.disabled:
            capture.focus()
        elif focus == "list":
            self.entries.focus()
        self.reload()  # the header and the rest change when the day's notes are there (DayScreen._show_day)
        self.capture_keeper.changed()  # the capture line's draft is for the day shown

    def set_notebook(
        self: DayScreen,
        name: str | None,
        read_only: bool,
        day: date | None = None,
        *,
        select_id: int | None = None,
        focus: Focus = None,
    ) -> None:
        self.notebook = name
        self.read_only = read_only
        self.refresh_bindings()  # the footer offers the editor only where notes can be written
        capture = self.capture
        capture.disabled = read_only
        if read_only:
            self._stop_answer()
        self.show_day(day or self.day, select_id=select_id, focus=focus or ("list" if read_only else "capture"))

    def open_entry(self: DayScreen, entry: Entry) -> None:
        """Show a note (a search result) highlighted in its day; a notebook filter that would hide it goes."""
        if self.notebook in (None, entry.notebook):
            self.set_notebook(self.notebook, self.read_only, entry.day, select_id=entry.id, focus="list")
        else:
            self.set_notebook(None, False, entry.day, select_id=entry.id, focus="list")

    def action_prev_day(self: DayScreen) -> None:
        self.show_day(self.day - timedelta(days=1))

    def action_next_day(self: DayScreen) -> None:
        self.show_day(self.day + timedelta(days=1))

    def action_today(self: DayScreen) -> None:
        self.show_day(self.today)

    def action_focus_list(self: DayScreen) -> None:
        """↑ from the capture line: to the notes, even on an empty day (where [ and ] still work)."""
        self.entries.focus()

    def type_into_capture(self: DayScreen, character: str) -> None:
        """A letter typed while the list has focus starts a note instead of getting lost."""
        capture = self.capture
        if capture.disabled:  # a read-only notebook: say so, rather than swallow the typing
            refuse_read_only(self, self.notebook or "")
            return
        capture.focus()
        capture.insert_text_at_cursor(character)

    def action_escape(self: DayScreen) -> None:
        capture = self.capture
        if not capture.has_focus:
            if not capture.disabled:
                capture.focus()
            return
        if not capture.value.strip():
            self._stop_answer()
            return
        from journal.tui.screens.confirm import ConfirmScreen

        def decided(discard: bool | None) -> None:
            if discard:
                capture.value = ""
                self.capture_keeper.discard()

        self.app.push_screen(ConfirmScreen("Throw away this unsaved note?", yes="Throw away"), decided)

    # -- other screens ------------------------------------------------------------------------

    def action_go_to_date(self: DayScreen) -> None:
        from journal.tui.screens.goto import GoToDateScreen

        def chosen(day: date | None) -> None:
            if day is not None:
                self.show_day(day, focus="capture")

        self.app.push_screen(GoToDateScreen(self.today), chosen)

    def action_calendar(self: DayScreen) -> None:
        from journal.tui.screens.calendar import CalendarScreen

        def chosen(day: date | None) -> None:
            if day is not None:
                self.show_day(day, focus="capture")

        week_start = self.app.week_start  # type: ignore[attr-defined]
        korean = self.app.config.language == "ko"  # type: ignore[attr-defined]
        self.app.push_screen(CalendarScreen(self.day, self.today, self.notebook, week_start, korean=korean), chosen)

    def action_digest(self: DayScreen) -> None:
        from journal.tui.screens.digest import DigestScreen

        self.app.push_screen(DigestScreen(self.day, self.app.week_start))  # type: ignore[attr-defined]

    def action_stats(self: DayScreen) -> None:
        from journal.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen(self.today))

    def action_on_this_day(self: DayScreen) -> None:
        from journal.tui.screens.on_this_day import OnThisDayScreen

        def chosen(entry: Entry | None) -> None:
            if entry is not None:
                self.open_entry(entry)

        self.app.push_screen(OnThisDayScreen(self.day), chosen)

    def action_trash(self: DayScreen) -> None:
        from journal.tui.screens.trash import TrashScreen

        def closed(restored: int | None) -> None:
            if restored:
                self.reload()
                self._refresh_streak()

        self.app.push_screen(TrashScreen(), closed)

    # -- notebooks ----------------------------------------------------------------------------

    def pick_notebook(self: DayScreen, chosen: Callable[[str], object], *, title: str, include_all: bool) -> None:
        self._list_notebooks(title, include_all, chosen)

    @work(thread=True, group="notebooks")
    def _list_notebooks(self: DayScreen, title: str, include_all: bool, chosen: Callable[[str], object]) -> None:
        from journal.tui.screens.notebooks import NotebooksScreen

        try:
            books = self.app.store.call(lambda j: j.notebooks.all())  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))
            return
        if not include_all:
            books = [b for b in books if not b.read_only]

        def done(name: str | None) -> None:
            if name is not None:
                chosen(name)

        self.app.call_from_thread(
            self.app.push_screen, NotebooksScreen(books, title=title, include_all=include_all), done
        )

    def action_notebooks(self: DayScreen) -> None:
        from journal.tui.screens.notebooks import ALL_NOTEBOOKS

        def chosen(name: str) -> None:
            if name == ALL_NOTEBOOKS:
                self.set_notebook(None, read_only=False)
            else:
                self._switch_to(name)

        self.pick_notebook(chosen, title="Notebooks", include_all=True)

    @work(thread=True, group="notebooks")
    def _switch_to(self: DayScreen, name: str) -> None:
        day = self.day
        try:
            book, counts, latest = self.app.store.call(  # type: ignore[attr-defined]
                lambda j: (j.notebooks.get(name), j.review.day_counts(day, day, name), j.review.latest_day(name, day))
            )
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))
            return
        # A notebook with nothing on the shown day opens on its latest day (the masterclass: 2021-03-19).
        target = latest if not counts and latest is not None else day
        self.app.call_from_thread(self.set_notebook, book.name, book.read_only, target)
