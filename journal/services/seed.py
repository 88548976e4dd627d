"""The masterclass notebook and the prompt set a new journal starts with; removing them sticks."""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from journal.db import write_transaction
from journal.records import EntryFilter
from journal.repository import day_rows, entry_rows, meta_rows, notebook_rows, pending_rows, prompt_rows
from journal.text import extract_tags

if TYPE_CHECKING:
    from journal.services import Journal

SEED_STATE = "seed.masterclass"  # "added" or "removed": a removal must stick
PROMPTS_SEEDED = "seed.prompts"
STARTED_ON = "started_on"
SEED_IDS = "seed.ids"  # the masterclass notes' ids by uuid, kept while the notebook is removed
SEOUL_OFFSET = timezone(timedelta(hours=9))  # where and when the masterclass took place


class Seed:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def add(self) -> int:
        """Add the masterclass notebook if it is not there. Returns the number of entries added."""
        with write_transaction(self.journal.conn) as conn:
            added = self.insert_notebook(conn)
            self.insert_prompts(conn)
            meta_rows.set_meta(conn, SEED_STATE, "added")
        self.journal.index.after_write()
        return added

    def remove(self) -> int:
        """Remove the masterclass notebook (it stays removed). Returns the number of entries removed."""
        from journal.seeds import MASTERCLASS_NOTEBOOK
        from journal.services.index import SEED_ADVICE

        with write_transaction(self.journal.conn) as conn:
            book = notebook_rows.notebook_by_name(conn, MASTERCLASS_NOTEBOOK)
            if book is not None:  # the notes keep their ids if the notebook comes back
                kept = {e.uuid: e.id for e in entry_rows.list_entries(conn, EntryFilter(notebook_id=book.id))}
                meta_rows.set_meta(conn, SEED_IDS, json.dumps(kept))
                if entry_rows.count_live_entries(conn) > len(kept):
                    # Notes of the user's own sit beside them: the ids shown are not given again. (A journal
                    # whose seed goes before its first note starts its own notes at #1.)
                    entry_rows.keep_ids_shown(conn)
            days = day_rows.days_of_entries(conn, list(kept.values())) if book else set()
            removed = notebook_rows.delete_notebook_with_entries(conn, book.id) if book else []
            day_rows.recount_days(conn, days)
            meta_rows.set_meta(conn, SEED_STATE, "removed")
        if removed and self.journal.index_on_write:
            self.journal.index.remove(removed, SEED_ADVICE)
        return len(removed)  # otherwise the next search drops them from the index (see SearchArea.search)

    def insert_notebook(self, conn: sqlite3.Connection) -> int:
        """Add the masterclass notebook inside the caller's transaction (if it is not there)."""
        from journal.seeds import load_masterclass

        now = self.journal.clock.now()
        seed = load_masterclass()
        if notebook_rows.notebook_by_name(conn, seed.name) is not None:
            return 0
        book_id = notebook_rows.insert_notebook(conn, seed.name, now, description=seed.description, read_only=True)
        written = datetime.combine(seed.day, datetime.min.time(), tzinfo=SEOUL_OFFSET).replace(hour=14)
        earlier = json.loads(meta_rows.get_meta(conn, SEED_IDS) or "{}")
        for number, item in enumerate(seed.entries, 1):
            uuid = str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"journal-seed:masterclass-week8:{number}"))
            old_id = earlier.get(uuid)
            entry_id = entry_rows.insert_entry(
                conn,
                entry_id=old_id if isinstance(old_id, int) and entry_rows.is_free(conn, old_id) else None,
                uuid=uuid,
                notebook_id=book_id,
                day=seed.day,
                created_at=written,
                body=item.body,
                starred=False,
                zone="Asia/Seoul",
            )
            entry_rows.set_entry_tags(conn, entry_id, extract_tags(item.body))
            pending_rows.queue_for_index(conn, entry_id, now)
        day_rows.recount_days(conn, [seed.day])
        return len(seed.entries)

    def insert_prompts(self, conn: sqlite3.Connection) -> None:
        """Add the seed prompt set inside the caller's transaction, once in a journal's life."""
        from journal.prompts import Prompt
        from journal.seeds import load_prompt_specs

        if meta_rows.get_meta(conn, PROMPTS_SEEDED):
            return
        for spec in load_prompt_specs():
            prompt = Prompt(spec.id, spec.ko, spec.en, spec.rrule, spec.slot, spec.kind, source="seed")
            prompt_rows.insert_prompt(conn, prompt, self.journal.clock.now())
        meta_rows.set_meta(conn, PROMPTS_SEEDED, "1")
