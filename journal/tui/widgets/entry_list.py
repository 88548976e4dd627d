"""The list of a day's notes: time, star, notebook, and the body as Markdown with #tags highlighted."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.dom import DOMNode
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Label, ListItem, ListView

from journal.prompts import PromptStatus
from journal.records import Entry
from journal.text import visible_text
from journal.tui.widgets.note_text import highlight_tags, note_content

__all__ = ["EntryItem", "EntryList", "PromptItem", "PromptList", "highlight_tags", "refuse_read_only"]

TIME_WIDTH = 6  # "HH:MM" and a space: the column the time stands in
NOTE_ACTIONS = ("edit_entry", "toggle_star", "delete_entry", "move_entry", "move_to_day")  # not on read-only notes
DAY_GROUP = Binding.Group("Day", compact=True)


def refuse_read_only(node: DOMNode, notebook: str) -> None:
    """The one answer to changing a read-only note, whichever key asked."""
    node.notify(
        f"{visible_text(notebook)} is read-only: its notes cannot be changed. ctrl+b switches notebooks.",
        title="Read-only",
        severity="warning",
        markup=False,
    )


def entry_content(entry: Entry, *, show_notebook: bool) -> Content:
    from journal.zones import differs_from_local, label

    head = Content.assemble(
        ("★ " if entry.starred else "", "$warning"),
        (f"[{visible_text(entry.notebook)}] " if show_notebook else "", "$text-muted"),
        (f"{label(entry.moment)} " if differs_from_local(entry.moment) else "", "$text-muted"),  # not local time
    )
    content = head + note_content(entry.body)
    if entry.prompt:
        content += Content.styled(f"\n↳ {visible_text(entry.prompt[1] or entry.prompt[2])}", "$text-muted italic")
    return content


class TimedNote(Visual):
    """The time in a column of its own beside the note, so wrapped and multi-line bodies stay aligned.

    One visual in one label rather than a row of two labels: a long day lays out several times faster."""

    def __init__(self, clock: str, body: Content, clock_style: Callable[[], Style]) -> None:
        self.clock = Content(clock)
        self.body = body
        self.clock_style = clock_style  # the widget's style for the time, as it is when drawn (highlighted or not)

    def __str__(self) -> str:
        return f"{self.clock.plain} {self.body.plain}"

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return TIME_WIDTH + self.body.get_optimal_width(rules, max(container_width - TIME_WIDTH, 1))

    def get_height(self, rules: RulesMap, width: int) -> int:
        return max(self.body.get_height(rules, max(width - TIME_WIDTH, 1)), 1)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if width <= TIME_WIDTH:  # no room beside the time: the body alone
            return self.body.render_strips(width, height, style, options)
        body = self.body.render_strips(width - TIME_WIDTH, height, style, options) or [Strip.blank(0)]
        clock_style = self.clock_style()
        clock = self.clock.render_strips(TIME_WIDTH, 1, clock_style, options)[0]
        clock = clock.extend_cell_length(TIME_WIDTH, clock_style.rich_style)
        gutter = Strip.blank(TIME_WIDTH, style.rich_style)
        return [Strip.join([clock if y == 0 else gutter, line]) for y, line in enumerate(body)]


class NoteLabel(Label):
    """A note's time and body (TimedNote); the time's look is the component class in app.tcss."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"note-label--time"}

    def show_note(self, clock: str, body: Content) -> None:
        self.update(TimedNote(clock, body, lambda: self.get_visual_style("note-label--time")))


class EntryItem(ListItem):
    """One note: a single label showing the time and the body (TimedNote)."""

    def __init__(self, entry: Entry, *, show_notebook: bool, content: Content | None = None) -> None:
        content = content or entry_content(entry, show_notebook=show_notebook)
        label = NoteLabel(classes="entry-body")
        label.show_note(_clock(entry), content)
        super().__init__(label)
        self.entry = entry
        self.show_notebook = show_notebook
        self.set_class(entry.read_only, "read-only")

    def show_entry(self, entry: Entry, *, show_notebook: bool, content: Content | None = None) -> None:
        """The row shows another note, or the same one changed; nothing is redrawn when nothing changed."""
        if entry == self.entry and show_notebook == self.show_notebook:
            return
        content = content or entry_content(entry, show_notebook=show_notebook)
        self.entry = entry
        self.show_notebook = show_notebook
        self.set_class(entry.read_only, "read-only")
        self.query_one(".entry-body", NoteLabel).show_note(_clock(entry), content)


def _clock(entry: Entry) -> str:
    return entry.moment.strftime("%H:%M")  # as a clock where the note was written showed it


