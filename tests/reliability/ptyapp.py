"""The app as a real process in a real pseudo-terminal, for tests that need several at once or kill one.

A thread keeps reading each terminal (an app whose terminal is not read stops when the buffer fills), so
a test can wait for what the app has drawn and type into it."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import threading
import time
from pathlib import Path

APP = """
import sys
from pathlib import Path
from journal.clock import clock_from_env
from journal.tui.app import make_app

app = make_app(Path(sys.argv[1]), clock=clock_from_env())
app.run()
sys.exit(app.return_code or 0)
"""
TIMEOUT = 30.0


class PtyApp:
    def __init__(self, home: Path, *, now: str = "2026-11-23T10:00:00+09:00") -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: the app, with the pty as its terminal
            os.environ.update(JOURNAL_HOME=str(home), JOURNAL_NOW=now, TERM="xterm-256color", TZ="Asia/Seoul")
            os.environ.pop("NO_COLOR", None)
            os.execv(sys.executable, [sys.executable, "-c", APP, str(home)])
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.pid, self.fd = pid, fd
        self.seen = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.code: int | None = None

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.05)
                if ready:
                    data = os.read(self.fd, 65536)
                    if not data:
                        return
                    with self._lock:
                        self.seen += data
            except OSError:
                return

    def wait_for(self, marker: bytes) -> None:
        """Until the app has drawn `marker` (since the last `forget`)."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            with self._lock:
                if marker in self.seen:
                    return
            if time.monotonic() > deadline:
                raise AssertionError(f"{marker!r} never appeared; the app wrote {bytes(self.seen[-2000:])!r}")
            time.sleep(0.02)

    def forget(self) -> None:
        with self._lock:
            self.seen.clear()

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def kill(self, signum: int = signal.SIGKILL) -> int:
        os.kill(self.pid, signum)
        return self.wait()

    def wait(self) -> int:
        deadline = time.monotonic() + TIMEOUT
        while self.code is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.code = os.waitstatus_to_exitcode(status)
            elif time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                raise AssertionError("the app did not exit")
            else:
                time.sleep(0.05)
        return self.code

    def close(self) -> None:
        """End the app if it still runs (its terminal closing: SIGHUP), and the terminal."""
        if self.code is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGHUP)
            with contextlib.suppress(AssertionError):
                self.wait()
        with contextlib.suppress(OSError):
            os.close(self.fd)
        self._reader.join(timeout=2)
