"""The schema, as SQLAlchemy 2.0 typed models. Alembic migrations are checked against these.

Timestamps are stored as ISO 8601 text in UTC (`2026-11-23T13:05:00.123456+00:00`), so they sort as
text. A note's `created_at` is its moment, `zone` where it was written (an IANA name such as
`Asia/Seoul`, else a fixed offset such as `+05:45`), and `day` (`YYYY-MM-DD`) the calendar day of that
moment in that zone (journal/zones.py); `written_at` is when it was really typed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcTimestamp(TypeDecorator[datetime]):
    """An aware datetime stored as ISO 8601 text in UTC."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be time-zone aware")
        return value.astimezone(UTC).isoformat()

    def process_result_value(self, value: str | None, dialect: object) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Notebook(Base):
    __tablename__ = "notebooks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    read_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcTimestamp)

    entries: Mapped[list[Entry]] = relationship(back_populates="notebook")


class Entry(Base):
    __tablename__ = "entries"
    __table_args__ = (
        Index("ix_entries_day_created_at", "day", "created_at"),
        Index("ix_entries_notebook_id_day", "notebook_id", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    notebook_id: Mapped[int] = mapped_column(ForeignKey("notebooks.id", ondelete="RESTRICT"))
    day: Mapped[date] = mapped_column(Date)  # the calendar day of created_at in zone
    created_at: Mapped[datetime] = mapped_column(UtcTimestamp)  # the note's moment
    # where it was written: an IANA name, else an offset like "+05:45"; and when it was typed (a back-dated
    # note's is later). The server default '' is only there so that 0005 could add them in place.
    zone: Mapped[str] = mapped_column(String(64), server_default="")
    written_at: Mapped[datetime] = mapped_column(UtcTimestamp, server_default="")
    updated_at: Mapped[datetime] = mapped_column(UtcTimestamp)
    body: Mapped[str] = mapped_column(Text)
    starred: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    deleted_at: Mapped[datetime | None] = mapped_column(UtcTimestamp, nullable=True)
    prompt_id: Mapped[str | None] = mapped_column(
        ForeignKey("prompts.id", ondelete="SET NULL"), nullable=True, index=True
    )  # set when the entry answers a reflection prompt

    notebook: Mapped[Notebook] = relationship(back_populates="entries")
    tags: Mapped[list[Tag]] = relationship(secondary="entry_tags", back_populates="entries")
    revisions: Mapped[list[EntryRevision]] = relationship(
        back_populates="entry", order_by="EntryRevision.id", cascade="all, delete-orphan"
    )


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    key: Mapped[str] = mapped_column(String(100), unique=True)  # NFC + casefold, for lookups

    entries: Mapped[list[Entry]] = relationship(secondary="entry_tags", back_populates="tags")


class EntryTag(Base):
    __tablename__ = "entry_tags"
    __table_args__ = (Index("ix_entry_tags_tag_id", "tag_id"),)

    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)


class EntryRevision(Base):
    """A body an entry had before an edit. Edits never overwrite text without keeping it here."""

    __tablename__ = "entry_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    day: Mapped[date] = mapped_column(Date, server_default="")  # the entry's day then (edit --date moves it)
    written_at: Mapped[datetime] = mapped_column(UtcTimestamp)  # when this body was saved
    replaced_at: Mapped[datetime] = mapped_column(UtcTimestamp)  # when an edit replaced it

    entry: Mapped[Entry] = relationship(back_populates="revisions")


class Draft(Base):
    """Unsaved text from the TUI's capture input or editor, kept so a crash loses nothing.

    Each app window has its own slots: `window_id` is the window's id ('' for drafts from before windows
    had ids), and a window that is gone leaves its drafts to the next window that starts
    (journal.services.drafts)."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("window_id", "slot"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    window_id: Mapped[str] = mapped_column(String(36), server_default="")
    slot: Mapped[str] = mapped_column(String(50))  # "capture", "editor", "edit:42", "restored:7:capture"
    body: Mapped[str] = mapped_column(Text)
    day: Mapped[date | None] = mapped_column(Date, nullable=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), nullable=True)
    # an edit's note as it was when the edit began (its updated_at): saving checks it has not changed since
    entry_version: Mapped[datetime | None] = mapped_column(UtcTimestamp, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcTimestamp)


class IndexPending(Base):
    """Entries whose search-index update has not landed yet (written in the same transaction as the change)."""

    __tablename__ = "index_pending"

    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)
    queued_at: Mapped[datetime] = mapped_column(UtcTimestamp)


class JournalMeta(Base):
    """Small facts about this journal: when it started, whether the seed notebook was added or removed."""

    __tablename__ = "journal_meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Prompt(Base):
    """A recurring reflection prompt, scheduled by an RFC 5545 RRULE from the journal's start date."""

    __tablename__ = "prompts"

    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    text_ko: Mapped[str] = mapped_column(Text, default="", server_default="")
    text_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    rrule: Mapped[str] = mapped_column(String(200))
    slot: Mapped[str] = mapped_column(String(10), default="any", server_default="any")  # morning/evening/any
    kind: Mapped[str] = mapped_column(String(20), default="reflect", server_default="reflect")  # build: digest
    source: Mapped[str] = mapped_column(String(10), default="user", server_default="user")  # seed or user
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcTimestamp)


class PromptEvent(Base):
    """What the user did with one occurrence of a prompt: answered, skipped or snoozed (until a day)."""

    __tablename__ = "prompt_events"
    __table_args__ = (Index("ix_prompt_events_prompt_id_occurrence", "prompt_id", "occurrence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prompt_id: Mapped[str] = mapped_column(ForeignKey("prompts.id", ondelete="CASCADE"))
    occurrence: Mapped[date] = mapped_column(Date)
    action: Mapped[str] = mapped_column(String(10))
    until: Mapped[date | None] = mapped_column(Date, nullable=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcTimestamp)


class DayCount(Base):
    """Per day, how many notes count toward streaks, consistency, stats and the digest's numbers: live,
    in a writable notebook, not a saved digest (#digest). A day without one has no row. Derived from the
    notes, and kept in step in the transaction of every write (repository.day_rows.recount_days)."""

    __tablename__ = "day_counts"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    notes: Mapped[int] = mapped_column(Integer)


class DayTag(Base):
    """Per day and tag, how many of the day's counted notes carry the tag (as DayCount)."""

    __tablename__ = "day_tags"
    __table_args__ = (Index("ix_day_tags_tag_id", "tag_id"),)

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)
    notes: Mapped[int] = mapped_column(Integer)


class TagCount(Base):
    """Per tag, the counted notes that carry it, on any day (the sum of its DayTag rows): stats' top tags
    read these instead of every day's."""

    __tablename__ = "tag_counts"

    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)
    notes: Mapped[int] = mapped_column(Integer)
