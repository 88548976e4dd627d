"""Two app windows on one journal, real processes in real terminals; one is killed with kill -9 (no signal
handler, no flush: only what was already in the database survives). Nothing typed is lost: the killed
window's text comes back in the next window to start, the other window's text is its own all along.
"""

from __future__ import annotations

import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.ptyapp import TIMEOUT, PtyApp


def _drafts(home: Path) -> dict[str, dict[str, str]]:
    conn = sqlite3.connect(home / "journal.db", timeout=10)
    try:
        found: dict[str, dict[str, str]] = {}
        for window, slot, body in conn.execute("SELECT window_id, slot, body FROM drafts"):
            found.setdefault(window, {})[slot] = body
        return found
    finally:
        conn.close()


def _notes(home: Path) -> list[str]:
    conn = sqlite3.connect(home / "journal.db", timeout=10)
    try:
        return [row[0] for row in conn.execute("SELECT body FROM entries WHERE deleted_at IS NULL ORDER BY id")]
    finally:
        conn.close()


def _windows(home: Path) -> set[str]:
    return {p.stem for p in (home / "windows").glob("*.lock")} if (home / "windows").exists() else set()


def _until(condition, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _lost(typed: str, kept: str) -> int:
    """How many characters of `typed` are not in `kept` (0: nothing lost)."""
    same = 0
    for a, b in zip(typed, kept, strict=False):
        if a != b:
            break
        same += 1
    return len(typed) - same


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX ptys and signals")
def test_kill_9_of_one_window_loses_nothing_of_either(home: Path) -> None:
    a_editor = "A: 첫 번째 창에서 쓰던 문장\nwith a second line"
    b_line = "B: the other window's line"
    apps: list[PtyApp] = []
    try:
        a = PtyApp(home)
        apps.append(a)
        a.wait_for(b"A tiny note for today")
        _until(lambda: len(_windows(home)) == 1, "A's window lock")
        (wa,) = _windows(home)
        b = PtyApp(home)
        apps.append(b)
        b.wait_for(b"A tiny note for today")
        _until(lambda: len(_windows(home)) == 2, "B's window lock")
        (wb,) = _windows(home) - {wa}

        a.type("\x0f")  # ctrl+o: A's editor
        a.wait_for(b"ctrl+s saves")
        a.type(a_editor.replace("\n", "\r"))
        b.type(b_line)
        _until(lambda: _drafts(home).get(wa, {}).get("editor") == a_editor, "A's editor draft")
        _until(lambda: _drafts(home).get(wb, {}).get("capture") == b_line, "B's capture draft")

        assert a.kill(signal.SIGKILL) == -signal.SIGKILL  # no handler runs: only the database remains

        b.type("\r")  # B saves its line: A's drafts (a window that is gone) are not B's to touch
        _until(lambda: b_line in _notes(home), "B's note")
        assert _drafts(home).get(wa) == {"editor": a_editor}

        c = PtyApp(home)  # the next window offers A's text
        apps.append(c)
        c.wait_for(b"Draft restored")
        _until(lambda: len(_windows(home)) == 2 and wa not in _windows(home), "A's lock taken over")
        (wc,) = _windows(home) - {wb}
        kept = _drafts(home)
        assert set(kept) == {wc}
        (restored,) = kept[wc].values()
        assert _lost(a_editor, restored) == 0
        c.type("\x13")  # ctrl+s in the restored editor: A's text is a note
        _until(lambda: a_editor in _notes(home), "A's text saved from C")
        assert _drafts(home) == {}
        assert _lost(b_line, _notes(home)[0]) == 0
    finally:
        for app in apps:
            app.close()
