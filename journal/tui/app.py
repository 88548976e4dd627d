"""The Textual app: global keys, the command palette, drafts on the way out, and the factory used by the CLI
and the tests."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from journal.clock import Clock
from journal.config import Config
from journal.records import Entry
from journal.tui.drafts import DraftKeeper, DraftTiming, DraftWritten
from journal.tui.messages import Notice
from journal.tui.screens.day import DayScreen
from journal.tui.screens.day_live import LIVE_EVERY
from journal.tui.store import Store

HANDLED_SIGNALS = (signal.SIGHUP, signal.SIGTERM)  # the terminal closing, a polite kill


class JournalApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "journal"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+f", "search", "Search", tooltip="Search all notes as you type; Enter opens a note in its day"),
        Binding("ctrl+b", "notebooks", "Notebook", tooltip="Switch notebook (the masterclass notebook is read-only)"),
        Binding("f1", "help", "Keys", tooltip="This page of keys"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, tooltip="Quit; unsaved text is kept as a draft"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        config: Config | None = None,
        draft_timing: DraftTiming | None = None,
        live_every: float = LIVE_EVERY,
    ) -> None:
        """`live_every`: seconds between looks for writes made elsewhere (screens/day_live.py)."""
        super().__init__()
        self.store = store
        self.live_every = live_every
        self.config = config or Config()
        self.week_start = self.config.week_start_index
        self.draft_timing = draft_timing or DraftTiming()
        self.draft_keepers: set[DraftKeeper] = set()
        self._failing_drafts: set[str] = set()
        self._signal_handlers: list[signal.Signals] = []

    def get_default_screen(self) -> Screen:
        return DayScreen()

    @property
    def day_screen(self) -> DayScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, DayScreen)
        return screen

    def on_mount(self) -> None:
        self.store.on_notice = lambda text: self.post_message(Notice(text, "Search index"))
        self._install_signal_handlers()

    def on_unmount(self) -> None:
        self._remove_signal_handlers()
        self.flush_drafts()
        for keeper in list(self.draft_keepers):
            keeper.detach()
        self.store.close()

    @on(Notice)
    def _notice(self, message: Notice) -> None:
        self.notify(message.text, title=message.title, markup=False)

    # -- drafts on the way out ----------------------------------------------------------------

    def flush_drafts(self) -> list[tuple[DraftKeeper, str]]:
        """Write every draft now, on this thread. Returns the drafts that could not be written, and why."""
        failures = []
        for keeper in list(self.draft_keepers):
            error = keeper.flush()
            if error is not None:
                failures.append((keeper, error))
        return failures

    async def action_quit(self) -> None:
        """ctrl+q and the palette's Quit: drafts are written first; if they cannot be, ask."""
        failures = self.flush_drafts()
        if not failures:
            self.exit()
            return
        from journal.tui.screens.confirm import ConfirmScreen

        def decided(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        _keeper, error = failures[0]
        question = f"Your unsaved text could not be kept as a draft ({error}). Quit anyway and lose it?"
        self.push_screen(ConfirmScreen(question, yes="Quit anyway", no="Stay"), decided)

    def _install_signal_handlers(self) -> None:
        """SIGHUP (the terminal window closed) and SIGTERM: write the drafts from the widgets' text, then
        exit cleanly. Not when headless (a test run: the signals are the test runner's), and only on the
        main thread's loop."""
        if self.is_headless:
            return
        try:
            loop = asyncio.get_running_loop()
            for signum in HANDLED_SIGNALS:
                loop.add_signal_handler(signum, self._terminated, signum)
                self._signal_handlers.append(signum)
        except (NotImplementedError, RuntimeError, ValueError):
            pass

    def _remove_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for signum in self._signal_handlers:
            loop.remove_signal_handler(signum)
        self._signal_handlers.clear()

    def _terminated(self, signum: int) -> None:
        self.flush_drafts()
        self.exit(return_code=128 + signum)

    @on(DraftWritten)
    def _draft_written(self, message: DraftWritten) -> None:
        message.keeper.written(message.error)

    def drafts_failing(self, keeper: DraftKeeper, error: str) -> None:
        first = not self._failing_drafts
        self._failing_drafts.add(keeper.slot)
        if first:
            self.notify(
                f"Drafts are not being saved: {error}. Your text stays on screen; trying again every "
                f"{self.draft_timing.retry:g} s and as you type.",
                title="Drafts not saved",
                severity="error",
                timeout=15,
                markup=False,
            )
            self._drafts_status_changed()

    def drafts_recovered(self, keeper: DraftKeeper) -> None:
        self._failing_drafts.discard(keeper.slot)
        if not self._failing_drafts:
            self.notify("Drafts are being saved again.", title="Drafts saved")
            self._drafts_status_changed()

    @property
    def drafts_failing_now(self) -> bool:
        return bool(self._failing_drafts)

    def _drafts_status_changed(self) -> None:
        if self.screen_stack and isinstance(self.screen_stack[0], DayScreen):
            self.day_screen.render_header()

    # -- global actions -----------------------------------------------------------------------

    def action_search(self) -> None:
        from journal.tui.screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            return

        def opened(entry: Entry | None) -> None:
            if entry is not None:
                self.day_screen.open_entry(entry)

        self.push_screen(SearchScreen(), opened)

    def action_notebooks(self) -> None:
        if self.screen is self.day_screen:
            self.day_screen.action_notebooks()

    def action_help(self) -> None:
        from journal.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from journal.tui.commands import day_commands

        for command in super().get_system_commands(screen):
            if command.title != "Keys":  # Textual's generic key panel: ours (f1) replaces it
                yield command
        yield SystemCommand("Keys", "This app's keys on one page (f1)", self.action_help)
        yield SystemCommand("Search", "Search all notes as you type (ctrl+f)", self.action_search)
        if screen is self.day_screen:
            yield from day_commands(self.day_screen)


def make_app(
    home: Path,
    *,
    clock: Clock | None = None,
    draft_timing: DraftTiming | None = None,
    busy_timeout_ms: int | None = None,
    live_every: float = LIVE_EVERY,
) -> JournalApp:
    """The one factory for the CLI and the tests. Reads config here: it is tiny and must fail early."""
    from journal.config import ensure_home, load_config

    clock = clock or Clock()
    config = load_config(ensure_home(home))
    store = Store(home, clock, busy_timeout_ms=busy_timeout_ms)
    return JournalApp(store, config=config, draft_timing=draft_timing, live_every=live_every)
