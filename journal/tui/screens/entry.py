"""One note in full: its text, when and where it was written, its tags, prompt and earlier versions."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from journal.records import Entry, Revision
from journal.tui.widgets.entry_list import highlight_tags


class EntryScreen(ModalScreen[str | None]):
    """Dismisses with "edit" when the user asks to edit, else None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Close"),
        Binding("e", "edit", "Edit"),
    ]

    def __init__(self, entry: Entry, revisions: list[Revision]) -> None:
        super().__init__(classes="dialog-screen")
        self.entry = entry
        self.revisions = revisions

    def compose(self) -> ComposeResult:
        entry = self.entry
        from journal.zones import full_time

        written = full_time(entry.moment, entry.zone)
        details = [f"#{entry.id} · {entry.day:%a %Y-%m-%d} · written {written} · {entry.notebook}"]
        if entry.read_only:
            details.append("read-only")
        if entry.starred:
            details.append("★")
        with VerticalScroll(classes="dialog entry-dialog"):
            yield Label(" · ".join(details), classes="dialog-title")
            if entry.prompt:
                yield Label(f"↳ {entry.prompt[1] or entry.prompt[2]}", classes="dialog-hint")
            yield Static(highlight_tags(entry.body), id="entry-text")
            earlier = [r for r in self.revisions if r.replaced_at is not None]
            if earlier:
                yield Label(f"Earlier versions ({len(earlier)})", classes="dialog-title revisions-title")
                for revision in reversed(earlier):
                    when = revision.written_at.astimezone().strftime("%Y-%m-%d %H:%M")
                    yield Static(f"[{when}]\n{revision.body}", classes="revision", markup=False)
        yield Footer(compact=True)

    def action_edit(self) -> None:
        if self.entry.read_only:
            self.notify(f"{self.entry.notebook} is read-only.", severity="warning")
            return
        self.dismiss("edit")
