"""User-facing failures. Each carries a one-line message and an exit code; the CLI prints it once."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.records import Entry


class JournalError(Exception):
    """A runtime failure the user can act on (exit code 1)."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(JournalError):
    """The user asked for something malformed or unknown (exit code 2)."""

    exit_code = 2


class DateParseError(UsageError):
    def __init__(self, text: str) -> None:
        super().__init__(
            f"could not understand the date {text!r}; try 'today', 'yesterday', 'tomorrow', '3 days ago', "
            "'in 3 days', 'last friday', 'next friday', '2021-03-19', 'March 19', '03.19', '3일 후', '어제' "
            "or '지난 금요일'"
        )
        self.text = text


class DateRangeError(DateParseError):
    """A date outside the range journal keeps (journal.dates.FIRST_DAY to LAST_DAY). A DateParseError, so
    every place that reports a date it cannot use reports this one too."""

    def __init__(self, message: str, text: str = "") -> None:
        UsageError.__init__(self, message)
        self.text = text


class EntryNotFound(UsageError):
    def __init__(self, ref: str, *, deleted: bool = False) -> None:
        if deleted:
            msg = f"entry {ref} is in the trash; run 'journal restore {ref}' first"
        else:
            msg = f"no entry with id {ref}; 'journal list' shows the ids"
        super().__init__(msg)


class EditConflict(JournalError):
    """The note changed (in another window, from the shell) since the edit began: nothing was written.
    `current` is the note as it is now."""

    def __init__(self, current: Entry) -> None:
        saved = current.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        super().__init__(
            f"note #{current.id} was changed elsewhere (saved {saved}) after you started editing it; nothing was "
            "written: keep that version, overwrite it with yours, or save yours as a new note"
        )
        self.current = current


class NotebookNotFound(UsageError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"no notebook named {name!r}; 'journal notebooks' lists them, 'journal notebook add {name}' creates it"
        )


class ReadOnlyNotebook(UsageError):
    def __init__(self, name: str) -> None:
        super().__init__(f"the notebook {name!r} is read-only: it and its notes cannot be changed")


class StorageError(JournalError):
    """The database or the journal home cannot be used."""


class DiskFull(StorageError):
    """A write failed because the disk (or the user's quota) is full."""

    def __init__(self, what: str) -> None:
        super().__init__(f"the disk is full: {what}")


def is_disk_full(exc: BaseException) -> bool:
    """Whether `exc` is the operating system's or SQLite's "no space left" (ENOSPC, EDQUOT, SQLITE_FULL)."""
    import errno

    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    return getattr(exc, "sqlite_errorcode", None) == 13  # SQLITE_FULL


class RebuildRunning(StorageError):
    def __init__(self) -> None:
        super().__init__(
            "another journal process is already rebuilding the search index; it is up to date when that finishes"
        )


class Interrupted(JournalError):
    """Ctrl-C after something was already done: the message says what the journal now is."""

    exit_code = 130


class Declined(JournalError):
    """The user said no to a confirmation: not an error, nothing done (exit code 0)."""

    exit_code = 0
