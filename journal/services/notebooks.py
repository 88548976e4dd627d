"""Notebooks: list, find and create them; the default one; which can be written."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from journal.db import write_transaction
from journal.errors import NotebookNotFound, ReadOnlyNotebook, UsageError
from journal.records import NotebookInfo
from journal.repository import notebook_rows
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
        if not name:
            raise UsageError("a notebook needs a name, e.g. journal notebook add Work")
        if len(name) > MAX_NOTEBOOK_NAME or "\x00" in name or "\n" in name:
            raise UsageError(f"a notebook name is one line of at most {MAX_NOTEBOOK_NAME} characters")
        if notebook_rows.notebook_by_name(conn, name) is not None:
            raise UsageError(f"a notebook named {name!r} already exists")
        notebook_rows.insert_notebook(conn, name, self.journal.clock.now(), description=description)

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
