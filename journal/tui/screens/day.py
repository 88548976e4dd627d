"""The start screen: one day's notes, and a capture input that saves a note with Enter.

It opens on today. Every database call runs in a worker; results come back as messages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Label, ListView, Static

from journal.dates import When
from journal.errors import JournalError
from journal.prompts import Prompt
from journal.records import Entry
from journal.services import Journal
from journal.tui.messages import DayLoaded, EntryChanged, PromptsLoaded, StoreFailed, StoreOpened, StreakLoaded
from journal.tui.widgets.entry_list import EntryItem, EntryList, PromptItem, PromptList

CAPTURE_SLOT = "capture"
DRAFT_DELAY = 0.6  # seconds of quiet typing before the draft is written


class DayScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o,shift+enter", "open_editor", "Editor"),
        Binding("ctrl+g", "go_to_date", "Go to"),
        Binding("ctrl+t", "calendar", "Calendar"),
        Binding("ctrl+r", "prompts", "Prompts"),
        Binding("ctrl+l", "digest", "Week"),
        Binding("alt+left", "prev_day", "Day ±", key_display="alt+← →", show=False),
        Binding("alt+right", "next_day", "Next day", show=False),
        Binding("home", "today", "Today", show=False),
        Binding("escape", "escape", "Back to input", show=False),
        Binding("up", "focus_list", "Notes", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.day: date = self.app.store.clock.today()  # type: ignore[attr-defined]
        self.notebook: str | None = None  # None: the view shows every notebook
        self.read_only = False
        self._draft_timer: Timer | None = None
        self._last_deleted: Entry | None = None
        self._pending_select: int | None = None
        self._streak: int | None = None
        self._answering: Prompt | None = None  # the prompt the capture input is answering

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="day-header")
        yield PromptList(id="prompts")
        with Vertical(id="day-body"):
            yield EntryList(id="entries")
            yield Label("Opening your journal…", id="empty-day")
        yield Label("", id="answering")
        yield Input(id="capture", placeholder=self._placeholder())
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#capture", Input).focus()
        self._render_header(streak=None)
        self._open_store()

    @property
    def today(self) -> date:
        return self.app.store.clock.today()  # type: ignore[attr-defined]

    def _placeholder(self) -> str:
        if self.read_only:
            return "This notebook is read-only; ctrl+b switches notebooks"
        where = "today" if self.day == self.today else self.day.strftime("%a %Y-%m-%d")
        return f"Write a tiny note for {where} · Enter saves · ctrl+o for a longer one"

    def _render_header(self, streak: int | None) -> None:
        ahead = (self.day - self.today).days
        relative = {0: "today", -1: "yesterday", 1: "tomorrow"}.get(ahead, f"in {ahead} days" if ahead > 0 else "")
        if ahead > 0:
            relative += " (future: notes count from that day)"
        parts = [self.day.strftime("%A %Y-%m-%d") + (f" · {relative}" if relative else "")]
        if streak is not None:
            parts.append(f"streak {streak} day{'s' if streak != 1 else ''}")
        parts.append(f"notebook: {self.notebook or 'all'}")
        self.query_one("#day-header", Static).update("   ".join(parts))

    # -- loading ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="open")
    def _open_store(self) -> None:
        try:
            drafts = self.app.store.call(lambda j: j.drafts.all())  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))
            return
        self.post_message(StoreOpened(drafts))
        self._load_day(self.day, self.notebook)
        self._refresh_streak()

    @work(thread=True, exclusive=True, group="day")
    def _load_day(self, day: date, notebook: str | None) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        try:
            entries = store.call(lambda j: j.entries.list(start=day, end=day, notebook=notebook))
            self.post_message(DayLoaded(day, notebook, entries))
            self.post_message(PromptsLoaded(day, store.call(lambda j: j.prompts.due(day))))
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))

    @work(thread=True, exclusive=True, group="streak")
    def _refresh_streak(self) -> None:
        """The streak changes only when notes do: on open and after a write, not on every day shown."""
        try:
            self.post_message(StreakLoaded(self.app.store.call(lambda j: j.review.current_streak())))  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))

    def reload(self) -> None:
        self._load_day(self.day, self.notebook)

    @on(StoreOpened)
    def _restore_drafts(self, message: StoreOpened) -> None:
        for draft in message.drafts:
            if draft.slot == CAPTURE_SLOT:
                capture = self.query_one("#capture", Input)
                if not capture.value:
                    capture.value = draft.body
                    capture.cursor_position = len(draft.body)
                    when = draft.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
                    self.notify(f"Restored your unsaved note from {when}.", title="Draft restored")
            else:
                self._open_editor_for_draft(draft.slot, draft.body, draft.day, draft.entry_id)

    @on(DayLoaded)
    def _show_day(self, message: DayLoaded) -> None:
        if message.day != self.day or message.notebook != self.notebook:
            return  # the user has moved on
        entries = self.query_one("#entries", EntryList)
        entries.show(message.entries, select_id=self._pending_select)
        self._pending_select = None
        empty = self.query_one("#empty-day", Label)
        empty.display = not message.entries
        if not message.entries:
            empty.update(
                "No notes on this day yet." if self.day != self.today else "No notes yet today. Write one below."
            )

    @on(PromptsLoaded)
    def _show_prompts(self, message: PromptsLoaded) -> None:
        if message.day == self.day:
            self.query_one("#prompts", PromptList).show(message.statuses, self.app.config.language)  # type: ignore[attr-defined]

    @on(ListView.Selected, "#prompts")
    def _start_answer(self, event: ListView.Selected) -> None:
        if isinstance(event.item, PromptItem):
            self.start_answer(event.item.status.prompt)

    def start_answer(self, prompt: Prompt) -> None:
        self._answering = prompt
        label = self.query_one("#answering", Label)
        label.update(f"Answering: {prompt.text(self.app.config.language)}  (Esc: write a plain note instead)")  # type: ignore[attr-defined]
        label.display = True
        self.query_one("#capture", Input).focus()

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
        self._render_header(message.streak)

    # -- capture ------------------------------------------------------------------------------

    @on(Input.Changed, "#capture")
    def _schedule_draft(self, event: Input.Changed) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        text = event.value
        self._draft_timer = self.set_timer(DRAFT_DELAY, lambda: self._save_draft(text, self.day))

    @work(thread=True, exclusive=True, group="draft")
    def _save_draft(self, text: str, day: date) -> None:
        try:
            self.app.store.call(lambda j: j.drafts.save(CAPTURE_SLOT, text, day=day))  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(f"The draft could not be saved: {exc.message}"))

    @on(Input.Submitted, "#capture")
    def _capture(self, event: Input.Submitted) -> None:
        text = event.value
        if not text.strip():
            return
        if self.read_only:
            self.notify("This notebook is read-only; ctrl+b switches notebooks.", severity="warning")
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        event.input.value = ""
        self.save_note(text, draft_slot=CAPTURE_SLOT)

    def save_note(self, text: str, *, draft_slot: str) -> None:
        when = None if self.day == self.today else When(self.day)
        notebook = self.notebook
        prompt = self._answering
        self._stop_answer()

        def add(j: Journal) -> Entry:
            if prompt is not None:
                entry = j.prompts.answer(prompt.id, text, when=when or When(self.day), notebook=notebook)
            else:
                entry = j.entries.add(text, when=when, notebook=notebook)
            j.drafts.discard(draft_slot)
            return entry

        self._run(add, "answered" if prompt else "added", text=text)

    # -- entry actions ------------------------------------------------------------------------

    @work(thread=True, group="write")
    def _run(self, operation: Callable[[Journal], Entry], verb: str, text: str | None = None) -> None:
        try:
            entry = self.app.store.call(operation)  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message, text))
            return
        self.post_message(EntryChanged(entry, verb))

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
        self._pending_select = entry.id if message.verb != "deleted" else None
        self.reload()
        self._refresh_streak()

    @on(StoreFailed)
    def _failed(self, message: StoreFailed) -> None:
        self.notify(message.message, title="Not saved" if message.text else "Problem", severity="error", timeout=8)
        capture = self.query_one("#capture", Input)
        if message.text and not capture.value:
            capture.value = message.text  # give the typed text back; the draft still holds it too
        if not self.query_one("#entries", EntryList).children:
            self.query_one("#empty-day", Label).update(message.message)

    def _selected(self) -> Entry | None:
        entry = self.query_one("#entries", EntryList).highlighted_entry
        if entry is None:
            self.notify("Select a note first (↑ from the input).", severity="warning")
        return entry

    @on(ListView.Selected, "#entries")
    def _open_entry(self, event: ListView.Selected) -> None:
        if isinstance(event.item, EntryItem):
            self._view_entry(event.item.entry)

    @work(thread=True, group="view")
    def _view_entry(self, entry: Entry) -> None:
        from journal.tui.screens.entry import EntryScreen

        try:
            revisions = self.app.store.call(lambda j: j.entries.history(entry.id))  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))
            return

        def closed(result: str | None) -> None:
            if result == "edit":
                self._open_editor_for_draft(f"edit:{entry.id}", entry.body, entry.day, entry.id)

        self.app.call_from_thread(self.app.push_screen, EntryScreen(entry, revisions), closed)

    def action_edit_entry(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        if entry.read_only:
            self.notify(f"{entry.notebook} is read-only.", severity="warning")
            return
        self._open_editor_for_draft(f"edit:{entry.id}", entry.body, entry.day, entry.id)

    def action_toggle_star(self) -> None:
        if entry := self._selected():
            self._run(lambda j: j.entries.star(entry.id, not entry.starred), "starred")

    def action_delete_entry(self) -> None:
        if entry := self._selected():
            self._run(lambda j: j.entries.delete(entry.id), "deleted")

    def action_undo_delete(self) -> None:
        entry = self._last_deleted
        if entry is None:
            self.notify("Nothing to undo.")
            return
        self._last_deleted = None
        self._run(lambda j: j.entries.restore(entry.id), "restored")

    def action_move_entry(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        self._pick_notebook(
            lambda name: self._run(lambda j: j.entries.move(entry.id, name), "moved"),
            title=f"Move #{entry.id} to…",
            include_all=False,
        )

    # -- editor -------------------------------------------------------------------------------

    def action_open_editor(self) -> None:
        capture = self.query_one("#capture", Input)
        text, capture.value = capture.value, ""
        self._open_editor_for_draft("editor", text, self.day, None)

    def _open_editor_for_draft(self, slot: str, text: str, day: date | None, entry_id: int | None) -> None:
        from journal.tui.screens.editor import EditorScreen

        title = f"Editing #{entry_id}" if entry_id else f"New note for {(day or self.day).strftime('%a %Y-%m-%d')}"

        def done(result: str | None) -> None:
            self.query_one("#capture", Input).focus()
            if result is None:
                return
            if entry_id is None:
                self.save_note(result, draft_slot=slot)
            else:

                def edit(j: Journal) -> Entry:
                    j.entries.edit(entry_id, result)
                    j.drafts.discard(slot)
                    return j.entries.get(entry_id)

                self._run(edit, "edited", text=None)

        self.app.push_screen(EditorScreen(title, text, draft_slot=slot, day=day, entry_id=entry_id), done)

    # -- navigation ---------------------------------------------------------------------------

    def show_day(self, day: date, *, select_id: int | None = None) -> None:
        self.day = day
        self._pending_select = select_id
        capture = self.query_one("#capture", Input)
        capture.placeholder = self._placeholder()
        if select_id is None and not self.read_only:
            capture.focus()
        self._render_header(self._streak)
        self.reload()

    def action_prev_day(self) -> None:
        self.show_day(self.day - timedelta(days=1))

    def action_next_day(self) -> None:
        self.show_day(self.day + timedelta(days=1))

    def action_today(self) -> None:
        self.show_day(self.today)

    def action_go_to_date(self) -> None:
        from journal.tui.screens.goto import GoToDateScreen

        def chosen(day: date | None) -> None:
            if day is not None:
                self.show_day(day)

        self.app.push_screen(GoToDateScreen(self.today), chosen)

    def action_calendar(self) -> None:
        from journal.tui.screens.calendar import CalendarScreen

        def chosen(day: date | None) -> None:
            if day is not None:
                self.show_day(day)

        week_start = self.app.week_start  # type: ignore[attr-defined]
        self.app.push_screen(CalendarScreen(self.day, self.today, self.notebook, week_start), chosen)

    def type_into_capture(self, character: str) -> None:
        """A letter typed while the list has focus starts a note instead of getting lost."""
        capture = self.query_one("#capture", Input)
        if capture.disabled:
            return
        capture.focus()
        capture.insert_text_at_cursor(character)

    def action_digest(self) -> None:
        from journal.tui.screens.digest import DigestScreen

        self.app.push_screen(DigestScreen(self.day, self.app.week_start))  # type: ignore[attr-defined]

    def action_focus_list(self) -> None:
        entries = self.query_one("#entries", EntryList)
        if entries.children:
            entries.focus()

    def action_escape(self) -> None:
        capture = self.query_one("#capture", Input)
        if not capture.has_focus:
            capture.focus()
            return
        if not capture.value.strip():
            self._stop_answer()
            return
        from journal.tui.screens.confirm import ConfirmScreen

        def decided(discard: bool | None) -> None:
            if discard:
                capture.value = ""
                if self._draft_timer is not None:
                    self._draft_timer.stop()
                self._save_draft("", self.day)

        self.app.push_screen(ConfirmScreen("Discard this unsaved note?"), decided)

    # -- notebooks ----------------------------------------------------------------------------

    def set_notebook(self, name: str | None, read_only: bool, day: date | None = None) -> None:
        self.notebook = name
        self.read_only = read_only
        if day is not None:
            self.day = day
        capture = self.query_one("#capture", Input)
        capture.disabled = read_only
        capture.placeholder = self._placeholder()
        if not read_only:
            capture.focus()
        self._render_header(self._streak)
        self.reload()
        if read_only:
            self.call_after_refresh(self.action_focus_list)

    def _pick_notebook(self, chosen: Callable[[str], object], *, title: str, include_all: bool) -> None:
        self._list_notebooks(title, include_all, chosen)

    @work(thread=True, group="notebooks")
    def _list_notebooks(self, title: str, include_all: bool, chosen: Callable[[str], object]) -> None:
        from journal.tui.screens.notebooks import NotebooksScreen

        books = self.app.store.call(lambda j: j.notebooks.all())  # type: ignore[attr-defined]
        if not include_all:
            books = [b for b in books if not b.read_only]

        def done(name: str | None) -> None:
            if name is not None:
                chosen(name)

        self.app.call_from_thread(
            self.app.push_screen, NotebooksScreen(books, title=title, include_all=include_all), done
        )

    def action_notebooks(self) -> None:
        from journal.tui.screens.notebooks import ALL_NOTEBOOKS

        def chosen(name: str) -> None:
            if name == ALL_NOTEBOOKS:
                self.set_notebook(None, read_only=False)
            else:
                self._switch_to(name)

        self._pick_notebook(chosen, title="Notebooks", include_all=True)

    @work(thread=True, group="notebooks")
    def _switch_to(self, name: str) -> None:
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
