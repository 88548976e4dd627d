"""When a reflection prompt is due: RRULE evaluation (python-dateutil) and the answered/skipped/snoozed
rules. Pure functions on plain data; schedules are evaluated on dates, so time zones and DST never
shift an occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from math import gcd

from journal.errors import UsageError

GRACE_DAYS = 7
"""A missed occurrence stays due this many days (Friday's prompt still shows on Saturday), never longer."""

SLOTS = ("morning", "evening", "any")


@dataclass(frozen=True)
class Prompt:
    id: str
    text_ko: str
    text_en: str
    rrule: str
    slot: str = "any"
    kind: str = "reflect"
    source: str = "user"
    paused: bool = False

    def text(self, language: str) -> str:
        if language == "ko":
            return self.text_ko or self.text_en
        if language == "en":
            return self.text_en or self.text_ko
        return " / ".join(t for t in (self.text_ko, self.text_en) if t)


@dataclass(frozen=True)
class PromptEvent:
    prompt_id: str
    occurrence: date
    action: str  # answered, skipped, snoozed
    until: date | None = None


@dataclass(frozen=True)
class PromptStatus:
    prompt: Prompt
    occurrence: date | None  # the occurrence that counts on the day asked about
    answered: bool
    skipped: bool
    snoozed_until: date | None
    due: bool

    def to_json(self, language: str) -> dict[str, object]:
        return {
            "id": self.prompt.id,
            "text": self.prompt.text(language),
            "due": self.occurrence.isoformat() if self.occurrence else None,
            "answered": self.answered,
            "skipped": self.skipped,
            "snoozed_until": self.snoozed_until.isoformat() if self.snoozed_until else None,
            "slot": self.prompt.slot,
            "rrule": self.prompt.rrule,
            "paused": self.prompt.paused,
        }


def validate_rrule(rule: str) -> str:
    """The normalised rule, or a UsageError carrying the parser's reason."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        raise UsageError("the RRULE is empty; try FREQ=DAILY or FREQ=WEEKLY;BYDAY=MO")
    if "DTSTART" in text.upper():
        raise UsageError("leave DTSTART out of the RRULE: prompts start from the journal's start date")
    try:
        _compiled(text.upper(), date(2000, 1, 1))
    except (ValueError, TypeError) as exc:
        raise UsageError(f"invalid RRULE {rule!r}: {exc}") from None
    return text.upper()


@lru_cache(maxsize=256)
def _compiled(rule: str, start: date):  # type: ignore[no-untyped-def]
    from dateutil.rrule import rrulestr

    return rrulestr(rule, dtstart=datetime.combine(start, time()))


HISTORY_DAYS = 800
"""How far before the asked-about day a rule is evaluated from (see _anchored)."""


def _anchored(rule: str, start: date, near: date) -> date:
    """The start moved forward by whole periods of the rule, so evaluation stays short for old journals.

    dateutil iterates every occurrence from DTSTART: ten prompts on a journal started decades ago took
    550 ms. Moving DTSTART by whole periods (INTERVAL days or weeks; whole years for monthly and yearly
    rules) leaves the schedule unchanged. Rules with COUNT, and starts on Feb 29, keep their true start.
    """
    parts = dict(part.split("=", 1) for part in rule.split(";") if "=" in part)
    target = near - timedelta(days=HISTORY_DAYS)
    if "COUNT" in parts or (start.month == 2 and start.day == 29) or target <= start:
        return start
    interval = int(parts.get("INTERVAL") or 1)
    freq = parts.get("FREQ", "")
    if freq in ("DAILY", "WEEKLY"):
        period = interval * (7 if freq == "WEEKLY" else 1)
        return start + timedelta(days=period * ((target - start).days // period))
    if freq in ("MONTHLY", "YEARLY"):
        step = interval if freq == "YEARLY" else interval // gcd(interval, 12)  # whole years per period cycle
        years = (target.year - start.year) // step * step
        return start.replace(year=start.year + years) if years > 0 else start
    return start


def latest_occurrence(rule: str, start: date, day: date) -> date | None:
    found = _compiled(rule, _anchored(rule, start, day)).before(datetime.combine(day, time()), inc=True)
    return found.date() if found else None


def next_occurrence(rule: str, start: date, after: date) -> date | None:
    found = _compiled(rule, _anchored(rule, start, after)).after(datetime.combine(after, time()), inc=False)
    return found.date() if found else None


def occurrences(rule: str, start: date, first: date, last: date) -> list[date]:
    rule_set = _compiled(rule, _anchored(rule, start, first))
    between = rule_set.between(datetime.combine(first, time()), datetime.combine(last, time()), inc=True)
    return [d.date() for d in between]


def status_on(prompt: Prompt, start: date, day: date, events: list[PromptEvent]) -> PromptStatus:
    occurrence = latest_occurrence(prompt.rrule, start, day)
    if occurrence is not None and (day - occurrence).days >= GRACE_DAYS:
        occurrence = None
    mine = [e for e in events if e.prompt_id == prompt.id and e.occurrence == occurrence]
    answered = any(e.action == "answered" for e in mine)
    skipped = any(e.action == "skipped" for e in mine)
    snoozes = [e.until for e in mine if e.action == "snoozed" and e.until is not None]
    snoozed_until = max(snoozes) if snoozes and max(snoozes) > day else None
    due = occurrence is not None and not (prompt.paused or answered or skipped or snoozed_until)
    return PromptStatus(prompt, occurrence, answered, skipped, snoozed_until, due)


def default_snooze(day: date) -> date:
    return day + timedelta(days=1)


class Deferred:
    """A skip or a snooze as it was recorded: which occurrence, until when, and when the prompt is next due.
    (A plain class: a dataclass costs `journal add` most of a millisecond to create at import.)"""

    __slots__ = ("next_due", "occurrence", "prompt", "until")

    def __init__(self, prompt: Prompt, occurrence: date, until: date | None, next_due: date | None) -> None:
        self.prompt = prompt
        self.occurrence = occurrence
        self.until = until  # a snooze's end; None for a skip
        self.next_due = next_due  # the occurrence after the skipped one (None: the rule has no more)
