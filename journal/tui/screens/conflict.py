"""An edit that would write over a newer version of the note (changed in another window or from the shell
since the edit began): both texts side by side, and the user chooses."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

from journal.records import Entry
from journal.text import visible_text

Choice = Literal["theirs", "mine", "both"]


class ConflictScreen(ModalScreen[Choice | None]):
    """Dismisses with "theirs" (keep the note as it is now, throw mine away), "mine" (overwrite it with
    mine: theirs stays in its history), "both" (mine as a new note beside it), or None: back to editing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "choose('theirs')", "Keep theirs", tooltip="Keep the note as it is now; yours is dropped"),
        Binding("o", "choose('mine')", "Overwrite", tooltip="Save yours over it; theirs stays in its history"),
        Binding("b", "choose('both')", "Keep both", tooltip="Save yours as a new note on the same day"),
        Binding("escape", "choose(None)", "Back to editing"),
    ]

    def __init__(self, current: Entry, mine: str) -> None:
        super().__init__(classes="dialog-screen")
        self.current = current
        self.mine = mine

    def compose(self) -> ComposeResult:
        saved = self.current.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        with Vertical(classes="dialog wide-dialog conflict-dialog"):
            yield Label(
                Content(f"Note #{self.current.id} was changed elsewhere (saved {saved}) while you were editing it"),
                classes="dialog-title",
            )
            with VerticalScroll(classes="conflict-texts"):
                yield Label(Content.styled("Now (theirs)", "bold $accent"))
                yield Static(Content(visible_text(self.current.body)), id="theirs", classes="conflict-text")
                yield Label(Content.styled("Yours", "bold $accent"))
                yield Static(Content(visible_text(self.mine)), id="mine", classes="conflict-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep theirs (t)", id="theirs-button")
                yield Button("Overwrite (o)", id="mine-button", variant="warning")
                yield Button("Keep both (b)", id="both-button", variant="primary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#both-button", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss({"theirs-button": "theirs", "mine-button": "mine", "both-button": "both"}[event.button.id or ""])  # type: ignore[arg-type]

    def action_choose(self, choice: Choice | None) -> None:
        self.dismiss(choice)
