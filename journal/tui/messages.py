"""Typed messages from workers to widgets. Widgets change only in the handlers of these."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message

from journal.prompts import PromptStatus
from journal.records import Draft, Entry, SearchHit

if TYPE_CHECKING:
    from journal.digest import OnThisDay


class Notice(Message):
    """Something the user should hear about, from a worker thread (e.g. the search index was rebuilt)."""

    def __init__(self, text: str, title: str = "") -> None:
        super().__init__()
        self.text = text
        self.title = title


class StoreOpened(Message):
    """The store is open: the drafts taken over from windows that are gone, and the data_version then."""

    def __init__(self, drafts: list[Draft], data_version: int | None = None) -> None:
        super().__init__()
        self.drafts = drafts
        self.data_version = data_version


class DataChanged(Message):
    """A look at the database's data_version (None: it could not be read this time)."""

    def __init__(self, version: int | None) -> None:
        super().__init__()
        self.version = version


class DayLoaded(Message):
    """A day's notes, with their text already rendered (Markdown is rendered in the worker), and the
    prompts due that day: the day screen shows them together, in one frame."""

    def __init__(
        self,
        day: date,
        notebook: str | None,
        entries: list[Entry],
        contents: list[Content],
        prompts: list[PromptStatus],
    ) -> None:
        super().__init__()
        self.day = day
        self.notebook = notebook
        self.entries = entries
        self.contents = contents
        self.prompts = prompts


class OnThisDayLoaded(Message):
    def __init__(self, day: date, found: list[OnThisDay]) -> None:
        super().__init__()
        self.day = day
        self.found = found


class StreakLoaded(Message):
    """Sent after DayLoaded: the streak is not needed for the first paint."""

    def __init__(self, streak: int) -> None:
        super().__init__()
        self.streak = streak


class EntryChanged(Message):
    """An entry was added, edited, starred, moved, deleted or restored; `verb` says which."""

    def __init__(self, entry: Entry, verb: str) -> None:
        super().__init__()
        self.entry = entry
        self.verb = verb


class StoreFailed(Message):
    """A store call failed; `text` is what the user typed, to be given back to them, and `slot` the draft
    slot that still holds it."""

    def __init__(self, message: str, text: str | None = None, slot: str | None = None) -> None:
        super().__init__()
        self.message = message
        self.text = text
        self.slot = slot


class SearchResults(Message):
    def __init__(
        self, query: str, hits: list[SearchHit], error: str | None = None, *, limit: int = 0, offset: int = 0
    ) -> None:
        super().__init__()
        self.query = query
        self.hits = hits
        self.error = error
        self.limit = limit  # how many were asked for: as many came back, there may be more
        self.offset = offset  # how many came before them (0: a new search)


class MonthLoaded(Message):
    def __init__(self, month: date, counts: dict[date, int]) -> None:
        super().__init__()
        self.month = month
        self.counts = counts
