"""Full-text search with Whoosh: a Korean-aware analyzer, the index on disk, query compilation, snippets.

The analyzer splits text into script runs. A Hangul run becomes overlapping bigrams (`슬럼프가` →
슬럼 럼프 프가), a one-syllable run stays whole, and a Latin/digit run is lowercased and stemmed
(`models` → model). A Korean query word is the phrase of its bigrams, so `슬럼프` finds `슬럼프가` and
`경량화` finds `경량화를`: substring semantics for Hangul, stemming for English (where it must match, it
is looked up by its rarest bigram and checked in the text: _by_rarest_word). See docs/search.md for the
measurements behind these choices.

The index is derived from SQLite and can be rebuilt at any time (`journal index rebuild`).
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import add
from pathlib import Path

from whoosh import query as wq
from whoosh.analysis import Token, Tokenizer
from whoosh.columns import NumericColumn
from whoosh.fields import BOOLEAN, COLUMN, ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.lang.porter import stem
from whoosh.util.numeric import length_to_byte

from journal.query import Clause, SearchQuery
from journal.records import Entry
from journal.text import HANGUL, nfc, tag_key, tag_spans

_RUN = re.compile(rf"[{HANGUL}]+|[^\W_{HANGUL}]+")
_RUNS = re.compile(rf"([{HANGUL}]+)|([^\W_{HANGUL}]+)")
"""_RUN with a group for each kind of run: (hangul, "") or ("", other)."""
_HANGUL_START = re.compile(rf"[{HANGUL}]")
WRITER_TIMEOUT = 2.0  # seconds to wait for another process's index lock before deferring
SNIPPET_WIDTH = 90
WIDEST_CHECK = 16
"""A phrase search checks at most this many times `limit` candidates' text before it lets Whoosh match
the phrase itself (docs/search.md)."""
REBUILD_SEGMENT = 5000
"""Notes per segment on a rebuild, in impact order (see impact_order). A segment's postings are held in
memory until it is written (_TermPool): segments of 25,000 searched no faster and took 407 MB to build
(docs/search.md). Our merge policy leaves segments this size alone on later small commits."""
SMALL_SEGMENT = 1000
"""Segments below this many notes (written by later adds and edits) are folded together once there are
MAX_SMALL_SEGMENTS of them; bigger ones (a rebuild's) are never merged by an ordinary write."""
MAX_SMALL_SEGMENTS = 8


class MixedScriptTokenizer(Tokenizer):
    """Hangul runs as overlapping bigrams (positions kept for phrases); other words lowercased and stemmed.

    One pass, no filter chain: 1.7x faster than Tokenizer | LowercaseFilter | StemFilter, same tokens.
    """

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for text, start, end in _pieces(value) if tokenize else [(value, 0, len(value))]:
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            pos += 1
            yield token


@lru_cache(maxsize=65536)
def _normalise_word(word: str) -> str:
    return stem(word.lower())


def _pieces(value: str) -> Iterator[tuple[str, int, int]]:
    for match in _RUN.finditer(value):
        run, start = match.group(), match.start()
        if not _HANGUL_START.match(run):
            yield _normalise_word(run), start, match.end()
        elif len(run) == 1:
            yield run, start, match.end()
        else:
            for i in range(len(run) - 1):
                yield run[i : i + 2], start + i, start + i + 2


def token_count(value: str) -> int:
    """How many tokens _pieces gives, without making them (a rebuild counts every note first): a run
    is one token, a Hangul run of n > 2 syllables n - 1 bigrams."""
    runs = _RUNS.findall(value)
    return len(runs) + sum([len(hangul) - 2 for hangul, _ in runs if len(hangul) > 2])


ANALYZER = MixedScriptTokenizer()


def make_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        # No numbers: a NUMERIC field is 8 (32-bit) or 16 (64-bit) index terms a note. Indexes built
        # before 2026-11-24 have `day` (YYYYMMDD, 32-bit) for date filters, and older ones `created`;
        # dates now come from `newness` (SearchIndex._days), and the rebuild writes ~12% fewer postings.
        body=TEXT(analyzer=ANALYZER, phrase=True),
        tags=KEYWORD(commas=True),
        notebook=ID(),
        starred=BOOLEAN(),
        # A query without words (#tag, is:starred, dates) lists newest first by this. A column only: no
        # index terms, so it costs the rebuild almost nothing.
        newness=COLUMN(NumericColumn("q")),
    )


def newness(entry: Entry) -> int:
    """Orders notes as the journal lists them: by day, then by when they were written."""
    return entry.day.toordinal() << 34 | max(0, int(entry.created_at.timestamp()))


