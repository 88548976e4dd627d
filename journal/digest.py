"""Looking back: the weekly "what did I build" digest, streaks, consistency and on-this-day.

Pure functions over plain entries and dates; services.py loads the data. Seed-notebook entries and
saved digests (#digest) are left out of every figure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from journal.dates import check_day
from journal.errors import DateRangeError, UsageError
from journal.records import Entry
from journal.text import tag_key

DIGEST_TAG = "digest"
ON_THIS_DAY_NOTES = 3  # a digest shows the last three notes of each day it looks back on, and how many more
_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


@dataclass(frozen=True)
class Week:
    start: date
    end: date
    label: str  # ISO week of the week's Monday, e.g. 2026-W47


def week_of(day: date, week_start: int) -> Week:
    """The week containing `day`, starting on `week_start` (0 = Monday … 6 = Sunday)."""
    start = day - timedelta(days=(day.weekday() - week_start) % 7)
    monday = start + timedelta(days=(0 - start.weekday()) % 7)
    year, number, _ = monday.isocalendar()
    return Week(start, start + timedelta(days=6), f"{year}-W{number:02d}")


def parse_week(text: str, week_start: int, parse_day) -> Week:  # type: ignore[no-untyped-def]
    """`2026-W47` (an ISO week) or any date word the CLI takes (`last friday`: its week)."""
    match = _ISO_WEEK.match(text.strip())
    if match:
        year, number = int(match[1]), int(match[2])
        try:
            monday = date.fromisocalendar(year, number, 1)
        except ValueError:
            weeks = date(year, 12, 28).isocalendar()[1]
            raise UsageError(f"{text} is not a week: {year} has weeks W01 to W{weeks}") from None
        check_day(monday, what=text)
        return week_of(monday, week_start)  # the week (in the user's week start) holding that ISO Monday
    try:
        return week_of(parse_day(text), week_start)
    except DateRangeError:
        raise
    except UsageError:
        raise UsageError(
            f"{text!r} is not a week; use an ISO week such as 2026-W47 or a date such as 'last friday'"
        ) from None


@dataclass(frozen=True)
class WeekStats:
    entry_count: int
    days_written: int
    words: int
    characters: int
    top_tags: list[tuple[str, int]]

    def to_json(self) -> dict[str, object]:
        return {
            "entry_count": self.entry_count,
            "days_written": self.days_written,
            "words": self.words,
            "characters": self.characters,
            "top_tags": [{"tag": t, "count": n} for t, n in self.top_tags],
        }


@dataclass(frozen=True)
class Streak:
    current: int
    longest: int
    consistency: dict[int, int]  # window in days -> days written in that window

    def to_json(self) -> dict[str, object]:
        return {
            "current": self.current,
            "longest": self.longest,
            "consistency": {f"last_{window}_days": n for window, n in self.consistency.items()},
        }


@dataclass(frozen=True)
class OnThisDay:
    label: str  # "1 week ago", "1 month ago", "1 year ago", …
    day: date
    entries: list[Entry]
    count: int = 0  # the day's notes, when `entries` shows only some of them (the digest: ON_THIS_DAY_NOTES)

    @property
    def more(self) -> int:
        return max(self.count - len(self.entries), 0)


@dataclass(frozen=True)
class Digest:
    week: Week
    built: list[Entry]
    days: list[tuple[date, list[Entry]]]
    stats: WeekStats
    previous: WeekStats
    streak: Streak
    on_this_day: list[OnThisDay] = field(default_factory=list)
    today: date | None = None  # days after it have not come yet: their notes are plans, not counted

    def to_json(self) -> dict[str, object]:
        return {
            "week": self.week.label,
            "start": self.week.start.isoformat(),
            "end": self.week.end.isoformat(),
            **self.stats.to_json(),
            "built": [e.to_json() for e in self.built],
            "days": [{"date": d.isoformat(), "entries": [e.to_json() for e in es]} for d, es in self.days],
            "previous_week": self.previous.to_json(),
            "streak": self.streak.to_json(),
            "on_this_day": [
                {
                    "label": o.label,
                    "date": o.day.isoformat(),
                    "count": max(o.count, len(o.entries)),
                    "entries": [e.to_json() for e in o.entries],
                }
                for o in self.on_this_day
            ],
        }


def countable(entries: list[Entry]) -> list[Entry]:
    """What the figures count: live notes in writable notebooks, not saved digests."""
    return [
        e
        for e in entries
        if not e.read_only and e.deleted_at is None and DIGEST_TAG not in {tag_key(t) for t in e.tags}
    ]


def week_stats(entries: list[Entry]) -> WeekStats:
    tags = Counter(tag_key(t) for e in entries for t in e.tags)
    shown = {}  # the first way each tag was written, for display
    for entry in entries:
        for tag in entry.tags:
            shown.setdefault(tag_key(tag), tag)
    return WeekStats(
        entry_count=len(entries),
        days_written=len({e.day for e in entries}),
        words=sum(len(e.body.split()) for e in entries),
        characters=sum(len(e.body) for e in entries),
        top_tags=[(shown[key], n) for key, n in tags.most_common(5)],
    )


def is_built(entry: Entry, build_tags: set[str], build_prompts: set[str]) -> bool:
    return (
        entry.starred
        or bool(build_tags & {tag_key(t) for t in entry.tags})
        or (entry.prompt is not None and entry.prompt[0] in build_prompts)
    )


def current_streak(written: set[date], today: date) -> int:
    """Days in a row with a note, ending today, or yesterday while today is still empty."""
    current = 0
    cursor = today if today in written else today - timedelta(days=1)
    while cursor in written:
        current += 1
        cursor -= timedelta(days=1)
    return current


def streak(days_written: list[date], today: date) -> Streak:
    """Current run, longest run, and how many days of the last 7, 30 and 365 have a note: one pass over the
    days as day numbers (fifty years of them are ~18,000)."""
    days = sorted({day.toordinal() for day in days_written})
    longest = run = 0
    previous = None
    for day in days:
        run = run + 1 if day - 1 == previous else 1
        if run > longest:
            longest = run
        previous = day
    end = today.toordinal()
    current, last = 0, bisect_right(days, end) - 1  # the last day up to today
    if last >= 0 and days[last] >= end - 1:  # today, or yesterday while today is still empty
        current = 1
        while last > 0 and days[last - 1] == days[last] - 1:
            current += 1
            last -= 1
    consistency = {window: bisect_right(days, end) - bisect_right(days, end - window) for window in (7, 30, 365)}
    return Streak(current, longest, consistency)


def on_this_day_dates(day: date, first: date | None) -> list[tuple[str, date]]:
    """1 week, 1 month and every year before `day`, back to the first note. Feb 29 falls back to Feb 28."""
    dates = [("1 week ago", day - timedelta(days=7)), ("1 month ago", day - relativedelta(months=1))]
    years = 1
    while first is not None and day - relativedelta(years=years) >= first:
        label = "1 year ago" if years == 1 else f"{years} years ago"
        dates.append((label, day - relativedelta(years=years)))
        years += 1
    return dates


def trimmed(body: str, limit: int = 160) -> str:
    flat = " ".join(body.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _change(now: int, before: int) -> str:
    diff = now - before
    return f"{diff:+d}" if diff else "±0"


def render_markdown(digest: Digest) -> str:
    week, stats, prev = digest.week, digest.stats, digest.previous
    out = [f"# Week {week.label} · {week.start.isoformat()} – {week.end.isoformat()}", ""]
    out += ["## What I built", ""]
    if digest.built:
        out += [f"- **{e.day.strftime('%a %m-%d')}** {trimmed(e.body)}" for e in digest.built]
    else:
        out.append("_Nothing tagged #built, starred, or answering a build prompt this week._")
    out += ["", "## Numbers", ""]
    out += [
        "| | this week | last week | change |",
        "| --- | --- | --- | --- |",
        f"| notes | {stats.entry_count} | {prev.entry_count} | {_change(stats.entry_count, prev.entry_count)} |",
        f"| days written | {stats.days_written}/7 | {prev.days_written}/7 | "
        f"{_change(stats.days_written, prev.days_written)} |",
        f"| words | {stats.words} | {prev.words} | {_change(stats.words, prev.words)} |",
        f"| characters | {stats.characters} | {prev.characters} | {_change(stats.characters, prev.characters)} |",
    ]
    if stats.top_tags:
        out += ["", "Top tags: " + ", ".join(f"#{t} ({n})" for t, n in stats.top_tags)]
    s = digest.streak
    out += [
        "",
        f"Streak: {s.current} day{'s' if s.current != 1 else ''} now, longest {s.longest}; "
        f"written on {s.consistency[7]} of the last 7 days and {s.consistency[30]} of the last 30.",
    ]
    out += ["", "## Day by day", ""]
    for day, entries in digest.days:
        out.append(f"### {day.strftime('%a %Y-%m-%d')}")
        out.append("")
        if entries:
            out += [
                f"- {e.body if len(e.body) <= 280 else trimmed(e.body, 280)}".replace("\n", "\n  ") for e in entries
            ]
        else:
            out.append("_not yet_" if digest.today is not None and day > digest.today else "_no note_")
        out.append("")
    if any(o.entries for o in digest.on_this_day):
        out += ["## On this day", ""]
        for item in digest.on_this_day:
            for entry in item.entries:
                out.append(f"- {item.label} ({item.day.isoformat()}): {trimmed(entry.body)}")
            if item.more:
                out.append(f"- {item.label} ({item.day.isoformat()}): … and {item.more} more that day")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_text(digest: Digest) -> str:
    """The Markdown, lightly: headings and bullets read fine in a terminal."""
    return render_markdown(digest).replace("**", "")
