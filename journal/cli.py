"""The `journal` command: argument parsing, output and exit codes. No SQL here.

Imports stay lazy: `journal add` must cost Python start-up plus a few milliseconds, so neither Textual
nor SQLAlchemy is imported on the CLI path.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from journal.version import VersionAction

if TYPE_CHECKING:
    from journal.clock import Clock
    from journal.records import Entry
    from journal.services import Journal

FORMATS_LIST = ("text", "json", "md")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line naming the command's --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"journal: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="journal", description="Write a tiny note every day. With no command, opens the app.")
    parser.add_argument("--version", action=VersionAction)
    home = _Parser(add_help=False)
    home.add_argument("--home", metavar="PATH", default=argparse.SUPPRESS, help="journal folder (or JOURNAL_HOME)")
    parser.add_argument("--home", metavar="PATH", default=None, help="journal folder (or JOURNAL_HOME)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, handler: Callable[[argparse.Namespace, Journal], int], help: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help, description=help, parents=[home])
        cmd.set_defaults(handler=handler)
        return cmd

    add = command("add", _cmd_add, "add a note (text, stdin, or $EDITOR); 'yesterday: text' dates it")
    add.add_argument("text", nargs="*", metavar="TEXT")
    add.add_argument("--date", metavar="WHEN", help="the day (and time) the note belongs to")
    add.add_argument("--notebook", metavar="NAME")
    add.add_argument("--star", action="store_true", help="star the note")

    ls = command("list", _cmd_list, "list notes, oldest first")
    _add_list_filters(ls)
    ls.add_argument("--format", choices=FORMATS_LIST, default="text")

    show = command("show", _cmd_show, "show one note")
    show.add_argument("id", metavar="ID")
    show.add_argument("--format", choices=("text", "json"), default="text")

    edit = command("edit", _cmd_edit, "edit a note (--text, or $EDITOR); the old text is kept as a revision")
    edit.add_argument("id", metavar="ID")
    edit.add_argument("--text", metavar="TEXT")

    for name, handler, text in (
        ("delete", _cmd_delete, "move a note to the trash"),
        ("restore", _cmd_restore, "bring a note back from the trash"),
        ("star", _cmd_star, "star a note"),
        ("unstar", _cmd_unstar, "unstar a note"),
        ("history", _cmd_history, "the revisions of a note, oldest first"),
    ):
        command(name, handler, text).add_argument("id", metavar="ID")

    trash = command("trash", _cmd_trash, "list the notes in the trash")
    trash.add_argument("--format", choices=FORMATS_LIST, default="text")

    move = command("move", _cmd_move, "move a note to another notebook")
    move.add_argument("id", metavar="ID")
    move.add_argument("notebook", metavar="NOTEBOOK")

    search = command("search", _cmd_search, "search notes (see the README for the query language)")
    search.add_argument("query", nargs="+", metavar="QUERY")
    search.add_argument("-n", type=_positive_int, default=20, metavar="N", help="at most N results (default 20)")
    search.add_argument("--format", choices=("text", "json"), default="text")

    index = sub.add_parser("index", help="manage the search index", parents=[home])
    index_sub = index.add_subparsers(dest="index_command", metavar="ACTION", parser_class=_Parser, required=True)
    rebuild = index_sub.add_parser("rebuild", help="rebuild the search index from the database", parents=[home])
    rebuild.set_defaults(handler=_cmd_index_rebuild)

    command("doctor", _cmd_doctor, "check the database, repair the search index, report what was done")

    digest = command("digest", _cmd_digest, "the weekly 'what did I build' digest")
    digest.add_argument("--week", metavar="WEEK", help="an ISO week (2026-W47) or a day in it (last friday)")
    digest.add_argument("--format", choices=("text", "md", "json"), default="text")
    digest.add_argument(
        "-o", dest="output", metavar="FILE", help="write to FILE instead of the terminal (- is the terminal)"
    )
    digest.add_argument("--save", action="store_true", help="keep the digest as a note of the week (#digest)")

    stats = command("stats", _cmd_stats, "totals, streaks, consistency, weekdays, tags and a year heatmap")
    stats.add_argument("--format", choices=("text", "json"), default="text")

    seed = command("seed", _cmd_seed, "add the masterclass notebook again (or --remove it)")
    seed.add_argument("--remove", action="store_true", help="remove the masterclass notebook")

    prompts = command("prompts", _cmd_prompts, "reflection prompts due on a day")
    prompts.add_argument("--on", metavar="WHEN")
    prompts.add_argument("--all", action="store_true", help="every prompt, with its schedule")
    prompts.add_argument("--format", choices=("text", "json"), default="text")

    answer = command("answer", _cmd_answer, "answer a prompt (text, stdin, or $EDITOR)")
    answer.add_argument("prompt_id", metavar="PROMPT_ID")
    answer.add_argument("text", nargs="*", metavar="TEXT")
    answer.add_argument("--date", metavar="WHEN")

    skip = command("skip", _cmd_skip, "skip a prompt until its next occurrence")
    skip.add_argument("prompt_id", metavar="PROMPT_ID")

    snooze = command("snooze", _cmd_snooze, "hide a prompt until a later day (default tomorrow)")
    snooze.add_argument("prompt_id", metavar="PROMPT_ID")
    snooze.add_argument("--until", metavar="WHEN")

    prompt = sub.add_parser("prompt", help="manage your own prompts", parents=[home])
    prompt_sub = prompt.add_subparsers(dest="prompt_command", metavar="ACTION", parser_class=_Parser, required=True)
    p_add = prompt_sub.add_parser("add", help="add a prompt", parents=[home])
    p_add.add_argument("text", metavar="TEXT")
    p_add.add_argument("--rrule", required=True, help='an RFC 5545 rule, e.g. "FREQ=WEEKLY;BYDAY=MO"')
    p_add.add_argument("--slot", default="any", choices=("morning", "evening", "any"))
    p_add.add_argument("--id", dest="prompt_id", metavar="ID")
    p_add.set_defaults(handler=_cmd_prompt_add)
    p_list = prompt_sub.add_parser("list", help="list every prompt", parents=[home])
    p_list.add_argument("--format", choices=("text", "json"), default="text")
    p_list.set_defaults(handler=_cmd_prompt_list)
    p_edit = prompt_sub.add_parser("edit", help="change a prompt's text, rule or slot", parents=[home])
    p_edit.add_argument("prompt_id", metavar="ID")
    p_edit.add_argument("--text")
    p_edit.add_argument("--rrule")
    p_edit.add_argument("--slot", choices=("morning", "evening", "any"))
    p_edit.set_defaults(handler=_cmd_prompt_edit)
    for action, handler, text in (
        ("pause", _cmd_prompt_pause, "stop a prompt from coming due"),
        ("resume", _cmd_prompt_resume, "let a paused prompt come due again"),
        ("delete", _cmd_prompt_delete, "delete a prompt (its answers stay)"),
    ):
        p_action = prompt_sub.add_parser(action, help=text, parents=[home])
        p_action.add_argument("prompt_id", metavar="ID")
        p_action.set_defaults(handler=handler)

    imp = command("import", _cmd_import, "import notes from jrnl, jrnl's JSON, Day One, our JSON or Markdown")
    imp.add_argument("path", metavar="PATH", help="a file, or a folder (jrnl folder journals, Markdown)")
    imp.add_argument("--format", required=True, metavar="FORMAT", help="jrnl, jrnl-json, dayone, json or md")
    imp.add_argument("--notebook", metavar="NAME", help="put the notes in this notebook (created if needed)")
    imp.add_argument("--dry-run", action="store_true", help="show what would be added; change nothing")

    exp = command("export", _cmd_export, "export notes (the filters of 'journal list' choose which)")
    exp.add_argument("--format", required=True, metavar="FORMAT", help="jrnl, jrnl-json, dayone, json or md")
    exp.add_argument(
        "-o", dest="output", metavar="PATH", help="a file, or a folder (jrnl, md: one file per day); - is the terminal"
    )
    _add_list_filters(exp)

    backup = command("backup", _cmd_backup, "a consistent copy of the database (safe while the app runs)")
    backup.add_argument("path", nargs="?", metavar="PATH", help="file or folder (default: backups/ in the home)")
    backup.add_argument("--keep", type=_positive_int, default=10, metavar="N", help="backups/ keeps the newest N")

    restore = command("restore-backup", _cmd_restore_backup, "replace the journal with a backup (after checking it)")
    restore.add_argument("path", metavar="PATH")

    books = command("notebooks", _cmd_notebooks, "list notebooks")
    books.add_argument("--format", choices=("text", "json"), default="text")

    book = sub.add_parser("notebook", help="manage notebooks", parents=[home])
    book_sub = book.add_subparsers(dest="notebook_command", metavar="ACTION", parser_class=_Parser, required=True)
    book_add = book_sub.add_parser("add", help="create a notebook", parents=[home])
    book_add.add_argument("name", metavar="NAME")
    book_add.add_argument("--description", default="")
    book_add.set_defaults(handler=_cmd_notebook_add)
    return parser


def _add_list_filters(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--on", metavar="WHEN")
    cmd.add_argument("--from", dest="start", metavar="WHEN")
    cmd.add_argument("--to", dest="end", metavar="WHEN")
    cmd.add_argument("--tag", action="append", default=[], metavar="T", help="only notes with this tag (repeatable)")
    cmd.add_argument("--notebook", metavar="NAME")
    cmd.add_argument("--starred", action="store_true")
    cmd.add_argument("-n", type=_positive_int, metavar="N", help="only the newest N notes")


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {number}")
    return number


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    os.umask(0o077)  # everything we write in the journal home is private
    args = build_parser().parse_args(argv)
    from journal.errors import JournalError

    try:
        return _dispatch(args, clock)
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
        print(f"journal: error: the database failed: {exc}; try again, or run 'journal doctor'", file=sys.stderr)
        return 1


def _sqlite_error() -> type[Exception]:
    import sqlite3

    return sqlite3.Error


def _dispatch(args: argparse.Namespace, clock: Clock | None) -> int:
    from journal.clock import clock_from_env
    from journal.config import resolve_home

    home = resolve_home(getattr(args, "home", None))
    if args.command is None:
        from journal.tui import run_app

        return run_app(home, clock=clock or clock_from_env())
    from journal.services import Journal

    with Journal(home, clock=clock or clock_from_env(), index_on_write=False) as journal:
        try:
            return args.handler(args, journal)
        finally:
            for notice in journal.notices:
                print(f"journal: {notice}", file=sys.stderr)


def _out(text: str) -> None:
    if text:
        sys.stdout.write(text + "\n")


def _read_text_arg(args: argparse.Namespace, journal: Journal, editor_header: str = "") -> str:
    """The note from the arguments, else from piped stdin, else from $EDITOR (minus `editor_header`)."""
    if args.text:
        return " ".join(args.text)
    if not sys.stdin.isatty():
        return _read_stdin()
    from journal.editor import edit_text

    written = edit_text(editor_header, home=journal.home, configured=journal.config.editor)
    return written.replace(editor_header, "", 1) if editor_header else written


def _read_stdin() -> str:
    from journal.errors import UsageError

    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UsageError(f"standard input is not UTF-8 text (line {line}); convert it to UTF-8") from None


def _cmd_add(args: argparse.Namespace, journal: Journal) -> int:
    when = journal.parse_when(args.date) if args.date else None
    text = _read_text_arg(args, journal)
    entry = journal.add(text, when=when, notebook=args.notebook, starred=args.star)
    _out(f"Added #{entry.id} on {entry.day.isoformat()} ({entry.day.strftime('%a')}) in {entry.notebook}")
    return 0


def _cmd_list(args: argparse.Namespace, journal: Journal) -> int:
    _print_entries(_listed(args, journal), args.format, "No notes match.")
    return 0


def _listed(args: argparse.Namespace, journal: Journal) -> list[Entry]:
    """The entries the filters of `journal list` select."""
    from journal.errors import UsageError

    if args.on and (args.start or args.end):
        raise UsageError("use --on alone, or --from/--to, not both")
    start = end = journal.parse_day(args.on) if args.on else None
    if args.start:
        start = journal.parse_day(args.start)
    if args.end:
        end = journal.parse_day(args.end)
    return journal.list(
        start=start, end=end, tags=tuple(args.tag), notebook=args.notebook, starred=args.starred, limit=args.n
    )


def _filtered(args: argparse.Namespace) -> bool:
    return bool(args.on or args.start or args.end or args.tag or args.notebook or args.starred or args.n)


def _print_entries(entries: list[Entry], fmt: str, when_empty: str) -> None:
    """Entries as text, JSON or Markdown; an empty text listing says so on stderr instead."""
    from journal.render import entries_json, entries_markdown, entries_text

    if entries or fmt != "text":
        _out({"json": entries_json, "md": entries_markdown, "text": entries_text}[fmt](entries))
    else:
        print(when_empty, file=sys.stderr)


def _cmd_show(args: argparse.Namespace, journal: Journal) -> int:
    import json

    from journal.render import entry_text

    entry = journal.get(args.id, include_deleted=True)
    if args.format == "json":
        _out(json.dumps(entry.to_json(), ensure_ascii=False, indent=2))
    else:
        _out(entry_text(entry))
    return 0


def _cmd_edit(args: argparse.Namespace, journal: Journal) -> int:
    entry = journal.get(args.id)
    if args.text is not None:
        text = args.text
    else:
        from journal.editor import edit_text

        text = edit_text(entry.body + "\n", home=journal.home, configured=journal.config.editor)
    edited = journal.edit(entry.id, text)
    _out(f"Edited #{entry.id}; the previous text is kept (journal history {entry.id})" if edited else "No changes.")
    return 0


def _cmd_delete(args: argparse.Namespace, journal: Journal) -> int:
    entry = journal.delete(args.id)
    _out(f"Moved #{entry.id} to the trash (journal restore {entry.id} brings it back)")
    return 0


def _cmd_restore(args: argparse.Namespace, journal: Journal) -> int:
    entry = journal.restore(args.id)
    _out(f"Restored #{entry.id} on {entry.day.isoformat()}")
    return 0


def _cmd_star(args: argparse.Namespace, journal: Journal) -> int:
    _out(f"Starred #{journal.star(args.id, True).id}")
    return 0


def _cmd_unstar(args: argparse.Namespace, journal: Journal) -> int:
    _out(f"Unstarred #{journal.star(args.id, False).id}")
    return 0


def _cmd_history(args: argparse.Namespace, journal: Journal) -> int:
    from journal.render import history_text

    _out(history_text(journal.history(args.id)))
    return 0


def _cmd_trash(args: argparse.Namespace, journal: Journal) -> int:
    _print_entries(journal.trash(), args.format, "The trash is empty.")
    return 0


def _cmd_move(args: argparse.Namespace, journal: Journal) -> int:
    entry = journal.move(args.id, args.notebook)
    _out(f"Moved #{entry.id} to {entry.notebook}")
    return 0


def _cmd_notebooks(args: argparse.Namespace, journal: Journal) -> int:
    from journal.render import notebooks_json, notebooks_text

    books = journal.notebooks()
    _out(notebooks_json(books) if args.format == "json" else notebooks_text(books))
    return 0


def _cmd_notebook_add(args: argparse.Namespace, journal: Journal) -> int:
    book = journal.add_notebook(args.name, args.description)
    _out(f"Created the notebook {book.name}")
    return 0


def _cmd_search(args: argparse.Namespace, journal: Journal) -> int:
    from journal.render import hits_json, hits_text

    hits = journal.search(" ".join(args.query), limit=args.n)
    if args.format == "json":
        _out(hits_json(hits))
    elif hits:
        _out(hits_text(hits))
    else:
        print("No notes match.", file=sys.stderr)
    return 0


class _ProgressBar:
    """`label [#####.....] 1,000/36,500` on a terminal's stderr, for work of at least 2,000 items."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total >= 2000 and sys.stderr.isatty():
            filled = 30 * done // max(total, 1)
            bar = "#" * filled + "." * (30 - filled)
            print(f"\r{self.label} [{bar}] {done:,}/{total:,}", end="", file=sys.stderr, flush=True)
            self.shown = True

    def done(self) -> None:
        if self.shown:
            print(file=sys.stderr)
            self.shown = False


