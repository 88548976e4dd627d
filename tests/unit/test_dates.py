from datetime import date, time

import pytest

from journal.dates import FIRST_DAY, LAST_DAY, When, parse_when, split_when_prefix
from journal.errors import DateParseError, DateRangeError

TODAY = date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", When(date(2026, 11, 23))),
        ("Today", When(date(2026, 11, 23))),
        ("yesterday", When(date(2026, 11, 22))),
        ("3 days ago", When(date(2026, 11, 20))),
        ("a week ago", When(date(2026, 11, 16))),
        ("2 months ago", When(date(2026, 9, 23))),
        ("last friday", When(date(2026, 11, 20))),
        ("last monday", When(date(2026, 11, 16))),  # "last" never means today
        ("friday", When(date(2026, 11, 20))),
        ("2021-03-19", When(date(2021, 3, 19))),
        ("2021/03/19", When(date(2021, 3, 19))),
        ("2021-03-19 14:05", When(date(2021, 3, 19), time(14, 5))),
        ("2021-03-19T14:05", When(date(2021, 3, 19), time(14, 5))),
        ("yesterday 9pm", When(date(2026, 11, 22), time(21, 0))),
        ("March 19", When(date(2026, 3, 19))),
        ("mar 19, 2021", When(date(2021, 3, 19))),
        ("19 March 2021", When(date(2021, 3, 19))),
        ("December 25", When(date(2025, 12, 25))),  # no year: the most recent past one
        ("03.19", When(date(2026, 3, 19))),
        ("오늘", When(date(2026, 11, 23))),
        ("어제", When(date(2026, 11, 22))),
        ("그제", When(date(2026, 11, 21))),
        ("그저께", When(date(2026, 11, 21))),
        ("지난 금요일", When(date(2026, 11, 20))),
        ("지난 월요일", When(date(2026, 11, 16))),
        ("3일 전", When(date(2026, 11, 20))),
        ("2021년 3월 19일", When(date(2021, 3, 19))),
        ("3월 19일", When(date(2026, 3, 19))),
    ],
)
def test_parses(text: str, expected: When) -> None:
    assert parse_when(text, TODAY) == expected


@pytest.mark.parametrize("text", ["next-ish", "hello", "", "2021-02-30", "13.45", "25:00", "일"])
def test_unparseable_input_is_an_error_quoting_it(text: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_when(text, TODAY)
    assert repr(text) in info.value.message


def test_leap_day_month_day_without_year_finds_the_last_leap_year() -> None:
    assert parse_when("02.29", TODAY) == When(date(2024, 2, 29))


def test_when_prefix_dates_the_note() -> None:
    when, body = split_when_prefix("yesterday: shipped the index", TODAY)
    assert when == When(date(2026, 11, 22))
    assert body == "shipped the index"


def test_when_prefix_with_a_time() -> None:
    when, body = split_when_prefix("2021-03-19 14:05: 마스터클래스", TODAY)
    assert when == When(date(2021, 3, 19), time(14, 5))
    assert body == "마스터클래스"


@pytest.mark.parametrize("text", ["Note: not a date", "TODO: 경량화", "http://example.org", "일: 회의"])
def test_a_prefix_that_is_not_a_date_keeps_the_whole_body(text: str) -> None:
    assert split_when_prefix(text, TODAY) == (None, text)


# -- looking ahead (#17 item 7) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow", date(2026, 11, 24)),
        ("내일", date(2026, 11, 24)),
        ("모레", date(2026, 11, 25)),
        ("in 3 days", date(2026, 11, 26)),
        ("3 days from now", date(2026, 11, 26)),
        ("in a week", date(2026, 11, 30)),
        ("3일 후", date(2026, 11, 26)),
        ("2주 뒤", date(2026, 12, 7)),
        ("next week", date(2026, 11, 30)),
        ("다음 주", date(2026, 11, 30)),
        ("다음주", date(2026, 11, 30)),
        ("last week", date(2026, 11, 16)),
        ("지난주", date(2026, 11, 16)),
        ("next month", date(2026, 12, 23)),
        ("내년", date(2027, 11, 23)),
        ("next friday", date(2026, 11, 27)),  # the one after today
        ("next monday", date(2026, 11, 30)),  # never today
        ("다음 금요일", date(2026, 11, 27)),
        ("this friday", date(2026, 11, 27)),  # the Friday of this week
        ("이번 주 금요일", date(2026, 11, 27)),
        ("이번주 금요일", date(2026, 11, 27)),
        ("다음 주 금요일", date(2026, 12, 4)),  # the Friday of next week
        ("friday next week", date(2026, 12, 4)),
        ("지난 주 금요일", date(2026, 11, 20)),  # the Friday of last week
        ("next friday 7:30pm", date(2026, 11, 27)),
    ],
)
def test_forward_dates(text: str, expected: date) -> None:
    assert parse_when(text, TODAY).day == expected
    assert parse_when(text, TODAY, ahead=True).day == expected  # explicit forms mean the same either way


