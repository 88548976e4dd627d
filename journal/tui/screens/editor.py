"""A multi-line editor for longer notes and for edits. Its text is kept as a draft as you type; ctrl+s saves,
Esc closes (asking first when that would throw away text)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Footer, Label, TextArea

from journal.text import visible_text
from journal.tui.drafts import DraftKeeper
from journal.tui.screens.confirm import ConfirmScreen
from journal.tui.widgets.safe import visible_strip


@dataclass(frozen=True)
class EditorResult:
    text: str | None  # the text to save; None: closed without saving
    give_back: str | None = None  # a new note's untouched one-line text, back to the capture line


class NoteArea(TextArea):
    """The editor's text area: control characters in the text are shown, never sent to the terminal."""

    def render_line(self, y: int) -> Strip:
        return visible_strip(super().render_line(y))


class EditorScreen(ModalScreen[EditorResult]):
    # Priority: TextArea(tab_behavior="indent") takes Esc for itself (to move the focus) before a screen
    # binding would see it.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save the note"),
        Binding("escape", "cancel", "Close", priority=True, tooltip="Close; asks before throwing away changes"),
    ]

    def __init__(self, title: str, keeper: DraftKeeper, text: str = "", *, original: str = "") -> None:
        """`original`: what was there before (the note's text for an edit, the capture line's for a new
        note); closing with exactly that, or with nothing, needs no question."""
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.keeper = keeper
        self.initial = text
        self.original = original

    @property
    def editing(self) -> bool:
        return self.keeper.entry_id is not None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor-dialog"):
            yield Label(Content(visible_text(self.title_text)), classes="dialog-title")
            yield NoteArea(self.initial, id="editor", soft_wrap=True, tab_behavior="indent")
            yield Label(
                "ctrl+s saves · Esc closes (asks before throwing text away) · kept as a draft as you type",
                classes="dialog-hint",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        area = self.query_one(NoteArea)
        area.focus()
        area.move_cursor(area.document.end)
        self.keeper.attach(lambda: area.text)
        self.keeper.changed()

    def on_unmount(self) -> None:
        self.keeper.detach()  # closed by quitting: the app writes what was here

    @property
    def text(self) -> str:
        return self.query_one(NoteArea).text

    @on(TextArea.Changed)
    def _changed(self) -> None:
        self.keeper.changed()

    def action_save(self) -> None:
        if not self.text.strip():
            self.notify("The note is empty; write something, or Esc closes the editor.", severity="warning")
            return
        self.keeper.detach()
        self.dismiss(EditorResult(self.text))

    def action_cancel(self) -> None:
        text = self.text
        if not text.strip() or (self.editing and text == self.original):
            self._close()
            return
        if not self.editing and text == self.original and "\n" not in text:
            self._close(give_back=text)  # back where it came from, as it was
            return

        def decided(discard: bool | None) -> None:
            if discard:
                self._close()

        question = (
            f"Throw away your changes to note #{self.keeper.entry_id}?"
            if self.editing
            else ("Throw away this unsaved note?")
        )
        self.app.push_screen(ConfirmScreen(question, yes="Throw away", no="Keep editing"), decided)

    def _close(self, give_back: str | None = None) -> None:
        self.keeper.detach()
        self.keeper.discard()
        self.keeper.close()
        self.dismiss(EditorResult(None, give_back))
