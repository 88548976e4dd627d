"""Notebooks: list, find and create them; the default one; which can be written."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from journal.db import write_transaction
from journal.errors import NotebookNotFound, ReadOnlyNotebook, UsageError
from journal.records import NotebookInfo
from journal.repository import day_rows, notebook_rows, pending_rows
from journal.text import nfc

if TYPE_CHECKING:
    from journal.services import Journal

MAX_NOTEBOOK_NAME = 100


class Notebooks:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def all(self) -> list[NotebookInfo]:
        return notebook_rows.notebooks(self.journal.conn)

    def get(self, name: str) -> NotebookInfo:
        found = notebook_rows.notebook_by_name(self.journal.conn, nfc(name).strip())
        if found is None:
            raise NotebookNotFound(name)
        return found

    def add(self, name: str, description: str = "") -> NotebookInfo:
        name = nfc(name).strip()
        with write_transaction(self.journal.conn) as conn:
            self.add_in(conn, name, description)
        return self.get(name)

    def add_in(self, conn: sqlite3.Connection, name: str, description: str = "") -> None:
        """Create a notebook inside the caller's transaction."""
        _check_name(name)
        taken = notebook_rows.notebook_by_name(conn, name)
        if taken is not None:
            raise UsageError(f"a notebook named {taken.name!r} already exists (names ignore case)")
        notebook_rows.insert_notebook(conn, name, self.journal.clock.now(), description=description)

    def rename(self, old: str, new: str) -> NotebookInfo:
        """Rename a notebook (not a read-only one); its notes follow, in search too."""
        book = self.get(old)
        if book.read_only:
            raise ReadOnlyNotebook(book.name)
        new = nfc(new).strip()
        _check_name(new)
        conn = self.journal.conn
        with write_transaction(conn):
            taken = notebook_rows.notebook_by_name(conn, new)
            if taken is not None and taken.id != book.id:
                raise UsageError(f"a notebook named {taken.name!r} already exists")
            now = self.journal.clock.now()
            for entry_id in notebook_rows.rename_notebook(conn, book.id, new):
                pending_rows.queue_for_index(conn, entry_id, now)
        if book.name.casefold() == self.journal.config.default_notebook.casefold():
            self.journal.notices.append(
                f"new notes still go to {book.name!r} (default_notebook in config.toml); set it to {new!r}"
            )
        self.journal.index.after_write()
        return self.get(new)

    def delete(self, name: str, move_to: str | None = None) -> tuple[NotebookInfo, int]:
        """Delete a notebook: an empty one at once; one with notes (the trash counts) only with `move_to`,
        where its notes go. Returns the notebook as it was and how many notes moved."""
        from journal.seeds import MASTERCLASS_NOTEBOOK

        book = self.get(name)
        if book.name == MASTERCLASS_NOTEBOOK:
            raise UsageError("the masterclass notebook is removed with 'journal seed --remove'")
        if book.read_only:
            raise ReadOnlyNotebook(book.name)
        conn = self.journal.conn
        with write_transaction(conn):
            held = notebook_rows.count_all_entries(conn, book.id)
            moved: list[int] = []
            if held:
                if move_to is None:
                    raise UsageError(
                        f"{book.name!r} holds {held} note{'s' if held != 1 else ''} (the trash counts); "
                        "say where they go with --move-to NOTEBOOK"
                    )
                target = self.writable(move_to)
                if target.id == book.id:
                    raise UsageError("--move-to names the notebook being deleted; choose another")
                moved = notebook_rows.move_all_entries(conn, book.id, target.id)
                now = self.journal.clock.now()
                for entry_id in moved:
                    pending_rows.queue_for_index(conn, entry_id, now)
                day_rows.recount_days(conn, day_rows.days_of_entries(conn, moved))
            notebook_rows.delete_empty_notebook(conn, book.id)
        self.journal.index.after_write()
        return book, len(moved)

    def default(self) -> NotebookInfo:
        """The configured default notebook, created on first use (inside the caller's transaction)."""
        name = self.journal.config.default_notebook
        conn = self.journal.conn
        found = notebook_rows.notebook_by_name(conn, name)
        if found is not None:
            return found
        notebook_rows.insert_notebook(conn, name, self.journal.clock.now())
        found = notebook_rows.notebook_by_name(conn, name)
        assert found is not None
        return found

    def writable(self, name: str | None) -> NotebookInfo:
        """The named notebook (or the default), refusing a read-only one."""
        book = self.get(name) if name else self.default()
        if book.read_only:
            raise ReadOnlyNotebook(book.name)
        return book


def _check_name(name: str) -> None:
    if not name:
        raise UsageError("a notebook needs a name, e.g. journal notebook add Work")
    if len(name) > MAX_NOTEBOOK_NAME or any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in name):
        raise UsageError(f"a notebook name is one line of at most {MAX_NOTEBOOK_NAME} characters, without controls")
