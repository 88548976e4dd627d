"""Looking back: digest, stats."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from journal.cli.output import out, write_file

if TYPE_CHECKING:
    from journal.cli.parser import Commands
    from journal.services import Journal


def register(commands: Commands) -> None:
    digest = commands.command(
        "digest",
        _digest,
        "the weekly 'what did I build' digest",
        examples=(
            "journal digest",
            "journal digest --week 2026-W47 --format md -o week47.md",
            'journal digest --week "last friday" --format json',
            "journal digest --save",
        ),
    )
    digest.add_argument("--week", metavar="WEEK", help="an ISO week (2026-W47) or a day in it (last friday)")
    digest.add_argument("--format", choices=("text", "md", "json"), default="text", help="text (default), md or json")
    digest.add_argument(
        "-o", dest="output", metavar="FILE", help="write to FILE instead of the terminal (- is the terminal)"
    )
    digest.add_argument("--save", action="store_true", help="keep the digest as a note of the week (#digest)")

    stats = commands.command(
        "stats",
        _stats,
        "totals, streaks, consistency, weekdays, tags and a year heatmap",
        examples=("journal stats", "journal stats --format json"),
    )
    stats.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")


def _digest(args: argparse.Namespace, journal: Journal) -> int:
    import json

    from journal.digest import render_markdown, render_text

    week = journal.review.week(args.week)
    if args.save:
        entry = journal.review.save_digest(week)
        print(f"Saved the digest of {week.label} as #{entry.id}", file=sys.stderr)
    digest = journal.review.digest(week)
    if args.format == "json":
        text = json.dumps(digest.to_json(), ensure_ascii=False, indent=2)
    elif args.format == "md":
        text = render_markdown(digest)
    else:
        text = render_text(digest)
    if args.output and args.output != "-":  # `-o -`: the terminal, as with other tools
        write_file(args.output, text)
        print(f"Wrote the digest of {week.label} to {args.output}", file=sys.stderr)
    else:
        out(text.rstrip("\n"), kind={"json": "json", "md": "data"}.get(args.format, "text"))
    return 0


def _stats(args: argparse.Namespace, journal: Journal) -> int:
    import json

    from journal.render import stats_text

    figures = journal.review.stats()
    if args.format == "json":
        out(json.dumps(figures, ensure_ascii=False, indent=2), kind="json")
    else:
        out(stats_text(figures, journal.today()))
    return 0