def test_week_forms_count_weeks_from_monday() -> None:
    saturday = date(2026, 11, 28)
    assert parse_when("this friday", saturday).day == date(2026, 11, 27)  # this week's: yesterday
    assert parse_when("지난 주 금요일", saturday).day == date(2026, 11, 20)  # last week's, not yesterday
    assert parse_when("last friday", saturday).day == date(2026, 11, 27)  # the one before today
    assert parse_when("다음 금요일", saturday).day == date(2026, 12, 4)


@pytest.mark.parametrize(
    ("text", "back", "ahead"),
    [
        ("friday", date(2026, 11, 20), date(2026, 11, 27)),  # past one · coming one
        ("monday", date(2026, 11, 23), date(2026, 11, 30)),  # looking back today counts; ahead, after today
        ("금요일", date(2026, 11, 20), date(2026, 11, 27)),
        ("March 19", date(2026, 3, 19), date(2027, 3, 19)),
        ("12.25", date(2025, 12, 25), date(2026, 12, 25)),
        ("11월 23일", date(2026, 11, 23), date(2026, 11, 23)),
    ],
)
def test_a_bare_weekday_or_month_day_follows_the_direction(text: str, back: date, ahead: date) -> None:
    assert parse_when(text, TODAY).day == back
    assert parse_when(text, TODAY, ahead=True).day == ahead


# -- the range (#17 items 6 and 9) -------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_a_blank_date_is_an_error_not_today(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_when(text, TODAY)


@pytest.mark.parametrize(
    "text",
    ["0001-01-01 00:00", "1899-12-31", "2200-01-01", "9999-12-31 23:59", "9999 years ago", "in 99999999999 days"],
)
def test_dates_outside_the_range_are_refused_in_one_line(text: str) -> None:
    with pytest.raises(DateRangeError) as info:
        parse_when(text, TODAY)
    assert "1900-01-01 to 2199-12-31" in info.value.message and "\n" not in info.value.message


def test_the_edges_of_the_range_are_kept() -> None:
    assert parse_when("1900-01-01 00:00", TODAY) == When(FIRST_DAY, time(0, 0))
    assert parse_when("2199-12-31 23:59", TODAY) == When(LAST_DAY, time(23, 59))


def test_a_when_prefix_outside_the_range_is_an_error_not_text() -> None:
    with pytest.raises(DateRangeError):
        split_when_prefix("0001-01-01: the first note", TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("어제 오후 9시", (date(2026, 11, 22), time(21, 0))),
        ("2021-03-19 오전 10시 30분", (date(2021, 3, 19), time(10, 30))),
        ("오늘 9시 반", (date(2026, 11, 23), time(9, 30))),
        ("그제 21시", (date(2026, 11, 21), time(21, 0))),
        ("어제 밤 11시", (date(2026, 11, 22), time(23, 0))),
        ("어제 아침 7시", (date(2026, 11, 22), time(7, 0))),
    ],
)
def test_korean_times_of_day(text: str, expected: tuple[date, time]) -> None:
    when = parse_when(text, date(2026, 11, 23))
    assert (when.day, when.time) == expected


@pytest.mark.parametrize("text", ["어제 오후 13시", "어제 25시", "어제 밤 12시", "어제 9시 61분"])
def test_korean_times_that_are_no_time_are_refused(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_when(text, date(2026, 11, 23))
