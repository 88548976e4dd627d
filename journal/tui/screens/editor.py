"""A multi-line editor for longer notes and for edits. Autosaves a draft; Esc asks before discarding."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Footer, Label, TextArea

from journal.tui.screens.confirm import ConfirmScreen

DRAFT_DELAY = 0.6  # seconds of quiet before the draft is written


class EditorScreen(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self, title: str, text: str = "", *, draft_slot: str, day: date | None = None, entry_id: int | None = None
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.initial = text
        self.draft_slot = draft_slot
        self.day = day
        self.entry_id = entry_id
        self._draft_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield TextArea(self.initial, id="editor", soft_wrap=True, tab_behavior="indent")
            yield Label("ctrl+s saves · Esc cancels · drafts are kept as you type", classes="dialog-hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    @on(TextArea.Changed)
    def _schedule_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self._write_draft)

    def _write_draft(self) -> None:
        self._save_draft(self.text)

    @work(thread=True, group="editor-draft", exclusive=True)
    def _save_draft(self, text: str) -> None:
        self.app.store.call(  # type: ignore[attr-defined]
            lambda j: j.drafts.save(self.draft_slot, text, day=self.day, entry_id=self.entry_id)
        )

    def action_save(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        if not self.text.strip():
            self.notify("The note is empty; write something or press Esc.", severity="warning")
            return
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        if self.text.strip() == self.initial.strip():
            self._discard()
            return

        def decided(discard: bool | None) -> None:
            if discard:
                self._discard()

        self.app.push_screen(ConfirmScreen("Discard this unsaved text?"), decided)

    def _discard(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._delete_draft()
        self.dismiss(None)

    @work(thread=True, group="editor-draft", exclusive=True)
    def _delete_draft(self) -> None:
        self.app.store.call(lambda j: j.drafts.discard(self.draft_slot))  # type: ignore[attr-defined]
