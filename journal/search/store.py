"""The index on disk: where it is, which journal it belongs to (its birth id and generation), writes,
rebuilds swapped in whole, and the searcher kept open between searches."""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

from journal.errors import DiskFull, StorageError, is_disk_full
from journal.locks import process_alive
from journal.query import SearchQuery
from journal.records import Entry
from journal.search.in_memory import column_in_memory, lengths_in_memory
from journal.search.ranking import SearchView
from journal.search.rebuild import write_segments
from journal.search.schema import document, make_schema
from journal.search.tails import SegmentTails, segment_id
from journal.search.whoosh_changes import weighting

WRITER_TIMEOUT = 2.0  # seconds to wait for another process's index lock before deferring
SMALL_SEGMENT = 1000
"""Segments below this many notes and SMALL_SEGMENT_TOKENS tokens (written by later adds and edits) are
folded together once there are MAX_SMALL_SEGMENTS of them; bigger ones (a rebuild's) are never merged by
an ordinary write."""
SMALL_SEGMENT_TOKENS = 100_000
"""A rebuild cuts a segment of long notes by tokens, so it may hold fewer than SMALL_SEGMENT notes; but each
one it cuts holds at least rebuild.BALANCE_TOKENS less one note's tokens (Whoosh counts ≤ 106,374): more
than this. Without it, one saved note could merge a whole rebuilt index of long notes."""
MAX_SMALL_SEGMENTS = 8


class IndexUnavailable(StorageError):
    """The index is locked by another process or cannot be written right now (the message says which)."""


class IndexDiskFull(IndexUnavailable, DiskFull):
    """The index cannot be written: the disk is full."""


def unwritable(exc: OSError, what: str) -> IndexUnavailable:
    """The error for an index write that failed with `exc`: the disk is full, or the real cause."""
    if is_disk_full(exc):
        return IndexDiskFull(what)
    where = f" ({exc.filename})" if exc.filename else ""
    return IndexUnavailable(f"{what}: {exc.strerror or exc}{where}")


BIRTH_FILE = "JOURNAL_INDEX_ID"
"""A random id written when an index is built: the database records it, so a copy of another index
(or of this one, restored from a backup) is recognised. Its second line is the index's format."""
INDEX_FORMAT = 2
"""How the index reads text (analysis.py). An index of an older format holds other terms than the queries
ask for, so it is rebuilt (services/index.py). 1: Hangul bigrams and stemmed words (no format line);
2: every CJK script and symbols as bigrams, NFKC folding, junction and surface terms, word-start boosts."""


