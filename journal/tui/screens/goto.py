"""Jump to a day by typing the CLI's date words: `last friday`, `2021-03-19`, `어제`; and the same dialog
for moving a note to another day (a time of day may follow: `yesterday 21:30`)."""

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

from journal.dates import When, parse_day, parse_when
from journal.errors import DateParseError
from journal.text import visible_text


class GoToDateScreen(ModalScreen[date | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]
    TITLE_TEXT = "Go to date"
    PLACEHOLDER = "last friday · 2021-03-19 · 어제 · 3 days ago"

    def __init__(self, today: date, *, title: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.today = today
        self.title_text = title or self.TITLE_TEXT

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(visible_text(self.title_text)), classes="dialog-title")
            yield Input(placeholder=self.PLACEHOLDER, id="when")
            yield Label("", id="goto-error", classes="error")

    @on(Input.Submitted)
    def _go(self, event: Input.Submitted) -> None:
        try:
            self.dismiss(self.parse(event.value))
        except DateParseError as exc:
            self.query_one("#goto-error", Label).update(Content(visible_text(exc.message)))

    def parse(self, text: str) -> date | When:
        return parse_day(text, self.today)


class MoveToDayScreen(GoToDateScreen):
    """Dismisses with the day (and time, if typed) to move a note to, or None."""

    PLACEHOLDER = "yesterday · 어제 · last friday · 2021-03-19 21:30"

    def parse(self, text: str) -> When:
        return parse_when(text, self.today)
