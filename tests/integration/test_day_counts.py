"""Promise (#22): the per-day aggregates that streaks, stats and the digest read (day_counts, day_tags,
tag_counts) are always what a recount of the notes gives, whatever was written: adds (future days and
#digest included), edits, moves to other days and notebooks, deletes, restores, purges, notebook renames
and deletions, the seed notebook removed and brought back, saved digests, imports (notes handed over, and
jrnl files streamed in several batches, dry runs, the journal's own notes among them as duplicates), the
lossless JSON merged back, and backups restored. Checked after every step of random sequences
(hypothesis), and the review figures against the same figures counted naively from the notes."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.clock import FixedClock
from journal.dates import When
from journal.digest import countable, current_streak, on_this_day_dates, streak
from journal.errors import JournalError
from journal.interchange import ImportedNote, ReadOptions, read_notes
from journal.interchange.jrnl import jrnl_text
from journal.records import EntryFilter
from journal.repository import day_rows, entry_rows
from journal.services import Journal
from journal.text import tag_key
from tests.conftest import NOW, SEOUL

TODAY = NOW.date()
TAGS = ["built", "Built", "경량화", "digest", "routine"]

DAY = st.integers(min_value=-45, max_value=4).map(lambda back: TODAY + timedelta(days=back))
WHICH = st.integers(min_value=0, max_value=10_000)  # an existing note, by its place (modulo how many there are)
TEXT = st.tuples(st.sampled_from(["note", "메모", "a thought"]), st.lists(st.sampled_from(TAGS), max_size=2)).map(
    lambda parts: " ".join([parts[0], *(f"#{t}" for t in parts[1])])
)
NOTEBOOK = st.sampled_from([None, "Work", "Side"])

STEP = st.one_of(
    st.tuples(st.just("add"), TEXT, DAY, NOTEBOOK, st.booleans()),
    st.tuples(st.just("edit"), WHICH, TEXT),
    st.tuples(st.just("edit_date"), WHICH, DAY),
    st.tuples(st.just("delete"), WHICH),
    st.tuples(st.just("restore"), WHICH),
    st.tuples(st.just("purge"), WHICH),
    st.tuples(st.just("empty_trash")),
    st.tuples(st.just("star"), WHICH),
    st.tuples(st.just("move"), WHICH, st.sampled_from(["Journal", "Work", "Side"])),
    st.tuples(st.just("rename"), st.sampled_from(["Work", "Side"])),
    st.tuples(st.just("delete_notebook"), st.sampled_from(["Work", "Side"])),
    st.tuples(st.just("seed"), st.booleans()),
    st.tuples(st.just("save_digest"), st.integers(min_value=0, max_value=3)),
    st.tuples(st.just("import"), st.lists(st.tuples(TEXT, DAY), min_size=1, max_size=4)),
    st.tuples(st.just("jrnl_file"), st.lists(st.tuples(TEXT, DAY), max_size=5), st.booleans(), st.booleans()),
    st.tuples(st.just("json_round_trip"), WHICH),
    st.tuples(st.just("backup_restore"), st.lists(st.tuples(TEXT, DAY), max_size=2)),
)
PROPERTIES = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@contextmanager
def _journal(template: Path) -> Iterator[Journal]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        shutil.copytree(template, home)
        with Journal(home, clock=FixedClock(NOW), index_on_write=False) as journal:
            yield journal


def _pick(journal: Journal, which: int, *, trash: bool = False, writable: bool = True):  # type: ignore[no-untyped-def]
    entries = journal.entries.trash() if trash else journal.entries.list()
    entries = [e for e in entries if not (writable and e.read_only)]
    return entries[which % len(entries)] if entries else None


def _add(journal: Journal, text: str, day: date, notebook: str | None = None, starred: bool = False) -> None:
    if notebook is not None and notebook not in {b.name for b in journal.notebooks.all()}:
        journal.notebooks.add(notebook)
    journal.entries.add(text, when=When(day), notebook=notebook, starred=starred, parse_prefix=False)


def _step(journal: Journal, step: tuple) -> None:  # type: ignore[type-arg]
    kind, *args = step
    if kind == "add":
        _add(journal, *args)
    elif kind in ("edit", "edit_date", "delete", "star", "purge", "move"):
        entry = _pick(journal, args[0])
        if entry is None:
            return
        if kind == "edit":
            journal.entries.edit(entry.id, args[1])
        elif kind == "edit_date":
            journal.entries.edit(entry.id, when=When(args[1]))
        elif kind == "delete":
            journal.entries.delete(entry.id)
        elif kind == "star":
            journal.entries.star(entry.id, not entry.starred)
        elif kind == "purge":
            journal.entries.purge([entry.id])
        elif args[1] in {b.name for b in journal.notebooks.all()}:
            journal.entries.move(entry.id, args[1])
    elif kind == "restore":
        entry = _pick(journal, args[0], trash=True)
        if entry is not None:
            journal.entries.restore(entry.id)
    elif kind == "empty_trash":
        journal.entries.empty_trash()
    elif kind == "rename":
        names = {b.name for b in journal.notebooks.all()}
        for old, new in ((args[0], f"{args[0]}2"), (f"{args[0]}2", args[0])):
            if old in names and new not in names:
                journal.notebooks.rename(old, new)
                break
    elif kind == "delete_notebook":
        for name in (args[0], f"{args[0]}2"):
            if name in {b.name for b in journal.notebooks.all()}:
                journal.notebooks.delete(name, move_to="Journal")
    elif kind == "seed":
        journal.seed.add() if args[0] else journal.seed.remove()
    elif kind == "save_digest":
        journal.review.save_digest(journal.review.week((TODAY - timedelta(weeks=args[0])).isoformat()))
    elif kind == "import":
        notes = [
            ImportedNote(day, datetime(day.year, day.month, day.day, 12, tzinfo=SEOUL), text, zone="Asia/Seoul")
            for text, day in args[0]
        ]
        journal.archive.import_notes(notes, notebook="Imported")
    elif kind == "jrnl_file":
        _jrnl_file(journal, *args)
    elif kind == "json_round_trip":  # export everything, purge a note, import the export back: it returns
        _json_round_trip(journal, args[0])
    elif kind == "backup_restore":  # a backup, more notes, then the backup restored: they are gone again
        info, _ = journal.archive.backup(journal.home / "kept.db")
        for text, day in args[0]:
            _add(journal, text, day)
        journal.archive.restore_backup(info.path)


def _jrnl_file(journal: Journal, new: list[tuple[str, date]], with_existing: bool, dry_run: bool) -> None:
    """`journal import` of a jrnl file, read as a stream a few notes at a time (several batches, so a
    duplicate can fall in a later batch than the note it repeats): new notes, each twice, and with
    `with_existing` the journal's own notes exported (all duplicates). A dry run must change nothing."""
    from unittest import mock

    from journal.services import archive

    existing = jrnl_text(journal.entries.list()) if with_existing else ""
    lines = [f"[{day.isoformat()} 12:{n % 60:02d}] {text}\n" for n, (text, day) in enumerate(new)]
    path = journal.home / "import.txt"
    path.write_text("\n".join([*lines, *lines, existing]), encoding="utf-8")
    before = day_rows.aggregate_problems(journal.conn), journal.review.stats()
    options = ReadOptions(zone="Asia/Seoul", now=NOW)
    with mock.patch.object(archive, "IMPORT_BATCH", 2):
        report = journal.archive.import_notes(read_notes(path, "jrnl", options=options), dry_run=dry_run)
    assert report.added <= len(new)  # a note in the file twice, or already here, is added once at most
    if dry_run:
        assert (day_rows.aggregate_problems(journal.conn), journal.review.stats()) == before


