"""Reflection prompts and what was done about them (answered, skipped, snoozed)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from journal.prompts import Prompt, PromptEvent
from journal.repository.entry_rows import stamp

_PROMPT_COLUMNS = "id, text_ko, text_en, rrule, slot, kind, source, paused"


def _prompt_from(row: tuple) -> Prompt:
    prompt_id, text_ko, text_en, rrule, slot, kind, source, paused = row
    return Prompt(prompt_id, text_ko, text_en, rrule, slot, kind, source, bool(paused))


def prompts(conn: sqlite3.Connection) -> list[Prompt]:
    rows = conn.execute(f"SELECT {_PROMPT_COLUMNS} FROM prompts ORDER BY source DESC, created_at, id")
    return [_prompt_from(row) for row in rows]


def get_prompt(conn: sqlite3.Connection, prompt_id: str) -> Prompt | None:
    row = conn.execute(f"SELECT {_PROMPT_COLUMNS} FROM prompts WHERE id = ?", (prompt_id,)).fetchone()
    return _prompt_from(row) if row else None


def insert_prompt(conn: sqlite3.Connection, prompt: Prompt, now: datetime) -> None:
    conn.execute(
        "INSERT INTO prompts (id, text_ko, text_en, rrule, slot, kind, source, paused, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        (
            prompt.id,
            prompt.text_ko,
            prompt.text_en,
            prompt.rrule,
            prompt.slot,
            prompt.kind,
            prompt.source,
            int(prompt.paused),
            stamp(now),
        ),
    )


def update_prompt(conn: sqlite3.Connection, prompt: Prompt) -> None:
    conn.execute(
        "UPDATE prompts SET text_ko = ?, text_en = ?, rrule = ?, slot = ?, paused = ? WHERE id = ?",
        (prompt.text_ko, prompt.text_en, prompt.rrule, prompt.slot, int(prompt.paused), prompt.id),
    )


def delete_prompt(conn: sqlite3.Connection, prompt_id: str) -> None:
    conn.execute("DELETE FROM prompts WHERE id = ?", (prompt_id,))


def prompt_events(conn: sqlite3.Connection, since: date) -> list[PromptEvent]:
    rows = conn.execute(
        "SELECT prompt_id, occurrence, action, until FROM prompt_events WHERE occurrence >= ? ORDER BY id",
        (since.isoformat(),),
    )
    return [PromptEvent(r[0], date.fromisoformat(r[1]), r[2], date.fromisoformat(r[3]) if r[3] else None) for r in rows]


def insert_prompt_event(
    conn: sqlite3.Connection,
    event: PromptEvent,
    now: datetime,
    entry_id: int | None = None,
) -> None:
    conn.execute(
        "INSERT INTO prompt_events (prompt_id, occurrence, action, until, entry_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            event.prompt_id,
            event.occurrence.isoformat(),
            event.action,
            event.until.isoformat() if event.until else None,
            entry_id,
            stamp(now),
        ),
    )


def entry_ids_answering(conn: sqlite3.Connection, prompt_id: str) -> list[int]:
    return [row[0] for row in conn.execute("SELECT id FROM entries WHERE prompt_id = ?", (prompt_id,))]
