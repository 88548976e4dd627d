"""Notes in and out: import, export, backup, restore-backup."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from journal.cli.entries import filtered, listed
from journal.cli.output import ProgressBar, out, plural
from journal.cli.parser import add_list_filters, positive_int

if TYPE_CHECKING:
    from pathlib import Path

    from journal.cli.parser import Commands
    from journal.services import Journal

FORMATS_HELP = "jrnl, jrnl-json, dayone, json, md, obsidian, logseq or ics"
EXPORT_FORMATS_HELP = "jrnl, jrnl-json, dayone, json, md, obsidian or ics"


def register(commands: Commands) -> None:
    imp = commands.command(
        "import",
        _import,
        "import notes from jrnl, Day One, Obsidian, Logseq, iCalendar, Markdown or our JSON (all of a file or none)",
        examples=(
            "journal import ~/journal.txt",
            'journal import "Day One.zip" --format dayone --notebook Old',
            "journal import ~/vault --format obsidian --dry-run",
            "journal import old.txt --format jrnl --time-format '%d.%m.%Y %H:%M'",
        ),
    )
    imp.add_argument(
        "path",
        metavar="PATH",
        help="a file, or a folder (jrnl folder journal, Markdown, Obsidian vault, Logseq graph, Day One Classic)",
    )
    imp.add_argument(
        "--format", metavar="FORMAT", help=f"{FORMATS_HELP} (default: told from the file, which must be clear)"
    )
    imp.add_argument(
        "--time-format",
        metavar="STRFTIME",
        help="jrnl's timeformat, when the file's dates cannot be told apart (e.g. '%%m/%%d/%%Y %%I:%%M %%p')",
    )
    imp.add_argument("--notebook", metavar="NAME", help="put the notes in this notebook (created if needed)")
    imp.add_argument("--dry-run", action="store_true", help="show what would be added; change nothing")

    exp = commands.command(
        "export",
        _export,
        "export notes (the filters of 'journal list' choose which)",
        examples=(
            "journal export --format json -o everything.json",
            "journal export --format md -o notes/",
            "journal export --format dayone -o journal.zip --from 2025-01-01 --tag travel",
            "journal export --format obsidian -o ~/vault",
        ),
    )
    exp.add_argument("--format", required=True, metavar="FORMAT", help=EXPORT_FORMATS_HELP)
    exp.add_argument(
        "-o",
        dest="output",
        metavar="PATH",
        help="a file, or a folder (jrnl, md: one file per day; obsidian: a vault, always a folder); - is the terminal",
    )
    add_list_filters(exp)

    backup = commands.command(
        "backup",
        _backup,
        "a checked copy of the database (safe while the app runs)",
        examples=("journal backup", "journal backup ~/safe/ --keep 5"),
    )
    backup.add_argument("path", nargs="?", metavar="PATH", help="file or folder (default: backups/ in the home)")
    backup.add_argument("--keep", type=positive_int, default=10, metavar="N", help="backups/ keeps the newest N")

    restore = commands.command(
        "restore-backup",
        _restore_backup,
        "replace the journal with a backup (after checking it; the journal as it was is kept)",
        examples=("journal restore-backup backups/journal-20261123-010000Z.db", "journal backup"),
    )
    restore.add_argument("path", metavar="PATH", help="the backup file")


def _import(args: argparse.Namespace, journal: Journal) -> int:
    import time
    from pathlib import Path

    from journal.interchange import check_format

    path = Path(args.path).expanduser()
    if args.format:
        fmt = check_format(args.format)
    else:
        from journal.interchange.detect import require_format

        fmt = require_format(path)
    started = time.perf_counter()
    if fmt == "json":
        from journal.errors import UsageError
        from journal.interchange.native import read_native

        if args.notebook:
            raise UsageError("--notebook does not apply to --format json: its notebooks come from the file")
        result = journal.archive.import_journal(read_native(path, journal.clock.zone()), dry_run=args.dry_run)
        verb = "Would add" if args.dry_run else "Added"
        what = "restored into this new journal" if result.restored else "merged"
        out(
            f"{verb} {plural(result.entries_added, 'note')}, {plural(result.notebooks_added, 'notebook')} and "
            f"{plural(result.prompts_added, 'prompt')} from {path} ({what}; "
            f"{plural(result.entries_present, 'note')} {'was' if result.entries_present == 1 else 'were'} already here)"
        )
        added = result.entries_added
    else:
        added = _import_notes(args, journal, path, fmt, started)
    if added and not args.dry_run:
        started = time.perf_counter()
        bar = ProgressBar("indexing for search")
        try:
            journal.index.catch_up(bar)
        except KeyboardInterrupt:
            bar.done()
            print("journal: indexing interrupted; the notes are saved, the next search indexes them", file=sys.stderr)
            return 130
        bar.done()
        seconds = time.perf_counter() - started
        if seconds > 1:
            print(f"Indexed for search in {seconds:.0f} s", file=sys.stderr)
    return 0


def _import_notes(args: argparse.Namespace, journal: Journal, path: Path, fmt: str, started: float) -> int:
    import time

    from journal.interchange import ReadOptions, read_notes

    if args.time_format and fmt != "jrnl":
        from journal.errors import UsageError

        raise UsageError("--time-format applies to --format jrnl only")
    options = ReadOptions(
        zone=journal.clock.zone(),
        default_time=journal.config.default_clock,
        time_format=args.time_format,
        now=journal.clock.now(),
    )
    bar = ProgressBar("importing", unit="bytes")
    try:
        report = journal.archive.import_notes(
            read_notes(path, fmt, options=options), notebook=args.notebook, dry_run=args.dry_run, progress=bar
        )
    finally:
        bar.done()
    for warning in report.warnings:
        print(f"journal: warning: {warning}", file=sys.stderr)
    books = {report.notebook: report.notebook_created, **report.others}
    book = ", ".join(f"{name}{' (new notebook)' if created else ''}" for name, created in books.items())
    skipped = f"; {report.duplicates:,} already in the journal, skipped" if report.duplicates else ""
    others = "".join(f"; {what}: {count:,}, skipped" for what, count in report.skipped.items())
    if args.dry_run:
        out(f"Would add {plural(report.added, 'note')} to {book}{skipped}{others}. Nothing was changed.")
        for item in report.sample:
            from journal.zones import at, clock_time

            moment = clock_time(at(item.created_at, item.zone))
            star = " ★" if item.starred else ""
            out(f"  {item.day.isoformat()} {moment}{star}  {item.body.split(chr(10), 1)[0][:70]}")
        if report.added > len(report.sample):
            out(f"  … and {report.added - len(report.sample):,} more")
    else:
        seconds = time.perf_counter() - started
        out(f"Imported {plural(report.added, 'note')} into {book} in {seconds:.1f} s{skipped}{others}")
    return report.added


FOLDER_FORMATS = "give -o FILE (folders are for jrnl and md, one file per day, and obsidian, a vault)"


def _export(args: argparse.Namespace, journal: Journal) -> int:
    import os
    from pathlib import Path

    from journal.errors import JournalError, UsageError
    from journal.interchange import check_format
    from journal.interchange.files import write_private

    fmt = check_format(args.format)
    if fmt == "logseq":
        raise UsageError(f"--format logseq is read by journal import only; export as one of: {EXPORT_FORMATS_HELP}")
    output = None if args.output == "-" else args.output  # `-o -`: the terminal, as with other tools
    target = Path(output).expanduser() if output else None
    to_folder = target is not None and (target.is_dir() or args.output.endswith(("/", os.sep)))
    if fmt == "obsidian" and (target is None or (target.exists() and not target.is_dir())):
        where = "the terminal" if target is None else f"-o {args.output}, a file"
        raise UsageError(f"--format obsidian is written to a folder (a vault), not {where}: give -o FOLDER")
    if to_folder and fmt not in ("jrnl", "md", "obsidian"):
        raise UsageError(f"-o {args.output} is a folder, but --format {fmt} writes one file: {FOLDER_FORMATS}")
    entries = listed(args, journal, writable_only=fmt != "json")  # not the masterclass, unless named
    _warn_of_mixed_notebooks(fmt, target, entries)
    if fmt == "obsidian":
        from journal.interchange.obsidian import write_obsidian

        files = write_obsidian(entries, target)
        print(f"Exported {len(entries):,} notes to {files:,} daily notes in {target}", file=sys.stderr)
        return 0
    if to_folder:
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
        import json

        dump = journal.archive.export_json(entries if filtered(args) else None)
        count = len(dump["entries"])  # type: ignore[arg-type]
        data = json.dumps(dump, ensure_ascii=False, indent=2)
    elif fmt == "jrnl":
        from journal.interchange.jrnl import jrnl_text

        data = jrnl_text(entries)
    elif fmt == "jrnl-json":
        from journal.interchange.jrnl_json import jrnl_json_text

        data = jrnl_json_text(entries)
    elif fmt == "ics":
        from journal.interchange.ics import ics_text

        data = ics_text(entries, journal.clock.now())
    elif fmt == "dayone":
        from journal.interchange.dayone import dayone_json, dayone_zip

        data = dayone_zip(entries) if target is not None and target.suffix.lower() == ".zip" else dayone_json(entries)
    else:
        from journal.interchange.markdown import markdown_text

        data = markdown_text(entries)
    if target is None:
        if isinstance(data, bytes):
            raise JournalError("a zip cannot go to the terminal; give -o FILE.zip")
        text = data if data.endswith("\n") else data + "\n"
        if fmt in ("jrnl", "md") and sys.stdout.isatty():  # notes can hold escape sequences: show them
            from journal.text import visible_text

            text = visible_text(text)
        sys.stdout.write(text)
        return 0
    write_private(target, data)
    print(f"Exported {count:,} notes to {target}", file=sys.stderr)
    return 0


def _warn_of_mixed_notebooks(fmt: str, target: Path | None, entries: list) -> None:
    """Only our JSON and Day One's zip (a file per journal) keep notebooks: say so when others would mix them."""
    if fmt == "json" or (fmt == "dayone" and target is not None and target.suffix.lower() == ".zip"):
        return
    books = sorted({entry.notebook for entry in entries})
    if len(books) > 1:
        print(
            f"journal: warning: --format {fmt} has no notebooks, so the notes of {', '.join(books)} are written "
            "together; export one notebook at a time with --notebook NAME (or use json, or dayone -o FILE.zip)",
            file=sys.stderr,
        )


