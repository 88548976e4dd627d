"""Commands on notes and notebooks: add, list, show, edit, delete, restore, star, history, trash, move."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from journal.cli.helptext import DATES
from journal.cli.output import out, plural, print_entries, read_text_arg
from journal.cli.parser import FORMAT_HELP, FORMATS_LIST, ID_HELP, add_list_filters

if TYPE_CHECKING:
    from journal.cli.parser import Commands
    from journal.records import Entry
    from journal.services import Journal


def register(commands: Commands) -> None:
    add = commands.command(
        "add",
        _add,
        "add a note (text, stdin, or $EDITOR); 'yesterday: text' dates it",
        examples=(
            'journal add "오늘은 양자화를 공부했다 #경량화"',
            'journal add "yesterday: shipped the index #built"',
            'journal add "마스터클래스 정리" --date 2021-03-19 --star',
            'echo "a note from a pipe" | journal add',
        ),
        more=DATES,
    )
    add.add_argument("text", nargs="*", metavar="TEXT", help="the note (else stdin, else your $EDITOR)")
    add.add_argument("--date", metavar="WHEN", help="the day (and time) the note belongs to")
    add.add_argument("--notebook", metavar="NAME", help="the notebook (default: default_notebook in config.toml)")
    add.add_argument("--star", action="store_true", help="star the note")

    ls = commands.command(
        "list",
        _list,
        "list notes, oldest first, grouped by day",
        examples=(
            "journal list --on 어제",
            'journal list --from "last friday" --to today --tag 경량화',
            "journal list -n 10 --format json",
        ),
        more=DATES,
    )
    add_list_filters(ls)
    ls.add_argument("--format", choices=FORMATS_LIST, default="text", help=FORMAT_HELP)

    show = commands.command(
        "show", _show, "show one note", examples=("journal show 12", "journal show b6cbf339 --format json")
    )
    show.add_argument("id", metavar="ID", help=ID_HELP)
    show.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")

    edit = commands.command(
        "edit",
        _edit,
        "edit a note (--text, or $EDITOR) or move it to another day (--date); the old text and day are kept",
        examples=(
            'journal edit 12 --text "고친 문장"',
            "journal edit 12",
            'journal edit 12 --date "2026-07-01 23:30"',
            "journal history 12",
        ),
        more=DATES,
    )
    edit.add_argument("id", metavar="ID", help=ID_HELP)
    edit.add_argument("--text", metavar="TEXT", help="the new text (else your $EDITOR opens the note)")
    edit.add_argument(
        "--date", metavar="WHEN", help="move the note to this day (and time); without a time it keeps its time of day"
    )

    for name, handler, text, examples in (
        ("delete", _delete, "move a note to the trash", ("journal delete 12", "journal restore 12")),
        ("restore", _restore, "bring a note back from the trash", ("journal trash", "journal restore 12")),
        ("star", _star, "star a note", ("journal star 12", "journal list --starred")),
        ("unstar", _unstar, "unstar a note", ("journal unstar 12", "journal list --starred")),
        ("history", _history, "the revisions of a note, oldest first", ("journal history 12", "journal edit 12")),
    ):
        commands.command(name, handler, text, examples=examples).add_argument("id", metavar="ID", help=ID_HELP)

    trash = commands.command(
        "trash",
        _trash,
        "list the notes in the trash (or --empty it for good)",
        examples=("journal trash", "journal restore 12", "journal trash --empty"),
    )
    trash.add_argument("--format", choices=FORMATS_LIST, default="text", help=FORMAT_HELP)
    trash.add_argument("--empty", action="store_true", help="remove every note in the trash for good")
    trash.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    purge = commands.command(
        "purge",
        _purge,
        "remove notes for good: text, revisions, drafts and search index (backups are not touched)",
        examples=("journal purge 12", "journal purge 12 13 --yes"),
    )
    purge.add_argument("ids", nargs="+", metavar="ID", help=ID_HELP)
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    move = commands.command(
        "move", _move, "move a note to another notebook", examples=("journal move 12 Work", "journal notebooks")
    )
    move.add_argument("id", metavar="ID", help=ID_HELP)
    move.add_argument("notebook", metavar="NOTEBOOK", help="the notebook to move it to")

    books = commands.command(
        "notebooks", _notebooks, "list notebooks", examples=("journal notebooks", "journal notebooks --format json")
    )
    books.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")

    book = commands.group("notebook", "manage notebooks", dest="notebook_command")
    book_add = book.command(
        "add",
        _notebook_add,
        "create a notebook",
        examples=("journal notebook add Work", 'journal add "x" --notebook Work'),
    )
    book_add.add_argument("name", metavar="NAME", help="the notebook's name")
    book_add.add_argument("--description", default="", help="a line about what goes in it")
    rename = book.command(
        "rename",
        _notebook_rename,
        "rename a notebook; its notes follow",
        examples=("journal notebook rename Work 일", "journal notebooks"),
    )
    rename.add_argument("old", metavar="OLD", help="its name now")
    rename.add_argument("new", metavar="NEW", help="its new name")
    remove = book.command(
        "delete",
        _notebook_delete,
        "delete a notebook (one with notes needs --move-to)",
        examples=("journal notebook delete Old", "journal notebook delete Work --move-to Journal"),
    )
    remove.add_argument("name", metavar="NAME", help="the notebook to delete")
    remove.add_argument("--move-to", metavar="OTHER", help="the notebook its notes (and trashed notes) go to")

    tags = commands.command(
        "tags",
        _tags,
        "every tag with its number of notes and the day it was last used",
        examples=("journal tags", "journal tags --notebook Work --format json"),
    )
    tags.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    tags.add_argument("--notebook", metavar="NAME", help="only this notebook's tags")


def listed(args: argparse.Namespace, journal: Journal, *, writable_only: bool = False) -> list[Entry]:
    """The entries the filters of `journal list` select."""
    from journal.errors import UsageError

    if args.on is not None and (args.start is not None or args.end is not None):
        raise UsageError("use --on alone, or --from/--to, not both")
    start = end = journal.parse_day(args.on) if args.on is not None else None
    if args.start is not None:
        start = journal.parse_day(args.start)
    if args.end is not None:
        end = journal.parse_day(args.end)
    return journal.entries.list(
        start=start,
        end=end,
        tags=tuple(args.tag),
        notebook=args.notebook,
        starred=args.starred,
        limit=args.n,
        writable_only=writable_only and not args.notebook,
    )


def filtered(args: argparse.Namespace) -> bool:
    return bool(args.on or args.start or args.end or args.tag or args.notebook or args.starred or args.n)


def add_piped(journal: Journal) -> int:
    """`journal` with text on stdin: the text is a note; with nothing on stdin, a hint."""
    from journal.cli.output import read_stdin
    from journal.errors import UsageError

    text = read_stdin()
    if not text.strip():
        raise UsageError(
            "nothing to add: stdin was empty; pipe a note in (echo 'text' | journal) or run journal in a terminal"
        )
    entry = journal.entries.add(text)
    out(f"Added #{entry.id} on {entry.day.isoformat()} ({entry.day.strftime('%a')}) in {entry.notebook}")
    return 0


def _add(args: argparse.Namespace, journal: Journal) -> int:
    when = journal.parse_when(args.date) if args.date is not None else None  # --date '' is an error
    text = read_text_arg(args, journal)
    entry = journal.entries.add(text, when=when, notebook=args.notebook, starred=args.star)
    future = " (a future day: not counted until then)" if entry.is_future(journal.today()) else ""
    out(f"Added #{entry.id} on {entry.day.isoformat()} ({entry.day.strftime('%a')}) in {entry.notebook}{future}")
    return 0


def _list(args: argparse.Namespace, journal: Journal) -> int:
    # Your notes; the read-only masterclass notebook only when named (as export does).
    print_entries(listed(args, journal, writable_only=True), args.format, "No notes match.", today=journal.today())
    return 0


def _show(args: argparse.Namespace, journal: Journal) -> int:
    import json

    from journal.render import entry_text

    entry = journal.entries.get(args.id, include_deleted=True)
    if args.format == "json":
        out(json.dumps(entry.to_json(), ensure_ascii=False, indent=2), kind="json")
    else:
        out(entry_text(entry, journal.today()), colour=True)
    return 0


def _edit(args: argparse.Namespace, journal: Journal) -> int:
    entry = journal.entries.get(args.id)
    when = journal.parse_when(args.date) if args.date is not None else None
    text: str | None = args.text
    if text is None and when is None:
        from journal.editor import edit_text

        text = edit_text(entry.body + "\n", home=journal.home, configured=journal.config.editor)
    edited = journal.entries.edit(entry.id, text, when=when)
    if edited is None:
        out("No changes.")
    elif edited.day != entry.day or edited.created_at != entry.created_at:
        from journal.zones import full_time

        verb = "Edited and moved" if edited.body != entry.body else "Moved"
        out(
            f"{verb} #{entry.id} to {full_time(edited.moment, edited.zone)} ({edited.day:%a}); "
            f"the previous day and text are kept (journal history {entry.id})"
        )
    else:
        out(f"Edited #{entry.id}; the previous text is kept (journal history {entry.id})")
    return 0


def _delete(args: argparse.Namespace, journal: Journal) -> int:
    entry = journal.entries.delete(args.id)
    out(f"Moved #{entry.id} to the trash (journal restore {entry.id} brings it back)")
    return 0


def _restore(args: argparse.Namespace, journal: Journal) -> int:
    entry = journal.entries.restore(args.id)
    out(f"Restored #{entry.id} on {entry.day.isoformat()}")
    return 0


def _star(args: argparse.Namespace, journal: Journal) -> int:
    out(f"Starred #{journal.entries.star(args.id, True).id}")
    return 0


def _unstar(args: argparse.Namespace, journal: Journal) -> int:
    out(f"Unstarred #{journal.entries.star(args.id, False).id}")
    return 0


def _history(args: argparse.Namespace, journal: Journal) -> int:
    from journal.render import history_text

    out(history_text(journal.entries.history(args.id)))
    return 0


def _trash(args: argparse.Namespace, journal: Journal) -> int:
    if not args.empty:
        print_entries(journal.entries.trash(), args.format, "The trash is empty.", today=journal.today())
        return 0
    trashed = journal.entries.trash()
    if not trashed:
        out("The trash is empty.")
        return 0
    _confirm_purge(args, len(trashed))
    gone = journal.entries.empty_trash()
    out(f"Removed {plural(len(gone), 'note')} for good")
    return 0


def _purge(args: argparse.Namespace, journal: Journal) -> int:
    entries = [journal.entries.get(ref, include_deleted=True) for ref in args.ids]
    _confirm_purge(args, len({e.id for e in entries}))
    gone = journal.entries.purge([e.id for e in entries])
    out(f"Removed {plural(len(gone), 'note')} for good: " + ", ".join(f"#{e.id}" for e in gone))
    return 0


def _confirm_purge(args: argparse.Namespace, count: int) -> None:
    """Purging cannot be undone: ask, unless --yes; without a terminal to ask on, --yes is required."""
    import sys

    from journal.errors import Declined, UsageError

    if args.yes:
        return
    question = (
        f"Remove {plural(count, 'note')} for good, with every revision? This cannot be undone "
        "(copies in backups/ are not touched). [y/N] "
    )
    if not sys.stdin.isatty():
        raise UsageError("purging cannot be undone: add --yes to confirm (copies in backups/ are not touched)")
    print(question, end="", file=sys.stderr, flush=True)
    if sys.stdin.readline().strip().lower() not in ("y", "yes"):
        raise Declined("Nothing was removed.")


def _move(args: argparse.Namespace, journal: Journal) -> int:
    entry = journal.entries.move(args.id, args.notebook)
    out(f"Moved #{entry.id} to {entry.notebook}")
    return 0


def _notebooks(args: argparse.Namespace, journal: Journal) -> int:
    from journal.render import notebooks_json, notebooks_text

    books = journal.notebooks.all()
    out(notebooks_json(books) if args.format == "json" else notebooks_text(books), kind=args.format)
    return 0


def _notebook_rename(args: argparse.Namespace, journal: Journal) -> int:
    book = journal.notebooks.rename(args.old, args.new)
    out(f"Renamed the notebook {args.old} to {book.name}")
    return 0


def _notebook_delete(args: argparse.Namespace, journal: Journal) -> int:
    book, moved = journal.notebooks.delete(args.name, args.move_to)
    out(f"Deleted the notebook {book.name}" + (f"; {plural(moved, 'note')} moved to {args.move_to}" if moved else ""))
    return 0


def _tags(args: argparse.Namespace, journal: Journal) -> int:
    import json

    counted = journal.review.tags(args.notebook)
    if args.format == "json":
        listed = [{"tag": t, "count": n, "last_used": d.isoformat()} for t, n, d in counted]
        out(json.dumps(listed, ensure_ascii=False, indent=2), kind="json")
    elif counted:
        from journal.render import tags_text

        out(tags_text(counted))
    else:
        import sys

        print("No tags yet: write #words in your notes.", file=sys.stderr)
    return 0


def _notebook_add(args: argparse.Namespace, journal: Journal) -> int:
    book = journal.notebooks.add(args.name, args.description)
    out(f"Created the notebook {book.name}")
    return 0
