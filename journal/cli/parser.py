"""The argument parser. Each command module adds its commands through `Commands`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from journal.version import VersionAction

if TYPE_CHECKING:
    from journal.services import Journal

Handler = Callable[[argparse.Namespace, "Journal"], int]
FORMATS_LIST = ("text", "json", "md")


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line naming the command's --help."""

    def error(self, message: str) -> NoReturn:
        message = message.replace(", '_complete'", "").replace("'_complete', ", "")  # for the scripts only
        self.exit(2, f"journal: error: {message} (see '{self.prog} --help')\n")


class Commands:
    """Where command modules add their commands: each accepts --home, and knows its handler."""

    def __init__(self, sub: argparse._SubParsersAction, home: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
        self.sub = sub
        self.home = home

    def command(
        self, name: str, handler: Handler, help: str, *, examples: tuple[str, ...], more: str = ""
    ) -> argparse.ArgumentParser:
        """A command; its --help ends with `more` (a longer text) and its `examples`."""
        epilog = (more + "\n\n" if more else "") + "examples:\n" + "\n".join(f"  {e}" for e in examples)
        cmd = self.sub.add_parser(
            name,
            help=help,
            description=help,
            epilog=epilog,
            parents=[self.home],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        cmd.set_defaults(handler=handler)
        return cmd

    def group(self, name: str, help: str, dest: str) -> Commands:
        """A command with actions of its own (`journal prompt add …`)."""
        group = self.sub.add_parser(name, help=help, description=help, parents=[self.home])
        actions = group.add_subparsers(dest=dest, metavar="ACTION", parser_class=Parser, required=True)
        return Commands(actions, self.home)


def build_parser() -> argparse.ArgumentParser:
    from journal.cli import archive, completion, entries, prompts, review, search

    parser = Parser(prog="journal", description="Write a tiny note every day. With no command, opens the app.")
    parser.add_argument("--version", action=VersionAction)
    home = Parser(add_help=False)
    home.add_argument(
        "--home", metavar="PATH", default=argparse.SUPPRESS, help="the journal's folder (or set JOURNAL_HOME)"
    )
    parser.add_argument("--home", metavar="PATH", default=None, help="journal folder (or JOURNAL_HOME)")
    commands = Commands(parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser), home)
    for module in (entries, search, review, prompts, archive, completion):
        module.register(commands)
    return parser


def add_list_filters(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--on", metavar="WHEN", help="only this day (today, 어제, 2021-03-19, last friday)")
    cmd.add_argument("--from", dest="start", metavar="WHEN", help="only from this day on")
    cmd.add_argument("--to", dest="end", metavar="WHEN", help="only up to this day")
    cmd.add_argument("--tag", action="append", default=[], metavar="T", help="only notes with this tag (repeatable)")
    cmd.add_argument(
        "--notebook", metavar="NAME", help="only this notebook (the read-only masterclass only when named)"
    )
    cmd.add_argument("--starred", action="store_true", help="only starred notes")
    cmd.add_argument("-n", type=positive_int, metavar="N", help="only the newest N notes")


FORMAT_HELP = "text (default), json, or md (Markdown)"
ID_HELP = "a note's number (12) or the start of its uuid (b6cbf339)"


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {number}")
    return number
