"""Running a compiled query: the top matches by relevance, or the newest when all score the same."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from whoosh import query as wq

from journal.query import SearchQuery
from journal.search.compile import by_rarest_word, compile_query, exclusions_apart, has_phrases, replace_day_range
from journal.search.in_memory import newness_in_memory
from journal.search.tails import SegmentTails, with_syllable_terms
from journal.search.whoosh_changes import Docnums, collector_class, matching_docnums

WIDEST_CHECK = 16
"""A phrase search checks at most this many times `limit` candidates' text before it lets Whoosh match
the phrase itself (docs/search.md)."""


class SearchView:
    """One open Whoosh searcher, with what is kept in memory for it (its documents' newness) and the
    index's one-syllable maps."""

    def __init__(self, searcher, tails: SegmentTails) -> None:  # type: ignore[no-untyped-def]
        self.searcher = searcher
        self.tails = tails
        self._newness: Sequence[int] | None = None  # by document number

    def search(
        self, query: SearchQuery, limit: int, texts: Callable[[list[int]], Mapping[int, str]]
    ) -> list[tuple[int, float]]:
        """The top `limit` (id, score) by relevance, ties in index order (newest first among notes of a
        length class, see rebuild.impact_segments); when every match scores the same, the newest.

        A phrase every match must contain is searched by its rarest word (by_rarest_word), which lets
        Whoosh skip blocks that cannot reach the top `limit`; the candidates are then checked for the
        phrase in their text (`texts(ids)` gives the indexed text) and the search widened, up to
        WIDEST_CHECK pages, before Whoosh matches the phrase itself. Ids `texts` does not know are kept
        (the caller heals a stale index). A `sortedby` facet would score every match: plain top-k instead.
        """
        compiled = compile_query(query)
        searcher = self.searcher
        whoosh_query = by_rarest_word(with_syllable_terms(compiled.query, searcher, self.tails), searcher)
        days = None
        if (query.start or query.end) and "newness" in searcher.schema:
            days = self._days(query.start, query.end)
            whoosh_query = replace_day_range(whoosh_query, days)
        if not compiled.scored or compiled.constant:
            return self._newest(whoosh_query, limit, 1.0 if compiled.scored else 0.0)
        whoosh_query = exclusions_apart(whoosh_query)
        wanted = limit
        while wanted <= limit * WIDEST_CHECK:
            results = _top(searcher, whoosh_query, wanted, self.newness())
            ranked = [(int(hit["id"]), float(hit.score or 0.0)) for hit in results]
            if not compiled.phrases:
                return ranked
            known = texts([entry_id for entry_id, _ in ranked])
            kept = [
                (entry_id, score)
                for entry_id, score in ranked
                if entry_id not in known or has_phrases(known[entry_id], compiled.phrases)
            ]
            if len(kept) >= limit or len(ranked) < wanted:
                return kept[:limit]
            wanted *= 4
        # Candidates seldom hold the phrase (`"the model"`: 3.7 s of checking at 100,000 notes): let
        # Whoosh match the phrases by their positions (~0.1-0.3 s).
        assert compiled.exact is not None
        exact = with_syllable_terms(compiled.exact, searcher, self.tails)
        exact = exclusions_apart(exact if days is None else replace_day_range(exact, days))
        return [(int(hit["id"]), float(hit.score or 0.0)) for hit in _top(searcher, exact, limit, self.newness())]

    def _newest(self, query: wq.Query, limit: int, score: float) -> list[tuple[int, float]]:
        """The newest `limit` matches of a query whose matches all score the same: a heap over the
        matching documents by their newness, kept in memory per searcher (Whoosh's sorting reads the
        column from the file once per match: 20 ms for a tag in 4,500 notes; its ranking scores every
        match: 67 ms for distill*, 18,000 of them)."""
        newness = self.newness()
        top = heapq.nlargest(limit, matching_docnums(self.searcher, query), key=newness.__getitem__)
        return [(int(self.searcher.stored_fields(docnum)["id"]), score) for docnum in top]

    def newness(self) -> Sequence[int]:
        if self._newness is None:
            self._newness = newness_in_memory(self.searcher)
        return self._newness

    def _days(self, start: date | None, end: date | None) -> wq.Query:
        """The notes of a day range, found in the in-memory newness column: Whoosh's range query looks
        its terms up in every segment (~45 ms for a month at 100,000 notes, whichever way it is put)."""
        low = start.toordinal() << 34 if start else 0
        high = ((end.toordinal() + 1) << 34) - 1 if end else 2**63 - 1
        newness = self.newness()
        return Docnums(self.searcher, [docnum for docnum, value in enumerate(newness) if low <= value <= high])


def _top(searcher, query: wq.Query, limit: int, newness: Sequence[int] | None = None):  # type: ignore[no-untyped-def]
    """Whoosh's top-k search, ties to the newest note, with its threshold set as soon as the first `limit`
    matches are in (whoosh_changes.collector_class).

    Whoosh's TopCollector starts skipping blocks that cannot beat the `limit`th score only once a later
    match has *replaced* one; when the first `limit` are already the best (our index is in impact
    order), nothing ever replaces them and every match is scored. Same results (tested).
    """
    if newness is None:
        newness = newness_in_memory(searcher)
    collector = collector_class()(limit, newness)
    if not _replace_keeps_the_best(query):
        collector.replace = 0
    searcher.search_with_collector(query, collector)
    return collector.results()


def _replace_keeps_the_best(query: wq.Query) -> bool:
    """Whether Whoosh's replace() of matchers mid-search (a union turns into an AndMaybe or an
    intersection once one side cannot reach the page) keeps the best matches of this query. (A
    one-character word is a DisjunctionMax, whose replace() is exact: a term that cannot reach the page
    cannot raise a note's best score to it.) It does
    not once a union is combined with anything else: at 100,000 notes `model OR 경량화
    notebook:journal`, `말 경량화` (a one-syllable word is a union of its terms), `말 OR 팁`, `경량화
    OR 질문 #paper` each missed notes scoring above the page's last. A union of terms or phrases on its
    own came out exact (a sweep against every match scored; tests), and needs it: `슬럼프 OR 경량화`
    takes 290 ms without it instead of 33. Without it, blocks are still skipped by their quality:
    exact, ~2x the time on those queries (`팁 질문` 22 -> 42 ms)."""
    if isinstance(query, wq.Or):
        return not any(_holds(sub, wq.Or) for sub in query.subqueries)
    return not _holds(query, wq.Or)


def _holds(query: wq.Query, kind: type) -> bool:
    return isinstance(query, kind) or any(_holds(child, kind) for child in query.children())
