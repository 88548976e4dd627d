from datetime import date, time

import pytest

from journal.dates import When, parse_when, split_when_prefix
from journal.errors import DateParseError

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
