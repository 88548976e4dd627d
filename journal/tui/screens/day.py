"""The start screen: one day's notes, and a capture line that saves a note with Enter.

It opens on today. Every database call runs in a worker; results come back as messages. Moving between
days, notebooks and the other screens lives in day_nav.py; the capture line's and the editor's text is kept
as a draft by journal.tui.drafts.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, ListView, Static

from journal.errors import JournalError
from journal.prompts import Prompt
from journal.records import Entry
from journal.text import visible_text
from journal.tui.drafts import DraftKeeper
from journal.tui.messages import (
    DataChanged,
    DayLoaded,
    EntryChanged,
    Notice,
    OnThisDayLoaded,
    StoreFailed,
    StoreOpened,
    StreakLoaded,
)
from journal.tui.screens.day_live import DayLive
from journal.tui.screens.day_nav import DayNavigation
from journal.tui.screens.day_restore import CAPTURE_SLOT, DayRestore
from journal.tui.screens.day_writing import EDITOR_SLOT, DayWriting
from journal.tui.widgets.capture import CaptureInput
from journal.tui.widgets.entry_list import (
    NOTE_ACTIONS,
    EntryItem,
    EntryList,
    PromptItem,
    PromptList,
    entry_content,
    refuse_read_only,
)

EDITOR_KEYS = "ctrl+o,shift+enter"


class DayScreen(DayWriting, DayRestore, DayNavigation, DayLive, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(EDITOR_KEYS, "open_editor", "Editor", tooltip="A multi-line editor for a longer note"),
        Binding("ctrl+g", "go_to_date", "Go to", tooltip="Go to a date: last friday, 2021-03-19, 어제"),
        Binding("ctrl+t", "calendar", "Calendar", tooltip="Month calendar; ● marks a day with notes"),
        Binding("ctrl+r", "prompts", "Prompts", show=False, tooltip="Today's reflection prompts; Enter answers"),
        Binding("ctrl+l", "digest", "Week", show=False, tooltip="The weekly digest: what I built, the numbers"),
        Binding(
            "ctrl+y",
            "on_this_day",
            "On this day",
            show=False,
            tooltip="On this day: notes from a week, a month and every year ago",  # as the README says
        ),
        Binding("ctrl+n", "stats", "Stats", show=False, tooltip="Streaks, consistency and the year's heatmap"),
        Binding("ctrl+z", "trash", "Trash", show=False, tooltip="Deleted notes; Enter restores one"),
        Binding("alt+left", "prev_day", "Previous day", show=False, tooltip="The day before"),
        Binding("alt+right", "next_day", "Next day", show=False, tooltip="The day after"),
        Binding("home", "today", "Today", show=False, tooltip="Back to today (from the notes)"),
        Binding("up", "focus_list", "Notes", show=False, tooltip="From the capture line: to the day's notes"),
        Binding("escape", "escape", "Back", show=False, tooltip="Back to the capture line; there, discard its text"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.day: date = self.app.store.clock.today()  # type: ignore[attr-defined]
        self.notebook: str | None = None  # None: the view shows every notebook
        self.read_only = False
        self._last_deleted: Entry | None = None
        self._pending_select: int | None = None
        self._streak: int | None = None
        self._answering: Prompt | None = None  # the prompt the capture line is answering
        self._opened = False
        self._looked_back = False
        self._has_notes = False  # the day shown has notes
        self._shown: tuple[date, str | None, list[Entry]] | None = None  # the day, notebook and notes on screen
        self._shown_prompts: list | None = None
        self._star_wanted: dict[int, bool] = {}  # a note's star as last asked for (journal.tui.screens.day_writing)
        self._live_reload = False  # the next DayLoaded is a change made elsewhere: keep the view
        self.on_this_day: list = []  # what the teaser under the header counts (journal.digest.OnThisDay)
        self.capture_keeper = DraftKeeper(self.app, CAPTURE_SLOT, day=lambda: self.day)  # type: ignore[arg-type]

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="day-header")
        yield Static("", id="on-this-day")
        yield PromptList(id="prompts")
        with Vertical(id="day-body"):
            yield EntryList(id="entries")
            yield Label("Opening your journal…", id="empty-day")
        yield Label("", id="answering")
        yield CaptureInput(id="capture", placeholder=self._placeholder())
        yield Footer(compact=True)

    def on_mount(self) -> None:
        capture = self.capture
        capture.focus()
        self.capture_keeper.attach(lambda: capture.value)
        self.render_header()
        self._open_store()

    def on_resize(self) -> None:
        self.render_header()

    @property
    def capture(self) -> CaptureInput:
        return self.query_one("#capture", CaptureInput)

    @property
    def entries(self) -> EntryList:
        return self.query_one("#entries", EntryList)

    @property
    def today(self) -> date:
        return self.app.store.clock.today()  # type: ignore[attr-defined]

    def _placeholder(self) -> str:
        if self.read_only:
            return "This notebook is read-only; ctrl+b switches notebooks"
        where = "today" if self.day == self.today else self.day.strftime("%a %Y-%m-%d")
        return f"A tiny note for {where} · Enter saves · ctrl+o: longer"

    def render_header(self) -> None:
        """One line: the day, the streak, the notebook; shorter forms when the terminal is narrow."""
        ahead = (self.day - self.today).days
        relative = {0: "today", -1: "yesterday", 1: "tomorrow"}.get(ahead, f"in {ahead} days" if ahead > 0 else "")
        if ahead > 0:
            relative += " (future: counts from that day)"  # #17: a future day's notes are plans
        streak = self._streak
        notebook = visible_text(self.notebook or "all")
        width = max(self.size.width - 2, 20)
        forms = []
        for weekday, streak_word, notebook_word in (("%A", " days", "notebook: "), ("%a", "", "")):
            parts = [self.day.strftime(f"{weekday} %Y-%m-%d") + (f" · {relative}" if relative else "")]
            if streak is not None:
                parts.append(f"streak {streak}{streak_word if streak != 1 else streak_word[:-1]}")
            parts.append(f"{notebook_word}{notebook}")
            forms.append("   ".join(parts) if notebook_word else " · ".join(parts))
        text = next((form for form in forms if cell_len(form) <= width), forms[-1])
        header = Content(text)
        if self.app.drafts_failing_now:  # type: ignore[attr-defined]
            header = Content.assemble(header, ("   ⚠ drafts not saved", "bold $error"))
        self.query_one("#day-header", Static).update(header)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The note keys (bound on the list as screen.*) are hidden for a read-only note and dimmed with no
        note; the list's own key handler still answers them, with one message."""
        if action in NOTE_ACTIONS:
            entry = self.entries.highlighted_entry
            if entry is None:
                return None
            if entry.read_only:
                return False
        # The editor is not offered in a read-only notebook; pressed anyway, on_key refuses.
        return not (action == "open_editor" and self.read_only)

    def on_key(self, event: events.Key) -> None:
        """The editor's keys in a read-only notebook (their binding is hidden there): one message."""
        if self.read_only and event.key in EDITOR_KEYS.split(","):
            event.stop()
            refuse_read_only(self, self.notebook or "")

    # -- loading ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="open")
    def _open_store(self) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        try:
            version = store.call(lambda j: j.data_version())
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))
            return
        try:
            drafts = store.call(lambda j: j.drafts.take_over())
        except JournalError as exc:  # e.g. another program holds the database: the day still opens
            drafts = []
            self.post_message(
                Notice(f"Could not look for unsaved text of closed windows ({exc.message}); the next start will.")
            )
        self.post_message(StoreOpened(drafts, version))

    @work(thread=True, exclusive=True, group="day")
    def _load_day(self, day: date, notebook: str | None) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        try:
            entries, prompts = store.call(
                lambda j: (j.entries.list(start=day, end=day, notebook=notebook), j.prompts.due(day))
            )
            show_notebook = len({e.notebook for e in entries}) > 1
            contents = [entry_content(e, show_notebook=show_notebook) for e in entries]
            self.post_message(DayLoaded(day, notebook, entries, contents, prompts))
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))

    @work(thread=True, exclusive=True, group="streak")
    def _refresh_streak(self) -> None:
        """The streak changes only when notes do: on open and after a write, not on every day shown."""
        try:
            self.post_message(StreakLoaded(self.app.store.call(lambda j: j.review.current_streak())))  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))

    @work(thread=True, exclusive=True, group="on-this-day")
    def _load_on_this_day(self, day: date) -> None:
        try:  # the teaser counts the notes (from the per-day counts); ctrl+y reads them
            found = self.app.store.call(lambda j: j.review.on_this_day(day, per_day=0))  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))
            return
        self.post_message(OnThisDayLoaded(day, found))

    def reload(self) -> None:
        self._load_day(self.day, self.notebook)

    @on(StoreOpened)
    def _store_opened(self, message: StoreOpened) -> None:
        self._opened = True
        self._restore_drafts(message.drafts)
        self.reload()
        self._refresh_streak()
        self.start_live(message.data_version)

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        self.data_changed(message.version)

    @on(DayLoaded)
    async def _show_day(self, message: DayLoaded) -> None:
        """The day's notes, its prompts, the header and the capture line's hint change together, in one
        frame: until the new day is loaded the old one stays on screen whole (no empty list between)."""
        live, self._live_reload = self._live_reload, False
        if message.day != self.day or message.notebook != self.notebook:
            return  # the user has moved on
        entries = self.entries
        shown = (message.day, message.notebook, message.entries)
        with self.app.batch_update():
            await self._show_prompts(message.prompts)
            if live and self._pending_select is None:
                if shown == self._shown:
                    return  # a change elsewhere that this day does not show
                highlighted = entries.highlighted_entry
                select = highlighted.id if highlighted is not None else None
                await entries.show(message.entries, message.contents, select_id=select, keep_scroll=True)
            else:
                newest = self.day == self.today
                await entries.show(message.entries, message.contents, select_id=self._pending_select, newest=newest)
            self._shown = shown
            self._pending_select = None
            self._has_notes = bool(message.entries)
            self.show_day_chrome()
        if not self._looked_back:  # after the first paint: the teaser is not needed for it
            self._looked_back = True
            self._load_on_this_day(self.today)

    def show_day_chrome(self) -> None:
        """What says which day is shown: the header, the capture line's hint, the teaser, the empty label."""
        today = self.day == self.today
        self.capture.placeholder = self._placeholder()
        self.query_one("#on-this-day").display = today and bool(self.on_this_day)
        self.query_one("#day-body").set_class(today, "today")
        self.render_header()
        self._update_empty_label()

    def _update_empty_label(self) -> None:
        empty = self.query_one("#empty-day", Label)
        has_notes = self._has_notes  # not the list's children: clearing it finishes later
        empty.display = not has_notes
        if has_notes or not self._opened:
            return
        if self.entries.has_focus:
            empty.update(Content("No notes on this day. [ and ] move a day; Esc goes back to writing."))
        elif self.day == self.today:
            empty.update(Content("No notes yet today. Write one below."))
        else:
            empty.update(Content("No notes on this day yet."))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._update_empty_label()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self._update_empty_label()

    async def _show_prompts(self, statuses: list) -> None:
        if statuses != self._shown_prompts:
            self._shown_prompts = statuses
            await self.query_one("#prompts", PromptList).show(statuses, self.app.config.language)  # type: ignore[attr-defined]

    @on(OnThisDayLoaded)
    def _show_on_this_day(self, message: OnThisDayLoaded) -> None:
        self.on_this_day = message.found
        teaser = self.query_one("#on-this-day", Static)
        shown = [f"{found.label} ({found.count})" for found in message.found]
        teaser.display = bool(shown) and self.day == self.today
        if shown:
            teaser.update(Content.assemble(("On this day: ", "bold"), " · ".join(shown), ("  ctrl+y", "$text-muted")))

    @on(ListView.Selected, "#prompts")
    def _start_answer(self, event: ListView.Selected) -> None:
        if isinstance(event.item, PromptItem):
            self.start_answer(event.item.status.prompt)

    def start_answer(self, prompt: Prompt) -> None:
        self._answering = prompt
        label = self.query_one("#answering", Label)
        text = visible_text(prompt.text(self.app.config.language))  # type: ignore[attr-defined]
        label.update(Content.assemble(("Answering: ", "bold"), text, ("  (Esc: a plain note instead)", "$text-muted")))
        label.display = True
        self.capture.focus()

    def _stop_answer(self) -> None:
        self._answering = None
        self.query_one("#answering", Label).display = False

    def action_prompts(self) -> None:
        prompts = self.query_one("#prompts", PromptList)
        if prompts.children:
            prompts.focus()
        else:
            self.notify("No prompts for this day.")

    @on(StreakLoaded)
    def _show_streak(self, message: StreakLoaded) -> None:
        self._streak = message.streak
        self.render_header()

    # -- capture ------------------------------------------------------------------------------

    @on(CaptureInput.Changed, "#capture")
    def _capture_changed(self) -> None:
        self.capture_keeper.changed()

    @on(CaptureInput.Submitted, "#capture")
    def _capture(self, event: CaptureInput.Submitted) -> None:
        text = event.value
        if not text.strip():
            return
        if self.read_only:
            refuse_read_only(self, self.notebook or "")
            return
        event.input.value = ""
        self.capture_keeper.hold(text)
        self.save_note(text, self.capture_keeper)

    @on(CaptureInput.MultiLinePaste)
    def _pasted_lines(self, message: CaptureInput.MultiLinePaste) -> None:
        original = self.capture.value
        self.capture.value = ""
        self.capture_keeper.changed()
        keeper = DraftKeeper(self.app, EDITOR_SLOT, day=lambda d=self.day: d, text=message.text)  # type: ignore[arg-type]
        self.open_editor(keeper, message.text, original=original)
        keeper.write_soon()  # pasted text exists nowhere else we know of: keep it at once

    # -- entry actions ------------------------------------------------------------------------

    @on(EntryChanged)
    def _changed(self, message: EntryChanged) -> None:
        entry = message.entry
        if message.verb == "deleted":
            self._last_deleted = entry
            self.notify(f"Moved #{entry.id} to the trash. Press u to undo.", title="Deleted")
        elif message.verb == "added" and entry.day != self.day:
            self.notify(f"Saved #{entry.id} on {entry.day.strftime('%a %Y-%m-%d')}.")
        elif message.verb in ("edited", "moved", "restored"):
            self.notify(f"{message.verb.capitalize()} #{entry.id}.")
        elif message.verb == "redated":
            self.notify(f"Moved #{entry.id} to {entry.day:%a %Y-%m-%d} (its history keeps the old day).")
        self._pending_select = entry.id if message.verb not in ("deleted", "redated") else None
        self.reload()
        self._refresh_streak()

    @on(StoreFailed)
    def _failed(self, message: StoreFailed) -> None:
        self.notify(
            message.message, title="Not saved" if message.text else "Problem", severity="error", timeout=8, markup=False
        )
        self.show_day_chrome()  # the day asked for, even though its notes could not be read
        if not self.entries.children:
            self.query_one("#empty-day", Label).update(Content(message.message))

    @on(ListView.Selected, "#entries")
    def _open_entry(self, event: ListView.Selected) -> None:
        if isinstance(event.item, EntryItem):
            self._view_entry(event.item.entry)
