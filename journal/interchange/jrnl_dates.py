"""jrnl's entry dates: which time format a journal was written in, and whether a bracket starts an entry.

jrnl reads a header `[blob] ` with its configured `timeformat` (`strptime`), and when that fails with its
fuzzy parser (`jrnl.time.parse(blob, bracketed=True)`: python-dateutil, then parsedatetime; nothing of six
characters or fewer). A line of a body that the fuzzy parser reads as a date starts a new entry in jrnl.

The configured format is not in the file, so it is told from the headers: the first header's shape picks
the candidates (`CANDIDATES`), and later headers of that shape settle day/month order (a 13 or more in
either place). `--time-format` gives it when no candidate fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

_DATES = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y", "%m.%d.%Y", "%d/%m/%Y", "%m/%d/%Y", "%d-%m-%Y", "%m-%d-%Y",
    "%d.%m.%y", "%m.%d.%y", "%d/%m/%y", "%m/%d/%y", "%y-%m-%d",
    "%d %b %Y", "%b %d, %Y", "%d %B %Y", "%B %d, %Y", "%a %d %b %Y", "%a, %d %b %Y", "%A, %B %d, %Y", "%A %d %B %Y",
)  # fmt: skip
_TIMES = (" %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p", " %I:%M%p", "")
CANDIDATES = (*(d + t for d in _DATES for t in _TIMES), "%a %b %d %H:%M:%S %Y")  # the last is `%c`
"""Time formats a jrnl journal may be written in, in order of preference where a date fits several."""

_MONTH_FIRST = re.compile(r"%m[./-]%d")
_DAY_FIRST = re.compile(r"%d[./-]%m")


@dataclass(frozen=True)
class TimeFormat:
    format: str
    settled: bool = True  # False: day/month order not shown by any date in the file (read as the first guess)

    def parse(self, blob: str) -> datetime | None:
        return parse_with(self.format, blob)


def parse_with(fmt: str, blob: str) -> datetime | None:
    fast = _FAST.get(fmt)
    if fast is not None:
        match = fast.fullmatch(blob)
        if match is None:
            return None
        try:
            return datetime(*map(int, match.groups()))  # type: ignore[misc]
        except ValueError:
            return None
    try:
        return datetime.strptime(blob, fmt)
    except ValueError:
        return None


_FAST = {  # the common formats without strptime's overhead (a million headers)
    "%Y-%m-%d %H:%M": re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2})"),
    "%Y-%m-%d %H:%M:%S": re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})"),
}


def fitting(blob: str) -> list[str]:
    """The candidate formats that read `blob`, in order of preference."""
    return [fmt for fmt in _candidates_for(shape(blob)) if parse_with(fmt, blob) is not None]


def shape(blob: str) -> str:
    return re.sub(r"[A-Za-z]+", "a", re.sub(r"\d+", "9", blob))


@lru_cache(maxsize=64)
def _candidates_for(blob_shape: str) -> tuple[str, ...]:
    """Candidates whose own shape could match (a cheap filter before strptime)."""
    sample = datetime(2021, 3, 19, 14, 5, 9)
    return tuple(fmt for fmt in CANDIDATES if shape(sample.strftime(fmt)) == blob_shape)


def settle(first: list[str], blobs: Iterable[str]) -> TimeFormat:
    """From the formats fitting the first header, the one every later header of its shape fits: a date
    with 13 or more where the day or the month goes decides the order. Stops as soon as it is decided."""
    left = list(first)
    wanted = shape(datetime(2021, 3, 19, 14, 5, 9).strftime(left[0])) if left else ""
    for blob in blobs:
        if len(left) <= 1:
            break
        if shape(blob) == wanted:
            left = [fmt for fmt in left if parse_with(fmt, blob) is not None] or left
    return TimeFormat(_prefer(left), settled=len(left) == 1)


def _prefer(formats: list[str]) -> str:
    """Day first for `.` and `-` (as in most of Europe), month first for `/` (as in the US)."""
    for fmt in formats:
        if "/" in fmt and _MONTH_FIRST.search(fmt):
            return fmt
        if "/" not in fmt and _DAY_FIRST.search(fmt):
            return fmt
    return formats[0]


def other_order(fmt: str) -> str:
    """The same format with day and month the other way round."""
    return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")


# -- jrnl's fuzzy parser, for brackets that are not in the journal's format -----------------------------


def fuzzy_date(blob: str, now: datetime) -> datetime | None:
    """What `jrnl.time.parse(blob, bracketed=True)` (jrnl 4.6) returns, with `now` as the time it runs:
    python-dateutil when the blob has a year (jrnl discards dateutil's answer otherwise), else
    parsedatetime; a bare number is a year; a date more than four weeks ahead without a year is last
    year's. None when it is not a date: then the bracket does not start an entry."""
    if len(blob) <= 6:  # "probably a markdown footnote"
        return None
    parts: tuple[int, ...] | None = None
    has_date = has_time = year_present = False
    try:
        from dateutil.parser import parse as dateparse

        parsed = dateparse(blob, default=datetime(9999, 1, 1))
        if parsed.year != 9999:
            year_present = True
            has_time = not (parsed.hour == parsed.minute == 0)
            has_date = True
            parts = parsed.timetuple()[:6]
    except (ValueError, OverflowError, TypeError, IndexError):
        pass
    if parts is None:
        parsed_pdt, has_date, has_time = _pdt(blob, now)
        parts = tuple(parsed_pdt[:6])
    if not has_date and not has_time:
        try:
            return datetime(int(blob), 1, 1)
        except (ValueError, OverflowError):
            return None
    try:
        date = datetime(*parts[:3]) if has_date and not has_time else datetime(*parts[:6])
    except ValueError:
        return None
    if (now - date).days < -28 and not year_present:
        try:
            date = date.replace(year=date.year - 1)
        except ValueError:  # 29 February
            date = date.replace(year=date.year - 1, day=28)
    return date


def _pdt(blob: str, now: datetime) -> tuple[tuple[int, ...], bool, bool]:
    try:
        parsed, context = _calendar().parse(blob, sourceTime=now.timetuple())
    except (ValueError, OverflowError, TypeError, IndexError):
        return (0,) * 6, False, False
    return tuple(parsed[:6]), bool(context.hasDate), bool(context.hasTime)


@lru_cache(maxsize=1)
def _calendar():  # type: ignore[no-untyped-def]
    import parsedatetime

    constants = parsedatetime.Constants(usePyICU=False)
    constants.DOWParseStyle = -1  # as jrnl: "Monday" is today or the last Monday
    return parsedatetime.Calendar(constants, version=parsedatetime.VERSION_CONTEXT_STYLE)