class EntryList(ListView):
    """A day's notes. The keys act on the highlighted note; the day screen carries out the actions."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "screen.edit_entry", "Edit", tooltip="Edit the note; the old text is kept"),
        Binding("s", "screen.toggle_star", "Star", tooltip="Star or unstar the note"),
        Binding("d,delete", "screen.delete_entry", "Delete", tooltip="Move the note to the trash"),
        # Not in the footer (room for v): the delete's own message says "press u to undo".
        Binding("u", "screen.undo_delete", "Undo", show=False, tooltip="Bring back the note you just deleted"),
        Binding("m", "screen.move_entry", "Move", tooltip="Move the note to another notebook"),
        Binding("v", "screen.move_to_day", "Date", tooltip="Move the note to another day; its old day is kept"),
        Binding("[", "screen.prev_day", "Previous day", group=DAY_GROUP, tooltip="The day before"),
        Binding("]", "screen.next_day", "Next day", group=DAY_GROUP, tooltip="The day after"),
    ]
    _ACTION_KEYS: ClassVar[dict[str, str]] = {
        "e": "edit_entry",
        "s": "toggle_star",
        "d": "delete_entry",
        "delete": "delete_entry",
        "m": "move_entry",
        "v": "move_to_day",
    }

    def on_key(self, event: events.Key) -> None:
        entry = self.highlighted_entry
        if event.key in self._ACTION_KEYS and entry is not None and entry.read_only:
            event.stop()
            event.prevent_default()
            refuse_read_only(self, entry.notebook)
            return
        bound = {key for binding in self.BINDINGS if isinstance(binding, Binding) for key in binding.key.split(",")}
        if event.is_printable and event.character and event.key not in bound and event.character not in bound:
            event.stop()
            event.prevent_default()
            self.screen.type_into_capture(event.character)  # type: ignore[attr-defined]

    _keys_for: object = ()  # what the footer's note keys were last shown for (refresh_keys)

    def watch_index(self, old_index: int | None, new_index: int | None) -> None:
        super().watch_index(old_index, new_index)
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """The footer shows the note keys by the highlighted note (none, read-only, writable: the screen's
        check_action): it is rebuilt only when that changes, not for every move of the highlight."""
        entry = self.highlighted_entry
        keys_for = None if entry is None else entry.read_only
        if keys_for != self._keys_for:
            self._keys_for = keys_for
            self.refresh_bindings()

    async def show(
        self,
        entries: list[Entry],
        contents: list[Content] | None = None,
        *,
        select_id: int | None = None,
        newest: bool = False,
        keep_scroll: bool = False,
    ) -> None:
        """`newest`: highlight the last note and show the end of the list (today, next to the capture
        line); otherwise the first note and the top (a past day reads from its beginning). `select_id`:
        that note highlighted and scrolled into view (a note just saved, a search result). `keep_scroll`:
        the same day again (changed elsewhere): the list stays scrolled where it was, or at its end.

        The rows on screen are kept and given the new notes (a row whose note is unchanged is not redrawn);
        only the difference in number is mounted or removed, so a day switch or a live reload lays out
        what changed rather than building every row again.

        The scrolling waits for the new notes to be mounted and laid out: before that the list has no
        height to scroll in, and a note added at the end of a long day would stay below the screen."""
        if not self.is_attached:  # a worker's result arriving while the app closes (SIGTERM): nothing to show
            return
        show_notebook = len({e.notebook for e in entries}) > 1
        scrolled, at_end = self.scroll_y, self.scroll_y >= self.max_scroll_y
        if contents is None:
            contents = [entry_content(e, show_notebook=show_notebook) for e in entries]
        rows = [child for child in self.children if isinstance(child, EntryItem)]
        for row, entry, content in zip(rows, entries, contents, strict=False):
            row.show_entry(entry, show_notebook=show_notebook, content=content)
        if len(rows) > len(entries):
            if self.index is not None and self.index >= len(entries):
                self.index = None  # the highlighted row goes: no highlight left on a removed row
            await self.remove_children(rows[len(entries) :])
        elif len(entries) > len(rows):
            new = zip(entries[len(rows) :], contents[len(rows) :], strict=True)
            await self.mount_all([EntryItem(e, show_notebook=show_notebook, content=c) for e, c in new])
        items = [child for child in self.children if isinstance(child, EntryItem)]
        if not items:
            self.refresh_keys()
            return
        index = len(items) - 1 if newest else 0
        if select_id is not None:
            index = next((i for i, e in enumerate(entries) if e.id == select_id), index)
        self.index = index
        self.refresh_keys()  # the same row highlighted may show another note (read-only or not)
        if keep_scroll and not at_end:
            self.call_after_refresh(self.scroll_to, y=scrolled, animate=False)
        elif keep_scroll or (newest and index == len(items) - 1):  # the end stays in view
            self.call_after_refresh(self.scroll_end, animate=False)
        elif select_id is not None:
            self.call_after_refresh(self.scroll_to_widget, items[index], animate=False)
        else:
            self.call_after_refresh(self.scroll_home, animate=False)

    def update_entry(self, entry: Entry) -> None:
        """Show a changed note at once, before the day is read again (a star toggled)."""
        for item in self.query(EntryItem):
            if item.entry.id == entry.id:
                item.show_entry(entry, show_notebook=item.show_notebook)
                self.refresh_keys()

    @property
    def highlighted_entry(self) -> Entry | None:
        item = self.highlighted_child
        return item.entry if isinstance(item, EntryItem) else None


class PromptItem(ListItem):
    """A reflection prompt due on the shown day; selecting it starts an answer."""

    def __init__(self, status: PromptStatus, language: str) -> None:
        text = visible_text(status.prompt.text(language))
        if status.answered:
            label = Content.assemble(("✓ ", "$success"), (text, "$text-muted"))
        else:
            label = Content.assemble(("? ", "bold $accent"), text)
        super().__init__(Label(label))
        self.status = status


class PromptList(ListView):
    """Today's prompts. Enter answers the highlighted one."""

    async def show(self, statuses: list[PromptStatus], language: str) -> None:
        if not self.is_attached:  # a worker's result arriving while the app closes (SIGTERM): nothing to show
            return
        await self.clear()
        await self.extend(PromptItem(s, language) for s in statuses)
        self.display = bool(statuses)
        if statuses:
            self.index = next((i for i, s in enumerate(statuses) if s.due), 0)
