"""Our changes to Whoosh, each with its reason: the collector, the weighting, an exclusion matcher, and
a reader of posting blocks that avoids a file read per document (columns read whole: in_memory.py).

Where a change reaches into Whoosh's internals it falls back to Whoosh's public API when they are not
as expected; tests in tests/integration/test_search.py and test_rebuild_writer.py pin each one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from heapq import heappush, heapreplace

from whoosh import query as wq

TIER = 0.1
"""What a note scores for a word it has only inside other words, as a share of what it would score with the
word at the start of one (`질문` in `재질문` against `질문이`; `model` in a note that says only `models`). Small
enough that a match at a word's start outranks one inside a word up to ~15 times the average note length."""


@lru_cache(maxsize=1)
def collector_class():  # type: ignore[no-untyped-def]
    from whoosh.collectors import TopCollector

    class Collector(TopCollector):
        """Whoosh's top-k collector with two changes. Ties go to the newest note (`newness`, by document
        number), not the first in the index: notes indexed after a rebuild sit in later segments, and lost
        every tie to older ones (`search ran`: days 10, 9, 8 instead of 20, 19, 18). And the threshold is set
        as soon as the page is full (Whoosh waits for a later match to replace one; in an index written best
        first nothing does, and every match was scored), just below the page's last score, so that blocks
        that could hold a newer note of the same score are still read."""

        def __init__(self, limit: int, newness: Sequence[int]) -> None:
            super().__init__(limit=limit)
            self.newness = newness

        def _collect(self, global_docnum: int, score: float) -> float:
            items = self.items
            self.total += 1
            item = (score, self.newness[global_docnum], 0 - global_docnum)
            if len(items) < self.limit:
                heappush(items, item)
            elif item > items[0]:
                heapreplace(items, item)
            else:
                return 0
            if len(items) >= self.limit:
                self.minscore = math.nextafter(items[0][0], -math.inf)
            return 0 - score

        def results(self):  # type: ignore[no-untyped-def]
            items = sorted(self.items, reverse=True)
            return self._results([(score, 0 - docnum) for score, _, docnum in items])

    return Collector


class _Weighting:
    """A weighting for one term (ScoredTerm): BM25F over the words a note has, tiered or not."""

    def __init__(self, tiered: bool, idf: float | None) -> None:
        self.tiered = tiered
        self.idf = idf

    def scorer(self, searcher, fieldname, text, qf=1):  # type: ignore[no-untyped-def]
        scorer = weighting().scorer(searcher, fieldname, text, qf)
        if hasattr(scorer, "tiered"):
            scorer.tiered = self.tiered
            if self.idf is not None:
                scorer.idf = self.idf
            scorer.setup(searcher, fieldname, text)  # its best score again, with these settings
        return scorer


@lru_cache(maxsize=1)
def weighting():  # type: ignore[no-untyped-def]
    """BM25F over the words a note has: a note's weight for a word counts as 1, however often it has it.

    Notes are a few lines, and search asks which notes have a word (88% of a note's words are in it
    once, in the generated journal and in the seed notes alike). With counts gone, a block's best
    possible score is exact (its shortest note), and in an index written shortest first Whoosh skips
    nearly every block once the first page is in: at 100,000 notes p50 20 -> 15 ms, p95 74 -> 48 ms,
    `슬럼프 질문` 77 -> 25 ms (docs/search.md). Scores still fall with a note's length and rise with
    each word's rarity. The price: a long note about a word no longer outranks a short one that
    mentions it once. Whoosh's BM25F here instead gives the counted version back.

    A term's weight is the sum of its tokens' boosts (analysis: 1 at the start of a word, 2**-12 inside
    one), so a weight of 1 or more says the note has it at a word's start. A `tiered` scorer (ScoredTerm)
    gives a note without that TIER of the score; block bounds stay exact (the score only grows with the
    weight).
    """
    from whoosh.scoring import BM25F, BM25FScorer

    class Scorer(BM25FScorer):
        tiered = False

        def _score(self, weight: float, length: int) -> float:
            if weight <= 0:
                return 0.0
            score = float(super()._score(1.0, length))
            return score if weight >= 1.0 or not self.tiered else score * TIER

    class PresenceBM25F(BM25F):
        def scorer(self, searcher, fieldname, text, qf=1):  # type: ignore[no-untyped-def]
            if not searcher.schema[fieldname].scorable:
                return super().scorer(searcher, fieldname, text, qf)
            return Scorer(searcher, fieldname, text, self._field_B.get(fieldname, self.B), self.K1, qf=qf)

    return PresenceBM25F()


