"""On this day: the notes written on this date a week, a month and every year ago. Enter opens one in its day."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, ListItem, ListView

from journal.errors import JournalError
from journal.records import Entry
from journal.tui.messages import OnThisDayLoaded
from journal.tui.widgets.note_text import note_content

if TYPE_CHECKING:
    from journal.digest import OnThisDay
    from journal.services import Journal


def find_on_this_day(journal: Journal, day: date) -> list[OnThisDay]:
    """1 week and 1 month before `day`, then every year back while older notes exist (imported notes can be older
    than the journal). Only notes that count: not the read-only notebook, not saved digests. The days come from
    the per-day counts, so this reads only the notes shown (journal.review.on_this_day)."""
    return journal.review.on_this_day(day)


class OnThisDayItem(ListItem):
    def __init__(self, entry: Entry) -> None:
        super().__init__(Label(note_content(entry.body), classes="entry-body"))
        self.entry = entry


class OnThisDayScreen(ModalScreen[Entry | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Close"),
        Binding("enter", "open", "Open day", tooltip="Show the note in its day"),
    ]

    def __init__(self, day: date) -> None:
        super().__init__(classes="dialog-screen")
        self.day = day

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Label(f"On this day · {self.day:%a %Y-%m-%d}", classes="dialog-title")
            yield Label("Looking back…", id="on-this-day-status", classes="dialog-hint")
            yield ListView(id="on-this-day-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._load(self.day)

    @work(thread=True, exclusive=True, group="on-this-day")
    def _load(self, day: date) -> None:
        try:
            found = self.app.store.call(lambda j: find_on_this_day(j, day))  # type: ignore[attr-defined]
        except JournalError as exc:
            self.app.call_from_thread(self._show_error, exc.message)
            return
        self.post_message(OnThisDayLoaded(day, found))

    def _show_error(self, message: str) -> None:
        self.query_one("#on-this-day-status", Label).update(Content(message))

    @on(OnThisDayLoaded)
    async def _loaded(self, message: OnThisDayLoaded) -> None:
        listing = self.query_one("#on-this-day-list", ListView)
        status = self.query_one("#on-this-day-status", Label)
        if not message.found:
            status.update("Nothing from this day a week, a month or a year ago yet.")
            listing.display = False
            return
        status.update("Enter shows a note in its day · Esc closes")
        items: list[ListItem] = []
        for found in message.found:
            heading = Content.assemble((found.label, "bold $accent"), (f"  {found.day:%a %Y-%m-%d}", "$text-muted"))
            items.append(ListItem(Label(heading), classes="group-heading", disabled=True))
            items.extend(OnThisDayItem(entry) for entry in found.entries)
        await listing.extend(items)
        listing.index = 1
        listing.focus()

    def action_open(self) -> None:
        item = self.query_one("#on-this-day-list", ListView).highlighted_child
        if isinstance(item, OnThisDayItem):
            self.dismiss(item.entry)

    @on(ListView.Selected)
    def _selected(self, event: ListView.Selected) -> None:
        if isinstance(event.item, OnThisDayItem):
            self.dismiss(event.item.entry)