class SearchIndex:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._ix = None
        self._view: SearchView | None = None  # kept between searches while the index is unchanged
        self._view_key: tuple[str | None, int] | None = None
        self.tails = SegmentTails(path)

    def exists(self) -> bool:
        return self.path.is_dir() and any(self.path.glob("*.toc"))

    def birth(self) -> str | None:
        lines = self._birth_lines()
        return lines[0].strip() or None if lines else None

    def format(self) -> int:
        """The index's format (INDEX_FORMAT when it was built); 1 for one built before formats were recorded."""
        lines = self._birth_lines()
        if len(lines) < 2 or not lines[1].startswith("format "):
            return 1
        try:
            return int(lines[1].split()[1])
        except (IndexError, ValueError):
            return 1

    def _birth_lines(self) -> list[str]:
        try:
            return (self.path / BIRTH_FILE).read_text(encoding="ascii").splitlines()
        except (OSError, UnicodeDecodeError):
            return []

    def give_birth(self, folder: Path | None = None, born: str | None = None, format_: int | None = None) -> str:
        """Mark an index (built before indexes had ids, or a new one in `folder`: INDEX_FORMAT) with an id."""
        born = born or str(uuid.uuid4())
        format_ = format_ if format_ is not None else INDEX_FORMAT if folder is not None else self.format()
        (folder or self.path).joinpath(BIRTH_FILE).write_text(f"{born}\nformat {format_}\n", encoding="ascii")
        return born

    def generation(self) -> int:
        """Whoosh's commit counter: it only grows in one index folder."""
        return int(self._index().latest_generation())

    def _index(self):  # type: ignore[no-untyped-def]
        if self._ix is None:
            from journal.search import segment_open

            segment_open.install()
            # supports_mmap=False: memory-mapping copies every segment into RAM on open (190 MB at 100k).
            self._ix = FileStorage(str(self.path), supports_mmap=False).open_index()
        return self._ix

    def check(self) -> None:
        """Raise if the index is missing or cannot be read. It opens the searcher that searches then use
        while the index is unchanged: opening one reads every segment (201 at 1,000,000 notes)."""
        self._current_searcher().doc_count()

    def close(self) -> None:
        if self._view is not None:
            self._view.searcher.close()
            self._view = None
        if self._ix is not None:
            self._ix.close()
            self._ix = None

    def update(self, entries: Iterable[Entry], removed_ids: Iterable[int]) -> None:
        """Add or replace these notes and remove those ids, in one commit; IndexUnavailable if the index
        is locked (2 s) or cannot be written, leaving nothing of the attempt behind."""
        from whoosh.index import LockError

        what = "the search index cannot be written"
        try:
            writer = self._index().writer(timeout=WRITER_TIMEOUT)
        except LockError:
            raise IndexUnavailable("another journal process is writing the search index") from None
        except OSError as exc:
            raise unwritable(exc, what) from None
        try:
            for entry_id in removed_ids:
                writer.delete_by_term("id", str(entry_id))
            for entry in entries:
                writer.update_document(**document(entry, writer.schema))
            writer.commit(mergetype=merge_small_segments)
        except BaseException as exc:
            _abandon(writer)
            if isinstance(exc, OSError):
                raise unwritable(exc, what) from None
            raise

    def purge(self, ids: Iterable[int]) -> None:
        """Delete these notes' documents and rewrite every segment that held one, so that their words
        leave the index files (a deletion alone only marks them deleted)."""
        from whoosh.index import LockError

        try:
            writer = self._index().writer(timeout=WRITER_TIMEOUT)
        except LockError:
            raise IndexUnavailable("another journal process is writing the search index") from None
        try:
            for entry_id in ids:
                writer.delete_by_term("id", str(entry_id))
            writer.commit(mergetype=_rewrite_segments_with_deletions)
        except BaseException:
            _abandon(writer)
            raise

    def rebuild(
        self,
        ids: Sequence[int],
        load: Callable[[list[int]], Iterable[Entry]],
        progress: Callable[[int], None] | None = None,
        *,
        birth: str | None = None,
    ) -> int:
        """Build a fresh index beside the old one (rebuild.write_segments), then swap it in.

        `ids` are the notes to index, newest first; `load(ids)` gives those of them that exist, in the
        order given (from rebuild.PARALLEL_FROM notes worker processes call it: it must pickle). `birth`
        is the new index's id. One rebuild at a time (the caller holds the journal's rebuild lock). On
        any failure the old index is left as it was and nothing of the new one remains.
        """
        self.close()
        fresh = self.path.with_name(f"{self.path.name}.new-{uuid.uuid4().hex[:8]}")
        ix = None
        try:
            fresh.mkdir(mode=0o700)
            ix = FileStorage(str(fresh), supports_mmap=False).create_index(make_schema())
            self.give_birth(fresh, birth)
            segments = write_segments(ix, ids, load, progress)
            writer = ix.writer()
            writer._close_segment()  # it wrote nothing itself: it records the segments, as MpWriter does
            writer._commit_toc(segments)
            writer._finish()
            count = sum(segment.doc_count_all() for segment in segments)
            ix.close()
            ix = None
            shutil.rmtree(fresh / "MAIN.tmp", ignore_errors=True)  # the segment writers' (empty) scratch folder
            self._swap_in(fresh)
        except BaseException:
            if ix is not None:
                with contextlib.suppress(Exception):
                    ix.close()
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        if progress:
            progress(count)
        return count

    def _swap_in(self, fresh: Path) -> None:
        """Put the folder `fresh` where the index is, holding the old index's write lock: a process
        writing to the old index finishes first, and one waiting for the lock then writes to the new one
        (Whoosh opens the lock file and reads the table of contents by path, after taking the lock)."""
        from whoosh.util.filelock import FileLock

        lock = None
        if self.path.is_dir():
            lock = FileLock(str(self.path / "MAIN_WRITELOCK"))
            try:
                lock.acquire(blocking=True)
            except OSError:  # a folder nobody can write: nobody can be writing to it either
                lock = None
        old = None
        try:
            if self.path.exists():
                old = self.path.with_name(f"{self.path.name}.old-{uuid.uuid4().hex[:8]}")
                self.path.rename(old)
            try:
                fresh.rename(self.path)
            except BaseException:
                if old is not None:
                    old.rename(self.path)  # the old index back in its place
                    old = None
                raise
        finally:
            if lock is not None:
                lock.release()
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)  # if it stays (busy, undeletable), the next run retries

    def ids(self) -> set[int]:
        with self._index().searcher() as searcher:
            return {int(fields["id"]) for fields in searcher.all_stored_fields()}

    def digests(self) -> dict[int, int] | None:
        """Each note's id and the digest of what its document says (schema.digest); None for an index
        built before documents had digests."""
        with self._index().searcher() as searcher:
            if "digest" not in searcher.schema:
                return None
            found: dict[int, int] = {}
            for segment, _ in searcher.reader().leaf_readers():
                digests = column_in_memory(segment, "digest")
                for docnum in segment.all_doc_ids():
                    found[int(segment.stored_fields(docnum)["id"])] = digests[docnum]
            return found

    def search(
        self, query: SearchQuery, limit: int, texts: Callable[[list[int]], Mapping[int, str]]
    ) -> list[tuple[int, float]]:
        """The top `limit` (id, score): see ranking.SearchView.search."""
        return self._current_view().search(query, limit, texts)

    def _current_searcher(self):  # type: ignore[no-untyped-def]
        return self._current_view().searcher

    def _current_view(self) -> SearchView:
        """The searcher of the last search while the index is unchanged: opening one reads every
        segment's term index (10–15 ms at 100,000 notes). After a write, or a rebuild here or by another
        process (a new id), a fresh one. Not Searcher.refresh(): whoosh-reloaded 2.7.5 adds the old
        segments back to the refreshed reader, so an edited or deleted note was still found."""
        key = (self.birth(), self._index().latest_generation())
        if self._view is not None and key == self._view_key:
            return self._view
        if self._view is not None:
            self._view.searcher.close()
        searcher = self._index().searcher(weighting=weighting())
        fixed_field_lengths(searcher)
        self._view = SearchView(searcher, self.tails)
        self._view_key = key
        self.tails.keep_only({segment_id(reader) for reader, _ in searcher.reader().leaf_readers()})
        lengths_in_memory(searcher)
        return self._view


