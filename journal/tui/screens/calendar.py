"""A month calendar: which days have notes, and how many. Arrows move, Enter or a click opens a day."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import ClassVar

from dateutil.relativedelta import relativedelta
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.events import Click
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from journal.errors import JournalError
from journal.tui.messages import MonthLoaded, StoreFailed

WEEKDAY_LABELS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
KOREAN_WEEKDAY_LABELS = ("월", "화", "수", "목", "금", "토", "일")  # two cells wide each: the columns hold


class DayCell(Static):
    def __init__(self, index: int) -> None:
        super().__init__("", classes="day-cell")
        self.index = index
        self.day: date | None = None

    def on_click(self, event: Click) -> None:
        if self.day is not None:
            self.screen.dismiss(self.day)  # type: ignore[arg-type]


class CalendarScreen(ModalScreen[date | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("enter", "choose", "Open day"),
        Binding("left", "move(-1)", "←", show=False),
        Binding("right", "move(1)", "→", show=False),
        Binding("up", "move(-7)", "↑", show=False),
        Binding("down", "move(7)", "↓", show=False),
        Binding("pageup,less_than_sign", "month(-1)", "Prev month"),
        Binding("pagedown,greater_than_sign", "month(1)", "Next month"),
    ]

    def __init__(
        self, selected: date, today: date, notebook: str | None, week_start: int = 0, *, korean: bool = False
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.weekday_labels = KOREAN_WEEKDAY_LABELS if korean else WEEKDAY_LABELS
        self.selected = selected
        self.today = today
        self.notebook = notebook
        self.week_start = week_start
        self.counts: dict[date, int] = {}
        self._month_shown: date | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog calendar-dialog"):
            yield Label("", id="month-title", classes="dialog-title")
            with Grid(id="month-grid"):
                for i in range(7):
                    yield Label(self.weekday_labels[(i + self.week_start) % 7], classes="weekday")
                for i in range(42):
                    yield DayCell(i)
            yield Label("● has notes · Enter opens the day · PgUp PgDn: month", classes="dialog-hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._render_month()

    def _first_cell_day(self) -> date:
        first = self.selected.replace(day=1)
        return first - timedelta(days=(first.weekday() - self.week_start) % 7)

    def _render_month(self) -> None:
        month = self.selected.replace(day=1)
        if month != self._month_shown:
            self._month_shown = month
            self.counts = {}
            self._load(month)
        self.query_one("#month-title", Label).update(f"{calendar.month_name[month.month]} {month.year}")
        start = self._first_cell_day()
        for cell in self.query(DayCell):
            day = start + timedelta(days=cell.index)
            cell.day = day
            count = self.counts.get(day, 0)
            marker = "●" if count else " "
            cell.update(f"{day.day:>2}{marker}")
            cell.set_class(day.month != month.month, "other-month")
            cell.set_class(count > 0, "has-notes")
            cell.set_class(day == self.selected, "selected")
            cell.set_class(day == self.today, "today")

    @work(thread=True, exclusive=True, group="month")
    def _load(self, month: date) -> None:
        start = month - timedelta(days=7)
        end = month + relativedelta(months=1, days=7)
        try:
            counts = self.app.store.call(lambda j: j.review.day_counts(start, end, self.notebook))  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))
            return
        self.post_message(MonthLoaded(month, counts))

    @on(StoreFailed)
    def _failed(self, message: StoreFailed) -> None:
        self.notify(message.message, title="Problem", severity="error", timeout=8, markup=False)

    @on(MonthLoaded)
    def _loaded(self, message: MonthLoaded) -> None:
        if message.month == self._month_shown:
            self.counts = message.counts
            self._render_month()

    def action_move(self, days: int) -> None:
        self.selected += timedelta(days=days)
        self._render_month()

    def action_month(self, months: int) -> None:
        self.selected += relativedelta(months=months)
        self._render_month()

    def action_choose(self) -> None:
        self.dismiss(self.selected)
