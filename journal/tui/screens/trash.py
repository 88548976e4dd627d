"""The trash: deleted notes, newest deletion first; Enter (or r) restores the highlighted one."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, ListItem, ListView

from journal.errors import JournalError
from journal.records import Entry
from journal.text import visible_text
from journal.tui.widgets.note_text import note_content


class TrashLoaded(Message):
    def __init__(self, entries: list[Entry], error: str | None = None, restored: Entry | None = None) -> None:
        super().__init__()
        self.entries = entries
        self.error = error
        self.restored = restored


class TrashItem(ListItem):
    def __init__(self, entry: Entry) -> None:
        deleted = entry.deleted_at.astimezone().strftime("%Y-%m-%d %H:%M") if entry.deleted_at else ""
        head = Content.assemble(
            (f"#{entry.id} ", "bold"),
            f"{entry.day:%a %Y-%m-%d} · {visible_text(entry.notebook)}",
            (f" · deleted {deleted}", "$text-muted"),
        )
        super().__init__(
            Vertical(Label(head), Label(note_content(entry.body), classes="entry-body"), classes="trash-row")
        )
        self.entry = entry


class TrashScreen(ModalScreen[int]):
    """Dismisses with how many notes were restored."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close"),
        Binding("r", "restore", "Restore", tooltip="Bring the note back to its day"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")
        self.restored = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Label("Trash", classes="dialog-title")
            yield Label("Looking in the trash…", id="trash-status", classes="dialog-hint")
            yield ListView(id="trash-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="trash")
    def _load(self, restore: Entry | None = None) -> None:
        def run(j) -> tuple[Entry | None, list[Entry]]:  # type: ignore[no-untyped-def]
            restored = j.entries.restore(restore.id) if restore is not None else None
            return restored, j.entries.trash(newest_deleted_first=True)

        try:
            restored, entries = self.app.store.call(run)  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(TrashLoaded([], exc.message))
            return
        self.post_message(TrashLoaded(entries, restored=restored))

    @on(TrashLoaded)
    async def _loaded(self, message: TrashLoaded) -> None:
        status = self.query_one("#trash-status", Label)
        listing = self.query_one("#trash-list", ListView)
        if message.error:
            status.update(Content(message.error))
            return
        if message.restored is not None:
            self.restored += 1
            self.notify(f"Restored #{message.restored.id} to {message.restored.day:%a %Y-%m-%d}.", title="Restored")
        index = listing.index or 0
        await listing.clear()
        await listing.extend(TrashItem(entry) for entry in message.entries)
        count = len(message.entries)
        if count:
            status.update(f"{count} deleted note{'s' if count != 1 else ''} · Enter or r restores · Esc closes")
            listing.index = min(index, count - 1)
            listing.focus()
        else:
            status.update("The trash is empty.")

    def action_restore(self) -> None:
        item = self.query_one("#trash-list", ListView).highlighted_child
        if isinstance(item, TrashItem):
            self._load(item.entry)

    @on(ListView.Selected)
    def _selected(self, event: ListView.Selected) -> None:
        if isinstance(event.item, TrashItem):
            self._load(event.item.entry)

    def action_close(self) -> None:
        self.dismiss(self.restored)
