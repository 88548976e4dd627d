"""A lock across processes on a file in the journal home (flock: released when its holder dies).

No Whoosh here: the services check it on paths that must stay light.
"""

from __future__ import annotations

import os
from pathlib import Path


class HomeLock:
    """An exclusive flock on `path`, taken with `acquire` and given back with `release` (or `with`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, *, wait: bool) -> bool:
        """Take the lock; without `wait`, False at once if another holder has it."""
        import fcntl

        if self._fd is not None:
            raise RuntimeError(f"{self.path} is already held here")
        fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the descriptor releases the flock

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def held_elsewhere(self) -> bool:
        """Whether someone else (another process, or another HomeLock here) holds it right now."""
        import fcntl

        if self._fd is not None:
            return False
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)
        return False