def _cmd_index_rebuild(args: argparse.Namespace, journal: Journal) -> int:
    import time

    started = time.perf_counter()
    bar = _ProgressBar("indexing")
    count = journal.rebuild_index(bar)
    bar.done()
    seconds = time.perf_counter() - started
    _out(f"Indexed {count:,} notes in {seconds:.1f} s")
    return 0


def _cmd_import(args: argparse.Namespace, journal: Journal) -> int:
    import time
    from pathlib import Path

    from journal.interchange import check_format, read_notes

    fmt = check_format(args.format)
    path = Path(args.path).expanduser()
    started = time.perf_counter()
    if fmt == "json":
        from journal.errors import UsageError
        from journal.interchange.native import read_native

        if args.notebook:
            raise UsageError("--notebook does not apply to --format json: its notebooks come from the file")
        result = journal.import_journal(read_native(path), dry_run=args.dry_run)
        verb = "Would add" if args.dry_run else "Added"
        what = "restored into this new journal" if result.restored else "merged"
        _out(
            f"{verb} {result.entries_added:,} notes, {result.notebooks_added} notebooks and "
            f"{result.prompts_added} prompts from {path} ({what}; {result.entries_present:,} notes were already here)"
        )
        added = result.entries_added
    else:
        bar = _ProgressBar("importing")
        report = journal.import_notes(read_notes(path, fmt), notebook=args.notebook, dry_run=args.dry_run, progress=bar)
        bar.done()
        book = f"{report.notebook}{' (new notebook)' if report.notebook_created else ''}"
        skipped = f"; {report.duplicates:,} already in the journal, skipped" if report.duplicates else ""
        if args.dry_run:
            _out(f"Would add {len(report.added):,} notes to {book}{skipped}. Nothing was changed.")
            for item in report.added[:20]:
                moment = item.created_at.astimezone().strftime("%H:%M")
                star = " ★" if item.starred else ""
                _out(f"  {item.day.isoformat()} {moment}{star}  {item.body.split(chr(10), 1)[0][:70]}")
            if len(report.added) > 20:
                _out(f"  … and {len(report.added) - 20:,} more")
        else:
            seconds = time.perf_counter() - started
            _out(f"Imported {len(report.added):,} notes into {book} in {seconds:.1f} s{skipped}")
        added = len(report.added)
    if added and not args.dry_run:
        started = time.perf_counter()
        bar = _ProgressBar("indexing for search")
        try:
            journal.index_now(bar)
        except KeyboardInterrupt:
            bar.done()
            print("journal: indexing interrupted; the notes are saved, the next search indexes them", file=sys.stderr)
            return 130
        bar.done()
        seconds = time.perf_counter() - started
        if seconds > 1:
            print(f"Indexed for search in {seconds:.0f} s", file=sys.stderr)
    return 0


