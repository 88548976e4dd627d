"""The start screen: one day's notes, and a capture line that saves a note with Enter.

It opens on today. Every database call runs in a worker; results come back as messages. Moving between
days, notebooks and the other screens lives in day_nav.py; the capture line's and the editor's text is kept
as a draft by journal.tui.drafts.
"""

from __future__ import annotations

from collections.abc import Callable
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

from journal.dates import When
from journal.errors import JournalError
from journal.prompts import Prompt
from journal.records import Draft, Entry
from journal.services import Journal
from journal.text import visible_text
from journal.tui.drafts import DraftKeeper
from journal.tui.messages import (
    DayLoaded,
    EntryChanged,
    OnThisDayLoaded,
    PromptsLoaded,
    StoreFailed,
    StoreOpened,
    StreakLoaded,
)
from journal.tui.screens.day_nav import DayNavigation
from journal.tui.screens.editor import EditorResult
from journal.tui.widgets.capture import CaptureInput
from journal.tui.widgets.entry_list import (
    EntryItem,
    EntryList,
    PromptItem,
    PromptList,
    entry_content,
    refuse_read_only,
)

CAPTURE_SLOT = "capture"
EDITOR_SLOT = "editor"


def edit_slot(entry_id: int) -> str:
    return f"edit:{entry_id}"


