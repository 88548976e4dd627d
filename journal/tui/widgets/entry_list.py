"""The list of a day's notes: time, star, notebook, and the body with #tags highlighted."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, ListItem, ListView

from journal.prompts import PromptStatus
from journal.records import Entry
from journal.text import tag_spans

TAG_STYLE = "bold $accent"


def highlight_tags(body: str) -> Content:
    content = Content(body)
    for start, end, _tag in tag_spans(body):
        content = content.stylize(TAG_STYLE, start, end)
    return content


def entry_content(entry: Entry, *, show_notebook: bool) -> Content:
    from journal.zones import differs_from_local, label

    head = Content.assemble(
        ("★ " if entry.starred else "", "$warning"),
        (f"[{entry.notebook}] " if show_notebook else "", "$text-muted"),
        (f"{label(entry.moment)} " if differs_from_local(entry.moment) else "", "$text-muted"),  # not local time
    )
    content = head + highlight_tags(entry.body)
    if entry.prompt:
        content += Content.styled(f"\n↳ {entry.prompt[1] or entry.prompt[2]}", "$text-muted italic")
    return content


class EntryItem(ListItem):
    """The time in its own column, so wrapped and multi-line bodies stay aligned."""

    def __init__(self, entry: Entry, *, show_notebook: bool) -> None:
        clock = entry.moment.strftime("%H:%M")  # as a clock where the note was written showed it
        super().__init__(
            Horizontal(
                Label(clock, classes="entry-time"),
                Label(entry_content(entry, show_notebook=show_notebook), classes="entry-body"),
                classes="entry-row",
            )
        )
        self.entry = entry
        if entry.read_only:
            self.add_class("read-only")


class EntryList(ListView):
    """A day's notes. The keys act on the highlighted note; the day screen carries out the actions."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "screen.edit_entry", "Edit"),
        Binding("s", "screen.toggle_star", "Star"),
        Binding("d,delete", "screen.delete_entry", "Delete"),
        Binding("u", "screen.undo_delete", "Undo delete"),
        Binding("m", "screen.move_entry", "Move"),
        Binding("[", "screen.prev_day", "Prev day"),
        Binding("]", "screen.next_day", "Next day"),
    ]

    def on_key(self, event: events.Key) -> None:
        bound = {key for binding in self.BINDINGS if isinstance(binding, Binding) for key in binding.key.split(",")}
        if event.is_printable and event.character and event.key not in bound and event.character not in bound:
            event.stop()
            event.prevent_default()
            self.screen.type_into_capture(event.character)  # type: ignore[attr-defined]

    def show(self, entries: list[Entry], *, select_id: int | None = None) -> None:
        show_notebook = len({e.notebook for e in entries}) > 1
        self.clear()
        items = [EntryItem(e, show_notebook=show_notebook) for e in entries]
        self.extend(items)
        if not items:
            return
        index = len(items) - 1
        if select_id is not None:
            index = next((i for i, e in enumerate(entries) if e.id == select_id), index)
        self.index = index

    @property
    def highlighted_entry(self) -> Entry | None:
        item = self.highlighted_child
        return item.entry if isinstance(item, EntryItem) else None


class PromptItem(ListItem):
    """A reflection prompt due on the shown day; selecting it starts an answer."""

    def __init__(self, status: PromptStatus, language: str) -> None:
        if status.answered:
            label = Content.assemble(("✓ ", "$success"), (status.prompt.text(language), "$text-muted"))
        else:
            label = Content.assemble(("? ", "bold $accent"), status.prompt.text(language))
        super().__init__(Label(label))
        self.status = status


class PromptList(ListView):
    """Today's prompts. Enter answers the highlighted one."""

    def show(self, statuses: list[PromptStatus], language: str) -> None:
        self.clear()
        self.extend(PromptItem(s, language) for s in statuses)
        self.display = bool(statuses)
        if statuses:
            self.index = next((i for i, s in enumerate(statuses) if s.due), 0)
