"""The one place that reads the wall clock, so tests can fix time."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, tzinfo


class Clock:
    """The real clock, in the user's local time zone."""

    def now(self) -> datetime:
        return datetime.now().astimezone()

    def today(self) -> date:
        return self.now().date()

    @property
    def tz(self) -> tzinfo:
        tz = self.now().tzinfo
        assert tz is not None
        return tz

    def zone(self) -> str:
        """The zone a note written now is in: this computer's IANA zone, else the UTC offset now."""
        from journal.zones import here

        return here(self.now())


@dataclass(frozen=True)
class FixedClock(Clock):
    """A clock stopped at one aware instant (tests, snapshots, benchmarks)."""

    instant: datetime

    def __post_init__(self) -> None:
        if self.instant.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")

    def now(self) -> datetime:
        return self.instant

    def zone(self) -> str:
        """The instant's own zone when it carries one (ZoneInfo); for a bare offset, this computer's zone
        if it has that offset then, else the offset itself."""
        from journal import zones

        if getattr(self.instant.tzinfo, "key", None):
            return zones.name_of(self.instant.tzinfo, self.instant)
        mine = zones.machine_zone()
        if mine is not None and zones.at(self.instant, mine).utcoffset() == self.instant.utcoffset():
            return mine
        return zones.offset_name(self.instant.utcoffset())


def clock_from_env() -> Clock:
    """`JOURNAL_NOW` (ISO 8601 with offset) fixes the clock for scripted runs; otherwise the real one."""
    fixed = os.environ.get("JOURNAL_NOW")
    if not fixed:
        return Clock()
    from journal.errors import UsageError

    try:
        instant = datetime.fromisoformat(fixed)
        if instant.tzinfo is None:
            instant = instant.astimezone()
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"JOURNAL_NOW={fixed!r} is not an ISO 8601 time; use e.g. 2026-11-23T09:00:00+09:00") from None
    from journal.dates import FIRST_DAY, LAST_DAY, RANGE

    if not FIRST_DAY <= instant.date() <= LAST_DAY:
        raise UsageError(f"JOURNAL_NOW={fixed!r} is outside the dates journal keeps ({RANGE})")
    return FixedClock(instant)
