"""The index's fields, and a note as a document of it."""

from __future__ import annotations

from datetime import date
from hashlib import blake2b

from whoosh.columns import NumericColumn
from whoosh.fields import BOOLEAN, COLUMN, ID, KEYWORD, TEXT, Schema

from journal.records import Entry
from journal.search.analysis import ANALYZER
from journal.text import tag_key


def make_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        # No numbers: a NUMERIC field is 8 (32-bit) or 16 (64-bit) index terms a note. Indexes built
        # before 2026-11-24 have `day` (YYYYMMDD, 32-bit) for date filters, and older ones `created`;
        # dates now come from `newness` (ranking.SearchView._days), and the rebuild writes ~12% fewer postings.
        body=TEXT(analyzer=ANALYZER, phrase=True),
        tags=KEYWORD(commas=True),
        notebook=ID(),
        starred=BOOLEAN(),
        # A query without words (#tag, is:starred, dates) lists newest first by this. A column only: no
        # index terms, so it costs the rebuild almost nothing.
        newness=COLUMN(NumericColumn("q")),
        # What the document says, hashed: `journal doctor` compares it with the database's notes, so an
        # index that kept an old text (a rebuild or restore killed half-way) is found and repaired.
        digest=COLUMN(NumericColumn("q")),
    )


def newness(entry: Entry) -> int:
    """Orders notes as the journal lists them: by day, then by when they were written."""
    return entry.day.toordinal() << 34 | max(0, int(entry.created_at.timestamp()))


def day_number(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


def indexed_text(entry: Entry) -> str:
    """What the body field holds: an answer is found by its prompt's words too."""
    return entry.body if entry.prompt is None else f"{entry.body}\n{entry.prompt[1]}\n{entry.prompt[2]}"


def document(entry: Entry, schema: Schema) -> dict[str, object]:
    """The entry as a document of this index (an index built before a field was added lacks it)."""
    fields = _fields(entry)
    fields["digest"] = _digest(fields)
    return {name: value for name, value in fields.items() if name in schema}


def digest(entry: Entry) -> int:
    """The `digest` of the entry's document: what the index must hold for this note."""
    return _digest(_fields(entry))


def _fields(entry: Entry) -> dict[str, object]:
    return {
        "id": str(entry.id),
        "day": day_number(entry.day),
        "body": indexed_text(entry),
        "tags": ",".join(tag_key(t) for t in entry.tags),
        "notebook": entry.notebook.casefold(),
        "starred": entry.starred,
        "newness": newness(entry),
    }


def _digest(fields: dict[str, object]) -> int:
    """64 bits of BLAKE2 over the fields a search reads (~2.5 µs a note, <1% of a rebuild)."""
    said = f"{fields['body']}\0{fields['tags']}\0{fields['notebook']}\0{fields['starred']}\0{fields['newness']}"
    raw = blake2b(said.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(raw, "big", signed=True)
