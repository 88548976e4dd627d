"""Looking back: the weekly digest, stats, streaks, and which days have notes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from journal.dates import When
from journal.db import write_transaction
from journal.records import Entry, EntryFilter
from journal.repository import day_rows, entry_rows, meta_rows, pending_rows, prompt_rows

if TYPE_CHECKING:
    from journal.digest import Digest, OnThisDay, Week
    from journal.services import Journal

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DIGEST_TAG = "digest"


class Review:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def week(self, text: str | None = None) -> Week:
        from journal.digest import parse_week, week_of

        start = self.journal.config.week_start_index
        if text is None:
            return week_of(self.journal.today(), start)
        return parse_week(text, start, self.journal.parse_day)

    def digest(self, week: Week | None = None) -> Digest:
        from journal.digest import ON_THIS_DAY_NOTES, Digest, countable, is_built, streak, week_stats

        conn = self.journal.conn
        week = week or self.week()
        today = self.journal.today()
        # notes dated after today are plans: not in the week's numbers, its days or what was built
        entries = countable(entry_rows.list_entries(conn, EntryFilter(start=week.start, end=min(week.end, today))))
        before = countable(
            entry_rows.list_entries(
                conn, EntryFilter(start=week.start - timedelta(days=7), end=min(week.end - timedelta(days=7), today))
            )
        )
        build_prompts = {p.id for p in prompt_rows.prompts(conn) if p.kind == "build"}
        built = [e for e in entries if is_built(e, self.journal.config.build_tag_keys, build_prompts)]
        by_day = [
            (week.start + timedelta(days=i), [e for e in entries if e.day == week.start + timedelta(days=i)])
            for i in range(7)
        ]
        reference = min(today, week.end)
        on_this_day = self.on_this_day(reference, per_day=ON_THIS_DAY_NOTES)
        return Digest(
            week=week,
            built=built,
            days=by_day,
            stats=week_stats(entries),
            previous=week_stats(before),
            streak=streak(day_rows.written_days(conn, until=today), reference),
            on_this_day=on_this_day,
            today=today,
        )

    def on_this_day(self, day: date | None = None, *, per_day: int | None = None) -> list[OnThisDay]:
        """The notes that count from 1 week, 1 month and every year before `day` (back to the first day
        with one); `per_day`: only the last so many of each day (0: none, the counts only), with the day's
        count. The days come from the per-day counts: only the notes shown are read."""
        from journal.digest import OnThisDay, on_this_day_dates

        conn = self.journal.conn
        dates = on_this_day_dates(day or self.journal.today(), day_rows.first_counted_day(conn))
        counts = day_rows.counted_on(conn, [when for _, when in dates])
        found = []
        for label, when in dates:
            if counts.get(when):
                flt = EntryFilter(start=when, end=when, counted=True, limit=per_day)
                entries = entry_rows.list_entries(conn, flt) if per_day != 0 else []
                found.append(OnThisDay(label, when, entries, counts[when]))
        return found

    def save_digest(self, week: Week | None = None) -> Entry:
        """Store the week's digest as a note tagged #digest; saving again updates that note."""
        from journal.digest import render_markdown
        from journal.locks import held

        journal = self.journal
        journal.require_writable()
        # One note a week even when two processes save at once: the check and the write are one step.
        with held(journal.home / ".digest.lock"):
            digest = self.digest(week)
            body = render_markdown(digest).rstrip() + "\n\n#digest"
            key = f"digest.{digest.week.label}"
            existing = meta_rows.get_meta(journal.conn, key)
            entry = entry_rows.get_entry(journal.conn, int(existing)) if existing is not None else None
            if entry is not None and entry.deleted_at is None:
                entry = journal.entries.edit(entry.id, body) or entry
            else:
                day = min(journal.today(), digest.week.end)
                entry = journal.entries.add(body, when=When(day), parse_prefix=False)
            with write_transaction(journal.conn) as conn:
                meta_rows.set_meta(conn, key, str(entry.id))
                # It quotes the week's tags; it carries only #digest (out of tag counts and other tags' lists).
                entry_rows.set_entry_tags(conn, entry.id, [DIGEST_TAG])
                pending_rows.queue_for_index(conn, entry.id, journal.clock.now())
                day_rows.recount_days(conn, [entry.day])
            journal.index.after_write()
            return journal.entries.by_id(entry.id)

    def stats(self) -> dict[str, object]:
        """Totals, streaks, consistency, weekdays, top tags and the year's heatmap, from the per-day counts:
        notes that count (not the read-only notebook, not saved digests), up to today."""
        from journal.digest import streak

        conn = self.journal.conn
        today = self.journal.today()
        days = day_rows.written_days(conn, until=today)
        per_weekday = day_rows.notes_per_weekday(conn, until=today)
        year_start = today - timedelta(days=364)
        return {
            "total_notes": day_rows.count_counted_entries(conn, until=today),
            "first_note": days[0].isoformat() if days else None,
            "days_written": len(days),
            "streak": streak(days, today).to_json(),
            "notes_per_weekday": {name: per_weekday.get(i, 0) for i, name in enumerate(WEEKDAYS)},
            "top_tags": [{"tag": t, "count": n} for t, n in day_rows.top_tags(conn, 10, until=today)],
            "year": {d.isoformat(): n for d, n in day_rows.counted_per_day(conn, year_start, today).items()},
            "future_notes": day_rows.count_future_entries(conn, today),
        }

    def tags(self, notebook: str | None = None) -> list[tuple[str, int, date]]:
        """Every tag with its number of notes and the last day it was used, most used first (the read-only
        masterclass notebook only when named)."""
        notebook_id = self.journal.notebooks.get(notebook).id if notebook else None
        return day_rows.tag_counts(self.journal.conn, notebook_id)

    def current_streak(self) -> int:
        """Days in a row with a note, ending today (or yesterday, if today has none yet)."""
        return day_rows.current_run(self.journal.conn, self.journal.today())

    def latest_day(self, notebook: str | None = None, on_or_before: date | None = None) -> date | None:
        """The newest day with a live note (in a notebook), not after `on_or_before`."""
        notebook_id = self.journal.notebooks.get(notebook).id if notebook else None
        return day_rows.latest_day(self.journal.conn, on_or_before or self.journal.today(), notebook_id)

    def day_counts(self, start: date, end: date, notebook: str | None = None) -> dict[date, int]:
        notebook_id = self.journal.notebooks.get(notebook).id if notebook else None
        return day_rows.day_counts(self.journal.conn, start, end, notebook_id)
