"""iCalendar journal entries (RFC 5545 VJOURNAL), the way to CalDAV servers and mobile journal apps.

Export: one VJOURNAL per note: UID (the note's uuid), DTSTART in the note's zone (with its VTIMEZONE; a
note whose zone is an offset is written in UTC), SUMMARY (the first line), DESCRIPTION (the text),
CATEGORIES (its tags), and X-JOURNAL-ZONE and X-JOURNAL-STARRED, which we read back. Import: every
VJOURNAL (other components are skipped and counted); DTSTART (else CREATED, else DTSTAMP) is the moment,
in its TZID's zone (a floating time or a date is a clock time in this computer's zone; a date is at
`default_time`); SUMMARY becomes the first line when DESCRIPTION does not start with it.

The file is read a component at a time, each parsed by the icalendar library (escaping, folding and
zones are its job), so a calendar of any size fits in memory. icalendar is imported only here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from journal.interchange import ImportedNote, ImportFormatError, NoteStream, ReadOptions
from journal.interchange.source import instant_note, stable_uuid, text_lines, wall_clock_note, with_tags
from journal.records import Entry

PRODID = "-//journal//journal-tui//EN"
ZONE_PROPERTY = "X-JOURNAL-ZONE"
STAR_PROPERTY = "X-JOURNAL-STARRED"


def read_ics(stream: NoteStream, options: ReadOptions) -> Iterator[ImportedNote]:
    path = stream.path
    from journal.interchange.source import check_file

    stream.size = check_file(path)
    found = 0
    for number, name, chunk in _components(stream, path):
        if name != "VJOURNAL":
            stream.skipped[f"calendar components that are not journal entries ({name})"] += 1
            continue
        note = _note(stream, f"{path}: line {number}", chunk, options)
        if note is not None:
            found += 1
            yield note
    if not found and not any("journal entries" in what for what in stream.skipped):
        others = sum(stream.skipped.values())
        also = f" (only {others:,} events, to-dos or other components)" if others else ""
        raise ImportFormatError(f"{path}: no journal entries (VJOURNAL) in this calendar{also}")


def _components(stream: NoteStream, path: Path) -> Iterator[tuple[int, str, str]]:
    """(line, name, text) of each component directly inside VCALENDAR."""
    depth, start, name, lines = 0, 0, "", []
    seen_calendar = False
    for number, line in text_lines(stream, path):
        upper = line.upper()
        if depth == 0:
            if upper.startswith("BEGIN:VCALENDAR"):
                depth, seen_calendar = 1, True
            elif line.strip():
                what = "before BEGIN:VCALENDAR" if not seen_calendar else "after END:VCALENDAR"
                raise ImportFormatError(f"{path}: line {number}: text {what}; this is not an iCalendar file")
            continue
        if depth == 1:
            if upper.startswith("END:VCALENDAR"):
                depth = 0
            elif upper.startswith("BEGIN:"):
                depth, start, name, lines = 2, number, line[6:].strip().upper(), [line]
            continue
        lines.append(line)
        if upper.startswith("BEGIN:"):
            depth += 1
        elif upper.startswith("END:"):
            depth -= 1
            if depth == 1:
                yield start, name, "\r\n".join(lines) + "\r\n"
                if len(lines) > 200_000:
                    raise ImportFormatError(f"{path}: line {start}: a component of more than 200,000 lines")
    if depth:
        raise ImportFormatError(f"{path}: the calendar ends before END:VCALENDAR (the file looks truncated)")
    if not seen_calendar:
        raise ImportFormatError(f"{path}: no BEGIN:VCALENDAR; this is not an iCalendar file")


def _note(stream: NoteStream, where: str, chunk: str, options: ReadOptions) -> ImportedNote | None:
    import icalendar

    try:
        component = icalendar.Component.from_ical(chunk)
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            stream.skipped["cancelled journal entries"] += 1
            return None
        when = next((component.decoded(k) for k in ("DTSTART", "CREATED", "DTSTAMP") if k in component), None)
        summary = _text(component.get("SUMMARY"))
        descriptions = component.get("DESCRIPTION")
        categories = component.get("CATEGORIES")
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise ImportFormatError(f"{where}: cannot read this journal entry ({exc})") from None
    if not isinstance(when, datetime | date):
        raise ImportFormatError(f"{where}: the journal entry has no date (no DTSTART, CREATED or DTSTAMP)")
    text = "\n\n".join(_text(d) for d in (descriptions if isinstance(descriptions, list) else [descriptions]) if d)
    if summary and not text.startswith(summary):
        text = f"{summary}\n{text}" if text else summary
    tags = [str(c) for group in _as_list(categories) for c in getattr(group, "cats", [group])]
    uid = component.get("UID")
    uuid = stable_uuid(str(uid)) if uid else None
    starred = str(component.get(STAR_PROPERTY, "")).upper() == "TRUE"
    named = str(component.get(ZONE_PROPERTY, "")).strip()
    text = with_tags(text, tags)
    if not text.strip():
        stream.skipped["journal entries with no text"] += 1
        return None
    if not isinstance(when, datetime):
        wall = datetime.combine(when, options.default_time)
        return wall_clock_note(where, wall, options.zone, text, starred=starred, uuid=uuid)
    if when.tzinfo is None:
        return wall_clock_note(where, when, options.zone, text, starred=starred, uuid=uuid)
    zone = _zone_of(when, named, stream, where, options.zone)
    return instant_note(where, when.astimezone(UTC), zone, text, starred=starred, uuid=uuid)


def _zone_of(when: datetime, named: str, stream: NoteStream, where: str, local: str) -> str:
    from journal.zones import canonical, known, offset_name

    if named and known(named):
        return canonical(named)
    key = getattr(when.tzinfo, "key", None)
    if isinstance(key, str) and known(key):
        return canonical(key)
    if when.utcoffset() is not None:
        return offset_name(when.utcoffset())
    stream.warn(f"{where}: unknown time zone; read in this computer's zone ({local})")
    return local


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(_text(v) for v in value)
    return str(value)


def _as_list(value: object) -> list:  # type: ignore[type-arg]
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def ics_text(entries: Iterable[Entry], now: datetime) -> str:
    import icalendar

    from journal.zones import is_offset, tz

    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    for entry in entries:
        item = icalendar.Journal()
        item.add("UID", entry.uuid)
        item.add("DTSTAMP", now.astimezone(UTC))
        zone = UTC if is_offset(entry.zone) else tz(entry.zone)  # an offset has no VTIMEZONE: UTC
        moment = entry.created_at.astimezone(zone)
        item.add("DTSTART", moment)
        item.add("LAST-MODIFIED", entry.updated_at.astimezone(UTC))
        item.add("SUMMARY", entry.body.split("\n", 1)[0])
        item.add("DESCRIPTION", entry.body)
        if entry.tags:
            item.add("CATEGORIES", list(entry.tags))
        item.add(ZONE_PROPERTY, entry.zone)
        if entry.starred:
            item.add(STAR_PROPERTY, "TRUE")
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode("utf-8")
