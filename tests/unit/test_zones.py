"""Zones: wall time ↔ moment with each zone's rules, the zone of this computer, and the rule that gives
notes stored without a zone (schema 0004, JSON version 1) their zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from journal import zones
from journal.interchange.dayone import dayone_zone
from tests.conftest import time_zone


def test_a_summer_time_uses_the_summer_offset_whatever_the_season_now() -> None:
    """#17 item 1: in December, 2026-07-01 23:30 in New York is 23:30 EDT, on 07-01."""
    moment = zones.moment_at(date(2026, 7, 1), time(23, 30), "America/New_York")
    assert moment == datetime(2026, 7, 2, 3, 30, tzinfo=UTC)
    assert zones.at(moment, "America/New_York").isoformat() == "2026-07-01T23:30:00-04:00"
    assert zones.day_of(moment, "America/New_York") == date(2026, 7, 1)


def test_a_skipped_time_moves_by_the_gap_and_a_repeated_one_is_the_first() -> None:
    spring = zones.moment_at(date(2026, 3, 8), time(2, 30), "America/New_York")
    assert zones.at(spring, "America/New_York").strftime("%H:%M %z") == "03:30 -0400"
    fall = zones.moment_at(date(2026, 11, 1), time(1, 30), "America/New_York")
    assert zones.at(fall, "America/New_York").strftime("%H:%M %z") == "01:30 -0400"
    assert zones.repeated(zones.at(fall, "America/New_York"))
    second = zones.moment_at(date(2026, 11, 1), time(1, 30), "America/New_York", offset="-05:00")
    assert second - fall == timedelta(hours=1)


def test_a_gap_at_midnight_stays_on_its_day() -> None:
    """America/Santiago springs forward at midnight: 00:30 on that day is 01:30, not the day before."""
    moment = zones.moment_at(date(2026, 9, 6), time(0, 30), "America/Santiago")
    assert zones.day_of(moment, "America/Santiago") == date(2026, 9, 6)


def test_a_day_the_zone_skipped_is_an_error() -> None:
    with pytest.raises(zones.ZoneError, match="did not happen in Pacific/Apia"):
        zones.moment_at(date(2011, 12, 30), time(9), "Pacific/Apia")
    assert zones.offset_before(date(2011, 12, 30), "Pacific/Apia") == "-10:00"


@pytest.mark.parametrize(
    ("zone", "expected"),
    [("+05:45", timedelta(hours=5, minutes=45)), ("-03:30", -timedelta(hours=3, minutes=30)), ("+00:00", timedelta())],
)
def test_fixed_offsets(zone: str, expected: timedelta) -> None:
    assert zones.tz(zone).utcoffset(None) == expected
    assert zones.offset_name(expected) == zone


@pytest.mark.parametrize("zone", ["Mars/Olympus", "../etc/passwd", "", "+25:00", "America"])
def test_unknown_zones_are_refused(zone: str) -> None:
    assert not zones.known(zone)


@pytest.mark.parametrize(
    ("zone", "written"),
    [("Asia/Seoul", "Asia/Seoul"), ("+09:00", "Etc/GMT-9"), ("-05:00", "Etc/GMT+5"), ("+00:00", "+00:00"),
     ("+05:45", "+05:45")],
)  # fmt: skip
# (+00:00 is written as itself: Day One's Etc/GMT is read as UTC, #20)
def test_day_one_zone_names_round_trip(zone: str, written: str) -> None:
    assert dayone_zone(zone) == written
    assert zones.canonical(written) == zone


def test_the_machine_zone_comes_from_tz_or_etc_localtime() -> None:
    with time_zone("America/New_York"):
        assert zones.machine_zone() == "America/New_York"
    with time_zone(":Asia/Kathmandu"):
        assert zones.machine_zone() == "Asia/Kathmandu"
    with time_zone("XYZ-3"):  # a POSIX rule, not a zone name: the offset stands in
        assert zones.machine_zone() is None
        assert zones.here(datetime(2026, 1, 1, tzinfo=UTC)) == "+03:00"


