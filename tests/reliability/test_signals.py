"""The terminal closing (SIGHUP) or a polite kill (SIGTERM) right after typing: the app, a real process in a
real pseudo-terminal, writes the draft from the widget's text and exits cleanly.

The app runs with drafts timed far in the future (60 s), so the draft in the database can only have come
from the signal handler's flush.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import sqlite3
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

APP = """
import sys
from pathlib import Path
from journal.clock import clock_from_env
from journal.tui.app import make_app
from journal.tui.drafts import DraftTiming

app = make_app(Path(sys.argv[1]), clock=clock_from_env(), draft_timing=DraftTiming(quiet=60, max_wait=60))
app.run()
sys.exit(app.return_code or 0)
"""
TIMEOUT = 30.0


def _start(home: Path) -> tuple[int, int]:
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, with the pty as its terminal
        os.environ.update(
            JOURNAL_HOME=str(home), JOURNAL_NOW="2026-11-23T10:00:00+09:00", TERM="xterm-256color", TZ="Asia/Seoul"
        )
        os.environ.pop("NO_COLOR", None)
        os.execv(sys.executable, [sys.executable, "-c", APP, str(home)])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    return pid, fd


def _read_until(fd: int, marker: bytes, seen: bytearray) -> None:
    deadline = time.monotonic() + TIMEOUT
    while marker not in seen:
        if time.monotonic() > deadline:
            raise AssertionError(f"{marker!r} never appeared; the app wrote {bytes(seen[-2000:])!r}")
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                raise AssertionError(f"the app ended before {marker!r}: {bytes(seen[-2000:])!r}") from None


def _wait(pid: int, fd: int | None) -> int:
    deadline = time.monotonic() + TIMEOUT
    while True:
        if fd is not None:  # keep draining the terminal so the app never blocks writing to it
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    os.read(fd, 65536)
                except OSError:
                    fd = None
        else:
            time.sleep(0.05)
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise AssertionError("the app did not exit after the signal")


def _drafts(home: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(home / "journal.db")
    try:
        return conn.execute("SELECT slot, body FROM drafts").fetchall()
    finally:
        conn.close()


def _type(fd: int, seen: bytearray, text: str, marker: bytes) -> None:
    _read_until(fd, b"A tiny note for today", seen)  # the app is up, the cursor in the capture line
    os.write(fd, text.encode())
    _read_until(fd, marker, seen)  # on screen: in the widget


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and ptys")
def test_sigterm_right_after_typing_writes_the_draft(home: Path) -> None:
    pid, fd = _start(home)
    seen = bytearray()
    try:
        _type(fd, seen, "typed then terminated 끝", b"terminated")
        os.kill(pid, signal.SIGTERM)
        code = _wait(pid, fd)
    finally:
        os.close(fd)
    assert code == 128 + signal.SIGTERM
    assert _drafts(home) == [("capture", "typed then terminated 끝")]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and ptys")
def test_closing_the_terminal_right_after_typing_writes_the_draft(home: Path) -> None:
    pid, fd = _start(home)
    seen = bytearray()
    _type(fd, seen, "typed then the window closed", b"window closed")
    os.close(fd)  # the terminal goes away: the kernel sends SIGHUP
    code = _wait(pid, None)
    assert code == 128 + signal.SIGHUP
    assert _drafts(home) == [("capture", "typed then the window closed")]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and ptys")
def test_sighup_with_the_editor_open_writes_its_draft(home: Path) -> None:
    pid, fd = _start(home)
    seen = bytearray()
    try:
        _read_until(fd, b"A tiny note for today", seen)
        os.write(fd, b"\x0f")  # ctrl+o: the editor
        _read_until(fd, b"ctrl+s saves", seen)
        os.write(fd, b"in the editor\rsecond line")
        _read_until(fd, b"second line", seen)
        os.kill(pid, signal.SIGHUP)
        code = _wait(pid, fd)
    finally:
        os.close(fd)
    assert code == 128 + signal.SIGHUP
    assert _drafts(home) == [("editor", "in the editor\nsecond line")]
