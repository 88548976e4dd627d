"""Help a person can live in: every option described, every command's --help ending with real examples,
the query language and the date words explained where they are used."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from journal.cli.parser import build_parser


def _commands(parser: argparse.ArgumentParser, path: str = "journal") -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if name.startswith("_"):
                    continue  # for the completion scripts, not for people
                subs = list(_commands(sub, f"{path} {name}"))
                yield from subs or [(f"{path} {name}", sub)]


def test_every_command_ends_its_help_with_two_to_four_examples() -> None:
    commands = dict(_commands(build_parser()))
    assert len(commands) >= 35
    for name, parser in commands.items():
        epilog = parser.epilog or ""
        examples = epilog.split("examples:\n", 1)[-1].splitlines() if "examples:\n" in epilog else []
        assert 2 <= len(examples) <= 4, (name, examples)
        assert all(line.strip().startswith(("journal ", "echo ", 'eval "$(journal')) for line in examples), name
        assert parser.format_help().rstrip().endswith(examples[-1].strip()), name


def test_every_option_and_argument_is_described() -> None:
    for name, parser in _commands(build_parser()):
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help and action.help != argparse.SUPPRESS, (name, action.dest)


def test_search_help_explains_the_query_language_and_add_help_the_date_words(cli) -> None:
    search = cli("search", "--help").out
    for piece in (
        '"standard routine"',
        "quant*",
        " OR ",
        "-paper",
        "NOT",
        "#경량화",
        "notebook:",
        "is:starred",
        "from:",
    ):
        assert piece in search, piece
    assert "README" not in search
    add = cli("add", "--help").out
    for word in ("yesterday", "last friday", "어제", "지난 금요일", "next friday", "다음 금요일", "2021-03-19"):
        assert word in add, word


def test_a_search_with_no_words_is_a_usage_error(cli) -> None:
    result = cli("search")
    assert result.code == 2 and "journal search 슬럼프" in result.err