def _cmd_export(args: argparse.Namespace, journal: Journal) -> int:
    import json
    import os
    from pathlib import Path

    from journal.errors import JournalError
    from journal.interchange import check_format
    from journal.interchange.files import write_private

    fmt = check_format(args.format)
    entries = _listed(args, journal)
    if fmt != "json" and not args.notebook:  # your notes, not the read-only masterclass (unless asked for)
        entries = [e for e in entries if not e.read_only]
    output = None if args.output == "-" else args.output  # `-o -`: the terminal, as with other tools
    target = Path(output).expanduser() if output else None
    if target is not None and (target.is_dir() or args.output.endswith(("/", os.sep))):
        if fmt not in ("jrnl", "md"):
            raise JournalError(f"-o {args.output} is a folder; --format {fmt} is written to one file")
        if fmt == "jrnl":
            from journal.interchange.jrnl import write_jrnl_folder

            files = write_jrnl_folder(entries, target)
        else:
            from journal.interchange.markdown import write_markdown_folder

            files = write_markdown_folder(entries, target)
        print(f"Exported {len(entries):,} notes to {files:,} files in {target}", file=sys.stderr)
        return 0
    data: str | bytes
    count = len(entries)
    if fmt == "json":
        dump = journal.export_json(entries if _filtered(args) else None)
        count = len(dump["entries"])  # type: ignore[arg-type]
        data = json.dumps(dump, ensure_ascii=False, indent=2)
    elif fmt == "jrnl":
        from journal.interchange.jrnl import jrnl_text

        data = jrnl_text(entries)
    elif fmt == "jrnl-json":
        from journal.interchange.jrnl_json import jrnl_json_text

        data = jrnl_json_text(entries)
    elif fmt == "dayone":
        from journal.interchange.dayone import dayone_json, dayone_zip

        data = dayone_zip(entries) if target is not None and target.suffix.lower() == ".zip" else dayone_json(entries)
    else:
        from journal.interchange.markdown import markdown_text

        data = markdown_text(entries)
    if target is None:
        if isinstance(data, bytes):
            raise JournalError("a zip cannot go to the terminal; give -o FILE.zip")
        sys.stdout.write(data if data.endswith("\n") else data + "\n")
        return 0
    write_private(target, data)
    print(f"Exported {count:,} notes to {target}", file=sys.stderr)
    return 0


