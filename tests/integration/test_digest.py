from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from journal.clock import FixedClock
from journal.services import Journal
from tests.conftest import SEOUL


def at(day: date, hour: int = 10, minute: int = 0) -> FixedClock:
    return FixedClock(datetime(day.year, day.month, day.day, hour, minute, tzinfo=SEOUL))


def write(home: Path, day: date, text: str, hour: int = 10, minute: int = 0, **kwargs) -> int:
    with Journal(home, clock=at(day, hour, minute)) as journal:
        return journal.entries.add(text, **kwargs).id


def test_digest_counts_built_and_compares_weeks(home: Path) -> None:
    write(home, date(2026, 11, 10), "last week #경량화")
    write(home, date(2026, 11, 16), "shipped the index #built")
    write(home, date(2026, 11, 17), "만든 것: 데모 #만듦")
    write(home, date(2026, 11, 18), "a starred thought", starred=True)
    write(home, date(2026, 11, 18), "plain note #경량화 #TF-Lite")
    with Journal(home, clock=at(date(2026, 11, 20))) as journal:
        answer = journal.prompts.answer("built-this-week", "a CLI, from scratch")
        digest = journal.review.digest(journal.review.week("2026-W47"))
    built = [e.body for e in digest.built]
    assert built == ["shipped the index #built", "만든 것: 데모 #만듦", "a starred thought", "a CLI, from scratch"]
    assert answer.id in {e.id for e in digest.built}
    assert digest.stats.entry_count == 5
    assert digest.stats.days_written == 4
    assert digest.previous.entry_count == 1 and digest.previous.days_written == 1
    assert dict(digest.stats.top_tags)["TF-Lite"] == 1
    assert [len(es) for _, es in digest.days] == [1, 1, 2, 0, 1, 0, 0]  # empty days are listed too


def test_a_note_at_23_30_local_belongs_to_that_day(home: Path) -> None:
    # 23:30 in Seoul on Sunday is 14:30 UTC on Sunday; 00:30 on Monday is still Sunday in UTC.
    write(home, date(2026, 11, 22), "late sunday", hour=23, minute=30)
    write(home, date(2026, 11, 23), "early monday", hour=0, minute=30)
    with Journal(home, clock=at(date(2026, 11, 23))) as journal:
        w47 = journal.review.digest(journal.review.week("2026-W47"))
        w48 = journal.review.digest(journal.review.week("2026-W48"))
    assert [e.body for _, es in w47.days for e in es] == ["late sunday"]
    assert [e.body for _, es in w48.days for e in es] == ["early monday"]


def test_empty_week(home: Path) -> None:
    with Journal(home, clock=at(date(2026, 11, 23))) as journal:
        digest = journal.review.digest(journal.review.week("2020-W53"))
    assert digest.stats.entry_count == 0 and digest.built == []
    assert digest.days[0][0] == date(2020, 12, 28)


def test_seed_entries_stay_out_of_digests(new_home: Path) -> None:
    with Journal(new_home, clock=at(date(2026, 11, 23))) as journal:
        digest = journal.review.digest(journal.review.week("2021-W11"))  # the masterclass week
        assert digest.stats.entry_count == 0
        assert journal.review.stats()["total_notes"] == 0


def test_on_this_day_finds_last_year_and_last_week(home: Path) -> None:
    write(home, date(2025, 11, 23), "a year ago today")
    write(home, date(2026, 11, 16), "a week ago today")
    with Journal(home, clock=at(date(2026, 11, 23))) as journal:
        found = {o.label: [e.body for e in o.entries] for o in journal.review.digest().on_this_day}
    assert found == {"1 week ago": ["a week ago today"], "1 year ago": ["a year ago today"]}


def test_saving_twice_updates_the_same_entry(home: Path) -> None:
    write(home, date(2026, 11, 16), "shipped #built")
    with Journal(home, clock=at(date(2026, 11, 22))) as journal:
        first = journal.review.save_digest(journal.review.week("2026-W47"))
        assert "digest" in first.tags and first.day == date(2026, 11, 22)
    write(home, date(2026, 11, 18), "another #built")
    with Journal(home, clock=at(date(2026, 11, 23))) as journal:
        second = journal.review.save_digest(journal.review.week("2026-W47"))
        assert second.id == first.id
        assert "another" in second.body
        assert len(journal.entries.history(first.id)) == 2  # the first version is kept as a revision
        assert [e.id for e in journal.entries.list(tags=("digest",))] == [first.id]
        assert journal.review.digest(journal.review.week("2026-W47")).stats.entry_count == 2  # digests do not count
        assert any(h.entry.id == first.id for h in journal.index.search("#digest"))


def test_stats(home: Path) -> None:
    for day in (date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)):
        write(home, day, "note #routine")
    with Journal(home, clock=at(date(2026, 11, 23))) as journal:
        figures = journal.review.stats()
    assert figures["total_notes"] == 3
    assert figures["first_note"] == "2026-11-20"
    assert figures["streak"]["current"] == 3 and figures["streak"]["longest"] == 3
    assert figures["notes_per_weekday"]["fri"] == 1 and figures["notes_per_weekday"]["sun"] == 1
    assert figures["top_tags"] == [{"tag": "routine", "count": 3}]
    assert figures["year"]["2026-11-21"] == 1
