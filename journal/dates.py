"""Natural dates: what a user types for "when", in English and Korean.

Everything resolves against a given `today` so that the clock stays injectable. Forms that name a
month and day without a year ("March 19", "03.19", "3월 19일") mean the most recent such day that is
not in the future: a journal is about the past.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from journal.errors import DateParseError


@dataclass(frozen=True)
class When:
    day: date
    time: time | None = None


_WEEKDAYS = {
    "monday": 0, "mon": 0, "월요일": 0,
    "tuesday": 1, "tue": 1, "tues": 1, "화요일": 1,
    "wednesday": 2, "wed": 2, "수요일": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "목요일": 3,
    "friday": 4, "fri": 4, "금요일": 4,
    "saturday": 5, "sat": 5, "토요일": 5,
    "sunday": 6, "sun": 6, "일요일": 6,
}  # fmt: skip

_RELATIVE_DAYS = {
    "today": 0, "now": 0, "오늘": 0, "지금": 0,
    "yesterday": -1, "어제": -1,
    "그제": -2, "그저께": -2, "엊그제": -2,
    "tomorrow": 1, "내일": 1, "모레": 2,
}  # fmt: skip

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTHS = {name: i for i, full in enumerate(_MONTH_NAMES, 1) for name in (full, full[:3])} | {"sept": 9}

_UNIT_DAYS = {"day": 1, "days": 1, "일": 1, "week": 7, "weeks": 7, "주": 7}
_UNIT_MONTHS = {"month": 1, "months": 1, "달": 1, "개월": 1, "year": 12, "years": 12, "년": 12}

_TIME = re.compile(r"(?:^|\s+)(?:at\s+)?(?P<h>\d{1,2})(?::(?P<m>\d{2})(?::(?P<s>\d{2}))?)?\s*(?P<ampm>am|pm)?$")
_ISO = re.compile(r"^(?P<y>\d{4})[-/.](?P<mo>\d{1,2})[-/.](?P<d>\d{1,2})\.?$")
_MONTH_DAY_NUM = re.compile(r"^(?P<mo>\d{1,2})[./](?P<d>\d{1,2})\.?$")
_KOREAN_DATE = re.compile(r"^(?:(?P<y>\d{4})\s*년\s*)?(?P<mo>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일$")
_AGO = re.compile(r"^(?P<n>\d+|an?)\s*(?P<unit>[a-z]+|일|주|달|개월|년)\s*(?:ago|전)$")
_LAST_WEEKDAY = re.compile(r"^(?:(?P<last>last|지난\s*주?|저번\s*주?)\s*)?(?P<wd>[a-z]+|[월화수목금토일]요일)$")
_MONTH_NAME_DATE = re.compile(
    r"^(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[a-z]+)|(?P<m2>[a-z]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)"
    r"(?:,?\s+(?P<y>\d{4}))?$"
)


def parse_when(text: str, today: date) -> When:
    """Parse a user's date, optionally with a time of day. Raises DateParseError quoting the input."""
    raw = text
    text = " ".join(text.strip().lower().split())
    if not text:
        raise DateParseError(raw)
    when = _parse_day_only(text, today)
    if when is not None:
        return When(when)
    # A trailing time of day: "2021-03-19 14:05", "yesterday 9pm", "today at 7:30".
    match = _TIME.search(text)
    if match and match.start() > 0:
        head = text[: match.start()].strip()
        clock_time = _time_from_match(match)
        day = _parse_day_only(head, today) if head else None
        if day is not None and clock_time is not None:
            return When(day, clock_time)
    iso_t = re.match(r"^(\d{4}-\d{2}-\d{2})t(\d{2}:\d{2}(?::\d{2})?)$", text)
    if iso_t:
        day = _parse_day_only(iso_t.group(1), today)
        if day is not None:
            return When(day, time.fromisoformat(iso_t.group(2)))
    raise DateParseError(raw)


def parse_day(text: str, today: date) -> date:
    return parse_when(text, today).day


def split_when_prefix(body: str, today: date) -> tuple[When | None, str]:
    """jrnl's `WHEN: text` form. Only a prefix that parses as a date counts; otherwise the body is kept."""
    head, sep, rest = body.partition(":")
    # "2021-03-19 14:05: text" has its first colon inside the time; try the second one too.
    candidates = [(head, rest)]
    if sep and re.fullmatch(r".*\d{1,2}", head.strip()) and ":" in rest:
        minutes, _, tail = rest.partition(":")
        candidates.insert(0, (f"{head}:{minutes}", tail))
    for prefix, remainder in candidates:
        if not sep or not prefix.strip() or len(prefix) > 40 or not remainder.strip():
            continue
        try:
            when = parse_when(prefix, today)
        except DateParseError:
            continue
        return when, remainder.strip()
    return None, body


def _time_from_match(match: re.Match[str]) -> time | None:
    hour = int(match.group("h"))
    minute = int(match.group("m") or 0)
    second = int(match.group("s") or 0)
    ampm = match.group("ampm")
    if match.group("m") is None and ampm is None:
        return None  # a bare number is not a time
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _parse_day_only(text: str, today: date) -> date | None:
    if text in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[text])
    if m := _ISO.match(text):
        return _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    if re.fullmatch(r"\d{8}", text):
        return _safe_date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if m := _MONTH_DAY_NUM.match(text):
        return _recent_month_day(int(m["mo"]), int(m["d"]), today)
    if m := _KOREAN_DATE.match(text):
        if m["y"]:
            return _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
        return _recent_month_day(int(m["mo"]), int(m["d"]), today)
    if m := _AGO.match(text):
        return _ago(m["n"], m["unit"], today)
    if m := _LAST_WEEKDAY.match(text):
        weekday = _WEEKDAYS.get(m["wd"])
        if weekday is None:
            return None
        days_back = (today.weekday() - weekday) % 7
        if m["last"] and days_back == 0:
            days_back = 7
        return today - timedelta(days=days_back)
    if m := _MONTH_NAME_DATE.match(text):
        month = _month_number(m["m1"] or m["m2"])
        day = int(m["d1"] or m["d2"])
        if month is None:
            return None
        if m["y"]:
            return _safe_date(int(m["y"]), month, day)
        return _recent_month_day(month, day, today)
    return None


def _ago(amount: str, unit: str, today: date) -> date | None:
    n = 1 if amount in ("a", "an") else int(amount)
    if unit in _UNIT_DAYS:
        return today - timedelta(days=n * _UNIT_DAYS[unit])
    if unit in _UNIT_MONTHS:
        from dateutil.relativedelta import relativedelta

        return today - relativedelta(months=n * _UNIT_MONTHS[unit])
    return None


def _month_number(name: str) -> int | None:
    return _MONTHS.get(name.rstrip("."))


def _recent_month_day(month: int, day: int, today: date) -> date | None:
    for year in range(today.year, today.year - 9, -1):  # 02.29 needs up to 8 years back
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate <= today:
            return candidate
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