def _cmd_backup(args: argparse.Namespace, journal: Journal) -> int:
    from pathlib import Path

    info, pruned = journal.backup(Path(args.path).expanduser() if args.path else None, keep=args.keep)
    size = f"{info.size / 1_000_000:.1f} MB" if info.size >= 100_000 else f"{info.size / 1000:.0f} kB"
    _out(f"Backed up {info.entries:,} notes to {info.path} ({size}, checked)")
    if pruned:
        print(f"Removed {len(pruned)} older backup(s); backups/ keeps the newest {args.keep}", file=sys.stderr)
    return 0


def _cmd_restore_backup(args: argparse.Namespace, journal: Journal) -> int:
    from pathlib import Path

    bar = _ProgressBar("indexing")
    info, kept = journal.restore_backup(Path(args.path).expanduser(), progress=bar)
    bar.done()
    _out(f"Restored {info.entries:,} notes from {info.path}; the journal as it was is kept at {kept}")
    return 0


def _cmd_doctor(args: argparse.Namespace, journal: Journal) -> int:
    report = journal.doctor()
    for note in report.notes:
        _out(f"ok      {note}")
    for action in report.actions:
        _out(f"fixed   {action}")
    for problem in report.integrity:
        _out(f"PROBLEM {problem}")
    if report.integrity:
        advice = "restore a copy from backups/ or run 'sqlite3 journal.db .recover'"
        print(f"journal: error: the database is damaged; {advice}", file=sys.stderr)
        return 1
    return 0


