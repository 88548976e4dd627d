"""jrnl's `--export json`: `{"tags": {"@tag": n}, "entries": [{"title", "body", "date", "time", "tags",
"starred"}]}`. jrnl's title is the first line (or sentence); here it becomes the note's first line.

`date` and `time` are a clock where the note was written. jrnl has no zones; our export adds
`timezone` and `utc_offset` to each entry (jrnl ignores them) and import honours them when present,
else the times are this computer's.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time

from journal.interchange import ImportedNote, ImportFormatError, NoteStream, ReadOptions
from journal.interchange.jrnl import jrnl_moment
from journal.interchange.source import load_json, read_bytes, stable_uuid, wall_clock_note, with_tags, zone_named
from journal.records import Entry
from journal.text import tag_spans
from journal.zones import offset_name


def read_jrnl_json(stream: NoteStream, options: ReadOptions) -> Iterator[ImportedNote]:
    """jrnl's JSON, read whole (JSON has no place to stop in the middle; files up to MAX_FILE_BYTES)."""
    path, zone = stream.path, options.zone
    data = load_json(path, _counted(stream, read_bytes(path)))
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ImportFormatError(
            f'{path}: not a jrnl JSON export (expected an object with an "entries" list); '
            "for Day One's export use --format dayone"
        )
    for i, item in enumerate(data["entries"]):
        where = f"{path}: entries[{i}]"
        if not isinstance(item, dict):
            raise ImportFormatError(f"{where}: expected an object with title, body, date and time")
        moment = datetime.combine(_day(item, where), _time(item, where))
        title, body = _text(item, "title", where), _text(item, "body", where)
        tags = item.get("tags") or []
        if not isinstance(tags, list):
            raise ImportFormatError(f"{where}.tags: expected a list of tags")
        text = with_tags(title + (f"\n{body}" if body.strip() else ""), [str(t) for t in tags])
        uuid = stable_uuid(item["uuid"]) if isinstance(item.get("uuid"), str) else None
        written_in = zone_named(where, item.get("timezone"), zone)
        offset = item.get("utc_offset") if isinstance(item.get("utc_offset"), str) else None
        starred = item.get("starred") is True
        found = wall_clock_note(where, moment, written_in, text, starred=starred, uuid=uuid, offset=offset)
        if found is None:
            stream.skipped["entries with no text"] += 1
        else:
            yield found


def _counted(stream: NoteStream, data: bytes) -> bytes:
    stream.size = stream.read = len(data)
    return data


def _day(item: dict, where: str) -> date:
    value = item.get("date")
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ImportFormatError(f"{where}.date: cannot read {value!r}; expected YYYY-MM-DD")


def _time(item: dict, where: str) -> time:
    value = item.get("time", "09:00")  # jrnl's default hour for entries without a time
    for fmt in ("%H:%M", "%H:%M:%S", "%I:%M %p"):
        try:
            return datetime.strptime(str(value), fmt).time()
        except ValueError:
            continue
    raise ImportFormatError(f"{where}.time: cannot read {value!r}; expected HH:MM")


def _text(item: dict, key: str, where: str) -> str:
    value = item.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ImportFormatError(f"{where}.{key}: expected text, found {type(value).__name__}")
    return value


def jrnl_json_text(entries: Iterable[Entry]) -> str:
    counts: Counter[str] = Counter()
    items = []
    for entry in entries:
        title, _, body = entry.body.partition("\n")
        tags = list(dict.fromkeys(entry.body[start] + tag.lower() for start, _end, tag in tag_spans(entry.body)))
        counts.update(tags)
        moment = jrnl_moment(entry)
        items.append(
            {
                "title": title,
                "body": body,
                "date": moment.strftime("%Y-%m-%d"),
                "time": moment.strftime("%H:%M"),
                "tags": tags,
                "starred": entry.starred,
                "timezone": entry.zone,
                "utc_offset": offset_name(entry.moment.utcoffset()),
            }
        )
    return json.dumps({"tags": dict(counts.most_common()), "entries": items}, ensure_ascii=False, indent=2)
