"""Search as you type: debounced, run in a worker, stale queries cancelled; Enter opens the note's day."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Label, ListItem, ListView

from journal.errors import JournalError
from journal.records import Entry, SearchHit
from journal.tui.messages import SearchResults

DEBOUNCE = 0.2
HIT_STYLE = "bold reverse"


def hit_content(hit: SearchHit) -> Content:
    entry = hit.entry
    head = Content.assemble(
        (entry.day.isoformat(), "$text-muted"),
        " ",
        ("★ " if entry.starred else "", "$warning"),
    )
    snippet = Content(hit.snippet)
    for start, end in hit.spans:
        snippet = snippet.stylize(HIT_STYLE, start, end)
    return head + snippet


class HitItem(ListItem):
    def __init__(self, hit: SearchHit) -> None:
        super().__init__(Label(hit_content(hit)))
        self.entry = hit.entry


class SearchScreen(Screen[Entry | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back"),
        Binding("down", "focus_results", "Results", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="search-pane"):
            yield Input(placeholder='Search: 슬럼프 · "exact phrase" · #tag · -exclude', id="query")
            yield Label("Type to search your notes.", id="search-status")
            yield ListView(id="hits")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()

    @on(Input.Changed, "#query")
    def _debounce(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(DEBOUNCE, lambda: self._search(query))

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        try:
            hits = self.app.store.call(lambda j: j.index.search(query, limit=50))  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(SearchResults(query, [], exc.message))
            return
        self.post_message(SearchResults(query, hits))

    @on(SearchResults)
    def _show(self, message: SearchResults) -> None:
        if message.query != self.query_one("#query", Input).value:
            return  # a stale answer: the user kept typing
        status = self.query_one("#search-status", Label)
        hits = self.query_one("#hits", ListView)
        hits.clear()
        if message.error:
            status.update(message.error)
            return
        hits.extend(HitItem(hit) for hit in message.hits)
        if message.hits:
            hits.index = 0
            count = len(message.hits)
            noun = "note" if count == 1 else "notes"
            status.update(f"{count}{'+' if count == 50 else ''} {noun} · Enter opens the day · ↓ to browse")
        else:
            status.update("No notes match." if message.query.strip() else "Type to search your notes.")

    @on(Input.Submitted, "#query")
    def _open_first(self) -> None:
        hits = self.query_one("#hits", ListView)
        item = hits.highlighted_child
        if isinstance(item, HitItem):
            self.dismiss(item.entry)

    @on(ListView.Selected, "#hits")
    def _open(self, event: ListView.Selected) -> None:
        if isinstance(event.item, HitItem):
            self.dismiss(event.item.entry)

    def action_focus_results(self) -> None:
        self.query_one("#hits", ListView).focus()
