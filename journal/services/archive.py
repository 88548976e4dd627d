"""Notes in and out: imports from other tools, the lossless export, backups and restores."""

from __future__ import annotations

import sqlite3
import uuid as uuidlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from journal.db import write_transaction
from journal.errors import UsageError
from journal.records import Entry
from journal.repository import day_rows, entry_rows, meta_rows, notebook_rows, pending_rows
from journal.text import extract_tags, nfc

RESTORE_MARK = "index.restored"  # local to this computer: not exported (interchange.native.LOCAL_PREFIX)

if TYPE_CHECKING:
    from journal.backup import BackupInfo
    from journal.interchange import ImportedNote, ImportReport
    from journal.interchange.native import NativeImport
    from journal.services import Journal


class Archive:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def import_notes(
        self,
        notes: Iterable[ImportedNote],
        *,
        notebook: str | None = None,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportReport:
        """Add notes read from another tool, all or nothing (one transaction), skipping any already here:
        the same uuid, or the same time and text as the file carries it (a clock's minute where the note
        was written for jrnl and Markdown, the instant to the second for Day One). A dry run does the same
        work and then rolls it back. `notes` is read as it goes, a batch at a time, and each batch is
        compared with the notes on its days only: memory stays flat however large the file. `progress`
        gets (bytes read, file size) for a NoteStream, else (notes read, 0)."""
        from journal.interchange import SAMPLE, ImportReport, NoteStream

        journal = self.journal
        report = ImportReport(notebook=nfc(notebook).strip() if notebook else journal.config.default_notebook)
        stream = notes if isinstance(notes, NoteStream) else None
        read = 0
        with self._import_transaction(dry_run) as conn:
            if notebook_rows.notebook_by_name(conn, report.notebook) is None:
                journal.notebooks.add_in(conn, report.notebook)
                report.notebook_created = True
            book = journal.notebooks.writable(report.notebook)
            report.notebook = book.name
            books = {book.name: book.id}
            now = journal.clock.now()
            added_days: set[date] = set()
            for batch in _batches(notes, IMPORT_BATCH):
                read += len(batch)
                uuids = [n.uuid for n in batch if n.uuid]
                present = set(entry_rows.entry_ids_by_uuid(conn, uuids)) if uuids else set()
                keys = _keys_on_days(conn, batch)
                for item in batch:
                    key = _key(item.created_at, item.zone, item.body, item.wall_clock)
                    if (item.uuid and item.uuid in present) or key in keys:
                        report.duplicates += 1
                        continue
                    keys.add(key)
                    if item.uuid:
                        present.add(item.uuid)
                    named = item.notebook if not notebook else None  # --notebook wins over the file's names
                    entry_id = entry_rows.insert_entry(
                        conn,
                        uuid=item.uuid or str(uuidlib.uuid4()),
                        notebook_id=self._book_id(conn, named, books, report) if named else book.id,
                        day=item.day,
                        created_at=item.created_at,
                        body=item.body,
                        starred=item.starred,
                        zone=item.zone,
                    )
                    entry_rows.set_entry_tags(conn, entry_id, extract_tags(item.body))
                    pending_rows.queue_for_index(conn, entry_id, now)
                    report.added += 1
                    added_days.add(item.day)
                    if len(report.sample) < SAMPLE:
                        report.sample.append(item)
                if progress:
                    progress(*((stream.read, stream.size) if stream is not None else (read, 0)))
            day_rows.recount_days(conn, added_days)
        if stream is not None:
            report.skipped, report.warnings = stream.skipped, stream.warnings
        if not dry_run:
            journal.index.after_write()
        return report

    def _book_id(self, conn: sqlite3.Connection, name: str, books: dict[str, int], report: ImportReport) -> int:
        """The notebook the file names for a note (created if needed), when --notebook did not choose one."""
        name = nfc(name).strip()
        if name not in books:
            created = notebook_rows.notebook_by_name(conn, name) is None
            if created:
                self.journal.notebooks.add_in(conn, name)
            books[name] = self.journal.notebooks.writable(name).id
            report.others[name] = created
        return books[name]

    def import_journal(self, data: dict[str, object], *, dry_run: bool = False) -> NativeImport:
        """Add a journal exported with `--format json` (a restore, into a journal with no notes yet)."""
        from journal.interchange.native import load

        with self._import_transaction(dry_run) as conn:
            result = load(conn, data)
            added = None if result.restored else day_rows.days_of_entries(conn, result.added_ids or [])
            day_rows.recount_days(conn, added)  # a restore: every day
            now = self.journal.clock.now()
            for entry_id in result.added_ids or []:
                pending_rows.queue_for_index(conn, entry_id, now)
        if not dry_run:
            self.journal.index.after_write()
        return result

    @contextmanager
    def _import_transaction(self, dry_run: bool) -> Iterator[sqlite3.Connection]:
        if not dry_run:
            with write_transaction(self.journal.conn) as conn:
                yield conn
            return
        conn = self.journal.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        finally:
            conn.execute("ROLLBACK")

    def export_json(self, entries: list[Entry] | None = None) -> dict[str, object]:
        """The lossless export: everything (trash and revisions included), or just `entries` and the
        notebooks, prompts and facts around them."""
        from journal.interchange.native import dump

        ids = None if entries is None else {e.id for e in entries}
        return dump(self.journal.conn, ids, self.journal.clock.now())

    def backup(self, target: Path | None = None, *, keep: int = 10) -> tuple[BackupInfo, list[Path]]:
        """A consistent copy of the database; by default timestamped in backups/, keeping the newest `keep`."""
        from journal.backup import BACKUP_DIR, backup_to, default_backup_path, prune

        journal = self.journal
        if keep < 1:
            raise UsageError(f"--keep must be at least 1, not {keep}")
        if target is None:
            journal.require_writable()  # backups/ is in the journal's folder
            info = backup_to(journal.conn, default_backup_path(journal.home / BACKUP_DIR, journal.clock.now()))
            return info, prune(journal.home / BACKUP_DIR, keep, spare=info.path)
        if target.is_dir():
            target = default_backup_path(target, journal.clock.now())
        elif not target.parent.is_dir():
            raise UsageError(f"cannot write {target}: the folder {target.parent} does not exist; create it first")
        return backup_to(journal.conn, target), []

    def restore_backup(
        self, source: Path, progress: Callable[[int, int], None] | None = None
    ) -> tuple[BackupInfo, Path]:
        """Replace the journal with a checked backup, keeping the journal as it was in backups/ first
        (journal.restore: one write lock from that copy through the swap). The search index is rebuilt
        to match (if there is one); if that cannot finish, the next search rebuilds it. Ctrl-C at any
        point says which journal there is."""
        from journal import restore
        from journal.backup import check_backup, utc_stamp
        from journal.errors import Interrupted, JournalError, StorageError
        from journal.services.index import INDEX_BIRTH

        journal = self.journal
        journal.require_writable()
        info = check_backup(source)
        token = str(uuidlib.uuid4())

        def mark(conn: sqlite3.Connection) -> Callable[[sqlite3.Connection], None]:
            shown = entry_rows.highest_id(conn)  # ids the journal has shown are never given again

            def after(conn: sqlite3.Connection) -> None:
                meta_rows.set_meta(conn, RESTORE_MARK, token)  # how an interrupted restore knows it happened
                meta_rows.set_meta(conn, INDEX_BIRTH, "")  # the index on disk describes the journal that was
                meta_rows.set_meta(conn, entry_rows.ID_FLOOR, str(max(shown, entry_rows.highest_id(conn))))

            return after

        staged = restore.stage(source, journal.home)
        keep = restore.before_restore_path(journal.home, utc_stamp(journal.clock.now()))
        done = (
            f"the journal was restored from {source} (the one before is kept at {keep}); "
            "the next search rebuilds the search index"
        )
        try:
            _check_staged(staged, source)
            journal.index.mark_stale()  # an app with the index open rebuilds it too, if this is cut short
            try:
                restore.restore_in_place(journal.conn, journal.db_path, staged, keep, mark)
            except (StorageError, restore.DamagedJournal):  # too damaged to read, or left half-way
                journal.close()
                restore.keep_damaged(journal.db_path, keep)
                restore.replace_file(journal.db_path, staged)
            journal.saved = done  # from here on, an interruption must not say "nothing was saved"
            journal.close()
            journal.conn  # noqa: B018 - reopen the restored journal
            if journal.index.on_disk():
                journal.index.rebuild(progress)
        except KeyboardInterrupt:
            if journal.saved is None and not self._restored(token):
                raise
            raise Interrupted(f"interrupted: {done}") from None
        except (JournalError, OSError) as exc:
            if journal.saved is None and not self._restored(token):
                raise
            reason = exc.message if isinstance(exc, JournalError) else (exc.strerror or str(exc))
            journal.notices.append(f"the search index could not be rebuilt ({reason}); the next search rebuilds it")
        finally:
            restore.discard(journal.home)
        return info, keep

    def _restored(self, token: str) -> bool:
        """Whether the restore marked by `token` was committed (read afresh)."""
        from journal.errors import JournalError

        self.journal.close()
        try:
            return meta_rows.get_meta(self.journal.conn, RESTORE_MARK) == token
        except (sqlite3.Error, JournalError):
            return False


def _check_staged(staged: Path, source: Path) -> None:
    from journal.backup import check_backup
    from journal.errors import JournalError

    try:
        check_backup(staged)
    except JournalError as exc:
        raise JournalError(exc.message.replace(str(staged), str(source))) from None


IMPORT_BATCH = 2000
"""Notes an import reads, compares with the journal and writes at a time (memory: a batch and its days)."""


def _batches(notes: Iterable[ImportedNote], size: int) -> Iterator[list[ImportedNote]]:
    batch: list[ImportedNote] = []
    for note in notes:
        batch.append(note)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _keys_on_days(conn: sqlite3.Connection, batch: list[ImportedNote]) -> set[tuple[str, str]]:
    """What the notes already here (this import's too) on the batch's days, and a day either side, compare
    by; only those whose text is in the batch."""
    one = timedelta(days=1)
    days = sorted({d for n in batch for d in (n.day - one, n.day, n.day + one)})
    bodies = {n.body for n in batch}
    rows = entry_rows.moments_and_bodies_on(conn, days, bodies)
    return {_key(datetime.fromisoformat(at), zone, body, wall) for at, zone, body in rows for wall in (0, 1)}


def _key(moment: datetime, zone: str, body: str, wall_clock: bool | int) -> tuple[str, str]:
    """What an import compares: a clock's minute where the note was written (jrnl, Markdown carry no
    more), else the instant to the second (Day One)."""
    if wall_clock:
        from journal.zones import at

        return f"wall {at(moment, zone):%Y-%m-%d %H:%M}", body
    return f"instant {moment.astimezone(UTC):%Y-%m-%dT%H:%M:%S}", body
