"""The `journal` command: argument parsing, output and exit codes. No SQL here.

parser      the argument parser; each command module adds its own commands to it
entries     add, list, show, edit, delete, restore, star, move, history, trash, notebooks
search      search, index rebuild, doctor
review      digest, stats
prompts     prompts, answer, skip, snooze, prompt …, seed
archive     import, export, backup, restore-backup
output      printing, reading the note from stdin or $EDITOR, progress bars

Imports stay lazy: `journal add` must cost Python start-up plus a few milliseconds, so neither Textual
nor SQLAlchemy (nor Whoosh) is imported on the CLI path.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from journal.clock import Clock
    from journal.services import Journal


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    from journal.cli.search import query_words_apart

    os.umask(0o077)  # everything we write in the journal home is private
    args = _parser().parse_args(query_words_apart(list(sys.argv[1:] if argv is None else argv)))
    from journal.errors import Declined, Interrupted, JournalError

    try:
        return _dispatch(args, clock)
    except Declined as exc:
        print(exc.message, file=sys.stderr)
        return exc.exit_code
    except Interrupted as exc:
        print(f"journal: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except JournalError as exc:
        print(f"journal: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("journal: interrupted; nothing was saved", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # `journal list | head` is not an error
        return 0
    except _sqlite_error() as exc:
        print(f"journal: error: {database_failure(str(exc))}", file=sys.stderr)
        return 1


@functools.cache
def _parser() -> argparse.ArgumentParser:
    """The parser, built once a process: `main` called again in the same process (scripts, the test
    suite's thousands of in-process commands) reuses it instead of paying ~6 ms of argparse each time.
    Parsing leaves no state in it (each parse starts a new namespace; `append` copies its default), and
    the completion script builds a parser of its own, as it decorates the actions."""
    from journal.cli.parser import build_parser

    return build_parser()


def database_failure(reason: str, home: Path | None = None) -> str:
    """What an SQLite error means for the user, and what to do (with the journal's home: the backup that
    brings a damaged one back)."""
    if "readonly database" in reason:
        return (
            "this journal cannot be written (its folder or disk is read-only); nothing was saved. Reading "
            "works: list, show, search, digest, stats, prompts, export, and backup to another folder"
        )
    if "disk is full" in reason:
        return "the disk is full; nothing was saved; free some space and try again"
    if "disk I/O" in reason:
        return (
            f"the database could not be read or written ({reason}): the disk may be full or failing, or the "
            "journal's files were removed while it was open; nothing was saved"
        )
    if "malformed" in reason or "not a database" in reason:
        from journal.services.health import newest_good_backup

        newest = newest_good_backup(home) if home is not None else None
        if newest is not None:
            return (
                f"the database is damaged ({reason}); restore the newest good backup: journal restore-backup {newest}"
            )
        return (
            f"the database is damaged ({reason}); 'journal restore-backup FILE' brings back a backup, and "
            "'sqlite3 journal.db .recover' salvages what is readable"
        )
    return f"the database failed: {reason}; try again, or run 'journal doctor'"


def _sqlite_error() -> type[Exception]:
    import sqlite3

    return sqlite3.Error


def _dispatch(args: argparse.Namespace, clock: Clock | None) -> int:
    from journal.clock import clock_from_env
    from journal.config import resolve_home

    home = resolve_home(getattr(args, "home", None))
    if args.command is None:
        if not sys.stdin.isatty():  # `echo "a note" | journal` adds it, as `journal add` does (and jrnl)
            from journal.cli.entries import add_piped

            return _with_journal(home, clock, add_piped)
        if not sys.stdout.isatty():
            from journal.errors import UsageError

            raise UsageError("the app needs a terminal; use 'journal add TEXT' to write or 'journal list' to read")
        from journal.tui import run_app

        return run_app(home, clock=clock or clock_from_env())
    return _with_journal(home, clock, lambda journal: args.handler(args, journal))


def _with_journal(home: Path, clock: Clock | None, run: Callable[[Journal], int]) -> int:
    from journal.clock import clock_from_env
    from journal.errors import Interrupted
    from journal.services import Journal

    journal = Journal(home, clock=clock or clock_from_env(), index_on_write=False)
    try:
        with journal:
            try:
                return run(journal)
            finally:
                for notice in journal.notices:
                    print(f"journal: {notice}", file=sys.stderr)
    except KeyboardInterrupt:
        if journal.saved is None:
            raise
        raise Interrupted(f"interrupted: {journal.saved}") from None
    except _sqlite_error() as exc:
        from journal.errors import StorageError

        raise StorageError(database_failure(str(exc), journal.home)) from None