def day_number(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


def analyze(text: str) -> list[str]:
    return [t.text for t in ANALYZER(nfc(text), mode="query")]


# -- the index on disk ------------------------------------------------------------------------------


class IndexUnavailable(Exception):
    """The index is locked by another process or cannot be written right now."""


BIRTH_FILE = "JOURNAL_INDEX_ID"
"""A random id written when an index is built: the database records it, so a copy of another index
(or of this one, restored from a backup) is recognised."""


class SearchIndex:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._ix = None
        self._searcher = None  # kept between searches while the index is unchanged
        self._searcher_key: tuple[str | None, int] | None = None
        self._newness: Sequence[int] | None = None  # of the current searcher, by document number
        self._tails_by_segment: dict[str, dict[str, list[str]]] = {}

    def exists(self) -> bool:
        return self.path.is_dir() and any(self.path.glob("*.toc"))

    def birth(self) -> str | None:
        try:
            return (self.path / BIRTH_FILE).read_text(encoding="ascii").strip() or None
        except (OSError, UnicodeDecodeError):
            return None

    def give_birth(self, folder: Path | None = None) -> str:
        """Mark an index (built before indexes had ids) with a new id."""
        import uuid

        born = str(uuid.uuid4())
        (folder or self.path).joinpath(BIRTH_FILE).write_text(born + "\n", encoding="ascii")
        return born

    def generation(self) -> int:
        """Whoosh's commit counter: it only grows in one index folder."""
        return int(self._index().latest_generation())

    def _index(self):  # type: ignore[no-untyped-def]
        if self._ix is None:
            # supports_mmap=False: memory-mapping copies every segment into RAM on open (190 MB at 100k).
            self._ix = FileStorage(str(self.path), supports_mmap=False).open_index()
        return self._ix

    def check(self) -> None:
        """Raise if the index is missing or cannot be read."""
        with self._index().searcher() as searcher:
            searcher.doc_count()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        if self._ix is not None:
            self._ix.close()
            self._ix = None

    def update(self, entries: Iterable[Entry], removed_ids: Iterable[int]) -> None:
        from whoosh.index import LockError

        try:
            writer = self._index().writer(timeout=WRITER_TIMEOUT)
        except LockError:
            raise IndexUnavailable("another journal process is writing the search index") from None
        except OSError as exc:
            raise IndexUnavailable(f"the search index cannot be written ({exc.strerror})") from None
        try:
            for entry_id in removed_ids:
                writer.delete_by_term("id", str(entry_id))
            for entry in entries:
                writer.update_document(**_document(entry, writer.schema))
            writer.commit(mergetype=merge_small_segments)
        except OSError as exc:
            writer.cancel()
            raise IndexUnavailable(f"the search index cannot be written ({exc.strerror})") from None
        except BaseException:
            writer.cancel()
            raise

    def rebuild(
        self,
        ids: Sequence[int],
        load: Callable[[list[int]], Iterable[Entry]],
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Build a fresh index beside the old one, then swap it in.

        `ids` are the notes to index, newest first; `load(ids)` gives those of them that exist, in the
        order given. From PARALLEL_FROM notes the work is shared by worker processes, which call `load`
        themselves: it must pickle (a module-level function, or a functools.partial of one). Each note
        is loaded twice, for its length (impact_order) and to be indexed, a slice at a time.
        """
        self.close()
        fresh = self.path.with_name(self.path.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(mode=0o700, parents=True)
        storage = FileStorage(str(fresh), supports_mmap=False)
        ix = storage.create_index(make_schema())
        self.give_birth(fresh)
        ids = list(ids)
        if progress:
            progress(0)  # the first pass (every note's length) reports nothing until it is done
        try:
            segments = None
            processes = rebuild_processes(len(ids))
            if processes > 1:
                # Workers may not start here: a sandbox without semaphores, or a process whose file
                # descriptors spawn cannot pass on (inside the TUI: "bad value(s) in fds_to_keep").
                # Whatever they did is rewritten by one process; their files are not in the index.
                with contextlib.suppress(Exception):
                    segments = _rebuild_in_parallel(ix, ids, load, processes, progress)
            if segments is None:
                segments = _rebuild_in_process(ix, ids, load, progress)
            writer = ix.writer()
            writer._close_segment()  # it wrote nothing itself: it records the segments, as MpWriter does
            writer._commit_toc(segments)
            writer._finish()
        except BaseException:
            ix.close()
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        count = sum(segment.doc_count_all() for segment in segments)
        ix.close()
        old = self.path.with_name(self.path.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.path.exists():
            self.path.rename(old)
        fresh.rename(self.path)
        shutil.rmtree(old, ignore_errors=True)
        if progress:
            progress(count)
        return count

    def ids(self) -> set[int]:
        with self._index().searcher() as searcher:
            return {int(fields["id"]) for fields in searcher.all_stored_fields()}

    def search(
        self, query: SearchQuery, limit: int, texts: Callable[[list[int]], Mapping[int, str]]
    ) -> list[tuple[int, float]]:
        """The top `limit` (id, score) by relevance, ties in index order (newest first among notes of a
        length class, see impact_order); when every match scores the same, the newest.

        A phrase every match must contain is searched by its rarest word (_by_rarest_word), which lets
        Whoosh skip blocks that cannot reach the top `limit`; the candidates are then checked for the
        phrase in their text (`texts(ids)` gives the indexed text) and the search widened, up to
        WIDEST_CHECK pages, before Whoosh matches the phrase itself. Ids `texts` does not know are kept
        (the caller heals a stale index). A `sortedby` facet would score every match: plain top-k instead.
        """
        compiled = compile_query(query)
        searcher = self._current_searcher()
        whoosh_query = _by_rarest_word(self._with_syllable_terms(compiled.query, searcher), searcher)
        days = None
        if (query.start or query.end) and "newness" in searcher.schema:
            days = self._days(searcher, query.start, query.end)
            whoosh_query = _replace_day_range(whoosh_query, days)
        if not compiled.scored or compiled.constant:
            return self._newest(searcher, whoosh_query, limit, 1.0 if compiled.scored else 0.0)
        whoosh_query = _exclusions_apart(whoosh_query)
        wanted = limit
        while wanted <= limit * WIDEST_CHECK:
            results = _top(searcher, whoosh_query, wanted)
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
        exact = self._with_syllable_terms(compiled.exact, searcher)
        exact = _exclusions_apart(exact if days is None else _replace_day_range(exact, days))
        return [(int(hit["id"]), float(hit.score or 0.0)) for hit in _top(searcher, exact, limit)]

    def _newest(self, searcher, query: wq.Query, limit: int, score: float) -> list[tuple[int, float]]:  # type: ignore[no-untyped-def]
        """The newest `limit` matches of a query whose matches all score the same: a heap over the
        matching documents by their newness, kept in memory per searcher (Whoosh's sorting reads the
        column from the file once per match: 20 ms for a tag in 4,500 notes; its ranking scores every
        match: 67 ms for distill*, 18,000 of them)."""
        import heapq

        newness = self._newness_of(searcher)
        top = heapq.nlargest(limit, matching_docnums(searcher, query), key=newness.__getitem__)
        return [(int(searcher.stored_fields(docnum)["id"]), score) for docnum in top]

    def _with_syllable_terms(self, query: wq.Query, searcher) -> wq.Query:  # type: ignore[no-untyped-def]
        """One-syllable Korean words (`팁`) as the terms they stand for: the bigrams that start with the
        syllable (a range of the sorted term list), those that end with it (kept in memory per segment,
        `_tails`), and the syllable alone. Whoosh's `*팁` reads every term of every segment each time
        (0.6 s at 100,000 notes); scored term by term, the best notes come first."""
        if isinstance(query, wq.Or):
            # A word's pair may sit among other alternatives: normalize() flattens `슬럼프 OR 팁` into
            # one Or (and Whoosh's `*팁` then cost 0.6 s).
            subqueries = [self._with_syllable_terms(sub, searcher) for sub in query.subqueries]
            pairs = _syllable_pairs(subqueries)
            if pairs:
                paired = {index for pair in pairs.values() for index in pair}
                subqueries = [sub for index, sub in enumerate(subqueries) if index not in paired]
                subqueries += [self._syllable_terms(syllable, searcher) for syllable in pairs]
            if len(subqueries) == 1:
                return subqueries[0]
            rewritten = copy.copy(query)
            rewritten.subqueries = subqueries
            return rewritten
        if isinstance(query, wq.CompoundQuery | wq.Not):
            return query.apply(lambda sub: self._with_syllable_terms(sub, searcher))
        return query

    def _syllable_terms(self, syllable: str, searcher) -> wq.Query:  # type: ignore[no-untyped-def]
        terms: set[str] = set()
        for leaf, _ in searcher.leaf_searchers():
            reader = leaf.reader()
            terms.update(_text(term) for term in reader.expand_prefix("body", syllable))
            terms.update(self._tails(reader).get(syllable, ()))
        return wq.Or([wq.Term("body", term) for term in sorted(terms)]) if terms else wq.NullQuery

    def _tails(self, reader) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
        """A segment's Hangul bigrams by their last syllable. A segment never changes its terms, but
        reading them all takes a while (one file read a term: 170 ms at 100,000 notes, in every process
        whose first one-syllable word it is), so the map is kept in memory while the journal is open,
        and in a file beside the segment for the next process (`<segment>.tails`: Whoosh deletes it
        with the segment's other files once the segment is merged away)."""
        key = _segment_id(reader)
        if key is None:
            return _segment_tails(reader)
        tails = self._tails_by_segment.get(key)
        if tails is None:
            saved = self.path / f"{key}.tails"
            tails = _load_tails(saved)
            if tails is None:
                tails = _segment_tails(reader)
                _save_tails(saved, tails)
            self._tails_by_segment[key] = tails
        return tails

    def _newness_of(self, searcher) -> Sequence[int]:  # type: ignore[no-untyped-def]
        if self._newness is None:
            self._newness = newness_in_memory(searcher)
        return self._newness

    def _days(self, searcher, start: date | None, end: date | None) -> wq.Query:  # type: ignore[no-untyped-def]
        """The notes of a day range, found in the in-memory newness column: Whoosh's range query looks
        its terms up in every segment (~45 ms for a month at 100,000 notes, whichever way it is put)."""
        low = start.toordinal() << 34 if start else 0
        high = ((end.toordinal() + 1) << 34) - 1 if end else 2**63 - 1
        newness = self._newness_of(searcher)
        return _Docnums(searcher, [docnum for docnum, value in enumerate(newness) if low <= value <= high])

    def _current_searcher(self):  # type: ignore[no-untyped-def]
        """The searcher of the last search while the index is unchanged: opening one reads every
        segment's term index (10–15 ms at 100,000 notes). After a write, or a rebuild here or by another
        process (a new id), a fresh one. Not Searcher.refresh(): whoosh-reloaded 2.7.5 adds the old
        segments back to the refreshed reader, so an edited or deleted note was still found."""
        key = (self.birth(), self._index().latest_generation())
        if self._searcher is not None and key == self._searcher_key:
            return self._searcher
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = self._index().searcher(weighting=_weighting())
        self._searcher_key = key
        self._newness = None
        current = {_segment_id(reader) for reader, _ in self._searcher.reader().leaf_readers()}
        self._tails_by_segment = {k: v for k, v in self._tails_by_segment.items() if k in current}
        lengths_in_memory(self._searcher)
        return self._searcher


class _TermPool:
    """Postings gathered per term in memory, in place of Whoosh's sorting pool for a rebuild segment.

    Whoosh's pool keeps one tuple per posting and sorts them all when the segment is written (and spills
    to disk past `limitmb`); here only the distinct terms are sorted, and a term's postings are already
    in document order because documents are added in order.
    """

    def __init__(self) -> None:
        # body term -> its documents and its positions in each: an int if once (most words), else a list
        self.body: dict[str, tuple[list[int], list[int | list[int]]]] = {}
        # field -> term -> its documents, weights and encoded values, for the fields other than body
        self.terms: dict[str, dict[bytes, tuple[list[int], list[float], list[bytes]]]] = {}

    def cleanup(self) -> None:
        self.body.clear()
        self.terms.clear()


def _add_body_postings(pool: dict[str, tuple[list[int], list[int | list[int]]]], docnum: int, text: str) -> int:
    """Note `docnum`'s body terms into the pool (documents come in order); its number of tokens."""
    terms = _index_terms(text)
    for pos, term in enumerate(terms):
        postings = pool.get(term)
        if postings is None:
            pool[term] = ([docnum], [pos])
        elif postings[0][-1] != docnum:
            postings[0].append(docnum)
            postings[1].append(pos)
        else:  # a word this note has already had
            found = postings[1][-1]
            if found.__class__ is int:
                postings[1][-1] = [found, pos]  # type: ignore[list-item]
            else:
                found.append(pos)  # type: ignore[union-attr]
    return len(terms)


def _index_terms(value: str) -> list[str]:
    """The texts _pieces gives, as one list (a rebuild's hot loop: no offsets, no generator)."""
    terms: list[str] = []
    for hangul, other in _RUNS.findall(value):
        if other:
            terms.append(_normalise_word(other))
        elif len(hangul) == 1:
            terms.append(hangul)
        else:
            terms.extend(map(add, hangul, hangul[1:]))  # its bigrams
    return terms


@lru_cache(maxsize=65536)
def _encoded_positions(positions: tuple[int, ...]) -> bytes:
    from whoosh.formats import Positions

    return Positions().encode(positions)


@lru_cache(maxsize=4)
def _once_positions(longest: int) -> list[bytes]:
    """Whoosh's encoding of a word found once, at each position up to `longest` (a list to index)."""
    return [_encoded_positions((pos,)) for pos in range(longest + 1)]


PARALLEL_FROM = 20_000
"""Notes from which a rebuild is shared by two worker processes (each costs ~0.2 s to start)."""
LENGTHS_SLICE = 10_000
"""Notes loaded at a time to count their tokens, the first pass of a rebuild."""


def rebuild_processes(notes: int) -> int:
    return min(2, os.cpu_count() or 1) if notes >= PARALLEL_FROM else 1


def _slices(ids: list[int], size: int) -> list[list[int]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def note_lengths(load: Callable[[list[int]], Iterable[Entry]], ids: list[int]) -> list[tuple[int, int]]:
    """(length class, id) of each of these notes: the first pass of a rebuild."""
    return [(length_to_byte(token_count(indexed_text(entry))), entry.id) for entry in load(ids)]


def _rebuild_in_process(ix, ids: list[int], load, progress) -> list:  # type: ignore[no-untyped-def]
    order = impact_order(pair for part in _slices(ids, LENGTHS_SLICE) for pair in note_lengths(load, part))
    segments = []
    for part in _slices(order, REBUILD_SEGMENT):
        segments.append(_write_segment(ix, load(part)))
        if progress:
            progress(sum(segment.doc_count_all() for segment in segments))
    return segments


def _write_segment(ix, entries: Iterable[Entry]):  # type: ignore[no-untyped-def]
    """One rebuild segment written into the index folder, not yet in its table of contents."""
    schema = ix.schema  # a property that reads the index's table of contents from disk each time
    writer = _rebuild_writer_class()(ix)
    try:
        for entry in entries:
            writer.add_document(**_document(entry, schema))
        segment = writer._finalize_segment()
    finally:
        writer._close_segment()
    # The map a one-syllable word needs (SearchIndex._tails), while the terms are at hand. Not before:
    # assembling the segment folds every file named after it into its one .seg file.
    _save_tails(Path(ix.storage.folder) / f"{segment.segment_id()}.tails", writer.tails)
    return segment


def _write_segment_in(folder: str, load: Callable[[list[int]], Iterable[Entry]], ids: list[int]):  # type: ignore[no-untyped-def]
    """In a worker process: load these notes, open the index (no lock: the parent holds the folder)
    and write them as a segment."""
    return _write_segment(FileStorage(folder, supports_mmap=False).open_index(), load(ids))


def _start_resource_tracker() -> None:
    """Spawned workers need multiprocessing's resource tracker, a process started with stderr's file
    descriptor kept open for it. Inside the TUI, Textual's stand-in for stderr says its descriptor is
    -1 and starting the tracker fails ("bad value(s) in fds_to_keep"): start it then with stderr
    pointed at /dev/null for that moment."""
    try:
        if sys.stderr is None or sys.stderr.fileno() >= 0:
            return
    except Exception:  # no descriptor at all: the tracker passes none and starts
        return
    from multiprocessing import resource_tracker

    with open(os.devnull, "w") as quiet, contextlib.redirect_stderr(quiet):
        resource_tracker.ensure_running()


def _rebuild_in_parallel(ix, ids: list[int], load, processes: int, progress) -> list:  # type: ignore[no-untyped-def]
    """Both passes of a rebuild shared by `processes` workers that load the notes themselves (measured:
    the parent loading and sending them was a third of the work, on the same cores); the segments in
    impact order, the index's document order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from itertools import repeat

    context = multiprocessing.get_context("spawn")  # fork is unsafe here: the TUI rebuilds from a thread
    _start_resource_tracker()
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        parts = _slices(ids, LENGTHS_SLICE)
        lengths = pool.map(note_lengths, repeat(load, len(parts)), parts)
        order = impact_order(pair for part in lengths for pair in part)
        folder = ix.storage.folder
        futures = [pool.submit(_write_segment_in, folder, load, part) for part in _slices(order, REBUILD_SEGMENT)]
        segments = []
        for future in futures:
            segments.append(future.result())
            if progress:
                progress(sum(segment.doc_count_all() for segment in segments))
        return segments


@lru_cache(maxsize=1)
def _rebuild_writer_class():  # type: ignore[no-untyped-def]
    from whoosh.util.numeric import byte_to_length
    from whoosh.writing import SegmentWriter

    class RebuildWriter(SegmentWriter):
        """Whoosh's segment writer for one rebuild segment, cut to what our schema needs (measured in
        docs/search.md): a note's body postings straight from the tokenizer, postings gathered per term
        (_TermPool), and lengths kept in memory for writing the postings (Whoosh reads a byte back from
        the file per posting). A test checks the index is the one Whoosh's own writer makes."""

        def __init__(self, ix) -> None:  # type: ignore[no-untyped-def]
            super().__init__(ix, _lk=False)  # a segment of a folder being built; its commit takes the lock
            self.pool = _TermPool()
            self._lengths: list[int] = []
            self._longest = 0
            self._indexed: dict[tuple[str, object], list[tuple[bytes, int, float, bytes]]] = {}

        def add_document(self, **fields: object) -> None:
            docnum = self.docnum
            per_doc = self.perdocwriter
            per_doc.start_doc(docnum)
            for name in sorted(fields):
                field = self.schema[name]
                value = fields[name]
                length = 0
                if name == "body":
                    length = _add_body_postings(self.pool.body, docnum, value)  # type: ignore[arg-type]
                    self._longest = max(self._longest, length)
                    self._lengths.append(byte_to_length(length_to_byte(length)))
                elif field.indexed:
                    if name == "id":
                        items = field.index(value)
                    else:  # a day, a notebook, tags, starred: few values, each indexed once
                        items = self._indexed.get((name, value))
                        if items is None:
                            items = self._indexed[name, value] = list(field.index(value))
                    pool = self.pool.terms.setdefault(name, {})
                    for term, count, weight, encoded in items:
                        if field.scorable:
                            length += count
                        postings = pool.get(term)
                        if postings is None:
                            pool[term] = postings = ([], [], [])
                        postings[0].append(docnum)
                        postings[1].append(weight)
                        postings[2].append(encoded)
                per_doc.add_field(name, field, value if field.stored else None, length)
                if field.column_type and value is not None:
                    per_doc.add_column_value(name, field.column_type, field.to_column_value(value))
            per_doc.finish_doc()
            self._added = True
            self.docnum += 1

        def _flush_segment(self) -> None:
            self.perdocwriter.close()
            writer = self.fieldwriter
            lengths = self._lengths.__getitem__
            body = self.pool.body
            body_terms = sorted(body)  # a str's order is its UTF-8 bytes' order
            names = [name for name, terms in self.pool.terms.items() if terms] + (["body"] if body else [])
            for name in sorted(names):  # in Whoosh's order: fields, then terms, by name
                writer.start_field(name, self.schema[name])
                if name == "body":
                    once = _once_positions(self._longest)
                    for term in body_terms:
                        docnums, found = body[term]
                        weights = [1.0 if p.__class__ is int else float(len(p)) for p in found]  # type: ignore[arg-type]
                        values = [once[p] if p.__class__ is int else _encoded_positions(tuple(p)) for p in found]  # type: ignore[arg-type, index]
                        writer.start_term(term.encode("utf-8"))
                        _buffer_blocks(writer._postwriter, docnums, weights, values, list(map(lengths, docnums)))
                        writer.finish_term()
                else:
                    terms = self.pool.terms[name]
                    for term in sorted(terms):
                        writer.start_term(term)
                        _buffer_blocks(writer._postwriter, *terms[term], None)
                        writer.finish_term()
                writer.finish_field()
            writer.close()
            self.tails = _tails_of(body_terms)  # saved once the segment is whole

    return RebuildWriter


def _buffer_blocks(  # type: ignore[no-untyped-def]
    postings, docnums: list[int], weights: list[float], values: list[bytes], lengths: list[int] | None
) -> None:
    """A term's postings into Whoosh's posting writer a block at a time: what its add_posting() does one
    posting at a time (full blocks written as the next one starts; the last left for finish_term to
    write or inline), with the same block statistics. Whoosh encodes and writes the blocks."""
    from array import array

    limit = postings._blocklimit
    for start in range(0, len(docnums), limit):
        if start:
            postings._write_block()
        end = start + limit
        postings._ids = array("I", docnums[start:end])
        block_weights = weights[start:end]
        postings._weights = array("f", block_weights)
        postings._values = [value for value in values[start:end] if value]
        postings._maxweight = max(0, *block_weights)
        if lengths is not None:
            known = [length for length in lengths[start:end] if length]
            if known:
                postings._minlength = min(known)
                postings._maxlength = max(known)


def _top(searcher, query: wq.Query, limit: int):  # type: ignore[no-untyped-def]
    """Whoosh's top-k search, with its threshold set as soon as the first `limit` matches are in.

    Whoosh's TopCollector starts skipping blocks that cannot beat the `limit`th score only once a later
    match has *replaced* one; when the first `limit` are already the best (our index is in impact
    order), nothing ever replaces them and every match is scored. Same results (tested).
    """
    collector = _collector_class()(limit=limit)
    if not _replace_keeps_the_best(query):
        collector.replace = 0
    searcher.search_with_collector(query, collector)
    return collector.results()


def _replace_keeps_the_best(query: wq.Query) -> bool:
    """Whether Whoosh's replace() of matchers mid-search (a union turns into an AndMaybe or an
    intersection once one side cannot reach the page) keeps the best matches of this query. It does
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


@lru_cache(maxsize=1)
def _collector_class():  # type: ignore[no-untyped-def]
    from whoosh.collectors import TopCollector

    class Collector(TopCollector):
        def _collect(self, global_docnum: int, score: float) -> float:
            sort_key = super()._collect(global_docnum, score)
            if len(self.items) >= self.limit and self.items[0][0] > self.minscore:
                self.minscore = self.items[0][0]
            return sort_key

    return Collector


@lru_cache(maxsize=1)
def _weighting():  # type: ignore[no-untyped-def]
    """BM25F with a note's count of a word taken as 1: whether a note has the word, not how often.

    Notes are a few lines, and search asks which notes have a word (88% of a note's words are in it
    once, in the generated journal and in the seed notes alike). With counts gone, a block's best
    possible score is exact (its shortest note), and in an index written shortest first Whoosh skips
    nearly every block once the first page is in: at 100,000 notes p50 20 -> 15 ms, p95 74 -> 48 ms,
    `슬럼프 질문` 77 -> 25 ms (docs/search.md). Scores still fall with a note's length and rise with
    each word's rarity. The price: a long note about a word no longer outranks a short one that
    mentions it once. Whoosh's BM25F here instead gives the counted version back.
    """
    from whoosh.scoring import BM25F, BM25FScorer

    class Scorer(BM25FScorer):
        def _score(self, weight: float, length: int) -> float:
            return float(super()._score(min(weight, 1.0), length))

    class PresenceBM25F(BM25F):
        def scorer(self, searcher, fieldname, text, qf=1):  # type: ignore[no-untyped-def]
            if not searcher.schema[fieldname].scorable:
                return super().scorer(searcher, fieldname, text, qf)
            return Scorer(searcher, fieldname, text, self._field_B.get(fieldname, self.B), self.K1, qf=qf)

    return PresenceBM25F()


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


class _Docnums(wq.Query):
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
        return f"_Docnums({self._size})"

    def estimate_size(self, ixreader) -> int:  # type: ignore[no-untyped-def]
        return self._size

    def matcher(self, searcher, context=None):  # type: ignore[no-untyped-def]
        from whoosh.matching import ListMatcher, NullMatcher

        docnums = self._by_reader.get(id(searcher.reader()))
        return ListMatcher(docnums, all_weights=1.0) if docnums else NullMatcher()


def matching_docnums(searcher, query: wq.Query) -> Iterable[int]:  # type: ignore[no-untyped-def]
    """The documents a query matches, as a set algebra over whole posting lists read a block at a time.

    For queries whose matches all score the same (see _newest): Whoosh's docs_for_query steps through
    its matchers one document at a time, ~3 µs each (67 ms for the 18,000 matches of distill*). Terms
    and prefixes are read here; what this does not know is left to Whoosh.
    """
    if isinstance(query, wq.Term | wq.Prefix):
        return _term_docnums(searcher, query)
    if isinstance(query, wq.Or):
        return set().union(*(matching_docnums(searcher, sub) for sub in query.subqueries))
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


def _exclusions_apart(query: wq.Query) -> wq.Query:
    """`And([a, b, Not(x), Not(y)])` as `AndNot(And([a, b]), Or([x, y]))`. Whoosh intersects the matches
    with the inverse of each excluded word, which cannot skip a block, so every match was scored
    (`슬럼프 -질문` 55 ms at 100,000 notes) and each exclusion added 1.0 to every score; AndNot skips
    blocks by the wanted words alone and scores by them."""
    if not isinstance(query, wq.And):
        return query
    wanted = [sub for sub in query.subqueries if not isinstance(sub, wq.Not)]
    excluded = [sub.query for sub in query.subqueries if isinstance(sub, wq.Not)]
    if not wanted or not excluded:
        return query
    return _and_not_class()(
        wanted[0] if len(wanted) == 1 else wq.And(wanted, boost=query.boost),
        excluded[0] if len(excluded) == 1 else wq.Or(excluded),
    )


@lru_cache(maxsize=1)
def _and_not_class():  # type: ignore[no-untyped-def]
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


def _replace_day_range(query: wq.Query, days: wq.Query) -> wq.Query:
    if isinstance(query, wq.NumericRange) and query.fieldname == "day":
        return days
    if isinstance(query, wq.CompoundQuery | wq.Not):
        return query.apply(lambda sub: _replace_day_range(sub, days))
    return query


def newness_in_memory(searcher) -> Sequence[int]:  # type: ignore[no-untyped-def]
    """Every document's newness, by document number; 0 for an index built before the column existed
    (its matches then come in index order). The column is read whole from each segment's file."""
    from array import array

    values = array("q")
    known = "newness" in searcher.schema
    for segment, _ in searcher.reader().leaf_readers():
        count = segment.doc_count_all()
        if not known or not segment.has_column("newness"):
            values.extend([0] * count)
            continue
        column = segment.column_reader("newness", translate=False)
        try:  # the raw big-endian 64-bit values, one read instead of one a document
            raw = array("q", bytes(column._dbfile.get(column._basepos, column._count * 8)))
            if sys.byteorder == "little":
                raw.byteswap()
            raw.extend([0] * (count - len(raw)))
        except (AttributeError, TypeError, ValueError):
            raw = array("q", column.load())
        values.extend(raw)
    return values


def merge_small_segments(writer, segments):  # type: ignore[no-untyped-def]
    """A merge policy: fold the small segments together once there are several, never a large one.

    Whoosh's default (MERGE_SMALL) merges every segment once their number passes a Fibonacci bound: the
    22 segments of a 100,000-note rebuild would all be merged by the next one-note commit (minutes).
    """
    from whoosh.reading import SegmentReader

    small = [seg for seg in segments if seg.doc_count_all() < SMALL_SEGMENT]
    if len(small) < MAX_SMALL_SEGMENTS:
        return segments
    for seg in small:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in segments if seg.doc_count_all() >= SMALL_SEGMENT]


def indexed_text(entry: Entry) -> str:
    """What the body field holds: an answer is found by its prompt's words too."""
    return entry.body if entry.prompt is None else f"{entry.body}\n{entry.prompt[1]}\n{entry.prompt[2]}"


def impact_order(lengths: Iterable[tuple[int, int]]) -> list[int]:
    """The ids of (length class, id) pairs (note_lengths), shortest first, newest first among notes of a
    length (the order given is kept).

    Whoosh skips a block of 128 postings when even its best case (its shortest note, its highest count)
    cannot reach the top results so far; BM25 favours short notes. Written shortest first across the
    whole journal, the first segment fills the top results and the blocks of longer notes after it are
    mostly skipped: at 100,000 notes p50/p95 2.3x/2.2x faster than the same sort within each segment
    (docs/search.md). Lengths are Whoosh's one-byte length classes, so notes that tie on score sit in
    one class, newest first: ties at the cut-off go to the newest notes.
    """
    return [entry_id for _, entry_id in sorted(lengths, key=lambda pair: pair[0])]


def _document(entry: Entry, schema: Schema) -> dict[str, object]:
    """The entry as a document of this index (an index built before a field was added lacks it)."""
    document = {
        "id": str(entry.id),
        "day": day_number(entry.day),
        "body": indexed_text(entry),
        "tags": ",".join(tag_key(t) for t in entry.tags),
        "notebook": entry.notebook.casefold(),
        "starred": entry.starred,
        "newness": newness(entry),
    }
    return {name: value for name, value in document.items() if name in schema}


# -- queries -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledQuery:
    query: wq.Query
    phrases: tuple[tuple[str, ...], ...] = ()
    """Token sequences every match must contain in a row: searched as all their terms (see
    SearchIndex.search), so each candidate's text is checked."""
    exact: wq.Query | None = None
    """With phrases: the query with them as Whoosh phrases, for when checking candidates finds too few
    (a phrase of common words that seldom stand together)."""
    scored: bool = True
    """Whether the query has words to rank by; one without (only #tags, filters, -words) lists newest
    first."""
    constant: bool = False
    """Whether every match scores the same: words only as English prefixes (`distill*`), which Whoosh
    scores as a constant (1). All tie, so the newest come first."""


def compile_query(query: SearchQuery) -> CompiledQuery:
    parts: list[wq.Query] = []
    exact: list[wq.Query] = []  # the same, phrases as phrases
    phrases: list[tuple[str, ...]] = []
    for group in query.groups:
        alternatives = [q for q in (_clause(c) for c in group) if q is not None]
        if len(alternatives) == 1:
            parts.extend(_required(alternatives[0], phrases))
            exact.append(alternatives[0])
        elif alternatives:
            parts.append(wq.Or(alternatives))
            exact.append(parts[-1])
    filters_from = len(parts)
    if query.start or query.end:
        parts.append(
            wq.NumericRange(
                "day",
                day_number(query.start) if query.start else None,
                day_number(query.end) if query.end else None,
            )
        )
    if query.notebooks:
        books = [wq.Term("notebook", nfc(n).casefold()) for n in query.notebooks]
        parts.append(books[0] if len(books) == 1 else wq.Or(books))
    for name in query.excluded_notebooks:
        parts.append(wq.Not(wq.Term("notebook", nfc(name).casefold())))
    if query.starred:
        parts.append(wq.Term("starred", True))
    exact.extend(parts[filters_from:])
    if not any(not isinstance(p, wq.Not) for p in parts):
        parts.insert(0, wq.Every())
    # normalize() keeps one flat intersection (~30% faster than nested ones: 슬럼프 질문)
    return CompiledQuery(
        (parts[0] if len(parts) == 1 else wq.And(parts)).normalize(),
        tuple(phrases),
        exact=(exact[0] if len(exact) == 1 else wq.And(exact)).normalize() if phrases else None,
        scored=any(clause.kind != "tag" for clause in query.positive),
        constant=all(
            clause.kind == "tag" or (clause.kind == "prefix" and not _HANGUL_START.search(clause.text))
            for clause in query.positive
        ),
    )


def _required(query: wq.Query, phrases: list[tuple[str, ...]]) -> list[wq.Query]:
    """A clause every match must satisfy, as queries that must all match (a mixed word like `Lite로그` is
    an And of its runs). A phrase (a Korean word is the phrase of its bigrams) is added to `phrases`,
    to be checked on each candidate's text: the search looks for its rarest word alone (_by_rarest_word)."""
    if isinstance(query, wq.Phrase):
        phrases.append(tuple(query.words))
        return [query]
    if isinstance(query, wq.And):
        return [part for sub in query.subqueries for part in _required(sub, phrases)]
    return [query]


def has_phrases(text: str, phrases: Iterable[tuple[str, ...]]) -> bool:
    """Whether every token sequence occurs in a row in the text, as Whoosh's Phrase would find it."""
    tokens = analyze(text)
    joined = "\x00" + "\x00".join(tokens) + "\x00"
    return all("\x00" + "\x00".join(phrase) + "\x00" in joined for phrase in phrases)


def _clause(clause: Clause) -> wq.Query | None:
    if clause.kind == "tag":
        q: wq.Query | None = wq.Term("tags", tag_key(clause.text))
    elif clause.kind == "phrase":
        q = _tokens_query(analyze(clause.text))
    elif clause.kind == "prefix":
        q = _prefix(clause.text)
    else:
        # A word is matched run by run: `Lite로` is `lite` and `로`, each as a substring where Hangul.
        runs = [_run_query(m.group()) for m in _RUN.finditer(nfc(clause.text))]
        runs = [r for r in runs if r is not None]
        q = None if not runs else runs[0] if len(runs) == 1 else wq.And(runs)
    if q is None:
        return None
    return wq.Not(q) if clause.negated else q


def _run_query(run: str) -> wq.Query | None:
    if _HANGUL_START.match(run) and len(run) == 1:
        # One syllable: any bigram that starts or ends with it, or the syllable standing alone.
        return wq.Or([wq.Prefix("body", run), wq.Wildcard("body", "*" + run)])
    return _tokens_query(analyze(run))


def _segment_tails(reader) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return _tails_of(_text(raw) for raw in reader.lexicon("body"))


def _tails_of(terms: Iterable[str]) -> dict[str, list[str]]:
    """The Hangul bigrams among these body terms (in order), by their last syllable."""
    tails: dict[str, list[str]] = {}
    for term in terms:
        if len(term) == 2 and _HANGUL_START.match(term) and _HANGUL_START.match(term, 1):
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


def _save_tails(path: Path, tails: dict[str, list[str]]) -> None:
    """Best effort: it only saves time."""
    import json

    from journal.privatefile import write_whole

    with contextlib.suppress(OSError):
        write_whole(path, json.dumps(tails, ensure_ascii=False).encode("utf-8"))


def _segment_id(reader) -> str | None:  # type: ignore[no-untyped-def]
    """The id of a segment reader's segment; None for the reader of an index with no notes."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    return segment.segment_id() if segment is not None else None


def _text(term: bytes | str) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _syllable_pairs(subqueries: Sequence[wq.Query]) -> dict[str, tuple[int, int]]:
    """Among an Or's alternatives, the one-syllable Korean words (see _run_query: `팁*` or `*팁`), each
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


def _by_rarest_word(query: wq.Query, searcher) -> wq.Query:  # type: ignore[no-untyped-def]
    """Each phrase every match must contain (a Korean word is the phrase of its bigrams) as its rarest
    word alone; the caller checks the phrase in each candidate's text. A phrase's other words add work
    (an intersection, for `슬럼프` of two lists that nearly coincide) and, for a Korean word, count the
    same occurrence again. At 100,000 notes `슬럼프` 34 -> 20 ms, `"standard routine"` 55 -> 25 ms.
    Under OR and after - a phrase stays a phrase, matched by Whoosh."""

    def rarest(phrase: wq.Phrase) -> wq.Term:
        words = phrase.words
        return wq.Term(phrase.fieldname, min(words, key=lambda w: searcher.doc_frequency(phrase.fieldname, w)))

    if isinstance(query, wq.Phrase):
        return rarest(query)
    if isinstance(query, wq.And):
        return wq.And([rarest(sub) if isinstance(sub, wq.Phrase) else sub for sub in query.subqueries])
    return query


def _tokens_query(tokens: list[str]) -> wq.Query | None:
    if not tokens:
        return None
    if len(tokens) == 1:
        return wq.Term("body", tokens[0])
    return wq.Phrase("body", tokens)


def _prefix(text: str) -> wq.Query | None:
    if _HANGUL_START.search(text):
        return _clause(Clause("word", text))
    lowered = nfc(text).lower()
    stems = {lowered, *analyze(lowered)}
    # `distill*` is `distil*` (its stem) or `distill*`: the first holds the second, search it alone.
    needed = sorted(s for s in stems if not any(s != other and s.startswith(other) for other in stems))
    return wq.Or([wq.Prefix("body", s) for s in needed]) if len(needed) > 1 else wq.Prefix("body", needed[0])


# -- snippets ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Matcher:
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    tags: frozenset[str]


def _matcher(query: SearchQuery) -> _Matcher:
    exact: set[str] = set()
    prefixes: list[str] = []
    suffixes: list[str] = []
    tags: set[str] = set()
    for clause in query.positive:
        if clause.kind == "tag":
            tags.add(tag_key(clause.text))
        elif clause.kind == "prefix" and not _HANGUL_START.search(clause.text):
            prefixes.append(nfc(clause.text).lower())
        else:
            for match in _RUN.finditer(nfc(clause.text)):
                run = match.group()
                if _HANGUL_START.match(run) and len(run) == 1:
                    prefixes.append(run)
                    suffixes.append(run)
                else:
                    exact.update(analyze(run))
    return _Matcher(frozenset(exact), tuple(prefixes), tuple(suffixes), frozenset(tags))


def snippet(body: str, query: SearchQuery) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of the body around the first match, with the matched character ranges."""
    matcher = _matcher(query)
    flat = body.replace("\n", " ")
    spans: list[tuple[int, int]] = []
    for token in ANALYZER(flat, chars=True, mode="index"):
        text = token.text
        if (
            text in matcher.exact
            or any(text.startswith(p) for p in matcher.prefixes)
            or any(text.endswith(s) for s in matcher.suffixes)
        ):
            spans.append((token.startchar, token.endchar))
    for start, end, tag in tag_spans(flat):
        if tag_key(tag) in matcher.tags:
            spans.append((start, end))
    merged = _merge(spans)
    first = merged[0][0] if merged else 0
    start = max(0, min(first - SNIPPET_WIDTH // 3, len(flat) - SNIPPET_WIDTH))
    end = start + SNIPPET_WIDTH
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    shift = len(prefix) - start
    visible = tuple((max(s, start) + shift, min(e, end) + shift) for s, e in merged if e > start and s < end)
    return prefix + flat[start:end] + suffix, visible


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def marked(text: str, spans: tuple[tuple[int, int], ...], before: str = "**", after: str = "**") -> str:
    """The snippet with its matches wrapped, for plain-text and JSON output."""
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], before, text[start:end], after]
        last = end
    out.append(text[last:])
    return "".join(out)
