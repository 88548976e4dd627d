"""Typed messages from workers to widgets. Widgets change only in the handlers of these."""

from __future__ import annotations

from datetime import date

from textual.message import Message

from journal.prompts import PromptStatus
from journal.records import Draft, Entry, SearchHit


class StoreOpened(Message):
    def __init__(self, drafts: list[Draft]) -> None:
        super().__init__()
        self.drafts = drafts


class DayLoaded(Message):
    def __init__(self, day: date, notebook: str | None, entries: list[Entry]) -> None:
        super().__init__()
        self.day = day
        self.notebook = notebook
        self.entries = entries


class PromptsLoaded(Message):
    def __init__(self, day: date, statuses: list[PromptStatus]) -> None:
        super().__init__()
        self.day = day
        self.statuses = statuses


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
    """A store call failed; `text` is what the user typed, to be given back to them."""

    def __init__(self, message: str, text: str | None = None) -> None:
        super().__init__()
        self.message = message
        self.text = text


class SearchResults(Message):
    def __init__(self, query: str, hits: list[SearchHit], error: str | None = None) -> None:
        super().__init__()
        self.query = query
        self.hits = hits
        self.error = error


class MonthLoaded(Message):
    def __init__(self, month: date, counts: dict[date, int]) -> None:
        super().__init__()
        self.month = month
        self.counts = counts
