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


@dataclass(frozen=True)
class FixedClock(Clock):
    """A clock stopped at one aware instant (tests, snapshots, benchmarks)."""

    instant: datetime

    def __post_init__(self) -> None:
        if self.instant.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")

    def now(self) -> datetime:
        return self.instant


def clock_from_env() -> Clock:
    """`JOURNAL_NOW` (ISO 8601 with offset) fixes the clock for scripted runs; otherwise the real one."""
    fixed = os.environ.get("JOURNAL_NOW")
    if not fixed:
        return Clock()
    try:
        instant = datetime.fromisoformat(fixed)
    except ValueError:
        from journal.errors import UsageError

        raise UsageError(f"JOURNAL_NOW={fixed!r} is not an ISO 8601 time; use e.g. 2026-11-23T09:00:00+09:00") from None
    if instant.tzinfo is None:
        instant = instant.astimezone()
    return FixedClock(instant)