def _json_round_trip(journal: Journal, which: int) -> None:
    from journal.interchange.native import read_native

    path = journal.home / "export.json"
    path.write_text(json.dumps(journal.archive.export_json(), ensure_ascii=False), encoding="utf-8")
    entry = _pick(journal, which)
    if entry is not None:
        journal.entries.purge([entry.id])
    journal.archive.import_journal(read_native(path, "Asia/Seoul"))


def _check(journal: Journal) -> None:
    """The aggregates equal a recount, and every figure read from them equals the naive one."""
    conn = journal.conn
    assert day_rows.aggregate_problems(conn) == []
    counted = [e for e in countable(entry_rows.list_entries(conn, EntryFilter())) if e.day <= TODAY]
    days = sorted({e.day for e in counted})
    figures = journal.review.stats()
    assert figures["total_notes"] == len(counted)
    assert figures["days_written"] == len(days)
    assert figures["first_note"] == (days[0].isoformat() if days else None)
    assert figures["streak"] == streak(days, TODAY).to_json()
    assert journal.review.current_streak() == current_streak(set(days), TODAY)
    weekdays = Counter(e.day.weekday() for e in counted)
    assert list(figures["notes_per_weekday"].values()) == [weekdays.get(i, 0) for i in range(7)]  # type: ignore[union-attr]
    tags = Counter(tag_key(t) for e in counted for t in e.tags)
    assert {tag_key(t["tag"]): t["count"] for t in figures["top_tags"]} == dict(tags.most_common(10))  # type: ignore[union-attr]
    year = Counter(e.day.isoformat() for e in counted if e.day > TODAY - timedelta(days=365))
    assert figures["year"] == dict(sorted(year.items()))
    future = countable([e for e in entry_rows.list_entries(conn, EntryFilter()) if e.day > TODAY])
    assert figures["future_notes"] == len(future)
    naive = []
    for label, day in on_this_day_dates(TODAY, days[0] if days else None):
        found = [e.id for e in counted if e.day == day]
        if found:
            naive.append((label, day, found))
    assert [(o.label, o.day, [e.id for e in o.entries]) for o in journal.review.on_this_day(TODAY)] == naive
    last = [(label, day, found[-1:], len(found)) for label, day, found in naive]
    capped = journal.review.on_this_day(TODAY, per_day=1)
    assert [(o.label, o.day, [e.id for e in o.entries], o.count) for o in capped] == last
    counts = [(o.label, o.day, o.entries, o.count) for o in journal.review.on_this_day(TODAY, per_day=0)]
    assert counts == [(label, day, [], len(found)) for label, day, found in naive]  # the app's teaser