@lru_cache(maxsize=1)
def dismax_class():  # type: ignore[no-untyped-def]
    """Whoosh's DisjunctionMax (a note scores its best term), mended three times. Its matcher's score() was
    the better of both sides' current postings even when one side stood on a later note, so a note took
    another's score (`거짓말 꿀팁` scored 3.3 for `말 OR 팁` instead of 0.3); its replace() returned an
    inactive matcher, dropping every match, when one side ran out of matches that could reach the page and
    the other did not (`if not (a_active and b_active)`, for `or`); and its skip_to_quality() kept the
    note it had cached before skipping (UnionMatcher's forgets it). Tests pin them."""
    from whoosh.matching import DisjunctionMaxMatcher, NullMatcher

    class Matcher(DisjunctionMaxMatcher):
        def score(self) -> float:
            a, b = self.a, self.b
            if not a.is_active():
                return float(b.score())
            if not b.is_active():
                return float(a.score())
            a_at, b_at = a.id(), b.id()
            if a_at != b_at:
                return float(a.score() if a_at < b_at else b.score())
            return float(max(a.score(), b.score()))

        def skip_to_quality(self, minquality):  # type: ignore[no-untyped-def]
            self._id = None
            return super().skip_to_quality(minquality)

        def replace(self, minquality=0):  # type: ignore[no-untyped-def]
            a, b = self.a, self.b
            if not a.is_active():
                return b.replace(minquality) if b.is_active() else NullMatcher()
            if not b.is_active():
                return a.replace(minquality)
            if minquality:
                a_best, b_best = a.max_quality(), b.max_quality()
                if a_best < minquality and b_best < minquality:
                    return NullMatcher()
                if b_best < minquality:  # a note's score is its best side's: b cannot bring one to the page
                    return a.replace(minquality)
                if a_best < minquality:
                    return b.replace(minquality)
            new_a, new_b = a.replace(minquality), b.replace(minquality)
            if not new_a.is_active():
                return new_b
            if not new_b.is_active():
                return new_a
            return self if new_a is a and new_b is b else self.__class__(new_a, new_b, self.tiebreak)

    class DisMax(wq.DisjunctionMax):
        def _matcher(self, subs, searcher, context):  # type: ignore[no-untyped-def]
            reader = searcher.reader()
            return self._tree_matcher(
                subs, Matcher, searcher, context, lambda q: q.estimate_size(reader), tiebreak=self.tiebreak
            )

    return DisMax


class ScoredTerm(wq.Term):
    """A body term scored our way: `tiered` (a note that has it only inside words scores TIER of one that
    has it at a word's start), and optionally with the idf of another term (`idf_of`: `=models` counts as
    rare as `model`) or a given one (`idf`: every term of a one-character word alike)."""

    def __init__(
        self,
        fieldname: str,
        text: str,
        boost: float = 1.0,
        *,
        tiered: bool = False,
        idf_of: str | None = None,
        idf: float | None = None,
    ) -> None:
        super().__init__(fieldname, text, boost)
        self.tiered = tiered
        self.idf_of = idf_of
        self.idf = idf

    def __eq__(self, other: object) -> bool:
        return bool(super().__eq__(other)) and (self.tiered, self.idf_of, self.idf) == (
            other.tiered,
            other.idf_of,
            other.idf,  # type: ignore[attr-defined]
        )

    def __hash__(self) -> int:
        return super().__hash__() ^ hash((self.tiered, self.idf_of, self.idf))

    def __repr__(self) -> str:
        return f"ScoredTerm({self.fieldname!r}, {self.text!r}, boost={self.boost}, tiered={self.tiered})"

    def matcher(self, searcher, context=None):  # type: ignore[no-untyped-def]
        from whoosh.matching import NullMatcher, WrappingMatcher

        text = self.text.encode("utf-8")
        if (self.fieldname, text) not in searcher.reader():
            return NullMatcher()
        idf = self.idf
        if idf is None and self.idf_of is not None:
            idf = searcher.get_parent().idf(self.fieldname, self.idf_of.encode("utf-8"))
        matcher = searcher.postings(self.fieldname, text, weighting=_Weighting(self.tiered, idf))
        return WrappingMatcher(matcher, boost=self.boost) if self.boost != 1.0 else matcher


class Docnums(wq.Query):
    """Documents given by number (ascending, across the index), matched with a constant score of 1
    like Whoosh's range query; deleted documents are left out."""

    def __init__(self, searcher, docnums: list[int]) -> None:  # type: ignore[no-untyped-def]
        import bisect

        self._size = len(docnums)
        self._by_reader: dict[int, list[int]] = {}
        for sub, offset in searcher.leaf_searchers():
            reader = sub.reader()
            first = bisect.bisect_left(docnums, offset)
            last = bisect.bisect_left(docnums, offset + reader.doc_count_all())
            local = [docnum - offset for docnum in docnums[first:last]]
            if reader.has_deletions():
                local = [docnum for docnum in local if not reader.is_deleted(docnum)]
            self._by_reader[id(reader)] = local

    def __repr__(self) -> str:
        return f"Docnums({self._size})"

    def estimate_size(self, ixreader) -> int:  # type: ignore[no-untyped-def]
        return self._size

    def matcher(self, searcher, context=None):  # type: ignore[no-untyped-def]
        from whoosh.matching import ListMatcher, NullMatcher

        docnums = self._by_reader.get(id(searcher.reader()))
        return ListMatcher(docnums, all_weights=1.0) if docnums else NullMatcher()


