"""Where a note was written: its zone, and the day and clock time its moment has there.

A note's zone is an IANA name ("Asia/Seoul") when one is known, else a fixed UTC offset ("+05:45").
Its moment is an instant (stored in UTC); its day is the calendar day of that moment in its zone.

zoneinfo is imported only when a zone's rules are needed: `journal add` without a date needs the
zone's name, not its rules.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache

from journal.errors import UsageError

_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})(?::(\d{2}))?$")
_NAME = re.compile(r"^[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*$")
_ETC_GMT = re.compile(r"^Etc/GMT(?:([+-])(\d{1,2}))?$")
_SYSTEM_TZPATH = ("/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/usr/share/lib/zoneinfo", "/etc/zoneinfo")


class ZoneError(UsageError):
    """A zone name that is neither an IANA time zone nor an offset, or a day a zone skipped."""


def offset_name(delta: timedelta | None) -> str:
    """`+09:00`, `-03:30`, `+05:45` (and `+05:41:16` for the local mean times of old dates)."""
    seconds = int((delta or timedelta()).total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")


def is_offset(zone: str) -> bool:
    return bool(_OFFSET.match(zone))


@lru_cache(maxsize=128)
def tz(zone: str) -> tzinfo:
    """The rules of a zone: a fixed offset for `+05:45`, else the IANA zone (ZoneError if unknown)."""
    match = _OFFSET.match(zone)
    if match:
        sign, hours, minutes, seconds = match.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0))
        if delta >= timedelta(hours=24):
            raise ZoneError(f"the UTC offset {zone} is not less than 24 hours")
        return timezone(-delta if sign == "-" else delta)
    if not _NAME.match(zone):
        raise ZoneError(f"{zone!r} is not a time zone; use an IANA name such as Asia/Seoul, or an offset like +09:00")
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(zone)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        raise ZoneError(f"unknown time zone {zone!r}; use an IANA name such as Asia/Seoul") from None


def known(zone: str) -> bool:
    try:
        tz(zone)
    except ZoneError:
        return False
    return True


def canonical(zone: str) -> str:
    """A zone as stored: `Etc/GMT-9` (POSIX signs: nine hours east) is the fixed offset `+09:00`."""
    match = _ETC_GMT.match(zone)
    if match:
        hours = int(match.group(2) or 0)
        return offset_name(timedelta(hours=hours if match.group(1) == "-" else -hours))
    return zone


def name_of(tzinfo_: tzinfo | None, at: datetime) -> str:
    """The zone an aware datetime carries: its IANA name (ZoneInfo), else its offset at `at`."""
    key = getattr(tzinfo_, "key", None)
    if isinstance(key, str) and key:
        return canonical(key)
    return offset_name(at.utcoffset())


def machine_zone() -> str | None:
    """This computer's IANA zone, as the C library sees it: `$TZ`, else what /etc/localtime links to.
    None when neither names a zone file (a POSIX rule such as `TZ=XYZ-3`, or a copied /etc/localtime)."""
    name = os.environ.get("TZ")
    if name is None:
        try:
            name = os.readlink("/etc/localtime")
        except OSError:
            return None
    return _zone_file(name, os.environ.get("TZDIR"))


@lru_cache(maxsize=16)
def _zone_file(name: str, tzdir: str | None) -> str | None:
    """The zone `name` (from TZ or /etc/localtime) names, when a zone file has it (cached: an import asks
    for each of a million notes)."""
    name = name.removeprefix(":")
    if name.startswith("/"):
        if "zoneinfo/" not in name:
            return None
        name = name.rsplit("zoneinfo/", 1)[1]
    if not name or not _NAME.match(name) or ".." in name:
        return None
    folders = [tzdir] if tzdir else []
    if any(os.path.isfile(os.path.join(folder, name)) for folder in (*folders, *_SYSTEM_TZPATH)):
        return canonical(name)
    return None


def here(moment: datetime) -> str:
    """The zone a moment on this computer is in: its IANA name, else the local UTC offset then."""
    return machine_zone() or offset_name(moment.astimezone().utcoffset())


def at(moment: datetime, zone: str) -> datetime:
    """The moment as a clock in `zone` shows it."""
    return moment.astimezone(tz(zone))


def day_of(moment: datetime, zone: str) -> date:
    return at(moment, zone).date()


def moment_at(day: date, clock: time, zone: str, *, offset: str | None = None) -> datetime:
    """The instant a clock in `zone` shows `clock` on `day`.

    A time that happens twice (clocks going back) is the first one, unless `offset` (`-05:00`) names
    the other; a time the clocks skip (going forward) moves by the gap, later when that stays on the day
    (02:30 → 03:30), else earlier. A day the zone skipped entirely (Pacific/Apia, 2011-12-30) is an
    error: no moment has it.
    """
    # This computer's own zone needs no tz database: the C library has its rules (zoneinfo costs a few
    # milliseconds to import, and `journal add --date` is timed).
    rules = None if zone == machine_zone() else tz(zone)
    wall = datetime.combine(day, clock.replace(tzinfo=None))
    exact: list[datetime] = []  # the instants that show `wall` (two in the hour clocks go back)
    moved: list[datetime] = []  # in a gap: the instants a gap's width either side, still on the day
    for fold in (0, 1):  # (zoneinfo and the C library read the fold of a gap the opposite way)
        moment = wall.replace(tzinfo=rules, fold=fold).astimezone(UTC)
        shown = moment.astimezone(rules)
        if shown.replace(tzinfo=None, fold=0) == wall:
            if offset is not None and offset_name(shown.utcoffset()) == offset:
                return moment
            exact.append(moment)
        elif shown.date() == day:
            moved.append(moment)
    if exact:
        return min(exact)
    if moved:
        return max(moved)
    raise ZoneError(f"{day.isoformat()} did not happen in {zone} (its clocks skipped that day); choose another day")


def repeated(moment: datetime) -> bool:
    """Whether the clock time of this (zone-aware) moment happens twice that day (clocks going back)."""
    wall = moment.replace(tzinfo=None)
    rules = moment.tzinfo
    return wall.replace(tzinfo=rules, fold=0).utcoffset() != wall.replace(tzinfo=rules, fold=1).utcoffset()


def offset_before(day: date, zone: str) -> str:
    """The UTC offset a zone had as `day` began (for a day the zone skipped: the offset before the skip)."""
    return offset_name(datetime.combine(day, time()).replace(tzinfo=tz(zone)).utcoffset())


def label(moment: datetime) -> str:
    """A short mark for the zone of a displayed time: `EDT`, `AEDT`, else the offset (`+05:45`)."""
    name = moment.tzname() or ""
    return name if name.isalpha() and name.isascii() else offset_name(moment.utcoffset())


def differs_from_local(moment: datetime) -> bool:
    """Whether a clock here would show this moment differently (another offset than the local one then)."""
    try:
        return moment.utcoffset() != moment.astimezone().utcoffset()
    except (OverflowError, ValueError, OSError):
        return True


def clock_time(moment: datetime) -> str:
    """`23:30`, or `23:30 EDT` when that is not the time here: a note's time, shown where it was written."""
    shown = moment.strftime("%H:%M")
    return f"{shown} {label(moment)}" if differs_from_local(moment) else shown


