from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.dates import parse_day
from journal.digest import Streak, current_streak, on_this_day_dates, parse_week, streak, week_of
from journal.errors import UsageError

TODAY = date(2026, 11, 23)


def _parse(text: str) -> date:
    return parse_day(text, TODAY)


def test_monday_and_sunday_week_starts() -> None:
    monday = week_of(date(2026, 11, 19), 0)
    assert (monday.start, monday.end, monday.label) == (date(2026, 11, 16), date(2026, 11, 22), "2026-W47")
    sunday = week_of(date(2026, 11, 19), 6)
    assert (sunday.start, sunday.end, sunday.label) == (date(2026, 11, 15), date(2026, 11, 21), "2026-W47")
    assert week_of(date(2026, 11, 22), 6).start == date(2026, 11, 22)  # a Sunday starts its own week


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2020-W53", date(2020, 12, 28), date(2021, 1, 3)),  # a 53-week year, crossing into 2021
        ("2026-W01", date(2025, 12, 29), date(2026, 1, 4)),  # week 1 starts in the previous year
        ("2026w47", date(2026, 11, 16), date(2026, 11, 22)),
        ("last friday", date(2026, 11, 16), date(2026, 11, 22)),
        ("2021-03-19", date(2021, 3, 15), date(2021, 3, 21)),
    ],
)
def test_parse_week(text: str, start: date, end: date) -> None:
    week = parse_week(text, 0, _parse)
    assert (week.start, week.end) == (start, end)


def test_iso_week_with_a_sunday_start() -> None:
    week = parse_week("2026-W01", 6, _parse)
    assert (week.start, week.end, week.label) == (date(2025, 12, 28), date(2026, 1, 3), "2026-W01")


@pytest.mark.parametrize(
    ("text", "message"),
    [("2026-W54", "W01 to W53"), ("2025-W53", "W01 to W52"), ("2026-W00", "not a week"), ("next-ish", "not a week")],
)
def test_invalid_weeks(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_week(text, 0, _parse)


def test_streak_across_a_month_and_a_year() -> None:
    days = [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 2)]
    s = streak(days, date(2026, 1, 2))
    assert (s.current, s.longest) == (4, 4)
    month = [date(2026, 1, 30), date(2026, 1, 31), date(2026, 2, 1)]
    assert streak(month, date(2026, 2, 2)).current == 3  # today is still empty: yesterday counts
    assert streak(month, date(2026, 2, 3)).current == 0


def test_longest_and_forgiving_consistency() -> None:
    days = [date(2026, 11, d) for d in (1, 2, 3, 4, 5, 10, 17, 18, 19, 20, 21, 23)]
    s = streak(days, TODAY)
    assert s.current == 1
    assert s.longest == 5
    assert s.consistency[7] == 6  # 17..23 minus the 22nd: one missed day does not zero the picture
    assert s.consistency[30] == 12


def test_on_this_day_across_leap_days() -> None:
    dates = dict((label, d) for label, d in on_this_day_dates(date(2028, 2, 29), date(2020, 1, 1)))
    assert dates["1 week ago"] == date(2028, 2, 22)
    assert dates["1 month ago"] == date(2028, 1, 29)
    assert dates["1 year ago"] == date(2027, 2, 28)
    assert dates["4 years ago"] == date(2024, 2, 29)
    assert "9 years ago" not in dates  # nothing before the first note
    assert [label for label, _ in on_this_day_dates(TODAY, None)] == ["1 week ago", "1 month ago"]


@given(
    st.sets(st.integers(min_value=-60, max_value=5), max_size=40),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
)
def test_streak_agrees_with_counting_day_by_day(offsets: set[int], today: date) -> None:
    days = [today + timedelta(days=n) for n in offsets]
    written = set(days)
    longest, run = 0, 0
    for n in range(-61, 7):
        run = run + 1 if today + timedelta(days=n) in written else 0
        longest = max(longest, run)
    windows = {w: sum(1 for d in written if today - timedelta(days=w) < d <= today) for w in (7, 30, 365)}
    assert streak(days, today) == Streak(current_streak(written, today), longest, windows)
