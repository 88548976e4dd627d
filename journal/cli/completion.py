"""Shell completion: `journal completion bash|zsh|fish` prints a script (made by shtab from the parser,
so it never drifts); notebook names, tags, prompt ids and recent note ids come from the journal itself
through a quiet `journal _complete KIND`. shtab is imported only here: `journal add` does not pay for it."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from journal.cli.output import out

if TYPE_CHECKING:
    from journal.cli.parser import Commands
    from journal.services import Journal

SHELLS = ("bash", "zsh", "fish")
KINDS = ("notebooks", "tags", "prompts", "ids")
# Which journal values complete which arguments, by their destination name.
VALUES_FOR = {
    "notebook": "notebooks",
    "move_to": "notebooks",
    "old": "notebooks",
    "tag": "tags",
    "prompt_id": "prompts",
    "id": "ids",
    "ids": "ids",
}


def register(commands: Commands) -> None:
    completion = commands.command(
        "completion",
        _completion,
        "print a shell completion script (commands, options, notebooks, tags, prompt and note ids)",
        examples=(
            'eval "$(journal completion bash)"    # in ~/.bashrc',
            "journal completion zsh > ~/.zfunc/_journal",
            "journal completion fish > ~/.config/fish/completions/journal.fish",
        ),
    )
    completion.add_argument("shell", choices=SHELLS, help="bash, zsh or fish")
    values = commands.sub.add_parser("_complete", parents=[commands.home])  # for the scripts; not in the help
    values.add_argument("kind", choices=KINDS)
    values.add_argument("--escaped", action="store_true")
    values.set_defaults(handler=_values)


def _completion(args: argparse.Namespace, journal: Journal) -> int:
    import shtab

    from journal.cli.parser import build_parser

    parser = build_parser()
    for action in _actions(parser):
        kind = VALUES_FOR.get(action.dest)
        if kind is not None:
            action.complete = _values_of(kind)  # type: ignore[attr-defined]
        elif action.dest in ("path", "output"):
            action.complete = shtab.FILE  # type: ignore[attr-defined]
    out(shtab.complete(parser, shell=args.shell), kind="data")
    return 0


def _values_of(kind: str) -> dict[str, object]:
    """Completion by `journal _complete KIND`, one value a line: bash gets each with its spaces escaped, so
    `Masterclass · 2021-03-19` goes onto the command line as one word; zsh and fish split them by lines."""
    quiet = f"journal _complete {kind} 2>/dev/null"
    function = f"_journal_values_{kind}"
    return {
        "bash": function,
        "zsh": f'(${{(f)"$({quiet})"}})',
        "fish": f"({quiet})",
        "preamble": {
            "bash": (
                f"{function}() {{\n"
                "  local IFS=$'\\n'\n"
                f'  compgen -W "$(journal _complete --escaped {kind} 2>/dev/null)" -- "$1" | sed -e \'s/ /\\\\ /g\'\n'
                "}"
            )
        },
    }


def _actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found.extend(_actions(sub))
        else:
            found.append(action)
    return found


def _values(args: argparse.Namespace, journal: Journal) -> int:
    if args.kind == "notebooks":
        names = [book.name for book in journal.notebooks.all()]
    elif args.kind == "tags":
        names = [tag for tag, _, _ in journal.review.tags()]
    elif args.kind == "prompts":
        names = [prompt.id for prompt in journal.prompts.all()]
    else:
        names = [str(entry.id) for entry in reversed(journal.entries.list(limit=50, writable_only=True))]
    if args.escaped:
        names = [name.replace("\\", "\\\\").replace(" ", "\\ ") for name in names]
    out("\n".join(names), kind="data")
    return 0