def full_time(moment: datetime, zone: str) -> str:
    """`2026-07-01 23:30 -04:00 America/New_York` (the zone's name only when it is not just the offset)."""
    text = f"{moment:%Y-%m-%d %H:%M} {offset_name(moment.utcoffset())}"
    return text if is_offset(zone) else f"{text} {zone}"


# -- notes stored without a zone (schema 0004 and older, our JSON export version 1) ---------------


def settle(moment: datetime, day: date, local: str | None, *, first: str | None = None) -> tuple[str, datetime]:
    """A zone for a note stored with a moment and a day but no zone, and the moment to keep.

    Such a note's day was the local day of whoever wrote it. In order, the first that puts the moment on
    its day (`local` is this computer's IANA zone, or None to ask the C library for its offsets):

    0. `first`, when given (the masterclass notebook: Asia/Seoul, where it took place);
    1. this computer's zone (almost every note);
    2. an offset this computer's zone has in the moment's year or this one (standard or daylight time),
       as a fixed offset: a note dated with a time was stored with the offset of the day it was typed;
    3. the whole-hour offset nearest this computer's, from -12:00 to +14:00: a note imported from another
       zone, or back-dated across midnight;
    4. none can (a note back-dated by a day or more was stamped with the time it was typed): this
       computer's zone, and the back-dating rule's moment, 09:00 on the note's day. The stored time
       is then kept as when the note was written.
    The moment is unchanged in 0-3.
    """
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    home = local or None

    def local_offset(when: datetime) -> timedelta | None:
        try:
            return (when.astimezone(tz(home)) if home else when.astimezone()).utcoffset()
        except (OverflowError, ValueError, OSError):
            return None

    def falls_on_day(zone: str) -> bool:
        try:
            return day_of(moment, zone) == day
        except (OverflowError, ValueError, ZoneError):
            return False

    if first and falls_on_day(first):
        return first, moment
    mine = local_offset(moment)
    if home and falls_on_day(home):
        return home, moment
    if not home and mine is not None and falls_on_day(offset_name(mine)):
        return offset_name(mine), moment
    years = {moment.year, datetime.now(UTC).year}
    seasons = [datetime(y, m, 15, 12, tzinfo=UTC) for y in sorted(years) if 1 < y < 9999 for m in (1, 7)]
    offsets = {o for o in (local_offset(s) for s in seasons) if o is not None and o != mine}
    reference = mine or timedelta()
    for offset in sorted(offsets, key=lambda o: (abs(o - reference), o)):
        if falls_on_day(offset_name(offset)):
            return offset_name(offset), moment
    hours = [timedelta(hours=h) for h in range(-12, 15)]
    for offset in sorted(hours, key=lambda o: (abs(o - reference), o)):
        if falls_on_day(offset_name(offset)):
            return offset_name(offset), moment
    zone = home or offset_name(mine)
    try:
        return zone, moment_at(day, time(9), zone)
    except (OverflowError, ValueError, ZoneError):
        return "+00:00", datetime.combine(day, time(9), tzinfo=UTC)
