"""Drafts: text being typed in the app, saved as it is typed so that nothing is lost."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from journal.db import write_transaction
from journal.records import Draft
from journal.repository import draft_rows
from journal.text import nfc

if TYPE_CHECKING:
    from journal.services import Journal


class Drafts:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def save(self, slot: str, body: str, *, day: date | None = None, entry_id: int | None = None) -> None:
        """Keep `body` as the draft of `slot`; blank text removes the draft."""
        with write_transaction(self.journal.conn) as conn:
            if body.strip():
                draft_rows.save_draft(conn, Draft(slot, nfc(body), self.journal.clock.now(), day, entry_id))
            else:
                draft_rows.delete_draft(conn, slot)

    def discard(self, slot: str) -> None:
        with write_transaction(self.journal.conn) as conn:
            draft_rows.delete_draft(conn, slot)

    def all(self) -> list[Draft]:
        return draft_rows.get_drafts(self.journal.conn)
