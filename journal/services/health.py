"""`journal doctor`: check the database and its per-day counts, make the search index agree with it, tighten
file modes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from journal.db import write_transaction
from journal.records import DoctorReport
from journal.repository import day_rows, entry_rows, meta_rows

if TYPE_CHECKING:
    from journal.search.store import SearchIndex
    from journal.services import Journal


class Health:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def doctor(self) -> DoctorReport:
        """Check the database, make the index agree with it, and tighten file modes."""
        journal = self.journal
        journal.require_writable()
        actions: list[str] = []
        notes: list[str] = []
        integrity = meta_rows.integrity_problems(journal.conn)
        notes.append("database integrity: " + ("ok" if not integrity else f"{len(integrity)} problem(s)"))
        if integrity:  # reading on would fail on the damaged pages; the way out is a backup
            return DoctorReport(integrity, actions, notes, newest_good_backup(journal.home))
        actions.extend(self._counts_agree(notes))
        index = journal.index.open()  # rebuilds a missing, unreadable or stale index, with a notice
        actions.extend(journal.notices)
        journal.notices.clear()
        journal.index.sync(strict=True)  # an index it cannot write is one line naming why
        actions.extend(self._index_agrees(index, notes))
        for stuck in journal.index.rebuilds.stuck:
            notes.append(f"left behind: {stuck} (from an earlier rebuild) could not be removed; remove it by hand")
        actions.extend(tighten_modes(journal.home))
        return DoctorReport(integrity, actions, notes)

    def _counts_agree(self, notes: list[str]) -> list[str]:
        """The per-day counts streaks and stats read, against a recount of the notes; recounted if they differ."""
        conn = self.journal.conn
        problems = day_rows.aggregate_problems(conn)
        if not problems:
            notes.append("per-day counts: the same as a recount of the notes")
            return []
        with write_transaction(conn):
            day_rows.recount_days(conn, None)
        return [f"per-day counts: {'; '.join(problems)}; counted them again"]

    def _index_agrees(self, index: SearchIndex, notes: list[str]) -> list[str]:
        """Compare what the index says of every note with the database (ids and a digest of each
        document's fields: a document that kept an old text is found too) and repair what differs."""
        from journal.search.schema import digest

        journal = self.journal
        indexed = index.digests()
        if indexed is None:  # built before documents had digests
            count = journal.index.rebuild()
            return [f"search index: rebuilt it, to compare texts from now on ({count} notes)"]
        live = {
            entry.id: digest(entry)
            for entry in entry_rows.entries_by_ids(journal.conn, sorted(entry_rows.live_entry_ids(journal.conn)))
        }
        missing = live.keys() - indexed.keys()
        extra = indexed.keys() - live.keys()
        changed = {i for i in live.keys() & indexed.keys() if live[i] != indexed[i]}
        if not (missing or extra or changed):
            notes.append(f"search index: agrees with the database ({len(live)} notes)")
            return []
        index.update(entry_rows.entries_by_ids(journal.conn, sorted(missing | changed)), sorted(extra))
        return [
            f"search index: added {len(missing)} missing note(s), re-indexed {len(changed)} out-of-date one(s), "
            f"removed {len(extra)} that are no longer in the journal"
        ]


def newest_good_backup(home: Path) -> str | None:
    """The newest backup in backups/ that checks out, as a path to pass to restore-backup."""
    from journal.backup import BACKUP_DIR, check_backup
    from journal.errors import JournalError

    candidates = sorted((home / BACKUP_DIR).glob("journal-*.db"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in candidates:
        try:
            check_backup(path)
        except JournalError:
            continue
        return str(path)
    return None


def tighten_modes(home: Path) -> list[str]:
    """The journal home is 0700 and every file in it 0600; say what had to be fixed."""
    fixed = []
    for folder, _dirs, files in os.walk(home):  # every folder comes up once as `folder`
        for name in [folder, *(os.path.join(folder, f) for f in files)]:
            wanted = 0o700 if name == folder else 0o600
            mode = os.stat(name).st_mode & 0o777
            if mode & 0o077:  # readable or writable by others
                os.chmod(name, wanted)
                fixed.append(f"permissions: {name} was {mode:o}, now {wanted:o}")
    return sorted(fixed)
