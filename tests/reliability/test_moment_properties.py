"""Promise (#17): a note's day is the calendar day of its moment in its zone, and its moment stays what it
was, after `add`, `edit --date`, and export → import in every format — with random zones (daylight saving,
+05:45, +12:45, +14:00, midnight changes, a skipped day), random moments from 1900 to 2199, and another
`TZ` for the writer, the exporter and the importer. TZ is set with time.tzset (restored after each test)
and the clock is a FixedClock: nothing is patched."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal import zones
from journal.clock import FixedClock
from journal.dates import When
from journal.interchange import read_notes
from journal.interchange.dayone import dayone_json
from journal.interchange.jrnl import jrnl_text
from journal.interchange.jrnl_json import jrnl_json_text
from journal.interchange.markdown import markdown_text
from journal.interchange.native import read_native
from journal.records import Entry
from journal.services import Journal
from tests.conftest import time_zone

ZONES = [
    "Asia/Seoul", "America/New_York", "Europe/London", "Europe/Dublin",  # DST, and Dublin's "negative" DST
    "Asia/Kathmandu", "Asia/Kolkata", "Australia/Adelaide", "Australia/Lord_Howe",  # +05:45, +05:30, half hours
    "Pacific/Chatham", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Etc/GMT+12",  # +12:45, +14, -11, -12
    "America/Santiago", "America/Havana", "America/St_Johns", "Africa/Casablanca",  # DST at midnight, -03:30
    "Pacific/Apia", "Antarctica/Troll", "UTC",  # a skipped day (2011-12-30), a two-hour DST
    "+05:45", "-09:30", "+14:00",  # zones known only by their offset
]  # fmt: skip
ZONE = st.sampled_from(ZONES)
MOMENT = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 30)).map(
    lambda naive: naive.replace(tzinfo=UTC)
)
WRITE_FORMATS = ("jrnl", "jrnl-json", "dayone", "md", "json")
PROPERTIES = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _posix(zone: str) -> str:
    """TZ for a zone: its name, or a POSIX rule for a bare offset (`+05:45` is `<+0545>-05:45`)."""
    if not zones.is_offset(zone):
        return zone
    sign, rest = zone[0], zone[1:]
    return f"<{sign}{rest.replace(':', '')}>{'-' if sign == '+' else '+'}{rest}"


def _rules(zone: str) -> ZoneInfo | timezone:
    return zones.tz(zone)  # type: ignore[return-value]


def _clock(zone: str, moment: datetime) -> FixedClock:
    """The clock as the real one reads it where TZ is `zone`: the moment with that zone's offset then (a
    fixed offset, as datetime.now().astimezone() gives; the zone's name comes from TZ)."""
    here = moment.astimezone(_rules(zone))
    return FixedClock(here.astimezone(timezone(here.utcoffset() or timedelta())))


@contextmanager
def _journal(template: Path, zone: str, moment: datetime) -> Iterator[Journal]:
    """A journal copied from the session's template, the clock at `moment` in `zone`, and TZ there."""
    with tempfile.TemporaryDirectory() as folder, time_zone(_posix(zone)):
        home = Path(folder) / "home"
        shutil.copytree(template, home)
        with Journal(home, clock=_clock(zone, moment), index_on_write=False) as journal:
            yield journal


def _agrees(entry: Entry) -> None:
    assert zones.day_of(entry.created_at, entry.zone) == entry.day, entry
    assert entry.moment.date() == entry.day


def _own(journal: Journal) -> list[Entry]:
    return journal.entries.list(notebook="Journal")


@settings(PROPERTIES, max_examples=60)
@given(zone=ZONE, moment=MOMENT, writer=ZONE)
def test_add_with_a_date_and_time_keeps_the_moment_on_its_day(_template_home, zone, moment, writer) -> None:
    """`--date "YYYY-MM-DD HH:MM:SS"` typed where the clock is in `zone`, whatever season it is now."""
    wall = moment.astimezone(_rules(zone))
    now = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    with _journal(_template_home, zone, now) as journal:
        when = journal.parse_when(f"{wall:%Y-%m-%d %H:%M:%S}")
        entry = journal.entries.add("typed", when=When(when.day, when.time))
        _agrees(entry)
        assert (entry.day, entry.zone) == (wall.date(), zones.canonical(zone))
        lost = moment - entry.created_at
        if zones.repeated(wall):  # the clock showed that time twice: the first is taken
            assert abs(lost) <= timedelta(hours=3)
        else:
            assert abs(lost) < timedelta(seconds=1)  # to the second typed
        back_dated = journal.entries.add("yesterday: back-dated")
        _agrees(back_dated)
        assert back_dated.moment.strftime("%H:%M") == "09:00" or back_dated.day != entry.day  # default_time
    with time_zone(_posix(writer)):  # listed anywhere, the note still has its day and moment
        assert entry.to_json()["date"] == datetime.fromisoformat(str(entry.to_json()["created_at"])).date().isoformat()


