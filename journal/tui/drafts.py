"""Text → draft, for one draft slot, so that nothing typed is lost.

A `DraftKeeper` keeps a slot's draft equal to a widget's text (the capture line, the editor):

- written `quiet` seconds after the last change, and at least every `max_wait` seconds while the text keeps
  changing (a debounce alone never fires during steady typing);
- `flush()` writes it now, on the calling thread: on quit, and on SIGHUP/SIGTERM (the app calls it);
- a write that fails (the database locked, the disk full) changes nothing on screen: the app says that
  drafts are not being saved and why, and the keeper tries again `retry` seconds later and on the next
  change, until a write succeeds.

Writes run on a worker thread, one at a time per slot (a write asked for meanwhile follows it), and read
the newest text once they have the store, so what lands is always the latest. While a note made from the
text is being stored (`hold`), an emptied widget does not delete the draft: the store call that saves the
note does, in the note's own transaction (`discard_draft=keeper.slot`), so a failed save still has its
draft and a saved note never leaves one behind.

Slots are this app window's own (the store's window id, journal.services.drafts): another window never
writes or deletes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from textual.message import Message
from textual.timer import Timer

from journal.errors import JournalError

if TYPE_CHECKING:
    from journal.services import Journal
    from journal.tui.app import JournalApp


FLUSH_WAIT_MS = 3000  # on the way out, how long a draft waits for a database another program holds
BACKGROUND_WAIT_MS = 2000  # while typing: soon enough to say so, and not holding up the app's other calls


def _why(exc: JournalError) -> str:
    from journal.tui.store import DatabaseFailed

    return exc.plainly if isinstance(exc, DatabaseFailed) else exc.message


@dataclass(frozen=True)
class DraftTiming:
    quiet: float = 0.6  # seconds without a change before the draft is written
    max_wait: float = 2.0  # the longest a changed text waits while typing goes on
    retry: float = 3.0  # after a failed write


class DraftWritten(Message):
    """A background draft write finished; `error` says why it failed, or is None."""

    def __init__(self, keeper: DraftKeeper, error: str | None) -> None:
        super().__init__()
        self.keeper = keeper
        self.error = error


class DraftKeeper:
    def __init__(
        self,
        app: JournalApp,
        slot: str,
        *,
        day: Callable[[], date | None] = lambda: None,
        entry_id: int | None = None,
        entry_version: datetime | None = None,
        text: str = "",
        saved: str | None = None,
        unchanged: str | None = None,
    ) -> None:
        """`text`: what the widget starts with; `saved`: what the database holds for the slot, if known;
        `unchanged`: a text that needs no draft (an edited note's own text); `entry_version`: the edited
        note's updated_at when the edit began (saving checks it has not changed since)."""
        self.app = app
        self.slot = slot
        self.entry_id = entry_id
        self.entry_version = entry_version
        self._replacing: str | None = None  # a restored draft's slot, removed by the first write of this one
        self._day = day
        self._read: Callable[[], str] | None = None
        self._target = text  # the widget's text as of the last change; written on the UI thread only
        self._target_day = day()
        self._saved = saved  # what the database holds; None: unknown (left alone until something is typed)
        self._saved_day = self._target_day if saved is not None else None
        self._unchanged = unchanged
        self._pending_commit: str | None = None
        self._quiet_timer: Timer | None = None
        self._max_timer: Timer | None = None
        self._retry_timer: Timer | None = None
        self.error: str | None = None  # why the last write failed, while it keeps failing
        self._closed = False
        self._in_flight = False  # a write is running in a worker
        self._again = False  # and another was asked for meanwhile
        app.draft_keepers.add(self)

    @property
    def text(self) -> str:
        return self._target

    @property
    def day(self) -> date | None:
        return self._target_day

    @property
    def timing(self) -> DraftTiming:
        return self.app.draft_timing

    # -- on the UI thread ---------------------------------------------------------------------

    def attach(self, read: Callable[[], str]) -> None:
        """Follow a widget: `read` returns its current text."""
        self._read = read

    def detach(self) -> None:
        """The widget is going away: keep its last text."""
        self._sync()
        self._read = None

    def changed(self) -> None:
        """The widget's text changed: write it after a quiet moment, or at the latest after max_wait."""
        self._sync()
        if self._settled():
            self._stop_timers()
            return
        if self._quiet_timer is not None:
            self._quiet_timer.stop()
        self._quiet_timer = self.app.set_timer(self.timing.quiet, self.write_soon)
        if self._max_timer is None:
            self._max_timer = self.app.set_timer(self.timing.max_wait, self.write_soon)

    def write_soon(self) -> None:
        """Write the draft in a worker now; one write at a time (while the database is locked, a write can
        wait seconds): a write asked for meanwhile happens when the current one is done."""
        self._stop_timers()
        if self._in_flight:
            self._again = True
            return
        self._in_flight = True
        self.app.run_worker(self._write_in_worker, thread=True, group=f"draft:{self.slot}", exit_on_error=False)

    def flush(self) -> str | None:
        """Write the draft now, on this thread (blocking, for at most FLUSH_WAIT_MS on a locked database).
        Returns None when it is safe, else why not."""
        self._sync()
        self._stop_timers()
        if self._settled():
            return None  # nothing new to keep
        try:
            self.app.store.call(self._write, busy_timeout_ms=FLUSH_WAIT_MS)
        except JournalError as exc:
            return _why(exc)
        return None

    def discard(self) -> None:
        """The user threw the text away: so goes the draft."""
        self._target = ""
        self._pending_commit = None
        self.write_soon()

    def hold(self, text: str) -> None:
        """`text` is being stored as a note: until `committed` (or `release`), emptying the widget does
        not delete the draft, which still holds the text if storing it fails."""
        self._pending_commit = text
        self._sync()
        if self._target == text:  # the editor, closed with it: what is left to keep is nothing
            self._target = ""

    def release(self, text: str | None = None) -> None:
        """Storing the note failed: the draft is an ordinary draft again. `text`: the text, when no widget
        shows it yet."""
        self._pending_commit = None
        if text is not None and self._read is None:
            self._target = text
        self.changed()

    def restored(self, text: str) -> None:
        """The widget now shows `text`, the slot's draft in the database."""
        self._target = self._saved = text
        self._target_day = self._saved_day = self._day()

    def adopt(self, text: str, from_slot: str) -> None:
        """The widget now shows `text`, which another slot's draft holds (a draft restored from a window
        that is gone): it becomes this slot's draft at once, and that slot's goes in the same write."""
        self._target = text
        self._target_day = self._day()
        self._saved = None
        self._replacing = from_slot
        self.write_soon()

    def close(self) -> None:
        """Nothing more will be typed here; stop the timers and leave flushing to the app."""
        self._stop_timers()
        if self._retry_timer is not None:
            self._retry_timer.stop()
        self._read = None
        self._closed = True
        self._forget_if_done()

    def _forget_if_done(self) -> None:
        if self._closed and self._pending_commit is None and self._settled():
            self.app.draft_keepers.discard(self)

    def written(self, error: str | None) -> None:
        """A background write finished (the app routes DraftWritten here)."""
        self._in_flight = False
        again, self._again = self._again, False
        was_failing = self.error
        self.error = error
        if error is None:
            if was_failing is not None:
                self.app.drafts_recovered(self)
            if again:
                self.write_soon()
            self._forget_if_done()
            return
        if self._retry_timer is not None:
            self._retry_timer.stop()
        self._retry_timer = self.app.set_timer(self.timing.retry, self.write_soon)
        self.app.drafts_failing(self, error)

    def _sync(self) -> None:
        if self._read is not None:
            self._target = self._read()
            self._target_day = self._day()

    def _stop_timers(self) -> None:
        for timer in (self._quiet_timer, self._max_timer):
            if timer is not None:
                timer.stop()
        self._quiet_timer = self._max_timer = None

    # -- on any thread, inside the store's lock ----------------------------------------------

    def _write_in_worker(self) -> None:
        try:
            self.app.store.call(self._write, busy_timeout_ms=BACKGROUND_WAIT_MS)
        except JournalError as exc:
            self.app.post_message(DraftWritten(self, _why(exc)))
            return
        self.app.post_message(DraftWritten(self, None))

    def _draft_text(self) -> str:
        return "" if self._target == self._unchanged else self._target

    def _settled(self) -> bool:
        """The database holds what there is to keep (for the day it is for), or nothing was ever typed."""
        text = self._draft_text()
        if self._replacing is not None:
            return False
        if self._saved is None:
            return not text
        return text == self._saved and (not text or self._target_day == self._saved_day)

    def _write(self, journal: Journal) -> None:
        if self._settled():
            return
        text, day = self._draft_text(), self._target_day
        if not text.strip() and self._pending_commit is not None:
            return  # the note being stored deletes the draft when it is safe
        self._save(journal, text, day)

    def _save(self, journal: Journal, text: str, day: date | None) -> None:
        journal.drafts.save(  # empty: deleted
            self.slot,
            text,
            day=day,
            entry_id=self.entry_id,
            entry_version=self.entry_version,
            replacing=self._replacing,
        )
        self._saved, self._saved_day, self._replacing = text, day, None

    def committed(self, journal: Journal) -> None:
        """Call inside the store call that stored the held text as a note with `discard_draft=self.slot`
        (which removed the draft in the note's transaction). Text typed since then becomes the draft."""
        self._saved = ""
        self._pending_commit = None
        if self._replacing is not None:  # saved before the restored draft it showed was taken over
            journal.drafts.discard(self._replacing)
            self._replacing = None
        text = self._draft_text()
        if text.strip():
            self._save(journal, text, self._target_day)
