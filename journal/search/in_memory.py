"""Whoosh's per-document columns read whole into memory, once per searcher: a note's body length (BM25
needs it for every posting), its newness, a digest. Whoosh reads them from the file a value at a time.

These reach into Whoosh's segment readers; where its internals are not as expected they fall back to its
public API. Tests in tests/integration/test_search.py pin each against Whoosh's own answers.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def lengths_in_memory(searcher) -> bool:  # type: ignore[no-untyped-def]
    """Read each segment's body-length column (a byte a note) into memory once.

    BM25 needs a note's length for every posting it scores; without memory-mapping (which would copy
    every segment into RAM) Whoosh seeks and reads one byte from the file each time, ~30% of a broad
    query (docs/search.md). This reaches into Whoosh's segment reader: on a Whoosh without these
    internals it does nothing and lengths are read from the file as before. Returns whether it did it.
    """
    try:
        leaves = searcher.reader().leaf_readers()
        done = [_lengths_in_memory(segment._perdoc, segment.doc_count_all()) for segment, _ in leaves]
    except AttributeError:
        return False
    return all(done)


def _lengths_in_memory(per_doc, doc_count: int) -> bool:  # type: ignore[no-untyped-def]
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        name = _lenfield("body")
        column = per_doc._cached_reader(name, LENGTHS_COLUMN)
        if column is None or isinstance(column, bytes):
            return True
        lengths = column._dbfile.get(column._basepos, column._count)
        # Past the column's end Whoosh answers 0, as the padding does.
        per_doc._readers[name] = bytes(lengths).ljust(doc_count + 1, b"\0")
    except (AttributeError, ImportError, TypeError):
        return False
    return True


def newness_in_memory(searcher) -> Sequence[int]:  # type: ignore[no-untyped-def]
    """Every document's newness, by document number; 0 for an index built before the column existed
    (its matches then come in index order). The column is read whole from each segment's file."""
    from array import array

    values = array("q")
    known = "newness" in searcher.schema
    for segment, _ in searcher.reader().leaf_readers():
        values.extend(column_in_memory(segment, "newness") if known else [0] * segment.doc_count_all())
    return values


def column_in_memory(segment, name: str) -> Sequence[int]:  # type: ignore[no-untyped-def]
    """A segment's 64-bit column (`NumericColumn("q")`) by document number, read whole: one read of the
    file instead of one a document (Whoosh's reader seeks and reads 8 bytes for each). 0 where the
    segment has no such column."""
    from array import array

    count = segment.doc_count_all()
    if not segment.has_column(name):
        return array("q", [0] * count)
    column = segment.column_reader(name, translate=False)
    try:  # the raw big-endian 64-bit values
        raw = array("q", bytes(column._dbfile.get(column._basepos, column._count * 8)))
        if sys.byteorder == "little":
            raw.byteswap()
        raw.extend([0] * (count - len(raw)))
    except (AttributeError, TypeError, ValueError):
        raw = array("q", column.load())
    return raw
