"""What the commands share: printing, reading a note's text, writing a file, a progress bar."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from journal.text import plural as plural  # the commands' counted nouns: `1 note`, `2 notes`

if TYPE_CHECKING:
    from datetime import date

    from journal.records import Entry
    from journal.services import Journal


def out(text: str, *, kind: str = "text", colour: bool = False) -> None:
    """Print to stdout. Note text can hold terminal escape sequences (a clipboard write, a window title,
    a clear-screen): "text" output shows every control character visibly (text.visible_text); "data"
    (Markdown, jrnl) does so only when stdout is a terminal, so a file gets the notes as they are; "json"
    is never changed (JSON escapes what it must itself);
    "safe" was made safe by its renderer. `colour`: a listing, coloured on a terminal after
    it is made safe (cli/colour.py)."""
    if not text:
        return
    if kind == "text" or (kind == "data" and sys.stdout.isatty()):
        from journal.text import visible_text

        text = visible_text(text)
    if colour:
        from journal.cli import colour as colours

        if colours.wanted():
            text = colours.listing(text)
    sys.stdout.write(text + "\n")


def print_entries(entries: list[Entry], fmt: str, when_empty: str, *, today: date | None = None) -> None:
    """Entries as text, JSON or Markdown; an empty text listing says so on stderr instead. Days after
    `today` are marked as future days in text."""
    from journal.render import entries_json, entries_markdown, entries_text

    if fmt == "text" and entries:
        out(entries_text(entries, today), colour=True)
    elif entries or fmt != "text":
        render = {"json": entries_json, "md": entries_markdown}[fmt]
        out(render(entries), kind={"json": "json", "md": "data"}[fmt])
    else:
        print(when_empty, file=sys.stderr)


def read_text_arg(args: argparse.Namespace, journal: Journal, editor_header: str = "") -> str:
    """The note from the arguments, else from piped stdin, else from $EDITOR (minus `editor_header`)."""
    if args.text:
        return " ".join(args.text)
    if not sys.stdin.isatty():
        return read_stdin()
    from journal.editor import edit_text

    written = edit_text(editor_header, home=journal.home, configured=journal.config.editor)
    return written.replace(editor_header, "", 1) if editor_header else written


def read_stdin() -> str:
    from journal.errors import UsageError

    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UsageError(f"standard input is not UTF-8 text (line {line}); convert it to UTF-8") from None


def write_file(name: str, text: str) -> None:
    """A private (0600) file, written whole (never through a link onto another file)."""
    from pathlib import Path

    from journal.interchange.files import write_private

    write_private(Path(name).expanduser(), text if text.endswith("\n") else text + "\n")


class ProgressBar:
    """`label [#####.....] 1,000/36,500` on a terminal's stderr, for work of at least 2,000 items (or, with
    unit="bytes", `12.0/250.3 MB` for files of at least 2 MB)."""

    def __init__(self, label: str, unit: str = "items") -> None:
        self.label = label
        self.unit = unit
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        least = 2_000_000 if self.unit == "bytes" else 2000
        if total >= least and sys.stderr.isatty():
            filled = min(30, 30 * done // max(total, 1))
            bar = "#" * filled + "." * (30 - filled)
            if self.unit == "bytes":
                count = f"{done / 1e6:,.1f}/{total / 1e6:,.1f} MB"
            else:
                count = f"{done:,}/{total:,}"
            print(f"\r{self.label} [{bar}] {count}", end="", file=sys.stderr, flush=True)
            self.shown = True

    def done(self) -> None:
        if self.shown:
            print(file=sys.stderr)
            self.shown = False
