"""Commands on the search index: search, index rebuild, doctor."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from journal.cli.helptext import QUERY_LANGUAGE
from journal.cli.output import ProgressBar, out
from journal.cli.parser import positive_int

if TYPE_CHECKING:
    from journal.cli.parser import Commands
    from journal.services import Journal


def register(commands: Commands) -> None:
    search = commands.command(
        "search",
        _search,
        "search notes, best first",
        examples=(
            "journal search 슬럼프",
            "journal search '\"standard routine\"' -n 5",
            "journal search -paper 'from:\"last friday\"'",
            "journal search '경량화 OR quantization #built' --format json",
        ),
        more=QUERY_LANGUAGE,
    )
    search.add_argument("query", nargs="*", metavar="QUERY", help="words, phrases and filters (below)")
    search.add_argument("-n", type=positive_int, default=20, metavar="N", help="at most N results (default 20)")
    search.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json (with score, highlight)"
    )

    index = commands.group("index", "manage the search index", dest="index_command")
    index.command(
        "rebuild",
        _index_rebuild,
        "rebuild the search index from the database (it is derived: nothing is lost)",
        examples=("journal index rebuild", "journal doctor"),
    )

    commands.command(
        "doctor",
        _doctor,
        "check the database, repair the search index, fix file modes, report what was done",
        examples=("journal doctor", "journal restore-backup backups/journal-20261123-010000Z.db"),
    )


OPTIONS_WITH_VALUE = ("-n", "--format", "--home")


def query_words_apart(argv: list[str]) -> list[str]:
    """`journal search -paper`: after `search`, a word starting with `-` that is not one of search's own
    options is part of the query (an exclusion), so it goes after `--` where argparse leaves it alone."""
    start = 0
    while start < len(argv) and argv[start] != "search":
        if argv[start] == "--home":
            start += 1
        elif not argv[start].startswith("--home="):
            return argv  # another command (or none): nothing to do
        start += 1
    if start >= len(argv):
        return argv
    options: list[str] = []
    words: list[str] = []
    rest = iter(argv[start + 1 :])
    for token in rest:
        if token == "--":
            words.extend(rest)
        elif token in OPTIONS_WITH_VALUE:
            options += [token, next(rest, "")]
        elif (
            token in ("-h", "--help")
            or token.startswith(("--format=", "--home="))
            or (token[:2] == "-n" and token[2:].isdigit())
        ):
            options.append(token)
        else:
            words.append(token)
    return [*argv[: start + 1], *options, "--", *words]


def _search(args: argparse.Namespace, journal: Journal) -> int:
    from journal.errors import UsageError
    from journal.render import hits_json, hits_text

    if not args.query:
        raise UsageError("say what to search for, e.g. journal search 슬럼프 ('journal search --help' explains more)")
    hits = journal.index.search(" ".join(args.query), limit=args.n)
    if args.format == "json":
        out(hits_json(hits), kind="json")
    elif hits:
        from journal.cli import colour

        on = colour.wanted()
        out(hits_text(hits, colour=on), kind="safe", colour=on)
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
        if report.newest_good_backup:
            advice = f"restore the newest good backup: journal restore-backup {report.newest_good_backup}"
        else:
            advice = "no good backup was found in backups/; 'sqlite3 journal.db .recover' salvages what is readable"
        print(f"journal: error: the database is damaged; {advice}", file=sys.stderr)
        return 1
    return 0
