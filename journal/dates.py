"""Natural dates: what a user types for "when", in English and Korean, looking back or ahead.

Everything resolves against a given `today` so that the clock stays injectable. Where a date looks
back (`--date`, list filters, the `WHEN:` prefix) a bare weekday is the most recent one (today
included) and a month and day without a year ("March 19", "03.19", "3월 19일") the most recent such
day; where it looks ahead (`snooze --until`) a bare weekday is the coming one (after today) and a
month and day the next such day. Dates outside FIRST_DAY..LAST_DAY are refused: every zone, every
export format and the arithmetic of streaks and schedules can represent the days in between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from journal.errors import DateParseError, DateRangeError

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
RANGE = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"


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
    "tomorrow": 1, "내일": 1, "모레": 2, "글피": 3,
    "last week": -7, "지난주": -7, "지난 주": -7, "저번주": -7, "저번 주": -7,
    "next week": 7, "다음주": 7, "다음 주": 7,
}  # fmt: skip

_RELATIVE_MONTHS = {
    "last month": -1, "지난달": -1, "지난 달": -1, "저번달": -1, "저번 달": -1,
    "next month": 1, "다음달": 1, "다음 달": 1,
    "last year": -12, "작년": -12, "next year": 12, "내년": 12,
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
_UNIT = r"(?P<unit>[a-z]+|일|주|달|개월|년)"
_AGO = re.compile(rf"^(?P<n>\d+|an?)\s*{_UNIT}\s*(?:ago|전)$")
_AHEAD = re.compile(
    rf"^(?:in\s+(?P<n1>\d+|an?)\s+{_UNIT.replace('unit', 'u1')}"
    rf"|(?P<n2>\d+|an?)\s*{_UNIT.replace('unit', 'u2')}\s*(?:from\s+(?:now|today)|후|뒤))$"
)
_WEEKDAY_PHRASE = re.compile(
    r"^(?:(?P<pre>last|next|this|coming|지난|저번|다음|이번|오는)\s*(?P<week>주)?\s*)?"
    r"(?P<wd>[a-z]+|[월화수목금토일]요일)"
    r"(?:\s+(?P<post>last|next|this)\s+week)?$"
)
_BACK, _AHEAD_WORDS, _THIS = {"last", "지난", "저번"}, {"next", "coming", "다음", "오는"}, {"this", "이번"}
_MONTH_NAME_DATE = re.compile(
    r"^(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[a-z]+)|(?P<m2>[a-z]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)"
    r"(?:,?\s+(?P<y>\d{4}))?$"
)


def parse_when(text: str, today: date, *, ahead: bool = False) -> When:
    """Parse a user's date, optionally with a time of day. Raises DateParseError quoting the input, or
    DateRangeError for a day outside FIRST_DAY..LAST_DAY. `ahead`: a bare weekday or month-day is the
    coming one, not the past one."""
    try:
        when = _parse(text, today, ahead)
    except (OverflowError, ValueError):  # "9999 years ago", "in 99999999 days"
        raise DateRangeError(f"{text.strip()!r} is outside the dates journal keeps ({RANGE})") from None
    check_day(when.day, what=repr(text.strip()))
    return when


def check_day(day: date, *, what: str = "") -> date:
    """The day itself, or DateRangeError when it is outside FIRST_DAY..LAST_DAY."""
    if not FIRST_DAY <= day <= LAST_DAY:
        named = f"{what} is {day.isoformat()}" if what and what.strip("'\"") != day.isoformat() else day.isoformat()
        raise DateRangeError(f"{named}: outside the dates journal keeps ({RANGE})")
    return day


def _parse(text: str, today: date, ahead: bool) -> When:
    raw = text
    text = " ".join(text.strip().lower().split())
    if not text:
        raise DateParseError(raw)
    when = _parse_day_only(text, today, ahead)
    if when is not None:
        return When(when)
    # A trailing time of day: "2021-03-19 14:05", "yesterday 9pm", "today at 7:30".
    match = _TIME.search(text)
    if match and match.start() > 0:
        head = text[: match.start()].strip()
        clock_time = _time_from_match(match)
        day = _parse_day_only(head, today, ahead) if head else None
        if day is not None and clock_time is not None:
            return When(day, clock_time)
    korean = _KOREAN_TIME.search(text)  # "어제 오후 9시", "2021-03-19 오전 10시 30분", "내일 21시"
    if korean and korean.start() > 0:
        day = _parse_day_only(text[: korean.start()].strip(), today, ahead)
        clock_time = _korean_time(korean)
        if day is not None and clock_time is not None:
            return When(day, clock_time)
    iso_t = re.match(r"^(\d{4}-\d{2}-\d{2})t(\d{2}:\d{2}(?::\d{2})?)$", text)
    if iso_t:
        day = _parse_day_only(iso_t.group(1), today, ahead)
        if day is not None:
            return When(day, time.fromisoformat(iso_t.group(2)))
    raise DateParseError(raw)


def parse_day(text: str, today: date, *, ahead: bool = False) -> date:
    return parse_when(text, today, ahead=ahead).day


def split_when_prefix(body: str, today: date) -> tuple[When | None, str]:
    """jrnl's `WHEN: text` form. Only a prefix that parses as a date counts; otherwise the body is kept.
    A prefix that is a date outside the range journal keeps is an error, not text."""
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
        except DateRangeError:
            raise
        except DateParseError:
            continue
        return when, remainder.strip()
    return None, body


_KOREAN_TIME = re.compile(
    r"\s+(?P<half>오전|오후|아침|저녁|밤)?\s*(?P<h>\d{1,2})시(?:\s*(?P<m>\d{1,2})분|\s*(?P<half_hour>반))?$"
)


def _korean_time(match: re.Match[str]) -> time | None:
    """`오후 9시` 21:00, `오전 10시 30분` 10:30, `9시 반` 09:30, `21시` 21:00; 저녁 and 밤 (from 6) are evening
    hours."""
    hour = int(match.group("h"))
    minute = 30 if match.group("half_hour") else int(match.group("m") or 0)
    half = match.group("half")
    if half:
        if not 1 <= hour <= 12 or (half == "밤" and hour == 12):  # 밤 12시: which day's midnight? ask again
            return None
        afternoon = half in ("오후", "저녁") or (half == "밤" and hour != 12 and hour >= 6)
        hour = hour % 12 + (12 if afternoon else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


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


def _parse_day_only(text: str, today: date, ahead: bool) -> date | None:
    if text in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[text])
    if text in _RELATIVE_MONTHS:
        return _months_from(today, _RELATIVE_MONTHS[text])
    if m := _ISO.match(text):
        return _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    if re.fullmatch(r"\d{8}", text):
        return _safe_date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if m := _MONTH_DAY_NUM.match(text):
        return _month_day(int(m["mo"]), int(m["d"]), today, ahead)
    if m := _KOREAN_DATE.match(text):
        if m["y"]:
            return _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
        return _month_day(int(m["mo"]), int(m["d"]), today, ahead)
    if m := _AGO.match(text):
        return _shift(m["n"], m["unit"], today, -1)
    if m := _AHEAD.match(text):
        return _shift(m["n1"] or m["n2"], m["u1"] or m["u2"], today, 1)
    if m := _WEEKDAY_PHRASE.match(text):
        weekday = _WEEKDAYS.get(m["wd"])
        return None if weekday is None else _weekday(weekday, m["pre"], bool(m["week"]), m["post"], today, ahead)
    if m := _MONTH_NAME_DATE.match(text):
        month = _month_number(m["m1"] or m["m2"])
        day = int(m["d1"] or m["d2"])
        if month is None:
            return None
        if m["y"]:
            return _safe_date(int(m["y"]), month, day)
        return _month_day(month, day, today, ahead)
    return None


def _weekday(weekday: int, pre: str | None, week: bool, post: str | None, today: date, ahead: bool) -> date:
    """`friday` (as the direction says), `last friday` / `next friday` (the one before / after today,
    never today), `this friday` / `이번 주 금요일` / `다음 주 금요일` / `friday next week` (in that week,
    weeks starting on Monday)."""
    if week or post or pre in _THIS:
        word = post or pre or "this"
        weeks = -1 if word in _BACK else 1 if word in _AHEAD_WORDS else 0
        monday = today - timedelta(days=today.weekday())
        return monday + timedelta(days=7 * weeks + weekday)
    if pre in _BACK:
        return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)
    if pre in _AHEAD_WORDS or ahead:
        return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def _shift(amount: str, unit: str, today: date, sign: int) -> date | None:
    n = 1 if amount in ("a", "an") else int(amount)
    if unit in _UNIT_DAYS:
        return today + timedelta(days=sign * n * _UNIT_DAYS[unit])
    if unit in _UNIT_MONTHS:
        return _months_from(today, sign * n * _UNIT_MONTHS[unit])
    return None


def _months_from(today: date, months: int) -> date:
    from dateutil.relativedelta import relativedelta

    return today + relativedelta(months=months)


def _month_number(name: str) -> int | None:
    return _MONTHS.get(name.rstrip("."))


def _month_day(month: int, day: int, today: date, ahead: bool) -> date | None:
    """The most recent such day that is not in the future; ahead, the next that is not in the past."""
    step = 1 if ahead else -1
    for year in range(today.year, today.year + 9 * step, step):  # 02.29 needs up to 8 years
        candidate = _safe_date(year, month, day)
        if candidate is not None and (candidate >= today if ahead else candidate <= today):
            return candidate
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