@PROPERTIES
@given(steps=st.lists(STEP, min_size=1, max_size=8))
def test_the_aggregates_are_a_recount_after_any_writes(_template_home: Path, steps: list[tuple]) -> None:  # type: ignore[type-arg]
    with _journal(_template_home) as journal:
        for step in steps:
            with contextlib.suppress(JournalError):  # refused (a name taken, a read-only note): nothing changed
                _step(journal, step)
            _check(journal)


def test_digest_numbers_leave_out_the_seed_digests_and_future_notes(journal: Journal) -> None:
    _add(journal, "shipped #built", TODAY - timedelta(days=1))
    _add(journal, "today", TODAY)
    _add(journal, "a plan #built", TODAY + timedelta(days=2))
    journal.seed.add()
    journal.review.save_digest()
    digest = journal.review.digest()
    assert (digest.streak.current, digest.streak.longest, digest.streak.consistency[7]) == (2, 2, 2)
    assert journal.review.stats()["top_tags"] == [{"tag": "built", "count": 1}]
    assert journal.review.stats()["future_notes"] == 1
    assert day_rows.aggregate_problems(journal.conn) == []


def test_the_digest_shows_three_notes_of_each_day_it_looks_back_on(journal: Journal) -> None:
    """A heavy writer's year-ago day holds dozens of notes: the digest shows the last three and how many more."""
    from journal.digest import render_markdown

    year_ago = TODAY.replace(year=TODAY.year - 1)
    for n in range(5):
        journal.entries.add(f"old note {n}", when=When(year_ago, (NOW + timedelta(minutes=n)).time()))
    digest = journal.review.digest()
    text = render_markdown(digest)
    assert [e.body for e in digest.on_this_day[0].entries] == ["old note 2", "old note 3", "old note 4"]
    assert "- 1 year ago (2025-11-23): … and 2 more that day" in text and "old note 1" not in text
    shown = digest.to_json()["on_this_day"][0]  # type: ignore[index]
    assert (shown["count"], len(shown["entries"])) == (5, 3)
    assert [len(o.entries) for o in journal.review.on_this_day(TODAY)] == [5]  # the app's screen: all of them


def test_a_backup_from_before_the_aggregates_gets_them_when_restored(journal: Journal, tmp_path: Path) -> None:
    _add(journal, "kept #built", TODAY)
    info, _ = journal.archive.backup(tmp_path / "old.db")
    old = sqlite3.connect(info.path)  # as a version before 0007 wrote it
    old.executescript(
        "DROP TABLE tag_counts; DROP TABLE day_tags; DROP TABLE day_counts; "
        "UPDATE alembic_version SET version_num = '0006';"
    )
    old.close()
    _add(journal, "written after the backup", TODAY - timedelta(days=1))
    journal.archive.restore_backup(info.path)
    assert day_rows.aggregate_problems(journal.conn) == []
    assert journal.review.stats()["total_notes"] == 1


def test_aggregates_that_disagree_with_their_notes_are_counted_again(journal: Journal, tmp_path: Path) -> None:
    """A restored backup's aggregates are recounted from its notes, and doctor puts wrong ones right."""
    _add(journal, "one #built", TODAY)
    info, _ = journal.archive.backup(tmp_path / "wrong.db")
    wrong = sqlite3.connect(info.path)
    wrong.executescript("UPDATE day_counts SET notes = 7; DELETE FROM tag_counts;")
    wrong.close()
    journal.archive.restore_backup(info.path)
    assert day_rows.aggregate_problems(journal.conn) == []
    journal.conn.executescript("UPDATE day_counts SET notes = 9; INSERT INTO day_counts VALUES ('2001-01-01', 1);")
    assert day_rows.aggregate_problems(journal.conn) == ["day_counts: 3 row(s) differ from a recount of the notes"]
    report = journal.health.doctor()
    assert any("per-day counts: day_counts" in action for action in report.actions)
    assert day_rows.aggregate_problems(journal.conn) == []
    assert journal.review.stats()["total_notes"] == 1


@pytest.mark.parametrize("years", [None, 3])
def test_the_migration_counts_an_existing_journal(tmp_path: Path, years: int | None) -> None:
    """0007 builds the aggregates of a journal written before it (the bench's generator writes them too)."""
    from alembic import command

    from bench.generate import generate
    from journal.db import alembic_config

    home = tmp_path / "generated"
    generate(home, 400, years=years)
    with Journal(home, clock=FixedClock(NOW), index_on_write=False) as journal:
        journal.review.save_digest()
        expected = journal.review.stats()
    config = alembic_config(home / "journal.db")
    command.downgrade(config, "0005")
    command.upgrade(config, "head")
    with Journal(home, clock=FixedClock(NOW), index_on_write=False) as journal:
        assert day_rows.aggregate_problems(journal.conn) == []
        assert journal.review.stats() == expected
