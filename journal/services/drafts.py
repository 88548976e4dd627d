"""Drafts: text being typed in the app, saved as it is typed so that nothing is lost.

Each app window has its own draft slots: a `Journal` opened with `window=<id>` (the app's Store) writes
its drafts under that id, and holds `windows/<id>.lock` in the journal home while it runs. The lock is
how other windows know it is alive: the operating system lets go of it when the process ends, whatever
way (quit, a crash, kill -9, the terminal closing). A window that starts takes over the drafts of
windows that are gone (`take_over`), and never touches those of a window that runs.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from journal.db import write_transaction
from journal.errors import StorageError
from journal.locks import HeldFile, publish_held, take_abandoned
from journal.records import Draft
from journal.repository import draft_rows
from journal.text import nfc

if TYPE_CHECKING:
    from journal.services import Journal

WINDOWS_DIR = "windows"
_WINDOW_ID = re.compile(r"^[0-9a-f]{8,36}$")
_LEFT_BEHIND = re.compile(r"^\.([0-9a-f]{8,36})\.lock\.\d+\.tmp$")  # a window killed while it started


class Drafts:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self._lock: HeldFile | None = None

    @property
    def window(self) -> str:
        """This journal's window id; '' without one (the CLI, scripts)."""
        return self.journal.window

    def save(
        self,
        slot: str,
        body: str,
        *,
        day: date | None = None,
        entry_id: int | None = None,
        entry_version: datetime | None = None,
        replacing: str | None = None,
    ) -> None:
        """Keep `body` as the draft of this window's `slot`; blank text removes the draft. `replacing`: a
        slot whose draft this text now is (a restored draft shown in the capture line), removed in the
        same transaction."""
        self.hold_window()
        now = self.journal.clock.now()
        with write_transaction(self.journal.conn) as conn:
            if body.strip():
                draft = Draft(slot, nfc(body), now, day, entry_id, entry_version, self.window)
                draft_rows.save_draft(conn, draft)
            else:
                draft_rows.delete_draft(conn, self.window, slot)
            if replacing is not None and replacing != slot:
                draft_rows.delete_draft(conn, self.window, replacing)

    def discard(self, slot: str) -> None:
        with write_transaction(self.journal.conn) as conn:
            draft_rows.delete_draft(conn, self.window, slot)

    def all(self) -> list[Draft]:
        """Every window's drafts, oldest first."""
        return draft_rows.get_drafts(self.journal.conn)

    def mine(self) -> list[Draft]:
        return draft_rows.get_drafts(self.journal.conn, self.window)

    def take_over(self) -> list[Draft]:
        """The drafts of app windows that are gone (and those from before windows had ids) become this
        window's, each under a slot of its own (`restored:<id>:<slot it was typed in>`); returned oldest
        first. A window that is running keeps its drafts. Two windows starting at once never both get
        one: the move is one transaction."""
        if not self.window or self.journal.read_only:
            return []  # a journal that cannot be written keeps its drafts where they are
        self.hold_window()
        folder = self.journal.home / WINDOWS_DIR
        with_drafts = draft_rows.windows(self.journal.conn)
        others = with_drafts | {p.stem for p in folder.glob("*.lock")}
        gone, taken = {""}, []
        try:
            for window in sorted(others - {self.window, ""}):
                if not _WINDOW_ID.match(window):
                    gone.add(window)  # no window of ours: nothing can be holding it
                    continue
                try:
                    lock = take_abandoned(folder / f"{window}.lock")
                except FileNotFoundError:
                    gone.add(window)  # its lock is gone too (it was taken over just now, or removed)
                    continue
                if lock is not None:
                    taken.append(lock)
                    gone.add(window)
            moved = []
            if gone & with_drafts:  # else no write at all: a start-up never waits for another writer
                with write_transaction(self.journal.conn) as conn:
                    moved = draft_rows.move_to_window(conn, sorted(gone), self.window)
        finally:
            for lock in taken:
                lock.release(remove=True)
        self._sweep(folder)
        return moved

    def hold_window(self) -> None:
        """Hold this window's lock (created on first use): a draft is never written under a window id
        whose lock is not held, or another window could take it over."""
        if not self.window or (self._lock is not None and self._lock.held):
            return
        self.journal.require_writable()
        folder = self.journal.home / WINDOWS_DIR
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            self._lock = publish_held(folder / f"{self.window}.lock")
        except OSError as exc:
            raise StorageError(f"cannot create {folder / self.window}.lock ({exc.strerror}); drafts need it") from None

    def close(self) -> None:
        """The window ends: its lock goes. Drafts it leaves are taken over by the next window to start."""
        if self._lock is not None:
            self._lock.release(remove=True)
            self._lock = None

    @staticmethod
    def _sweep(folder: Path) -> None:
        """Remove what windows killed while they started left behind (a lock file never renamed)."""
        for path in folder.glob(".*.tmp"):
            if not _LEFT_BEHIND.match(path.name):
                continue
            try:
                lock = take_abandoned(path)
            except OSError:
                continue
            if lock is not None:
                lock.release(remove=True)
