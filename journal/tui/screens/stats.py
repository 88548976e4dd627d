"""Stats: how much and how steadily I write — totals, streaks, consistency, weekdays, tags, the year."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from journal.errors import JournalError
from journal.text import plural, visible_text

HEAT = ("·", "░", "▒", "▓", "█")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def heatmap(counts: dict[str, int], today: date) -> Content:
    """A GitHub-style year: a column a week, a row a weekday (Mon at the top), darker = more notes."""
    first = today - timedelta(days=364)
    first -= timedelta(days=first.weekday())
    weeks = (today - first).days // 7 + 1
    months = [" "] * weeks
    for col in range(weeks):
        monday = first + timedelta(days=7 * col)
        if monday.day <= 7 and col + 3 <= weeks:
            months[col : col + 3] = list(monday.strftime("%b"))
    lines = [Content("    " + "".join(months[:weeks]))]
    for weekday, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        cells: list[tuple[str, str] | str] = [f"{name:<4}"]
        for col in range(weeks):
            day = first + timedelta(days=7 * col + weekday)
            if day > today:
                cells.append(" ")
                continue
            count = counts.get(day.isoformat(), 0)
            cells.append((HEAT[min(count, 4)], "$success" if count else "$text-muted"))
        lines.append(Content.assemble(*cells))
    legend = [("    less ", "$text-muted")] + [(h + " ", "$success") for h in HEAT] + [("more", "$text-muted")]
    lines.append(Content.assemble(*legend))
    return Content("\n").join(lines)


def bar(n: int, most: int, width: int = 20) -> str:
    return "█" * (round(width * n / most) if most else 0)


def stats_content(figures: dict, today: date) -> Content:  # type: ignore[type-arg]
    streak = figures["streak"]
    consistency = streak["consistency"]
    per_weekday = figures["notes_per_weekday"]
    most = max(per_weekday.values(), default=0)

    def row(label: str, value: str | Content) -> Content:
        return Content.assemble((f"{label:<14}", "bold"), value)

    lines = [
        row(
            "notes",
            f"{figures['total_notes']:,} on {plural(figures['days_written'], 'day')}"
            + (f", since {figures['first_note']}" if figures["first_note"] else ""),
        ),
        row(
            "streak",
            f"{streak['current']} day{'s' if streak['current'] != 1 else ''} now · longest {streak['longest']}",
        ),
        row(
            "consistency",
            f"{consistency['last_7_days']}/7 · {consistency['last_30_days']}/30 · "
            f"{consistency['last_365_days']}/365 days written",
        ),
        Content(""),
        Content.styled("Notes by weekday", "bold"),
        *(
            Content.assemble(f"  {name.capitalize()}  ", (bar(n, most), "$accent"), f" {n:,}")
            for name, n in per_weekday.items()
        ),
        Content(""),
        Content.styled("Top tags", "bold"),
        Content("  " + ("  ".join(f"#{visible_text(t['tag'])} {t['count']:,}" for t in figures["top_tags"]) or "—")),
        Content(""),
        Content.styled("The last year", "bold"),
        heatmap(figures["year"], today),
    ]
    return Content("\n").join(lines)


class StatsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "dismiss(None)", "Back")]

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        yield Static("Stats · the masterclass notebook and saved digests are not counted", id="stats-title")
        with VerticalScroll(id="stats-body"):
            yield Static("Counting…", id="stats")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="stats")
    def _load(self) -> None:
        try:
            figures = self.app.store.call(lambda j: j.review.stats())  # type: ignore[attr-defined]
            content = stats_content(figures, self.today)
        except JournalError as exc:
            content = Content(exc.message)
        self.app.call_from_thread(self.query_one("#stats", Static).update, content)
