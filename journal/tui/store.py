"""The TUI's door to the domain. Every call blocks: run it from a worker thread, never the UI thread
(the exception: writing drafts synchronously on the way out, when blocking is the point)."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from journal.clock import Clock
from journal.errors import StorageError
from journal.services import Journal

T = TypeVar("T")


class DatabaseFailed(StorageError):
    """SQLite refused a call; `reason` is its own words ("database is locked", "database or disk is full")."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the database failed ({reason}); your text is kept, try again")
        self.reason = reason

    @property
    def plainly(self) -> str:
        """What went wrong, for someone who does not know SQLite."""
        if "locked" in self.reason or "busy" in self.reason:
            return f"another program is writing to the journal ({self.reason})"
        if "full" in self.reason:
            return f"the disk is full ({self.reason})"
        return f"the database failed ({self.reason})"


class Store:
    """One shared Journal, opened on first use, with calls serialised by a lock; open in this app window
    (`window`, a new id each run: its own draft slots, journal.services.drafts).

    `busy_timeout_ms` replaces SQLite's wait for another process's write lock (journal.db's default,
    10 s): the tests use a short one to see a locked database fail quickly.
    """

    def __init__(self, home: Path, clock: Clock, *, busy_timeout_ms: int | None = None) -> None:
        self.home = home
        self.clock = clock
        self.busy_timeout_ms = busy_timeout_ms
        self.window = uuid.uuid4().hex
        self._lock = threading.RLock()
        self._journal: Journal | None = None
        # Set by the app; called from worker threads, inside the store's lock: it must not block.
        self.on_notice: Callable[[str], None] | None = None

    def call(self, operation: Callable[[Journal], T], *, busy_timeout_ms: int | None = None) -> T:
        """Run `operation` on the journal. Failures arrive as JournalError, with a message for the user.

        `busy_timeout_ms`: wait at most this long (if less than usual) for another process's write lock,
        for this call only (writing drafts on the way out must not hang the exit for long)."""
        with self._lock:
            try:
                if self._journal is None:
                    self._journal = Journal(
                        self.home,
                        clock=self.clock,
                        shared=True,
                        window=self.window,
                        busy_timeout_ms=self.busy_timeout_ms,
                    )
                journal = self._journal
                if busy_timeout_ms is None:
                    return operation(journal)
                with journal.waiting_at_most(busy_timeout_ms):
                    return operation(journal)
            except sqlite3.Error as exc:
                if self._journal is not None and self._journal.conn.in_transaction:
                    self._journal.conn.rollback()
                raise DatabaseFailed(str(exc)) from None
            finally:
                self._pass_on_notices()

    def _pass_on_notices(self) -> None:
        if self._journal is None or not self._journal.notices:
            return
        notices, self._journal.notices = self._journal.notices, []
        if self.on_notice is not None:
            for notice in notices:
                self.on_notice(notice)

    def close(self) -> None:
        with self._lock:
            if self._journal is not None:
                self._journal.close()
                self._journal = None
