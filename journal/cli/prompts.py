"""Reflection prompts and the seed notebook: prompts, answer, skip, snooze, prompt …, seed."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from journal.cli.output import out, read_text_arg

if TYPE_CHECKING:
    from journal.cli.parser import Commands
    from journal.services import Journal

SLOTS = ("morning", "evening", "any")


def register(commands: Commands) -> None:
    seed = commands.command(
        "seed",
        _seed,
        "add the masterclass notebook again (or --remove it; a removal sticks)",
        examples=("journal seed --remove", "journal seed"),
    )
    seed.add_argument("--remove", action="store_true", help="remove the masterclass notebook")

    prompts = commands.command(
        "prompts",
        _prompts,
        "reflection prompts due on a day",
        examples=("journal prompts", "journal prompts --on 어제", "journal prompts --all --format json"),
    )
    prompts.add_argument("--on", metavar="WHEN", help="the day (default today)")
    prompts.add_argument("--all", action="store_true", help="every prompt, with its schedule")
    prompts.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")

    answer = commands.command(
        "answer",
        _answer,
        "answer a prompt (text, stdin, or $EDITOR); it is then not due until its next occurrence",
        examples=('journal answer tiny-note "오늘은 인덱스를 만들었다 #built"', "journal answer good-question"),
    )
    answer.add_argument("prompt_id", metavar="PROMPT_ID", help="the prompt's id (journal prompts --all)")
    answer.add_argument("text", nargs="*", metavar="TEXT", help="the answer (else stdin, else your $EDITOR)")
    answer.add_argument("--date", metavar="WHEN", help="the day the answer belongs to (default today)")

    skip = commands.command(
        "skip",
        _skip,
        "skip a prompt until its next occurrence",
        examples=("journal skip take-apart", "journal prompts"),
    )
    skip.add_argument("prompt_id", metavar="PROMPT_ID", help="the prompt's id")

    snooze = commands.command(
        "snooze",
        _snooze,
        "hide a prompt until a later day (default tomorrow)",
        examples=("journal snooze good-question --until friday", "journal snooze slump"),
    )
    snooze.add_argument("prompt_id", metavar="PROMPT_ID", help="the prompt's id")
    snooze.add_argument("--until", metavar="WHEN", help="the day it comes back (friday: the coming one)")

    prompt = commands.group("prompt", "manage your own prompts", dest="prompt_command")
    p_add = prompt.command(
        "add",
        _prompt_add,
        "add a prompt on an RFC 5545 schedule",
        examples=(
            'journal prompt add "What did I ship?" --rrule "FREQ=WEEKLY;BYDAY=MO"',
            'journal prompt add "오늘의 한 줄" --rrule FREQ=DAILY --slot evening --id line',
        ),
    )
    p_add.add_argument("text", metavar="TEXT", help="the question")
    p_add.add_argument("--rrule", required=True, help='an RFC 5545 rule, e.g. "FREQ=WEEKLY;BYDAY=MO"')
    p_add.add_argument("--slot", default="any", choices=SLOTS, help="when in the day: morning, evening or any")
    p_add.add_argument("--id", dest="prompt_id", metavar="ID", help="its id (default my-1, my-2, …)")
    p_list = prompt.command(
        "list", _prompt_list, "list every prompt", examples=("journal prompt list", "journal prompt list --format json")
    )
    p_list.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    p_edit = prompt.command(
        "edit",
        _prompt_edit,
        "change a prompt's text, rule or slot",
        examples=('journal prompt edit my-1 --rrule "FREQ=WEEKLY;BYDAY=FR"', "journal prompt edit my-1 --slot morning"),
    )
    p_edit.add_argument("prompt_id", metavar="ID", help="the prompt's id")
    p_edit.add_argument("--text", help="the new question")
    p_edit.add_argument("--rrule", help="the new RFC 5545 rule")
    p_edit.add_argument("--slot", choices=SLOTS, help="morning, evening or any")
    for action, handler, text in (
        ("pause", _prompt_pause, "stop a prompt from coming due"),
        ("resume", _prompt_resume, "let a paused prompt come due again"),
        ("delete", _prompt_delete, "delete a prompt (its answers stay)"),
    ):
        examples = (f"journal prompt {action} my-1", "journal prompt list")
        prompt.command(action, handler, text, examples=examples).add_argument(
            "prompt_id", metavar="ID", help="the prompt's id"
        )


def _seed(args: argparse.Namespace, journal: Journal) -> int:
    if args.remove:
        removed = journal.seed.remove()
        out(
            f"Removed the masterclass notebook ({removed} notes)"
            if removed
            else "The masterclass notebook is not there."
        )
    else:
        added = journal.seed.add()
        out(
            f"Added the masterclass notebook ({added} notes)" if added else "The masterclass notebook is already there."
        )
    return 0


def _prompts(args: argparse.Namespace, journal: Journal) -> int:
    import json

    day = journal.parse_day(args.on) if args.on is not None else journal.today()
    statuses = journal.prompts.due(day, include_all=args.all)
    language = journal.config.language
    if args.format == "json":
        out(json.dumps([s.to_json(language) for s in statuses], ensure_ascii=False, indent=2), kind="json")
        return 0
    if not statuses:
        print(f"No prompts due on {day.isoformat()}.", file=sys.stderr)
        return 0
    for status in statuses:
        if status.prompt.paused:
            mark = "paused"
        elif status.answered:
            mark = "answered"
        elif status.due:
            mark = f"due {status.occurrence.isoformat()}" if status.occurrence else "due"
        elif status.skipped:
            mark = "skipped"
        elif status.snoozed_until:
            mark = f"snoozed until {status.snoozed_until.isoformat()}"
        else:
            mark = "not due"
        # With --all, every prompt's schedule in a column of its own (the state column stays a state).
        schedule = f" {status.prompt.rrule:<34}" if args.all else ""
        out(f"{status.prompt.id:<18} {mark:<24}{schedule} {status.prompt.text(language)}")
    return 0


def _answer(args: argparse.Namespace, journal: Journal) -> int:
    prompt = journal.prompts.get(args.prompt_id)
    when = journal.parse_when(args.date) if args.date is not None else None
    text = read_text_arg(args, journal, editor_header=f"<!-- {prompt.text(journal.config.language)} -->\n")
    entry = journal.prompts.answer(prompt.id, text, when=when)
    out(f"Added #{entry.id} on {entry.day.isoformat()} ({entry.day.strftime('%a')}), answering {prompt.id}")
    return 0


def _skip(args: argparse.Namespace, journal: Journal) -> int:
    done = journal.prompts.skip(args.prompt_id)
    then = f"next due {_day(done.next_due)}" if done.next_due else "it has no later occurrence"
    out(f"Skipped {done.prompt.id} (due {_day(done.occurrence)}); {then}")
    return 0


def _snooze(args: argparse.Namespace, journal: Journal) -> int:
    until = journal.parse_day(args.until, ahead=True) if args.until is not None else None  # a bare friday: coming
    done = journal.prompts.snooze(args.prompt_id, until)
    assert done.until is not None
    out(f"Snoozed {done.prompt.id} (due {_day(done.occurrence)}) until {_day(done.until)}")
    return 0


def _day(day: date) -> str:
    return f"{day.isoformat()} ({day:%a})"


def _prompt_add(args: argparse.Namespace, journal: Journal) -> int:
    prompt = journal.prompts.add(args.text, args.rrule, slot=args.slot, prompt_id=args.prompt_id)
    out(f"Added the prompt {prompt.id} ({prompt.rrule})")
    return 0


def _prompt_list(args: argparse.Namespace, journal: Journal) -> int:
    args.all, args.on = True, None
    return _prompts(args, journal)


def _prompt_edit(args: argparse.Namespace, journal: Journal) -> int:
    from journal.errors import UsageError

    if args.text is None and args.rrule is None and args.slot is None:
        raise UsageError("say what to change: --text, --rrule or --slot")
    prompt = journal.prompts.edit(args.prompt_id, text=args.text, rrule=args.rrule, slot=args.slot)
    out(f"Changed the prompt {prompt.id}")
    return 0


def _prompt_pause(args: argparse.Namespace, journal: Journal) -> int:
    out(f"Paused {journal.prompts.set_paused(args.prompt_id, True).id}")
    return 0


def _prompt_resume(args: argparse.Namespace, journal: Journal) -> int:
    out(f"Resumed {journal.prompts.set_paused(args.prompt_id, False).id}")
    return 0


def _prompt_delete(args: argparse.Namespace, journal: Journal) -> int:
    out(f"Deleted the prompt {journal.prompts.delete(args.prompt_id).id}; its answers are kept")
    return 0
