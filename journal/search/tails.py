"""One-character words (`팁`, `學`, `の`, `🍕`): looked up as the terms they stand for, not by Whoosh's `*팁`.

A one-character word matches the bigrams that start with the character (a range of the sorted term list),
those that end with it, and the character alone. Whoosh's `*팁` reads every term of every segment each
time (0.6 s at 100,000 notes); the bigrams by last syllable are kept per segment instead, in memory and
in a file beside the segment (`<segment>.tails`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

from whoosh import query as wq

from journal.search.analysis import CHARACTER


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


class Syllable(wq.Query):
    """A one-character word (`산`, `學`, `🍕`): every note with the character. Run by with_syllable_terms as
    the terms it stands for; on its own (Whoosh's wildcard over every term) only where that has not been done."""

    def __init__(self, fieldname: str, text: str, boost: float = 1.0) -> None:
        self.fieldname = fieldname
        self.text = text
        self.boost = boost

    def __eq__(self, other: object) -> bool:
        return type(other) is Syllable and (other.fieldname, other.text) == (self.fieldname, self.text)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(("syllable", self.fieldname, self.text))

    def __repr__(self) -> str:
        return f"Syllable({self.fieldname!r}, {self.text!r})"

    def estimate_size(self, ixreader) -> int:  # type: ignore[no-untyped-def]
        return ixreader.doc_count()

    def matcher(self, searcher, context=None):  # type: ignore[no-untyped-def]
        everywhere = wq.Or([wq.Prefix(self.fieldname, self.text), wq.Wildcard(self.fieldname, "*" + self.text)])
        return everywhere.matcher(searcher, context)


def with_syllable_terms(query: wq.Query, searcher, tails: SegmentTails) -> wq.Query:  # type: ignore[no-untyped-def]
    """One-character words (Syllable) as the terms they stand for: the bigrams that start with the character,
    those that end with it (`tails`), and the character alone, scored as one word — the best of them
    (DisjunctionMax), each with the idf of all of them together — tiered: a note where the character starts
    a word (`산에`, `산`) above one where it is only inside a word (`등산`)."""
    if isinstance(query, Syllable):
        return _syllable_terms(query.text, searcher, tails)
    if isinstance(query, wq.CompoundQuery | wq.Not):
        return query.apply(lambda sub: with_syllable_terms(sub, searcher, tails))
    return query


def _syllable_terms(char: str, searcher, tails: SegmentTails) -> wq.Query:  # type: ignore[no-untyped-def]
    from math import log

    from journal.search.whoosh_changes import TIER, ScoredTerm, dismax_class

    starting: set[str] = set()
    ending: set[str] = set()
    for leaf, _ in searcher.leaf_searchers():
        reader = leaf.reader()
        starting.update(t for t in map(_text, reader.expand_prefix("body", char)) if t == char or _bigram(t))
        ending.update(tails.of(reader).get(char, ()))
    ending -= starting
    if not starting and not ending:
        return wq.NullQuery
    found = sum(searcher.doc_frequency("body", term) for term in starting | ending)
    notes = searcher.doc_count_all()
    idf = log(notes / (min(found, notes) + 1)) + 1  # Whoosh's idf, of all the terms as one
    terms = [ScoredTerm("body", t, tiered=True, idf=idf) for t in sorted(starting)]
    terms += [ScoredTerm("body", t, boost=TIER, idf=idf) for t in sorted(ending)]
    return terms[0] if len(terms) == 1 else dismax_class()(terms)


def _segment_tails(reader) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return tails_of(_text(raw) for raw in reader.lexicon("body"))


def tails_of(terms: Iterable[str]) -> dict[str, list[str]]:
    """The bigrams among these body terms (in order), by their last character."""
    tails: dict[str, list[str]] = {}
    for term in terms:
        if _bigram(term):
            tails.setdefault(term[1], []).append(term)
    return tails


def _bigram(term: str) -> bool:
    """Whether a body term is a bigram of a character run (not a word, a junction or a surface form)."""
    return len(term) == 2 and CHARACTER.match(term) is not None and CHARACTER.match(term, 1) is not None


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