def _backup(args: argparse.Namespace, journal: Journal) -> int:
    import os
    from pathlib import Path

    from journal.errors import UsageError

    if args.path and args.path.endswith(("/", os.sep)) and not Path(args.path).expanduser().is_dir():
        raise UsageError(f"cannot write to {args.path}: the folder does not exist; create it first")
    info, pruned = journal.archive.backup(Path(args.path).expanduser() if args.path else None, keep=args.keep)
    size = f"{info.size / 1_000_000:.1f} MB" if info.size >= 100_000 else f"{info.size / 1000:.0f} kB"
    out(f"Backed up {info.entries:,} notes to {info.path} ({size}, checked)")
    if pruned:
        print(f"Removed {len(pruned)} older backup(s); backups/ keeps the newest {args.keep}", file=sys.stderr)
    return 0


def _restore_backup(args: argparse.Namespace, journal: Journal) -> int:
    from pathlib import Path

    source = Path(args.path).expanduser()
    if not source.exists() and not source.is_absolute() and (journal.home / source).exists():
        source = journal.home / source  # `backups/journal-….db`, as doctor and the README write it
    bar = ProgressBar("indexing")
    info, kept = journal.archive.restore_backup(source, progress=bar)
    bar.done()
    out(f"Restored {info.entries:,} notes from {info.path}; the journal as it was is kept at {kept}")
    return 0
