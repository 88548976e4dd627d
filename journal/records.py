"""Plain, frozen data handed from the domain to the CLI and the TUI (never live database rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property


@dataclass(frozen=True)
class Entry:
    """A note. `created_at` is its moment, `zone` where it was written (an IANA name, else an offset
    such as `+05:45`), `day` the calendar day of that moment in that zone (journal/zones.py), and
    `written_at` when it was typed (later than the moment for a back-dated note)."""

    id: int
    uuid: str
    notebook: str
    day: date
    created_at: datetime
    updated_at: datetime
    body: str
    starred: bool
    tags: tuple[str, ...] = ()
    deleted_at: datetime | None = None
    read_only: bool = False
    prompt: tuple[str, str, str] | None = None  # (id, ko, en) of the prompt this entry answers
    zone: str = "UTC"
    written_at: datetime | None = None

    @property
    def title(self) -> str:
        return self.body.split("\n", 1)[0]

    @cached_property
    def moment(self) -> datetime:
        """The note's moment as a clock where it was written shows it."""
        from journal.zones import at

        return at(self.created_at, self.zone)

    def is_future(self, today: date) -> bool:
        """A note dated after today (a plan, a letter to oneself): shown, but not counted until its day."""
        return self.day > today

    def to_json(self) -> dict[str, object]:
        """The JSON contract of `journal list --format json`: `created_at` with the offset of the note's
        own zone (`timezone`), the other timestamps in local time with offset."""
        return {
            "id": self.id,
            "uuid": self.uuid,
            "notebook": self.notebook,
            "date": self.day.isoformat(),
            "created_at": self.moment.isoformat(timespec="seconds"),
            "timezone": self.zone,
            "written_at": (self.written_at or self.created_at).astimezone().isoformat(timespec="seconds"),
            "updated_at": self.updated_at.astimezone().isoformat(timespec="seconds"),
            "body": self.body,
            "tags": list(self.tags),
            "starred": self.starred,
            "deleted_at": (self.deleted_at.astimezone().isoformat(timespec="seconds") if self.deleted_at else None),
            "prompt": {"id": self.prompt[0], "ko": self.prompt[1], "en": self.prompt[2]} if self.prompt else None,
        }


@dataclass(frozen=True)
class Revision:
    number: int
    body: str
    written_at: datetime
    replaced_at: datetime | None  # None for the current body
    day: date | None = None  # the day the entry was on with this text


@dataclass(frozen=True)
class NotebookInfo:
    id: int
    name: str
    description: str
    read_only: bool
    entry_count: int

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "description": self.description,
            "read_only": self.read_only,
            "entries": self.entry_count,
        }


RESTORED_SLOT = "restored:"  # a draft taken over from a window that is gone: restored:<draft id>:<its slot>


@dataclass(frozen=True)
class Draft:
    """Unsaved text of one slot of an app window ('' for drafts from before windows had ids)."""

    slot: str
    body: str
    updated_at: datetime
    day: date | None = None
    entry_id: int | None = None
    entry_version: datetime | None = None  # an edit's note as it was when the edit began (its updated_at)
    window: str = ""

    @property
    def typed_in(self) -> str:
        """The slot the text was typed in ("capture", "editor", "edit:42"), also for a restored draft."""
        if self.slot.startswith(RESTORED_SLOT):
            return self.slot.split(":", 2)[2]
        return self.slot


@dataclass(frozen=True)
class EntryFilter:
    """What `journal list` (and the TUI's day view) selects. Dates are inclusive local days."""

    start: date | None = None
    end: date | None = None
    tags: tuple[str, ...] = ()
    notebook_id: int | None = None
    starred: bool = False
    limit: int | None = None
    deleted: bool = False
    ids: tuple[int, ...] = field(default=())
    writable_only: bool = False  # leave out the read-only notebooks (the masterclass)
    counted: bool = False  # only what streaks and stats count: writable notebooks, no saved digests (#digest)


@dataclass(frozen=True)
class SearchHit:
    entry: Entry
    snippet: str
    spans: tuple[tuple[int, int], ...]  # highlighted ranges within `snippet`
    score: float = 0.0


@dataclass(frozen=True)
class DoctorReport:
    integrity: list[str]  # problems SQLite found; empty when the database is sound
    actions: list[str]  # what doctor repaired
    notes: list[str]  # what it checked and found fine
    newest_good_backup: str | None = None  # for a damaged database: the way out
