"""Locks between journal processes for work longer than one SQLite transaction."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (one of another user's counts: it cannot be signalled)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def held(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` (created 0600), waited for, released when the block ends or the
    process dies."""
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


class HeldFile:
    """An exclusive lock on a file, held by this process until `release`; the operating system lets go
    of it when the process ends in any way (kill -9 too), which is how other processes tell it is gone."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self, *, remove: bool) -> None:
        """Let go; `remove`: delete the file first, while still holding it."""
        if self._fd is None:
            return
        try:
            if remove:
                self.path.unlink(missing_ok=True)
        finally:
            os.close(self._fd)
            self._fd = None


def publish_held(path: Path) -> HeldFile:
    """Create `path` already locked: made under a temporary name, locked, then renamed into place, so that
    no other process ever finds it there unlocked while this one lives. Raises OSError."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_CREAT | os.O_RDWR | os.O_TRUNC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.replace(temporary, path)
    except BaseException:
        os.close(fd)
        temporary.unlink(missing_ok=True)
        raise
    return HeldFile(path, fd)


def take_abandoned(path: Path) -> HeldFile | None:
    """`path`'s lock if no process holds it (whoever held it is gone: the caller now holds it), else None.
    Raises FileNotFoundError when there is no such file."""
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return HeldFile(path, fd)
