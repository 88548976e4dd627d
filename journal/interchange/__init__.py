"""Moving notes in and out of a journal: jrnl (text and JSON), Day One (JSON and Classic), our own lossless
JSON, Markdown, Obsidian and Logseq daily notes, iCalendar VJOURNAL.

Readers turn a file into a stream of `ImportedNote`s (generators: a file of any size is read a piece at a
time) and writers turn entries into text; neither touches the database. `Journal.import_notes` and
`Journal.export_*` (services) own the transactions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from journal.errors import JournalError, UsageError

FORMATS = ("jrnl", "jrnl-json", "dayone", "json", "md", "obsidian", "logseq", "ics")
FORMAT_NAMES = {
    "jrnl": "a jrnl journal",
    "jrnl-json": "jrnl's JSON export",
    "dayone": "a Day One export",
    "json": "our own JSON export",
    "md": "our Markdown export",
    "obsidian": "Obsidian daily notes",
    "logseq": "a Logseq graph's journals",
    "ics": "an iCalendar file",
}


class ImportFormatError(JournalError):
    """The file cannot be imported as asked: says which file, where, and what to do (exit code 1)."""


@dataclass(frozen=True)
class ImportedNote:
    day: date  # the calendar day of created_at in zone
    created_at: datetime  # aware: the note's moment
    body: str  # cleaned (NFC, stripped, within the length limit)
    starred: bool = False
    uuid: str | None = None  # when the source has stable ids (Day One, jrnl's JSON of a Day One journal)
    where: str = ""  # "file:line" or "file: entries[3]", for messages
    zone: str = "UTC"  # where it was written: the source's zone, else the importing computer's
    wall_clock: bool = False  # the source has wall-clock times (jrnl, Markdown): dedupe by those, not instants
    notebook: str | None = None  # the notebook the source names (a Day One zip's journal file), unless --notebook


@dataclass(frozen=True)
class ReadOptions:
    """How to read what a file leaves open: the zone of its clock times, the time of a note dated by day
    only, jrnl's time format when it cannot be told from the file, and now (for jrnl's relative dates)."""

    zone: str
    default_time: time = time(9)
    time_format: str | None = None
    now: datetime | None = None


@dataclass
class NoteStream:
    """The notes of a file as they are read, and what the reading saw: bytes read of `size` (for the
    progress bar), what was skipped and why, and warnings (each one line)."""

    path: Path
    size: int = 0
    read: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    notes: Iterator[ImportedNote] | None = None

    def __iter__(self) -> Iterator[ImportedNote]:
        assert self.notes is not None
        return self.notes

    def warn(self, message: str, limit: int = 10) -> None:
        """A warning, at most `limit` of them (the rest are counted in the last one)."""
        if len(self.warnings) < limit:
            self.warnings.append(message)
        else:
            self.skipped["more warnings like the above"] += 1


@dataclass
class ImportReport:
    notebook: str
    notebook_created: bool = False
    others: dict[str, bool] = field(default_factory=dict)  # notebooks the file named: created or not
    added: int = 0
    sample: list[ImportedNote] = field(default_factory=list)  # the first notes added (a dry run shows them)
    duplicates: int = 0  # already in the journal (same uuid, or same time and text), or twice in the file
    skipped: Counter[str] = field(default_factory=Counter)  # not notes (photo-only entries, other pages, …)
    warnings: list[str] = field(default_factory=list)


SAMPLE = 20


def check_format(name: str) -> str:
    if name not in FORMATS:
        raise UsageError(f"unknown format {name!r}; use one of: {', '.join(FORMATS)}")
    return name


Reader = Callable[[NoteStream, ReadOptions], Iterator[ImportedNote]]


def _reader(fmt: str) -> Reader:
    if fmt == "jrnl":
        from journal.interchange.jrnl import read_jrnl

        return read_jrnl
    if fmt == "jrnl-json":
        from journal.interchange.jrnl_json import read_jrnl_json

        return read_jrnl_json
    if fmt == "dayone":
        from journal.interchange.dayone import read_dayone

        return read_dayone
    if fmt == "md":
        from journal.interchange.markdown import read_markdown

        return read_markdown
    if fmt == "obsidian":
        from journal.interchange.obsidian import read_obsidian

        return read_obsidian
    if fmt == "logseq":
        from journal.interchange.logseq import read_logseq

        return read_logseq
    if fmt == "ics":
        from journal.interchange.ics import read_ics

        return read_ics
    raise ValueError(fmt)


def read_notes(path: Path, fmt: str, zone: str | None = None, *, options: ReadOptions | None = None) -> NoteStream:
    """The notes in a file or folder of format `fmt` (every format but our own `json`), read as they are
    iterated. A time the file gives without a zone is a clock time in `zone` (default: this computer's).
    A problem found while reading raises ImportFormatError naming the file and the place; when the file
    looks like another format, the message says which."""
    if options is None:
        if zone is None:
            from datetime import UTC

            from journal.zones import here

            zone = here(datetime.now(UTC))
        options = ReadOptions(zone=zone)
    stream = NoteStream(path)
    stream.notes = _hinted(_reader(fmt)(stream, options), path, fmt)
    return stream


def _hinted(notes: Iterator[ImportedNote], path: Path, fmt: str) -> Iterator[ImportedNote]:
    try:
        yield from notes
    except ImportFormatError as exc:
        from journal.interchange.detect import looks_like

        hint = looks_like(path, fmt)
        if not hint:
            raise
        raise ImportFormatError(exc.message + hint) from None
