"""The Textual app: global keys, the command palette, and the factory used by the CLI and the tests."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from journal.clock import Clock
from journal.config import Config
from journal.records import Entry
from journal.tui.screens.day import DayScreen
from journal.tui.store import Store


class JournalApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "journal"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+f", "search", "Search"),
        Binding("ctrl+b", "notebooks", "Notebooks"),
        Binding("f1,question_mark", "help", "Help"),
    ]

    def __init__(self, store: Store, *, config: Config | None = None) -> None:
        super().__init__()
        self.store = store
        self.config = config or Config()
        self.week_start = self.config.week_start_index

    def get_default_screen(self) -> Screen:
        return DayScreen()

    @property
    def day_screen(self) -> DayScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, DayScreen)
        return screen

    def on_mount(self) -> None:
        self.store.on_notice = lambda text: self.call_from_thread(self.notify, text, title="Search index")

    def on_unmount(self) -> None:
        self.store.close()

    def action_search(self) -> None:
        from journal.tui.screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            return

        def opened(entry: Entry | None) -> None:
            if entry is None:
                return
            day_screen = self.day_screen
            if day_screen.notebook not in (None, entry.notebook):
                day_screen.notebook = None
            day_screen.show_day(entry.day, select_id=entry.id)
            day_screen.action_focus_list()

        self.push_screen(SearchScreen(), opened)

    def action_notebooks(self) -> None:
        if self.screen is self.day_screen:
            self.day_screen.action_notebooks()

    def action_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if screen is not self.day_screen:
            return
        day = self.day_screen
        yield SystemCommand("Long note", "Write a longer note in a multi-line editor (ctrl+o)", day.action_open_editor)
        yield SystemCommand("Today", "Show today's notes", day.action_today)
        yield SystemCommand("Previous day", "Show the day before ([)", day.action_prev_day)
        yield SystemCommand("Next day", "Show the day after (])", day.action_next_day)
        yield SystemCommand(
            "Go to date", "Jump to a day: last friday, 2021-03-19, 어제 (ctrl+g)", day.action_go_to_date
        )
        yield SystemCommand("Calendar", "See which days of the month have notes (ctrl+t)", day.action_calendar)
        yield SystemCommand("Search", "Search all notes as you type (ctrl+f)", self.action_search)
        yield SystemCommand(
            "Weekly digest", "What I built this week, day by day, the numbers (ctrl+l)", day.action_digest
        )
        yield SystemCommand("Answer a prompt", "Go to today's reflection prompts (ctrl+r)", day.action_prompts)
        yield SystemCommand("Notebooks", "Switch notebook (ctrl+b)", day.action_notebooks)
        yield SystemCommand("Edit note", "Edit the selected note; the old text is kept (e)", day.action_edit_entry)
        yield SystemCommand("Star note", "Star or unstar the selected note (s)", day.action_toggle_star)
        yield SystemCommand("Delete note", "Move the selected note to the trash (d)", day.action_delete_entry)
        yield SystemCommand("Undo delete", "Bring back the note you just deleted (u)", day.action_undo_delete)
        yield SystemCommand("Move note", "Move the selected note to another notebook (m)", day.action_move_entry)


def make_app(home: Path, *, clock: Clock | None = None) -> JournalApp:
    """The one factory for the CLI and the tests. Reads config here: it is tiny and must fail early."""
    from journal.config import ensure_home, load_config

    clock = clock or Clock()
    config = load_config(ensure_home(home))
    return JournalApp(Store(home, clock), config=config)