def test_clock_time_marks_a_zone_that_is_not_local() -> None:
    seoul = zones.at(datetime(2026, 7, 1, 5, 0, tzinfo=UTC), "Asia/Seoul")
    new_york = zones.at(datetime(2026, 7, 2, 3, 30, tzinfo=UTC), "America/New_York")
    kathmandu = zones.at(datetime(2026, 7, 1, 5, 0, tzinfo=UTC), "Asia/Kathmandu")
    assert zones.clock_time(seoul) == "14:00"  # the tests run in Asia/Seoul
    assert zones.clock_time(new_york) == "23:30 EDT"
    assert zones.clock_time(kathmandu) == "10:45 +05:45"


# -- notes stored without a zone (the 0005 migration, JSON version 1) --------------------------------


def _settle(stored: str, day: str, local: str | None = "Asia/Seoul", **kw: str) -> tuple[str, str]:
    zone, moment = zones.settle(datetime.fromisoformat(stored), date.fromisoformat(day), local, **kw)
    return zone, zones.at(moment, zone).isoformat()


def test_settle_keeps_the_local_zone_when_it_agrees() -> None:
    assert _settle("2026-11-23T01:00:00+00:00", "2026-11-23") == ("Asia/Seoul", "2026-11-23T10:00:00+09:00")


def test_settle_uses_the_other_offset_of_the_local_zone_for_an_old_dst_mistake() -> None:
    """Old `--date "2026-07-01 23:30"` typed in a New York December was stored at 23:30 -05:00."""
    assert _settle("2026-07-02T04:30:00+00:00", "2026-07-01", "America/New_York") == (
        "-05:00",
        "2026-07-01T23:30:00-05:00",
    )


def test_settle_finds_the_nearest_whole_hour_offset_for_a_note_from_elsewhere() -> None:
    """A Day One note from Sydney (day 03-04 there) read in Seoul, where its moment is 03-03."""
    assert _settle("2021-03-03T14:00:00+00:00", "2021-03-04") == ("+10:00", "2021-03-04T00:00:00+10:00")


def test_settle_gives_a_note_back_dated_by_days_the_back_dating_rule() -> None:
    zone, shown = _settle("2026-11-23T01:00:00+00:00", "2026-11-20")
    assert (zone, shown) == ("Asia/Seoul", "2026-11-20T09:00:00+09:00")


def test_settle_prefers_the_first_zone_given() -> None:
    assert _settle("2021-03-19T05:00:00+00:00", "2021-03-19", "America/New_York", first="Asia/Seoul")[0] == (
        "Asia/Seoul"
    )


def test_settle_without_a_zone_name_uses_the_c_library_offsets() -> None:
    with time_zone("XYZ-3"):
        assert _settle("2026-11-23T01:00:00+00:00", "2026-11-23", None) == ("+03:00", "2026-11-23T04:00:00+03:00")


@pytest.mark.parametrize("zone", ["America/New_York", "Pacific/Apia", "America/Santiago", "Australia/Lord_Howe"])
@pytest.mark.parametrize(
    "wall",
    ["2011-12-30 09:00", "2026-03-08 02:30", "2026-11-01 01:30", "2026-09-06 00:30", "2026-04-05 01:45",
     "1900-01-01 00:00", "2199-12-31 23:59", "2026-07-01 23:30"],
)  # fmt: skip
def test_this_computers_zone_is_read_from_the_c_library_with_the_same_result(zone: str, wall: str) -> None:
    """moment_at skips zoneinfo for the machine's own zone (`journal add --date` stays fast): same answers."""
    when = datetime.fromisoformat(wall)

    def answer() -> datetime | str:
        try:
            return zones.moment_at(when.date(), when.time(), zone)
        except zones.ZoneError as exc:
            return exc.message

    with time_zone("UTC"):
        by_zoneinfo = answer()
    with time_zone(zone):
        assert zones.machine_zone() == zone
        assert answer() == by_zoneinfo