@settings(PROPERTIES, max_examples=40)
@given(zone=ZONE, moment=MOMENT, target=MOMENT, with_time=st.booleans(), editor=ZONE)
def test_edit_date_moves_the_note_and_keeps_the_invariant(_template_home, zone, moment, target, with_time, editor):
    with _journal(_template_home, zone, moment) as journal:
        entry = journal.entries.add("to be moved")
        assert entry.created_at == moment and entry.day == moment.astimezone(_rules(zone)).date()
        goal = target.astimezone(_rules(entry.zone))
        with time_zone(_posix(editor)):  # edited from elsewhere: the note keeps its own zone
            moved = journal.entries.edit(entry.id, when=When(goal.date(), goal.time() if with_time else None))
        moved = moved or entry
        _agrees(moved)
        assert (moved.day, moved.zone) == (goal.date(), entry.zone)
        if not with_time and not zones.repeated(entry.moment):
            shown = moved.moment.replace(tzinfo=None).time()
            skipped = zones.at(moved.created_at, moved.zone).time() != entry.moment.time()
            assert shown == entry.moment.time() or skipped  # its time of day, unless the clocks skip it there
        history = journal.entries.history(entry.id)
        assert history[0].day == entry.day and history[-1].day == moved.day


NOTES = st.lists(st.tuples(ZONE, MOMENT), min_size=1, max_size=4)


@settings(PROPERTIES, max_examples=25)
@given(notes=NOTES, exporter=ZONE, importer=ZONE)
def test_export_import_keeps_moment_zone_and_day_in_every_format(_template_home, notes, exporter, importer):
    """Written in each note's own zone, exported under `exporter`, imported under `importer`."""
    with _journal(_template_home, "UTC", datetime(2026, 11, 23, tzinfo=UTC)) as journal:
        for n, (zone, moment) in enumerate(notes):
            journal.clock = _clock(zone, moment)
            with time_zone(_posix(zone)):
                journal.entries.add(f"note {n} #{n}")
        originals = {e.body: e for e in _own(journal)}
        with tempfile.TemporaryDirectory() as folder, time_zone(_posix(exporter)):
            entries = list(originals.values())
            files = {
                "jrnl": jrnl_text(entries),
                "jrnl-json": jrnl_json_text(entries),
                "dayone": dayone_json(entries),
                "md": markdown_text(entries),
                "json": __import__("json").dumps(journal.archive.export_json(), ensure_ascii=False),
            }
            paths = {fmt: Path(folder) / f"export.{fmt}" for fmt in WRITE_FORMATS}
            for fmt, text in files.items():
                paths[fmt].write_text(text, encoding="utf-8")
            for fmt in WRITE_FORMATS:
                with _journal(_template_home, importer, datetime(2026, 11, 23, tzinfo=UTC)) as other:
                    local = other.clock.zone()
                    if fmt == "json":
                        other.archive.import_journal(read_native(paths[fmt], local))
                    else:
                        other.archive.import_notes(read_notes(paths[fmt], fmt, local))
                    again = {e.body: e for e in _own(other)}
                    assert set(again) == set(originals), fmt
                    for body, before in originals.items():
                        _same(fmt, before, again[body], local)


def _same(fmt: str, before: Entry, after: Entry, importer: str) -> None:
    _agrees(after)
    assert after.day == before.day, (fmt, before, after)
    if fmt == "json":  # everything, exactly
        assert (after.created_at, after.zone, after.written_at) == (before.created_at, before.zone, before.written_at)
    elif fmt == "dayone":  # the instant to the second, and the zone
        assert after.created_at == before.created_at.replace(microsecond=0) and after.zone == before.zone
    elif fmt in ("md", "jrnl-json"):  # the clock minute where it was written, in that zone: the instant to the minute
        assert after.zone == before.zone
        assert after.moment.strftime("%Y-%m-%d %H:%M") == before.moment.strftime("%Y-%m-%d %H:%M")
        assert timedelta(0) <= before.created_at - after.created_at < timedelta(minutes=1)
    else:  # jrnl: no zone in the file: the day and clock time, read in the importer's zone
        assert after.zone == importer or zones.is_offset(after.zone)  # (a day the zone skipped: its old offset)
        wall = before.moment.replace(tzinfo=None, second=0, microsecond=0)
        exists = zones.at(zones.moment_at(wall.date(), wall.time(), after.zone), after.zone).replace(tzinfo=None)
        if exists == wall:  # unless the importer's clocks skip that time
            assert after.moment.replace(tzinfo=None) == wall
