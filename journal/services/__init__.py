"""Use cases: what the CLI and the TUI can do to a journal. Owns transactions; knows no UI.

`Journal` is the unit of work: one journal home, its settings, its clock, its database connection and
its search index. What can be done to it is grouped in areas, reached as attributes:

    journal.entries.add("오늘은 양자화를 공부했다")      journal.index.search("슬럼프")
    journal.notebooks.add("Work")                     journal.review.digest()
    journal.drafts.save("capture", "half a thought")  journal.prompts.answer("tiny-note", "…")
    journal.archive.backup()                          journal.seed.remove()
    journal.health.doctor()
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from journal.clock import Clock
from journal.config import DB_NAME, Config, ensure_home, is_read_only, load_config
from journal.dates import When, parse_when
from journal.db import BUSY_TIMEOUT_MS, open_database, set_busy_timeout, write_transaction
from journal.repository import day_rows, meta_rows
from journal.services.archive import Archive
from journal.services.drafts import Drafts
from journal.services.entries import Entries
from journal.services.health import Health
from journal.services.index import SearchArea
from journal.services.notebooks import Notebooks
from journal.services.prompts import Prompts
from journal.services.review import Review
from journal.services.seed import SEED_STATE, STARTED_ON, Seed


class Journal:
    """One journal home: its settings, its database, its clock, and what can be done to it."""

    def __init__(
        self,
        home: Path,
        *,
        clock: Clock | None = None,
        config: Config | None = None,
        shared: bool = False,
        index_on_write: bool = True,
        window: str = "",
        busy_timeout_ms: int | None = None,
    ) -> None:
        """`index_on_write=False` leaves writes pending for the next search (the CLI: importing Whoosh
        and writing a segment would more than double the cost of `journal add`). `window`: the app
        window this journal is open in, whose draft slots it writes (services/drafts.py).
        `busy_timeout_ms`: how long a write waits for another process's write lock (default
        journal.db.BUSY_TIMEOUT_MS)."""
        os.umask(0o077)  # every file the journal writes (database, index, backups) is private to the user
        self.home = ensure_home(home, reading=True)
        self.read_only = is_read_only(self.home)  # then reading works and every write is refused
        self.config = config if config is not None else load_config(self.home)
        self.clock = clock or Clock()
        self.index_on_write = index_on_write
        self.window = window
        self.busy_timeout_ms = busy_timeout_ms if busy_timeout_ms is not None else BUSY_TIMEOUT_MS
        self._shared = shared
        self._conn: sqlite3.Connection | None = None
        self.notices: list[str] = []  # things the user should hear about, e.g. an index rebuilt
        self.saved: str | None = None  # what a long command has already done, if it is interrupted after
        self.entries = Entries(self)
        self.notebooks = Notebooks(self)
        self.drafts = Drafts(self)
        self.index = SearchArea(self)
        self.prompts = Prompts(self)
        self.review = Review(self)
        self.archive = Archive(self)
        self.seed = Seed(self)
        self.health = Health(self)

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = open_database(self.db_path, shared=self._shared, read_only=self.read_only)
            if self.busy_timeout_ms != BUSY_TIMEOUT_MS:
                set_busy_timeout(self._conn, self.busy_timeout_ms)
            if not self.read_only:
                self._first_open_setup(self._conn)
        return self._conn

    def _first_open_setup(self, conn: sqlite3.Connection) -> None:
        """A new journal gets its start date, the masterclass notebook and the prompt set, once."""
        if meta_rows.get_meta(conn, SEED_STATE) is not None:
            return
        with write_transaction(conn):
            if meta_rows.get_meta(conn, SEED_STATE) is not None:
                return  # another process set it up while we waited for the lock
            started = day_rows.first_day(conn) or self.today()
            meta_rows.set_meta(conn, STARTED_ON, min(started, self.today()).isoformat())
            self.notebooks.default()
            self.seed.insert_notebook(conn)
            self.seed.insert_prompts(conn)
            meta_rows.set_meta(conn, SEED_STATE, "added")

    def require_writable(self) -> None:
        """For work that writes files beside the database (locks, backups/, the index): refuse at once
        in a journal that cannot be written."""
        if self.read_only:
            from journal.errors import StorageError

            raise StorageError(
                f"the journal at {self.home} is read-only (its folder or disk cannot be written); nothing was "
                "changed. Reading works: list, show, search, export, and backup to another folder"
            )

    @property
    def db_path(self) -> Path:
        return self.home / DB_NAME

    @contextmanager
    def waiting_at_most(self, busy_timeout_ms: int) -> Iterator[None]:
        """For the calls in the block, wait at most this long for another process's write lock (if less
        than usual): writing drafts on the way out must not hold up the exit for long."""
        if busy_timeout_ms >= self.busy_timeout_ms:
            yield
            return
        conn = self.conn
        set_busy_timeout(conn, busy_timeout_ms)
        try:
            yield
        finally:
            set_busy_timeout(conn, self.busy_timeout_ms)

    def data_version(self) -> int:
        """A number that changes when another connection (another window, the shell, an import) commits
        to the database, and stays the same for this journal's own writes: cheap enough to poll."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self.drafts.close()
        self.index.close()
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- dates --------------------------------------------------------------------------------

    def today(self) -> date:
        return self.clock.today()

    def parse_when(self, text: str, *, ahead: bool = False) -> When:
        """A date the user typed; `ahead` where the option looks forward (a bare `friday` is the coming one)."""
        return parse_when(text, self.today(), ahead=ahead)

    def parse_day(self, text: str, *, ahead: bool = False) -> date:
        return self.parse_when(text, ahead=ahead).day