def _cmd_seed(args: argparse.Namespace, journal: Journal) -> int:
    if args.remove:
        removed = journal.remove_seed()
        _out(
            f"Removed the masterclass notebook ({removed} notes)"
            if removed
            else "The masterclass notebook is not there."
        )
    else:
        added = journal.seed()
        _out(
            f"Added the masterclass notebook ({added} notes)" if added else "The masterclass notebook is already there."
        )
    return 0


def _cmd_prompts(args: argparse.Namespace, journal: Journal) -> int:
    import json

    day = journal.parse_day(args.on) if args.on else journal.today()
    statuses = journal.prompts_on(day, include_all=args.all)
    language = journal.config.language
    if args.format == "json":
        _out(json.dumps([s.to_json(language) for s in statuses], ensure_ascii=False, indent=2))
        return 0
    if not statuses:
        print(f"No prompts due on {day.isoformat()}.", file=sys.stderr)
        return 0
    for status in statuses:
        if status.answered:
            mark = "answered"
        elif status.due:
            mark = f"due {status.occurrence.isoformat()}" if status.occurrence else "due"
        elif status.prompt.paused:
            mark = "paused"
        elif status.skipped:
            mark = "skipped"
        elif status.snoozed_until:
            mark = f"snoozed until {status.snoozed_until.isoformat()}"
        else:
            mark = status.prompt.rrule
        _out(f"{status.prompt.id:<18} {mark:<22} {status.prompt.text(language)}")
    return 0


