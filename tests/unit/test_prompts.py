from datetime import date, datetime, time

import pytest

from journal.errors import UsageError
from journal.prompts import Prompt, PromptEvent, latest_occurrence, occurrences, status_on, validate_rrule

START = date(2026, 1, 1)


def test_month_end_rule_over_short_months_and_leap_years() -> None:
    rule = "FREQ=MONTHLY;BYMONTHDAY=-1"
    days = occurrences(rule, date(2027, 12, 1), date(2028, 1, 1), date(2028, 4, 30))
    assert days == [date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31), date(2028, 4, 30)]


def test_leap_day_rule_only_in_leap_years() -> None:
    rule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"
    assert occurrences(rule, START, START, date(2033, 12, 31)) == [date(2028, 2, 29), date(2032, 2, 29)]


def test_weekly_rule_across_a_dst_change() -> None:
    # US and EU clocks change in March and October/November; occurrences are dates and never shift.
    rule = "FREQ=WEEKLY;BYDAY=FR"
    days = occurrences(rule, START, date(2026, 3, 1), date(2026, 3, 31))
    assert days == [date(2026, 3, 6), date(2026, 3, 13), date(2026, 3, 20), date(2026, 3, 27)]
    assert latest_occurrence(rule, START, date(2026, 11, 2)) == date(2026, 10, 30)


def test_rules_start_at_the_journal_start() -> None:
    assert latest_occurrence("FREQ=DAILY", date(2026, 11, 23), date(2026, 11, 22)) is None
    assert latest_occurrence("FREQ=DAILY", date(2026, 11, 23), date(2026, 11, 23)) == date(2026, 11, 23)


@pytest.mark.parametrize(
    "rule", ["FREQ=SOMETIMES", "FREQ=WEEKLY;BYDAY=XX", "", "BYDAY=MO", "FREQ=DAILY;DTSTART=20200101"]
)
def test_invalid_rrules_are_rejected_with_a_reason(rule: str) -> None:
    with pytest.raises(UsageError) as info:
        validate_rrule(rule)
    assert "RRULE" in info.value.message


def test_valid_rrules_are_normalised() -> None:
    assert validate_rrule("rrule:freq=weekly;byday=mo") == "FREQ=WEEKLY;BYDAY=MO"


WEEKLY_FR = Prompt("built", "만든 것?", "What did you build?", "FREQ=WEEKLY;BYDAY=FR")
FRIDAY = date(2026, 11, 20)


def test_due_on_the_day_and_for_a_grace_week() -> None:
    assert status_on(WEEKLY_FR, START, FRIDAY, []).due
    assert status_on(WEEKLY_FR, START, date(2026, 11, 22), []).due  # still due on Sunday
    assert status_on(WEEKLY_FR, START, date(2026, 11, 22), []).occurrence == FRIDAY
    monthly = Prompt("m", "", "monthly", "FREQ=MONTHLY;BYMONTHDAY=1")
    assert not status_on(monthly, START, date(2026, 11, 20), []).due  # 19 days late: no longer nagging


def test_answered_skipped_snoozed_are_not_due_until_the_next_occurrence() -> None:
    answered = [PromptEvent("built", FRIDAY, "answered")]
    assert not status_on(WEEKLY_FR, START, FRIDAY, answered).due
    assert status_on(WEEKLY_FR, START, FRIDAY, answered).answered
    assert status_on(WEEKLY_FR, START, date(2026, 11, 27), answered).due  # next Friday
    skipped = [PromptEvent("built", FRIDAY, "skipped")]
    assert not status_on(WEEKLY_FR, START, date(2026, 11, 21), skipped).due
    snoozed = [PromptEvent("built", FRIDAY, "snoozed", until=date(2026, 11, 22))]
    assert not status_on(WEEKLY_FR, START, date(2026, 11, 21), snoozed).due
    assert status_on(WEEKLY_FR, START, date(2026, 11, 22), snoozed).due  # the snooze is over


def test_paused_prompts_are_never_due() -> None:
    paused = Prompt("built", "만든 것?", "", "FREQ=DAILY", paused=True)
    assert not status_on(paused, START, FRIDAY, []).due


def test_language() -> None:
    assert WEEKLY_FR.text("ko") == "만든 것?"
    assert WEEKLY_FR.text("en") == "What did you build?"
    assert WEEKLY_FR.text("both") == "만든 것? / What did you build?"
    assert Prompt("x", "", "only english", "FREQ=DAILY").text("ko") == "only english"


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=WEEKLY",  # the start's weekday
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
        "FREQ=MONTHLY",  # the start's day of month
        "FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=-1",
        "FREQ=YEARLY;INTERVAL=2",
        "FREQ=DAILY;COUNT=4000",
    ],
)
def test_evaluation_from_a_moved_start_gives_the_same_schedule(rule: str) -> None:
    from dateutil.rrule import rrulestr

    start = date(1995, 5, 17)
    first, last = date(2026, 1, 1), date(2026, 12, 31)
    truth = [
        d.date()
        for d in rrulestr(rule, dtstart=datetime.combine(start, time())).between(
            datetime.combine(first, time()), datetime.combine(last, time()), inc=True
        )
    ]
    assert occurrences(rule, start, first, last) == truth
    latest = rrulestr(rule, dtstart=datetime.combine(start, time())).before(datetime(2026, 11, 23), inc=True)
    assert latest_occurrence(rule, start, date(2026, 11, 23)) == (latest.date() if latest else None)
