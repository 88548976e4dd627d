"""The day screen follows writes made elsewhere: another app window, a `journal add` in a shell, an import.

Every LIVE_EVERY seconds a worker asks the journal for SQLite's `data_version` (Journal.data_version: it
changes when another connection commits, never for this window's own writes, and costs a few
microseconds). Only when it has changed are the day's notes, its prompts, the streak and the on-this-day
teaser loaded again; each is shown again only if it differs from what is on screen, keeping the
highlighted note and the scroll position. Another window's drafts change `data_version` too: then the
day is read again (a millisecond) and nothing on screen changes.

The streak and the teaser read every day with notes (about 0.2 s at 100,000 notes, 10 ms for ten years
of daily notes): while another window types (a draft every second or two), they are read at most once
every SLOW_EVERY seconds, and once more after the last change.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import work
from textual.timer import Timer

from journal.errors import JournalError
from journal.tui.messages import DataChanged

if TYPE_CHECKING:
    from journal.tui.screens.day import DayScreen

LIVE_EVERY = 1.0  # seconds between looks: a write elsewhere shows within about this, plus a load
SLOW_EVERY = 2.0  # at most one reading of the streak and the teaser in this many seconds


class DayLive:
    """Mixed into DayScreen."""

    _data_version: int | None = None
    _looking = False  # a look is running in a worker (the store may be busy with a long call)
    _slow_read_at = 0.0  # when the streak and the teaser were last asked for (time.monotonic)
    _slow_timer: Timer | None = None

    def start_live(self: DayScreen, version: int | None) -> None:
        """Called once the store is open, with the data_version the first load saw."""
        self._data_version = version
        self.set_interval(self.app.live_every, self._look_for_changes)  # type: ignore[attr-defined]

    def _look_for_changes(self: DayScreen) -> None:
        if self._looking:
            return
        self._looking = True
        self._look()

    @work(thread=True, group="live")
    def _look(self: DayScreen) -> None:
        try:
            version = self.app.store.call(lambda j: j.data_version())  # type: ignore[attr-defined]
        except JournalError:
            version = None  # the database is busy or failing: look again next time
        self.post_message(DataChanged(version))

    def data_changed(self: DayScreen, version: int | None) -> None:
        self._looking = False
        if version is None or version == self._data_version:
            return
        self._data_version = version
        self._live_reload = True  # keep the highlighted note and the scroll position
        self.reload()
        self._reread_slow_parts()

    def _reread_slow_parts(self: DayScreen) -> None:
        wait = self._slow_read_at + SLOW_EVERY - time.monotonic()
        if wait <= 0:
            self._slow_read_at = time.monotonic()
            self._refresh_streak()
            self._load_on_this_day(self.today)
        elif self._slow_timer is None:
            self._slow_timer = self.set_timer(wait, self._slow_timer_fired)

    def _slow_timer_fired(self: DayScreen) -> None:
        self._slow_timer = None
        self._reread_slow_parts()