def _cmd_answer(args: argparse.Namespace, journal: Journal) -> int:
    prompt = journal.prompt(args.prompt_id)
    when = journal.parse_when(args.date) if args.date else None
    text = _read_text_arg(args, journal, editor_header=f"<!-- {prompt.text(journal.config.language)} -->\n")
    entry = journal.answer(prompt.id, text, when=when)
    _out(f"Added #{entry.id} on {entry.day.isoformat()} ({entry.day.strftime('%a')}), answering {prompt.id}")
    return 0


def _cmd_skip(args: argparse.Namespace, journal: Journal) -> int:
    status = journal.skip(args.prompt_id)
    _out(f"Skipped {status.prompt.id} until its next occurrence")
    return 0


def _cmd_snooze(args: argparse.Namespace, journal: Journal) -> int:
    until = journal.parse_day(args.until) if args.until else None
    status = journal.snooze(args.prompt_id, until)
    _out(f"Snoozed {status.prompt.id} until {status.snoozed_until.isoformat() if status.snoozed_until else '?'}")
    return 0


def _cmd_prompt_add(args: argparse.Namespace, journal: Journal) -> int:
    prompt = journal.add_prompt(args.text, args.rrule, slot=args.slot, prompt_id=args.prompt_id)
    _out(f"Added the prompt {prompt.id} ({prompt.rrule})")
    return 0


