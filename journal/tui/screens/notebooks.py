"""Pick a notebook: the day view shows it and new notes go to it. The seed notebook is read-only."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from journal.records import NotebookInfo
from journal.text import plural, visible_text

ALL_NOTEBOOKS = "\x00all"


class NotebooksScreen(ModalScreen[str | None]):
    """Dismisses with a notebook name, ALL_NOTEBOOKS, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, notebooks: list[NotebookInfo], *, title: str = "Notebooks", include_all: bool = True) -> None:
        super().__init__(classes="dialog-screen")
        self.notebooks = notebooks
        self.title_text = title
        self.include_all = include_all

    def compose(self) -> ComposeResult:
        options = [Option("All notebooks", id=ALL_NOTEBOOKS)] if self.include_all else []
        for book in self.notebooks:
            count = plural(book.entry_count, "note")
            label = f"{visible_text(book.name)}  ({count}{', read-only' if book.read_only else ''})"
            options.append(Option(Content(label), id=book.name))
        with Vertical(classes="dialog"):
            yield Label(Content(visible_text(self.title_text)), classes="dialog-title")
            yield OptionList(*options, id="notebook-list")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
