"""Moving notes in and out of a journal: jrnl (text and JSON), Day One, our own lossless JSON, Markdown.

Readers turn a file into `ImportedNote`s and writers turn entries into text; neither touches the
database. `Journal.import_notes` and `Journal.export_*` (services) own the transactions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from journal.errors import JournalError

FORMATS = ("jrnl", "jrnl-json", "dayone", "json", "md")


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


@dataclass
class ImportReport:
    notebook: str
    notebook_created: bool = False
    added: list[ImportedNote] = field(default_factory=list)
    duplicates: int = 0  # already in the journal (same uuid, or same time and text), or twice in the file


def check_format(name: str) -> str:
    if name not in FORMATS:
        raise JournalError(f"unknown format {name!r}; use one of: {', '.join(FORMATS)}")
    return name


def read_notes(path: Path, fmt: str, zone: str | None = None) -> list[ImportedNote]:
    """The notes in a file or folder of format `fmt` (every format but our own `json`). A time the file
    gives without a zone is a clock time in `zone` (default: this computer's)."""
    if zone is None:
        from datetime import UTC

        from journal.zones import here

        zone = here(datetime.now(UTC))
    if fmt == "jrnl":
        from journal.interchange.jrnl import read_jrnl

        return read_jrnl(path, zone)
    if fmt == "jrnl-json":
        from journal.interchange.jrnl_json import read_jrnl_json

        return read_jrnl_json(path, zone)
    if fmt == "dayone":
        from journal.interchange.dayone import read_dayone

        return read_dayone(path, zone)
    if fmt == "md":
        from journal.interchange.markdown import read_markdown

        return read_markdown(path, zone)
    raise ValueError(fmt)