def fixed_field_lengths(searcher) -> None:  # type: ignore[no-untyped-def]
    """A field's total length, summed over the segments once per searcher. BM25 scores a term in each
    segment with the field's average length, and Whoosh sums it over every segment each time: segments x
    segments per term (201 segments at 1,000,000 notes: 25,000 sums for one word). The sums cannot change
    while the searcher is open."""
    reader = searcher.reader()
    whoosh_sum = reader.field_length
    sums: dict[str, int] = {}

    def field_length(fieldname: str) -> int:
        if fieldname not in sums:
            sums[fieldname] = whoosh_sum(fieldname)
        return sums[fieldname]

    reader.field_length = field_length


def _rewrite_segments_with_deletions(writer, segments):  # type: ignore[no-untyped-def]
    """A merge policy for a purge: every segment with a deleted document is written again without it."""
    from whoosh.reading import SegmentReader

    kept = []
    for seg in segments:
        if seg.has_deletions():
            reader = SegmentReader(writer.storage, writer.schema, seg)
            writer.add_reader(reader)
            reader.close()
        else:
            kept.append(seg)
    return kept


def merge_small_segments(writer, segments):  # type: ignore[no-untyped-def]
    """A merge policy: fold the small segments together once there are several, never a large one.

    Whoosh's default (MERGE_SMALL) merges every segment once their number passes a Fibonacci bound: the
    22 segments of a 100,000-note rebuild would all be merged by the next one-note commit (minutes).
    """
    from whoosh.reading import SegmentReader

    small = [seg for seg in segments if _is_small(seg)]
    if len(small) < MAX_SMALL_SEGMENTS:
        return segments
    for seg in small:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in segments if not _is_small(seg)]


def _is_small(segment) -> bool:  # type: ignore[no-untyped-def]
    """Few notes and few tokens (Whoosh keeps a segment's field lengths in the table of contents)."""
    tokens = (getattr(segment, "_fieldlengths", None) or {}).get("body", 0)
    return segment.doc_count_all() < SMALL_SEGMENT and tokens < SMALL_SEGMENT_TOKENS


def _abandon(writer) -> None:  # type: ignore[no-untyped-def]
    """Give up a write that failed: Whoosh's cancel() closes the segment's files, which on a full disk
    raises again and never releases the lock. Here every step is tried, the files of the attempt are
    removed while the lock is still held, and the lock is released."""
    from whoosh.index import TOC, clean_files

    with contextlib.suppress(Exception):
        writer._close_segment()
    try:
        with contextlib.suppress(Exception):
            toc = TOC.read(writer.storage, writer.indexname)
            clean_files(writer.storage, writer.indexname, toc.generation, toc.segments)
        folder = Path(writer.storage.folder)
        for partial in folder.glob(f"_{writer.indexname}_*.toc.*"):  # a table of contents not renamed into place
            with contextlib.suppress(OSError):
                partial.unlink()
        with contextlib.suppress(OSError):
            writer._tempstorage.destroy()
    finally:
        writer.is_closed = True
        if writer.writelock is not None:
            with contextlib.suppress(Exception):
                writer.writelock.release()


def remove_leftovers(path: Path) -> list[Path]:
    """Remove what crashed runs left beside and inside the index at `path`: rebuilds' folders
    (`index.new-…`, `index.old-…`) and half-written segment maps (`.….tails.PID.partial`) of processes
    that are gone. The caller holds the rebuild lock. Returns what could not be removed."""
    stuck = []
    for folder in sorted([*path.parent.glob(f"{path.name}.new*"), *path.parent.glob(f"{path.name}.old*")]):
        shutil.rmtree(folder, ignore_errors=True)
        if folder.exists():
            stuck.append(folder)
    for partial in path.glob(".*.partial"):
        pid = partial.name.rsplit(".", 2)[-2]
        if not pid.isdigit() or not process_alive(int(pid)):
            with contextlib.suppress(OSError):
                partial.unlink()
    return stuck


def has_leftovers(path: Path) -> bool:
    beside = [*path.parent.glob(f"{path.name}.new*"), *path.parent.glob(f"{path.name}.old*")]
    return bool(beside) or any(path.glob(".*.partial"))
