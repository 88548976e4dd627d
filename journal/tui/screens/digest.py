"""The weekly digest: what I built, the week day by day, the numbers; move between weeks, save, export."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from journal.digest import Week, render_markdown, week_of
from journal.errors import JournalError
from journal.text import visible_text
from journal.tui.messages import StoreFailed


class DigestLoaded(Message):
    def __init__(self, week: Week, markdown: str) -> None:
        super().__init__()
        self.week = week
        self.markdown = markdown


class DigestScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back"),
        Binding("left,[", "move(-1)", "Last week"),
        Binding("right,]", "move(1)", "Next week"),
        Binding("s", "save", "Save as note"),
        Binding("x", "export", "Export .md"),
    ]

    def __init__(self, day: date, week_start: int, export_dir: Path | None = None) -> None:
        super().__init__()
        self.week = week_of(day, week_start)
        self.week_start = week_start
        self.export_dir = export_dir or Path.cwd()
        self.markdown = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="digest-title")
        with VerticalScroll(id="digest-body"):
            yield Markdown("Loading the week…", id="digest")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show_week()

    def _show_week(self) -> None:
        self.query_one("#digest-title", Static).update(
            f"Week {self.week.label} · {self.week.start:%a %Y-%m-%d} – {self.week.end:%a %Y-%m-%d}"
        )
        self._load(self.week)

    @work(thread=True, exclusive=True, group="digest")
    def _load(self, week: Week) -> None:
        try:
            digest = self.app.store.call(lambda j: j.review.digest(week))  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))
            return
        self.post_message(DigestLoaded(week, render_markdown(digest)))  # shown through visible_text

    @on(DigestLoaded)
    async def _loaded(self, message: DigestLoaded) -> None:
        if message.week != self.week:
            return  # the user already moved to another week
        self.markdown = message.markdown
        await self.query_one("#digest", Markdown).update(visible_text(message.markdown))
        self.query_one("#digest-body").scroll_home(animate=False)

    @on(StoreFailed)
    def _failed(self, message: StoreFailed) -> None:
        self.notify(message.message, severity="error", timeout=8, markup=False)

    def action_move(self, weeks: int) -> None:
        self.week = week_of(self.week.start + timedelta(days=7 * weeks), self.week_start)
        self._show_week()

    def action_save(self) -> None:
        self._save(self.week)

    @work(thread=True, group="digest-save")
    def _save(self, week: Week) -> None:
        try:
            entry = self.app.store.call(lambda j: j.review.save_digest(week))  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))
            return
        self.app.call_from_thread(self.notify, f"Saved the digest of {week.label} as note #{entry.id}.")

    def action_export(self) -> None:
        if not self.markdown:
            return
        path = self.export_dir / f"digest-{self.week.label}.md"
        try:
            path.write_text(self.markdown, encoding="utf-8")
        except OSError as exc:
            self.notify(f"Cannot write {path}: {exc.strerror}", severity="error", markup=False)
            return
        self.notify(f"Exported to {path}", markup=False)
