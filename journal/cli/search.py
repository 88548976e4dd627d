"""Commands on the search index: search, index rebuild, doctor."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from journal.cli.output import ProgressBar, out
from journal.cli.parser import positive_int

if TYPE_CHECKING:
    from journal.cli.parser import Commands
    from journal.services import Journal


def register(commands: Commands) -> None:
    search = commands.command("search", _search, "search notes (see the README for the query language)")
    search.add_argument("query", nargs="+", metavar="QUERY")
    search.add_argument("-n", type=positive_int, default=20, metavar="N", help="at most N results (default 20)")
    search.add_argument("--format", choices=("text", "json"), default="text")

    index = commands.group("index", "manage the search index", dest="index_command")
    index.command("rebuild", _index_rebuild, "rebuild the search index from the database")

    commands.command("doctor", _doctor, "check the database, repair the search index, report what was done")


def _search(args: argparse.Namespace, journal: Journal) -> int:
    from journal.render import hits_json, hits_text

    hits = journal.index.search(" ".join(args.query), limit=args.n)
    if args.format == "json":
        out(hits_json(hits))
    elif hits:
        out(hits_text(hits))
    else:
        print("No notes match.", file=sys.stderr)
    return 0


def _index_rebuild(args: argparse.Namespace, journal: Journal) -> int:
    import time

    started = time.perf_counter()
    bar = ProgressBar("indexing")
    try:
        try:
            count = journal.index.rebuild(bar, wait=False)
        finally:
            bar.done()
    except KeyboardInterrupt:  # the workers are stopped and the notes it had taken are queued again
        print("journal: interrupted; the search index is as it was", file=sys.stderr)
        return 130
    seconds = time.perf_counter() - started
    out(f"Indexed {count:,} notes in {seconds:.1f} s")
    return 0


def _doctor(args: argparse.Namespace, journal: Journal) -> int:
    report = journal.health.doctor()
    for note in report.notes:
        out(f"ok      {note}")
    for action in report.actions:
        out(f"fixed   {action}")
    for problem in report.integrity:
        out(f"PROBLEM {problem}")
    if report.integrity:
        advice = "restore a copy from backups/ or run 'sqlite3 journal.db .recover'"
        print(f"journal: error: the database is damaged; {advice}", file=sys.stderr)
        return 1
    return 0
