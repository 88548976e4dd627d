"""Search as you type: debounced, run in a worker, stale queries cancelled; Enter opens the note's day.
Results come PAGE at a time: reaching the end of the list asks for the next page (`offset=` the hits
shown), which is added at the end."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
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
from journal.text import visible_text
from journal.tui.messages import SearchResults

DEBOUNCE = 0.2
PAGE = 50
HIT_STYLE = "bold reverse"


def snippet_content(snippet: str, spans: tuple[tuple[int, int], ...]) -> Content:
    """The snippet made visible piece by piece, so the highlights stay on their words."""
    pieces: list[tuple[str, str] | str] = []
    at = 0
    for start, end in sorted(spans):
        if start < at:
            continue
        pieces.append(visible_text(snippet[at:start]))
        pieces.append((visible_text(snippet[start:end]), HIT_STYLE))
        at = end
    pieces.append(visible_text(snippet[at:]))
    return Content.assemble(*pieces)


def short(name: str, cells: int = 16) -> str:
    """A notebook's name cut to `cells` terminal cells (Hangul is two), with … if cut."""
    name = visible_text(name)
    if cell_len(name) <= cells:
        return name
    while cell_len(name) > cells - 1:
        name = name[:-1]
    return name + "…"


def hit_content(hit: SearchHit) -> Content:
    entry = hit.entry
    head = Content.assemble(
        (entry.day.isoformat(), "$text-muted"),
        " ",
        (f"[{short(entry.notebook)}] ", "$secondary"),
        ("★ " if entry.starred else "", "$warning"),
    )
    return head + snippet_content(hit.snippet, hit.spans)


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
        self._shown: list[SearchHit] = []
        self._more = False  # the last page was full: there may be more
        self._loading_more = False

    def compose(self) -> ComposeResult:
        with Vertical(id="search-pane"):
            yield Input(placeholder='Search: 슬럼프 · "exact phrase" · #tag · -exclude', id="query")
            yield Label("Type to search your notes.", id="search-status")
            yield ListView(id="hits")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        hits = self.query_one("#hits", ListView)
        self.watch(hits, "scroll_y", self._scrolled, init=False)

    @on(Input.Changed, "#query")
    def _debounce(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(DEBOUNCE, lambda: self._search(query))

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str, offset: int = 0) -> None:
        try:
            hits = self.app.store.call(lambda j: j.index.search(query, limit=PAGE, offset=offset))  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(SearchResults(query, [], exc.message, limit=PAGE, offset=offset))
            return
        self.post_message(SearchResults(query, hits, limit=PAGE, offset=offset))

    @on(SearchResults)
    def _show(self, message: SearchResults) -> None:
        if message.query != self.query_one("#query", Input).value:
            return  # a stale answer: the user kept typing
        self._loading_more = False
        status = self.query_one("#search-status", Label)
        hits = self.query_one("#hits", ListView)
        if message.error:
            hits.clear()
            self._shown = []
            status.update(Content(message.error))
            return
        if message.offset:  # the same search, further: add the next page at the end
            if message.offset != len(self._shown):
                return  # not the page that follows what is shown (the search was started again)
            hits.extend(HitItem(hit) for hit in message.hits)
            self._shown = self._shown + message.hits
        else:
            hits.clear()
            hits.extend(HitItem(hit) for hit in message.hits)
            if message.hits:
                hits.index = 0
            self._shown = message.hits
        self._more = len(message.hits) >= message.limit
        count = len(self._shown)
        if count:
            noun = "note" if count == 1 else "notes"
            shown = f"{count}+ {noun} (more as you scroll)" if self._more else f"{count} {noun}"
            status.update(f"{shown} · Enter opens the day · ↓ to browse")
        else:
            status.update("No notes match." if message.query.strip() else "Type to search your notes.")

    def _load_more(self) -> None:
        if not self._more or self._loading_more:
            return
        self._loading_more = True
        self._search(self.query_one("#query", Input).value, len(self._shown))

    @on(ListView.Highlighted, "#hits")
    def _near_the_end(self, event: ListView.Highlighted) -> None:
        hits = event.list_view
        if hits.index is not None and hits.index >= len(self._shown) - 5:
            self._load_more()

    def _scrolled(self, scroll_y: float) -> None:
        hits = self.query_one("#hits", ListView)
        if hits.max_scroll_y and scroll_y >= hits.max_scroll_y - 2:
            self._load_more()

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
