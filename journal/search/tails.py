"""One-syllable Korean words (`팁`): looked up as the terms they stand for, not by Whoosh's `*팁`.

A one-syllable word matches the bigrams that start with the syllable (a range of the sorted term list),
those that end with it, and the syllable alone. Whoosh's `*팁` reads every term of every segment each
time (0.6 s at 100,000 notes); the bigrams by last syllable are kept per segment instead, in memory and
in a file beside the segment (`<segment>.tails`).
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterable, Sequence
from pathlib import Path

from whoosh import query as wq

from journal.search.analysis import HANGUL_START


class SegmentTails:
    """Each segment's Hangul bigrams by their last syllable, for the index in `folder`.

    A segment never changes its terms, but reading them all takes a while (one file read a term: 170 ms
    at 100,000 notes, in every process whose first one-syllable word it is), so the map is kept in
    memory while the journal is open, and in a file beside the segment for the next process
    (`<segment>.tails`: Whoosh deletes it with the segment's other files once the segment is merged away).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._by_segment: dict[str, dict[str, list[str]]] = {}

    def of(self, reader) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
        key = segment_id(reader)
        if key is None:
            return _segment_tails(reader)
        tails = self._by_segment.get(key)
        if tails is None:
            saved = self.folder / f"{key}.tails"
            tails = _load_tails(saved)
            if tails is None:
                tails = _segment_tails(reader)
                save_tails(saved, tails)
            self._by_segment[key] = tails
        return tails

    def keep_only(self, segments: set[str | None]) -> None:
        """Forget the segments a new searcher no longer has."""
        self._by_segment = {k: v for k, v in self._by_segment.items() if k in segments}


def with_syllable_terms(query: wq.Query, searcher, tails: SegmentTails) -> wq.Query:  # type: ignore[no-untyped-def]
    """One-syllable Korean words (`팁`) as the terms they stand for: the bigrams that start with the
    syllable, those that end with it (`tails`), and the syllable alone. Scored term by term, the best
    notes come first."""
    if isinstance(query, wq.Or):
        # A word's pair may sit among other alternatives: normalize() flattens `슬럼프 OR 팁` into
        # one Or (and Whoosh's `*팁` then cost 0.6 s).
        subqueries = [with_syllable_terms(sub, searcher, tails) for sub in query.subqueries]
        pairs = syllable_pairs(subqueries)
        if pairs:
            paired = {index for pair in pairs.values() for index in pair}
            subqueries = [sub for index, sub in enumerate(subqueries) if index not in paired]
            subqueries += [_syllable_terms(syllable, searcher, tails) for syllable in pairs]
        if len(subqueries) == 1:
            return subqueries[0]
        rewritten = copy.copy(query)
        rewritten.subqueries = subqueries
        return rewritten
    if isinstance(query, wq.CompoundQuery | wq.Not):
        return query.apply(lambda sub: with_syllable_terms(sub, searcher, tails))
    return query


def _syllable_terms(syllable: str, searcher, tails: SegmentTails) -> wq.Query:  # type: ignore[no-untyped-def]
    terms: set[str] = set()
    for leaf, _ in searcher.leaf_searchers():
        reader = leaf.reader()
        terms.update(_text(term) for term in reader.expand_prefix("body", syllable))
        terms.update(tails.of(reader).get(syllable, ()))
    return wq.Or([wq.Term("body", term) for term in sorted(terms)]) if terms else wq.NullQuery


def syllable_pairs(subqueries: Sequence[wq.Query]) -> dict[str, tuple[int, int]]:
    """Among an Or's alternatives, the one-syllable Korean words (see compile._run_query: `팁*` or `*팁`), each
    with the places of its two halves."""
    starts = {
        sub.text: index
        for index, sub in enumerate(subqueries)
        if isinstance(sub, wq.Prefix) and sub.fieldname == "body" and len(sub.text) == 1
    }
    return {
        sub.text[1]: (starts[sub.text[1]], index)
        for index, sub in enumerate(subqueries)
        if isinstance(sub, wq.Wildcard)
        and sub.fieldname == "body"
        and len(sub.text) == 2
        and sub.text[0] == "*"
        and sub.text[1] in starts
    }


def _segment_tails(reader) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return tails_of(_text(raw) for raw in reader.lexicon("body"))


def tails_of(terms: Iterable[str]) -> dict[str, list[str]]:
    """The Hangul bigrams among these body terms (in order), by their last syllable."""
    tails: dict[str, list[str]] = {}
    for term in terms:
        if len(term) == 2 and HANGUL_START.match(term) and HANGUL_START.match(term, 1):
            tails.setdefault(term[1], []).append(term)
    return tails


def _load_tails(path: Path) -> dict[str, list[str]] | None:
    """A saved map of a segment's bigrams by last syllable, or None if there is none or it is damaged."""
    import json

    try:
        tails = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(tails, dict) or not all(
        isinstance(bigrams, list) and all(isinstance(bigram, str) for bigram in bigrams) for bigrams in tails.values()
    ):
        return None
    return tails


def save_tails(path: Path, tails: dict[str, list[str]]) -> None:
    """Best effort: it only saves time."""
    import json

    from journal.privatefile import write_whole

    with contextlib.suppress(OSError):
        write_whole(path, json.dumps(tails, ensure_ascii=False).encode("utf-8"))


def segment_id(reader) -> str | None:  # type: ignore[no-untyped-def]
    """The id of a segment reader's segment; None for the reader of an index with no notes."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    return segment.segment_id() if segment is not None else None


def _text(term: bytes | str) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term