def _cmd_prompt_list(args: argparse.Namespace, journal: Journal) -> int:
    args.all, args.on = True, None
    return _cmd_prompts(args, journal)


def _cmd_prompt_edit(args: argparse.Namespace, journal: Journal) -> int:
    from journal.errors import UsageError

    if args.text is None and args.rrule is None and args.slot is None:
        raise UsageError("say what to change: --text, --rrule or --slot")
    prompt = journal.edit_prompt(args.prompt_id, text=args.text, rrule=args.rrule, slot=args.slot)
    _out(f"Changed the prompt {prompt.id}")
    return 0


def _cmd_prompt_pause(args: argparse.Namespace, journal: Journal) -> int:
    _out(f"Paused {journal.set_prompt_paused(args.prompt_id, True).id}")
    return 0


def _cmd_prompt_resume(args: argparse.Namespace, journal: Journal) -> int:
    _out(f"Resumed {journal.set_prompt_paused(args.prompt_id, False).id}")
    return 0


def _cmd_prompt_delete(args: argparse.Namespace, journal: Journal) -> int:
    _out(f"Deleted the prompt {journal.delete_prompt(args.prompt_id).id}; its answers are kept")
    return 0


def _cmd_digest(args: argparse.Namespace, journal: Journal) -> int:
    import json

    from journal.digest import render_markdown, render_text

    week = journal.week(args.week)
    if args.save:
        entry = journal.save_digest(week)
        print(f"Saved the digest of {week.label} as #{entry.id}", file=sys.stderr)
    digest = journal.digest(week)
    if args.format == "json":
        text = json.dumps(digest.to_json(), ensure_ascii=False, indent=2)
    elif args.format == "md":
        text = render_markdown(digest)
    else:
        text = render_text(digest)
    if args.output and args.output != "-":  # `-o -`: the terminal, as with other tools
        _write_file(args.output, text)
        print(f"Wrote the digest of {week.label} to {args.output}", file=sys.stderr)
    else:
        _out(text.rstrip("\n"))
    return 0


def _write_file(name: str, text: str) -> None:
    from pathlib import Path

    from journal.errors import JournalError

    path = Path(name).expanduser()
    try:
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise JournalError(f"cannot write {path}: {exc.strerror}; choose another -o path") from None


def _cmd_stats(args: argparse.Namespace, journal: Journal) -> int:
    import json

    from journal.render import stats_text

    figures = journal.stats()
    _out(
        json.dumps(figures, ensure_ascii=False, indent=2)
        if args.format == "json"
        else stats_text(figures, journal.today())
    )
    return 0
