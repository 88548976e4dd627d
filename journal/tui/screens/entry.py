"""One note in full: its text as Markdown, when and where it was written, its prompt and earlier versions."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from journal.records import Entry, Revision
from journal.text import visible_text
from journal.tui.widgets.entry_list import refuse_read_only
from journal.tui.widgets.note_text import note_content


class EntryScreen(ModalScreen[str | None]):
    """Dismisses with "edit" when the user asks to edit, else None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Close"),
        Binding("e", "edit", "Edit", tooltip="Edit the note; the old text is kept"),
    ]

    def __init__(self, entry: Entry, revisions: list[Revision]) -> None:
        super().__init__(classes="dialog-screen")
        self.entry = entry
        self.revisions = revisions

    def compose(self) -> ComposeResult:
        entry = self.entry
        from journal.zones import differs_from_local, label

        written = entry.moment.strftime("%Y-%m-%d %H:%M")  # where it was written; marked if not the time here
        written += f" {label(entry.moment)}" if differs_from_local(entry.moment) else ""
        details = [f"#{entry.id} · {entry.day:%a %Y-%m-%d} · written {written} · {visible_text(entry.notebook)}"]
        if entry.read_only:
            details.append("read-only")
        if entry.starred:
            details.append("★")
        with VerticalScroll(classes="dialog entry-dialog"):
            yield Label(Content(" · ".join(details)), classes="dialog-title")
            if entry.prompt:
                yield Label(Content(f"↳ {visible_text(entry.prompt[1] or entry.prompt[2])}"), classes="dialog-hint")
            yield Static(note_content(entry.body, show_urls=True), id="entry-text")
            earlier = [r for r in self.revisions if r.replaced_at is not None]
            if earlier:
                yield Label(f"Earlier versions ({len(earlier)})", classes="dialog-title revisions-title")
                for revision in reversed(earlier):
                    when = revision.written_at.astimezone().strftime("%Y-%m-%d %H:%M")
                    yield Static(Content(f"[{when}]\n{visible_text(revision.body)}"), classes="revision")
        yield Footer(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "edit" and self.entry.read_only)  # hidden; the key still says why not

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key == "e" and self.entry.read_only:
            event.stop()
            refuse_read_only(self, self.entry.notebook)

    def action_edit(self) -> None:
        if self.entry.read_only:
            refuse_read_only(self, self.entry.notebook)
            return
        self.dismiss("edit")