@lru_cache(maxsize=1)
def and_not_class():  # type: ignore[no-untyped-def]
    from whoosh.matching import AndNotMatcher, NullMatcher

    class SkippingAndNotMatcher(AndNotMatcher):
        """Whoosh's AndNotMatcher, mended twice. It checked only whether the excluded side stood *on*
        the first wanted document, not further on (a segment's first match could be an excluded one).
        And the collector's `replace()` of its wanted side, when that is an Or, lost the best matches
        (`말 -회사`: 90593, scoring 17.3, missing from a top 20 ending at 11.5); skipping blocks by their
        quality alone keeps them, so the wanted side is kept as it is until the excluded one runs out."""

        def _find_first(self) -> None:
            if self.a.is_active() and self.b.is_active():
                self._find_next()  # moves the excluded side up to the wanted one, then past its matches

        def _find_next(self):  # type: ignore[no-untyped-def]
            if not self.a.is_active():  # skip_to_quality may have run the wanted side out
                return False
            return super()._find_next()

        def replace(self, minquality=0):  # type: ignore[no-untyped-def]
            if not self.a.is_active():
                return NullMatcher()
            if not self.b.is_active():
                return self.a.replace(minquality)
            return self

    class AndNot(wq.AndNot):
        def matcher(self, searcher, context=None):  # type: ignore[no-untyped-def]
            wanted = self.a.matcher(searcher, context)
            return SkippingAndNotMatcher(wanted, self.b.matcher(searcher, searcher.boolean_context()))

    return AndNot


def matching_docnums(searcher, query: wq.Query) -> Iterable[int]:  # type: ignore[no-untyped-def]
    """The documents a query matches, as a set algebra over whole posting lists read a block at a time.

    For queries whose matches all score the same (see _newest): Whoosh's docs_for_query steps through
    its matchers one document at a time, ~3 µs each (67 ms for the 18,000 matches of distill*). Terms
    and prefixes are read here; what this does not know is left to Whoosh.
    """
    if isinstance(query, wq.Term | wq.Prefix):
        return _term_docnums(searcher, query)
    if isinstance(query, wq.Or | wq.DisjunctionMax):
        return set().union(*(matching_docnums(searcher, sub) for sub in query.subqueries))
    if isinstance(query, wq.AndMaybe):
        return matching_docnums(searcher, query.a)
    if isinstance(query, wq.And):
        wanted = [sub for sub in query.subqueries if not isinstance(sub, wq.Not)]
        if wanted:
            found = set(matching_docnums(searcher, wanted[0]))
            for sub in wanted[1:]:
                found.intersection_update(matching_docnums(searcher, sub))
            for sub in query.subqueries:
                if isinstance(sub, wq.Not):
                    found.difference_update(matching_docnums(searcher, sub.query))
            return found
    if isinstance(query, wq.AndNot):
        return set(matching_docnums(searcher, query.a)) - set(matching_docnums(searcher, query.b))
    return searcher.docs_for_query(query)


def _term_docnums(searcher, query: wq.Term | wq.Prefix) -> set[int]:  # type: ignore[no-untyped-def]
    from whoosh.reading import TermNotFound

    found: set[int] = set()
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        terms = reader.expand_prefix(query.fieldname, query.text) if isinstance(query, wq.Prefix) else [query.text]
        for term in terms:
            try:
                docnums = _posting_docnums(reader, query.fieldname, term)
            except TermNotFound:
                continue
            found.update(offset + docnum for docnum in docnums)
    return found


def _posting_docnums(reader, fieldname: str, term: object) -> Iterable[int]:  # type: ignore[no-untyped-def]
    """A term's documents in one segment, from its blocks' id arrays: Whoosh's own matcher read block by
    block. Internals, so anything unexpected falls back to its public all_ids()."""
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.matching.wrappers import FilterMatcher

    postings = reader.postings(fieldname, term)
    raw = postings.child if isinstance(postings, FilterMatcher) else postings
    if type(raw) is not W3LeafMatcher:
        return postings.all_ids()
    try:
        docnums: list[int] = []
        while raw.is_active():
            raw._read_ids()
            docnums.extend(raw._ids[raw._i :])
            raw._next_block()
    except AttributeError:
        return reader.postings(fieldname, term).all_ids()
    if reader.has_deletions():
        return [docnum for docnum in docnums if not reader.is_deleted(docnum)]
    return docnums