class DayScreen(DayNavigation, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o,shift+enter", "open_editor", "Editor", tooltip="A multi-line editor for a longer note"),
        Binding("ctrl+g", "go_to_date", "Go to", tooltip="Go to a date: last friday, 2021-03-19, 어제"),
        Binding("ctrl+t", "calendar", "Calendar", tooltip="Month calendar; ● marks a day with notes"),
        Binding("ctrl+r", "prompts", "Prompts", show=False, tooltip="Today's reflection prompts; Enter answers"),
        Binding("ctrl+l", "digest", "Week", show=False, tooltip="The weekly digest: what I built, the numbers"),
        Binding("ctrl+y", "on_this_day", "On this day", show=False, tooltip="Notes from this day in past years"),
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
        relative = {0: "today", -1: "yesterday", 1: "tomorrow"}.get((self.day - self.today).days, "")
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

    # -- loading ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="open")
    def _open_store(self) -> None:
        try:
            drafts = self.app.store.call(lambda j: j.drafts())  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))
            return
        self.post_message(StoreOpened(drafts))

    @work(thread=True, exclusive=True, group="day")
    def _load_day(self, day: date, notebook: str | None) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        try:
            entries = store.call(lambda j: j.list(start=day, end=day, notebook=notebook))
            show_notebook = len({e.notebook for e in entries}) > 1
            contents = [entry_content(e, show_notebook=show_notebook) for e in entries]
            self.post_message(DayLoaded(day, notebook, entries, contents))
            self.post_message(PromptsLoaded(day, store.call(lambda j: j.prompts_on(day))))
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))

    @work(thread=True, exclusive=True, group="streak")
    def _refresh_streak(self) -> None:
        """The streak changes only when notes do: on open and after a write, not on every day shown."""
        try:
            self.post_message(StreakLoaded(self.app.store.call(lambda j: j.current_streak())))  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))

    @work(thread=True, exclusive=True, group="on-this-day")
    def _load_on_this_day(self, day: date) -> None:
        from journal.tui.screens.on_this_day import find_on_this_day

        try:
            found = self.app.store.call(lambda j: find_on_this_day(j, day))  # type: ignore[attr-defined]
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
        self._load_on_this_day(self.today)

    def _restore_drafts(self, drafts: list[Draft]) -> None:
        restored = []
        for draft in drafts:
            when = draft.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
            if draft.slot == CAPTURE_SLOT:
                if self.capture.value:
                    continue  # typed already: keep what is on screen
                if draft.day is not None and draft.day != self.day and not self.read_only:
                    self.day = draft.day  # the note was meant for that day
                    self.capture.placeholder = self._placeholder()
                    self.render_header()
                self.capture_keeper.restored(draft.body)
                self.capture.value = draft.body
                self.capture.cursor_position = len(draft.body)
                restored.append(f"the capture line (for {self.day:%a %Y-%m-%d}, from {when})")
            elif draft.entry_id is not None:
                self._open_edit_draft(draft)
                restored.append(f"an edit of note #{draft.entry_id} (from {when})")
            else:
                keeper = DraftKeeper(
                    self.app,  # type: ignore[arg-type]
                    draft.slot,
                    day=lambda d=draft.day: d,
                    text=draft.body,
                    saved=draft.body,
                )
                self.open_editor(keeper, draft.body)
                day = draft.day or self.day
                restored.append(f"a longer note for {day:%a %Y-%m-%d} (from {when}), in the editor")
        if restored:
            self.notify("Restored your unsaved text: " + "; ".join(restored) + ".", title="Draft restored", timeout=10)

    @work(thread=True, group="view")
    def _open_edit_draft(self, draft: Draft) -> None:
        """An edit that was never saved: the editor again, over the note as it is now."""
        assert draft.entry_id is not None
        entry_id = draft.entry_id
        try:
            entry: Entry | None = self.app.store.call(lambda j: j.get(entry_id))  # type: ignore[attr-defined]
        except JournalError:
            entry = None  # gone (deleted, or in the trash): the text opens as a new note

        def open_it() -> None:
            keeper = DraftKeeper(
                self.app,  # type: ignore[arg-type]
                draft.slot,
                day=lambda: draft.day,
                entry_id=entry.id if entry else None,
                text=draft.body,
                saved=draft.body,
                unchanged=entry.body if entry else None,
            )
            self.open_editor(keeper, draft.body, original=entry.body if entry else "")
            if entry is None:
                self.notify(f"Note #{entry_id} is gone; your edit of it opens as a new note.", severity="warning")

        self.app.call_from_thread(open_it)

    @on(DayLoaded)
    def _show_day(self, message: DayLoaded) -> None:
        if message.day != self.day or message.notebook != self.notebook:
            return  # the user has moved on
        entries = self.entries
        entries.show(message.entries, message.contents, select_id=self._pending_select, newest=self.day == self.today)
        self.query_one("#day-body").set_class(self.day == self.today, "today")
        self._pending_select = None
        self._update_empty_label()

    def _update_empty_label(self) -> None:
        empty = self.query_one("#empty-day", Label)
        has_notes = bool(self.entries.children)
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

    @on(PromptsLoaded)
    def _show_prompts(self, message: PromptsLoaded) -> None:
        if message.day == self.day:
            self.query_one("#prompts", PromptList).show(message.statuses, self.app.config.language)  # type: ignore[attr-defined]

    @on(OnThisDayLoaded)
    def _show_on_this_day(self, message: OnThisDayLoaded) -> None:
        self.on_this_day = message.found
        teaser = self.query_one("#on-this-day", Static)
        shown = [f"{found.label} ({len(found.entries)})" for found in message.found]
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

    def save_note(self, text: str, keeper: DraftKeeper, day: date | None = None) -> None:
        day = day or self.day
        when = None if day == self.today else When(day)
        notebook = self.notebook
        prompt = self._answering
        self._stop_answer()

        def add(j: Journal) -> Entry:
            if prompt is not None:
                entry = j.answer(prompt.id, text, when=when or When(day), notebook=notebook)
            else:
                entry = j.add(text, when=when, notebook=notebook)
            keeper.committed(j)
            return entry

        self._run(add, "answered" if prompt else "added", text=text, keeper=keeper)

    # -- entry actions ------------------------------------------------------------------------

    @work(thread=True, group="write")
    def _run(
        self,
        operation: Callable[[Journal], Entry | None],
        verb: str,
        text: str | None = None,
        keeper: DraftKeeper | None = None,
    ) -> None:
        try:
            entry = self.app.store.call(operation)  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message, text, keeper.slot if keeper else None))
            if keeper is not None:
                self.app.call_from_thread(self._give_back, keeper, text or "")
            return
        if keeper is not None and keeper is not self.capture_keeper:
            self.app.call_from_thread(keeper.close)
        if entry is not None:
            self.post_message(EntryChanged(entry, verb))

    def _give_back(self, keeper: DraftKeeper, text: str) -> None:
        """Storing `text` failed: it goes back where it was typed (its draft still holds it)."""
        if keeper is not self.capture_keeper:  # the editor's text: the editor again
            keeper.release(text)
            self.open_editor(keeper, text, original=text if keeper.entry_id is None else "")
        elif not self.capture.value:
            self.capture.value = text
            self.capture.cursor_position = len(text)
            keeper.release()
        else:  # a new note is being typed already: the one that failed opens in the editor
            keeper.release()
            failed = DraftKeeper(self.app, EDITOR_SLOT, day=lambda d=self.day: d, text=text)  # type: ignore[arg-type]
            self.open_editor(failed, text, original=text)
            failed.write_soon()

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
        self.notify(
            message.message, title="Not saved" if message.text else "Problem", severity="error", timeout=8, markup=False
        )
        if not self.entries.children:
            self.query_one("#empty-day", Label).update(Content(message.message))

    def _selected(self, *, writable: bool = True) -> Entry | None:
        entry = self.entries.highlighted_entry
        if entry is None:
            self.notify("Select a note first (↑ from the capture line).", severity="warning")
        elif writable and entry.read_only:
            refuse_read_only(self, entry.notebook)
            return None
        return entry

    @on(ListView.Selected, "#entries")
    def _open_entry(self, event: ListView.Selected) -> None:
        if isinstance(event.item, EntryItem):
            self._view_entry(event.item.entry)

    @work(thread=True, group="view")
    def _view_entry(self, entry: Entry) -> None:
        from journal.tui.screens.entry import EntryScreen

        try:
            revisions = self.app.store.call(lambda j: j.history(entry.id))  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))
            return

        def closed(result: str | None) -> None:
            if result == "edit":
                self._edit(entry)

        self.app.call_from_thread(self.app.push_screen, EntryScreen(entry, revisions), closed)

    def action_edit_entry(self) -> None:
        if entry := self._selected():
            self._edit(entry)

    def _edit(self, entry: Entry) -> None:
        keeper = DraftKeeper(
            self.app,  # type: ignore[arg-type]
            edit_slot(entry.id),
            day=lambda: entry.day,
            entry_id=entry.id,
            text=entry.body,
            unchanged=entry.body,
        )
        self.open_editor(keeper, entry.body, original=entry.body)

    def action_toggle_star(self) -> None:
        if entry := self._selected():
            self._run(lambda j: j.star(entry.id, not entry.starred), "starred")

    def action_delete_entry(self) -> None:
        if entry := self._selected():
            self._run(lambda j: j.delete(entry.id), "deleted")

    def action_undo_delete(self) -> None:
        entry = self._last_deleted
        if entry is None:
            self.notify("Nothing to undo.")
            return
        self._last_deleted = None
        self._run(lambda j: j.restore(entry.id), "restored")

    def action_move_entry(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        self.pick_notebook(
            lambda name: self._run(lambda j: j.move(entry.id, name), "moved"),
            title=f"Move #{entry.id} to…",
            include_all=False,
        )

    # -- editor -------------------------------------------------------------------------------

    def action_open_editor(self) -> None:
        if self.read_only:
            refuse_read_only(self, self.notebook or "")
            return
        capture = self.capture
        text, capture.value = capture.value, ""
        self.capture_keeper.changed()
        keeper = DraftKeeper(self.app, EDITOR_SLOT, day=lambda d=self.day: d, text=text)  # type: ignore[arg-type]
        self.open_editor(keeper, text, original=text)
        if text.strip():
            keeper.write_soon()

    def open_editor(self, keeper: DraftKeeper, text: str, *, original: str = "") -> None:
        from journal.tui.screens.editor import EditorScreen

        entry_id = keeper.entry_id
        day = keeper.day or self.day
        title = f"Editing #{entry_id}" if entry_id else f"New note for {day:%a %Y-%m-%d}"

        def done(result: EditorResult | None) -> None:
            if not self.capture.disabled:
                self.capture.focus()
            if result is None or result.text is None:
                if result is not None and result.give_back and not self.capture.value:
                    self.capture.value = result.give_back
                    self.capture.cursor_position = len(result.give_back)
                return
            text = result.text
            keeper.hold(text)
            if entry_id is None:
                self.save_note(text, keeper, day)
                return

            def edit(j: Journal) -> Entry | None:
                changed = j.edit(entry_id, text)
                keeper.committed(j)
                return changed  # None: the text is as it was, nothing to say

            self._run(edit, "edited", text=text, keeper=keeper)

        self.app.push_screen(EditorScreen(title, keeper, text, original=original), done)
