"""Jump to a day by typing the CLI's date words: `last friday`, `2021-03-19`, `어제`."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from journal.dates import parse_day
from journal.errors import DateParseError
from journal.text import visible_text


class GoToDateScreen(ModalScreen[date | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, today: date) -> None:
        super().__init__(classes="dialog-screen")
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to date", classes="dialog-title")
            yield Input(placeholder="last friday · 2021-03-19 · 어제 · 3 days ago", id="when")
            yield Label("", id="goto-error", classes="error")

    @on(Input.Submitted)
    def _go(self, event: Input.Submitted) -> None:
        try:
            self.dismiss(parse_day(event.value, self.today))
        except DateParseError as exc:
            self.query_one("#goto-error", Label).update(Content(visible_text(exc.message)))
