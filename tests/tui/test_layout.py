"""Nothing is cut at 80x24: hints and errors wrap; calendar columns are even, Hangul labels included."""

from __future__ import annotations

import itertools
from pathlib import Path

from textual.widgets import Label

from journal.clock import FixedClock
from journal.tui.app import make_app
from journal.tui.screens.calendar import CalendarScreen, DayCell
from tests.tui.conftest import settle, type_text


async def test_the_go_to_error_wraps_at_80x24(home: Path, clock: FixedClock) -> None:
    app = make_app(home, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await type_text(pilot, "someday-ish whatever")
        await pilot.press("enter")
        await pilot.pause()
        error = app.screen.query_one("#goto-error", Label)
        shown = " ".join(strip.text.strip() for strip in error.render_lines(error.region.reset_offset))
        assert "'어제' or '지난 금요일'" in shown  # the end of the message is on screen
        assert error.size.height > 1


async def test_the_calendar_hint_and_columns_at_80x24(home: Path, clock: FixedClock) -> None:
    (home / "config.toml").write_text('language = "ko"\n', encoding="utf-8")
    app = make_app(home, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CalendarScreen)
        hint = screen.query_one(".dialog-hint", Label)
        shown = " ".join(strip.text.strip() for strip in hint.render_lines(hint.region.reset_offset))
        assert shown.endswith("PgUp PgDn: month")
        weekdays = [label for label in screen.query("Label.weekday")]
        assert [str(label.render()) for label in weekdays] == ["월", "화", "수", "목", "금", "토", "일"]
        columns = {cell.region.width for cell in screen.query(DayCell)} | {label.region.width for label in weekdays}
        assert columns == {5}
        lefts = sorted({cell.region.x for cell in screen.query(DayCell)})
        assert [b - a for a, b in itertools.pairwise(lefts)] == [5] * 6
