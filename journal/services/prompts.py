"""Reflection prompts: which are due, answering, skipping and snoozing them, and managing your own."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from journal.dates import When
from journal.db import write_transaction
from journal.errors import UsageError
from journal.prompts import Deferred, Prompt, PromptStatus
from journal.records import Entry
from journal.repository import day_rows, meta_rows, pending_rows, prompt_rows
from journal.text import clean_body, has_hangul

if TYPE_CHECKING:
    from journal.services import Journal


class Prompts:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def start_day(self) -> date:
        """The day the journal started: schedules count from it."""
        from journal.services.seed import STARTED_ON

        conn = self.journal.conn
        stored = meta_rows.get_meta(conn, STARTED_ON)
        return date.fromisoformat(stored) if stored else (day_rows.first_day(conn) or self.journal.today())

    def due(self, day: date | None = None, *, include_all: bool = False) -> list[PromptStatus]:
        """Prompts whose current occurrence falls on or shortly before `day` (all prompts with include_all)."""
        from journal.prompts import GRACE_DAYS, status_on

        conn = self.journal.conn
        day = day or self.journal.today()
        start = self.start_day()
        events = prompt_rows.prompt_events(conn, day - timedelta(days=GRACE_DAYS + 366))
        statuses = [status_on(p, start, day, events) for p in prompt_rows.prompts(conn)]
        if include_all:
            return statuses
        return [s for s in statuses if s.occurrence is not None and not s.prompt.paused and (s.due or s.answered)]

    def all(self) -> list[Prompt]:
        return prompt_rows.prompts(self.journal.conn)

    def get(self, prompt_id: str) -> Prompt:
        found = prompt_rows.get_prompt(self.journal.conn, prompt_id.strip())
        if found is None:
            raise UsageError(f"no prompt with id {prompt_id!r}; 'journal prompts --all' lists them")
        return found

    def answer(
        self,
        prompt_id: str,
        text: str,
        *,
        when: When | None = None,
        notebook: str | None = None,
        discard_draft: str | None = None,
    ) -> Entry:
        """Save an entry that answers a prompt; the prompt is then not due until its next occurrence.
        `discard_draft`: as for Entries.add."""
        from journal.prompts import PromptEvent

        prompt = self.get(prompt_id)
        body = clean_body(text)
        occurrence = self._occurrence(prompt, when.day if when else self.journal.today())

        def record_answer(conn: sqlite3.Connection, entry_id: int) -> None:
            event = PromptEvent(prompt.id, occurrence, "answered")
            prompt_rows.insert_prompt_event(conn, event, self.journal.clock.now(), entry_id)

        return self.journal.entries.write(
            body, when, notebook, prompt_id=prompt.id, also=record_answer, discard_draft=discard_draft
        )

    def skip(self, prompt_id: str, day: date | None = None) -> Deferred:
        """Skip the prompt's open occurrence (due or snoozed), else its next one."""
        from journal.prompts import next_occurrence

        prompt = self.get(prompt_id)
        occurrence = self._open_occurrence(prompt, day or self.journal.today())
        self._record(prompt, occurrence, "skipped", None)
        return Deferred(prompt, occurrence, None, next_occurrence(prompt.rrule, self.start_day(), occurrence))

    def snooze(self, prompt_id: str, until: date | None = None) -> Deferred:
        """Hide the prompt's open occurrence (due or snoozed) until a later day; a prompt not due now has
        its next occurrence snoozed, when that comes before `until` (else there is nothing to hide)."""
        from journal.prompts import default_snooze

        day = self.journal.today()
        until = until or default_snooze(day)
        if until <= day:
            raise UsageError(f"--until {until} is not after today ({day}); pick a later day")
        prompt = self.get(prompt_id)
        occurrence = self._open_occurrence(prompt, day)
        if occurrence >= until:
            raise UsageError(
                f"{prompt.id} is not due until {occurrence} ({occurrence:%a}), which is not before {until}: "
                "nothing to snooze"
            )
        self._record(prompt, occurrence, "snoozed", until)
        return Deferred(prompt, occurrence, until, None)

    def _open_occurrence(self, prompt: Prompt, day: date) -> date:
        """The occurrence a skip or snooze on `day` applies to: the one due (or snoozed) now, else the next."""
        from journal.prompts import GRACE_DAYS, next_occurrence, status_on

        if prompt.paused:
            raise UsageError(f"{prompt.id} is paused; 'journal prompt resume {prompt.id}' first")
        events = prompt_rows.prompt_events(self.journal.conn, day - timedelta(days=GRACE_DAYS + 366))
        status = status_on(prompt, self.start_day(), day, events)
        if status.occurrence is not None and not (status.answered or status.skipped):
            return status.occurrence
        upcoming = next_occurrence(prompt.rrule, self.start_day(), day)
        if upcoming is None:
            raise UsageError(f"{prompt.id} has no later occurrence ({prompt.rrule})")
        return upcoming

    def _record(self, prompt: Prompt, occurrence: date, action: str, until: date | None) -> None:
        from journal.prompts import PromptEvent

        with write_transaction(self.journal.conn) as conn:
            prompt_rows.insert_prompt_event(
                conn, PromptEvent(prompt.id, occurrence, action, until), self.journal.clock.now()
            )

    def _occurrence(self, prompt: Prompt, day: date) -> date:
        """The occurrence an answer, skip or snooze on `day` applies to (the day itself before the first)."""
        from journal.prompts import latest_occurrence

        return latest_occurrence(prompt.rrule, self.start_day(), day) or day

    def add(self, text: str, rrule: str, *, slot: str = "any", prompt_id: str | None = None) -> Prompt:
        from journal.prompts import validate_rrule
        from journal.seeds import is_prompt_id

        body = _question(text)
        rule = validate_rrule(rrule)
        _check_slot(slot)
        with write_transaction(self.journal.conn) as conn:
            if prompt_id is None:
                taken = {p.id for p in prompt_rows.prompts(conn)}
                prompt_id = next(f"my-{n}" for n in range(1, len(taken) + 2) if f"my-{n}" not in taken)
            elif not is_prompt_id(prompt_id):
                raise UsageError(f"a prompt id is lowercase letters, digits and dashes, not {prompt_id!r}")
            elif prompt_rows.get_prompt(conn, prompt_id) is not None:
                raise UsageError(f"a prompt with id {prompt_id!r} already exists")
            korean = has_hangul(body)
            prompt = Prompt(prompt_id, body if korean else "", "" if korean else body, rule, slot)
            prompt_rows.insert_prompt(conn, prompt, self.journal.clock.now())
        return prompt

    def edit(
        self, prompt_id: str, *, text: str | None = None, rrule: str | None = None, slot: str | None = None
    ) -> Prompt:
        from journal.prompts import validate_rrule

        prompt = self.get(prompt_id)
        if text is not None:
            body = _question(text)
            prompt = replace(prompt, text_ko=body) if has_hangul(body) else replace(prompt, text_en=body)
        if rrule is not None:
            prompt = replace(prompt, rrule=validate_rrule(rrule))
        if slot is not None:
            _check_slot(slot)
            prompt = replace(prompt, slot=slot)
        with write_transaction(self.journal.conn) as conn:
            prompt_rows.update_prompt(conn, prompt)
        return prompt

    def set_paused(self, prompt_id: str, paused: bool) -> Prompt:
        prompt = replace(self.get(prompt_id), paused=paused)
        with write_transaction(self.journal.conn) as conn:
            prompt_rows.update_prompt(conn, prompt)
        return prompt

    def delete(self, prompt_id: str) -> Prompt:
        """Delete a prompt. Its answers stay, no longer linked to it."""
        prompt = self.get(prompt_id)
        with write_transaction(self.journal.conn) as conn:
            for entry_id in prompt_rows.entry_ids_answering(conn, prompt.id):
                pending_rows.queue_for_index(conn, entry_id, self.journal.clock.now())
            prompt_rows.delete_prompt(conn, prompt.id)
        self.journal.index.after_write()
        return prompt


def _question(text: str) -> str:
    if not text.strip():
        raise UsageError('the prompt is empty; give it a question: journal prompt add "What did I ship?" --rrule …')
    return clean_body(text)


def _check_slot(slot: str) -> None:
    from journal.prompts import SLOTS

    if slot not in SLOTS:
        raise UsageError(f"--slot must be one of {', '.join(SLOTS)}, not {slot!r}")
