"""A rebuild's segments: every note counted, then written in impact order, by worker processes on a
large journal. The index is swapped in by store.SearchIndex.rebuild."""

from __future__ import annotations

import contextlib
import os
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.util.numeric import byte_to_length, length_to_byte

from journal.errors import is_disk_full
from journal.records import Entry
from journal.search.analysis import token_count
from journal.search.schema import document, indexed_text
from journal.search.tails import save_tails
from journal.search.writer import rebuild_writer_class

REBUILD_SEGMENT = 50_000
"""Notes at most per segment on a rebuild, in impact order (see impact_segments). Every search opens a
reader and builds a matcher per segment: at 1,000,000 notes, 201 segments of 5,000 made a search ~1.5x
slower than 20 of 50,000 (bench/README.md). Later small commits leave a rebuild's segments alone
(store.merge_small_segments)."""
SEGMENT_TOKENS = 3_000_000
"""Tokens at most per segment. A segment's postings are held in memory until it is written (_TermPool),
~45 bytes a token: a worker stays under ~170 MB whatever the notes' length (the last segments of the
impact order hold the longest notes; cut by notes alone, one of 50,000 took 300 MB)."""
BALANCE_TOKENS = 250_000
"""A parallel rebuild gives each worker at least SEGMENTS_PER_WORKER segments, none under this many tokens
(below it a segment's cost is mostly its start), so that both are busy until near the end."""
SEGMENTS_PER_WORKER = 2
PARALLEL_FROM = 20_000
"""Notes from which a rebuild is shared by two worker processes (each costs ~0.2 s to start)."""
LENGTHS_SLICE = 10_000
"""Notes loaded at a time to count their tokens, the first pass of a rebuild."""
LOAD_SLICE = 2_000
"""Notes loaded at a time to be written into a segment."""
STOP_WAIT = 5.0
"""Seconds a worker is given to end after SIGTERM (then SIGKILL) when a rebuild stops early."""


def rebuild_processes(notes: int) -> int:
    return min(2, os.cpu_count() or 1) if notes >= PARALLEL_FROM else 1


def _slices(ids: Sequence[int], size: int) -> list[list[int]]:
    return [list(ids[start : start + size]) for start in range(0, len(ids), size)]


def note_lengths(load: Callable[[list[int]], Iterable[Entry]], ids: list[int]) -> tuple[bytes, array[int]]:
    """The length class of each of these notes that exists, and their ids: the first pass of a rebuild
    (compact: at 1,000,000 notes the parent holds them all)."""
    classes = bytearray()
    found = array("q")
    for entry in load(ids):
        classes.append(length_to_byte(token_count(indexed_text(entry))))
        found.append(entry.id)
    return bytes(classes), found


def impact_segments(lengths: Iterable[tuple[bytes, array[int]]], processes: int = 1) -> list[list[int]]:
    """The notes of `lengths` (note_lengths, in the order given: newest first) cut into segments: shortest
    first, newest first among notes of a length; each up to REBUILD_SEGMENT notes and SEGMENT_TOKENS
    tokens (fewer when `processes` share the work, see BALANCE_TOKENS).

    Whoosh skips a block of 128 postings when even its best case (its shortest note, its highest count)
    cannot reach the top results so far; BM25 favours short notes. Written shortest first across the
    whole journal, the first segment fills the top results and the blocks of longer notes after it are
    mostly skipped: at 100,000 notes p50/p95 2.3x/2.2x faster than the same sort within each segment
    (docs/search.md). Lengths are Whoosh's one-byte length classes, so notes that tie on score sit in
    one class, newest first: ties at the cut-off go to the newest notes.
    """
    by_class = [array("q") for _ in range(256)]
    for classes, ids in lengths:
        for length_class, entry_id in zip(classes, ids, strict=True):
            by_class[length_class].append(entry_id)
    budget = SEGMENT_TOKENS
    if processes > 1:
        total = sum(_tokens(length_class) * len(ids) for length_class, ids in enumerate(by_class))
        budget = min(budget, max(BALANCE_TOKENS, total // (SEGMENTS_PER_WORKER * processes)))
    segments: list[list[int]] = []
    current: list[int] = []
    tokens = 0
    for length_class, ids in enumerate(by_class):
        size = _tokens(length_class)
        for entry_id in ids:
            if current and (len(current) >= REBUILD_SEGMENT or tokens + size > budget):
                segments.append(current)
                current, tokens = [], 0
            current.append(entry_id)
            tokens += size
    if current:
        segments.append(current)
    return segments


def _tokens(length_class: int) -> int:
    """A note's tokens as its length class says (within a few per cent), and at least one: a note costs
    a segment something even when it is empty."""
    return max(1, byte_to_length(length_class))


def _rebuild_in_process(ix, ids: Sequence[int], load, progress) -> list:  # type: ignore[no-untyped-def]
    written = []
    for part in impact_segments(note_lengths(load, part) for part in _slices(ids, LENGTHS_SLICE)):
        written.append(write_segment(ix, loaded(load, part)))
        if progress:
            progress(sum(segment.doc_count_all() for segment in written))
    return written


def write_segment(ix, entries: Iterable[Entry]):  # type: ignore[no-untyped-def]
    """One rebuild segment written into the index folder, not yet in its table of contents."""
    schema = ix.schema  # a property that reads the index's table of contents from disk each time
    writer = rebuild_writer_class()(ix)
    try:
        for entry in entries:
            writer.add_document(**document(entry, schema))
        segment = writer._finalize_segment()
    finally:
        writer._close_segment()
    # The map a one-syllable word needs (SearchIndex._tails), while the terms are at hand. Not before:
    # assembling the segment folds every file named after it into its one .seg file.
    save_tails(Path(ix.storage.folder) / f"{segment.segment_id()}.tails", writer.tails)
    return segment


def _write_segment_in(folder: str, load: Callable[[list[int]], Iterable[Entry]], ids: list[int]):  # type: ignore[no-untyped-def]
    """In a worker process: load these notes, open the index (no lock: the parent holds the folder)
    and write them as a segment."""
    return write_segment(FileStorage(folder, supports_mmap=False).open_index(), loaded(load, ids))


def loaded(load: Callable[[list[int]], Iterable[Entry]], ids: list[int]) -> Iterator[Entry]:
    """The notes of `ids`, LOAD_SLICE at a time: a segment's notes are not all held at once."""
    for part in _slices(ids, LOAD_SLICE):
        yield from load(part)


def _start_resource_tracker() -> None:
    """Spawned workers need multiprocessing's resource tracker, a process started with stderr's file
    descriptor kept open for it. It is started with stderr pointed at /dev/null: inside the TUI,
    Textual's stand-in for stderr says its descriptor is -1 and starting the tracker fails ("bad
    value(s) in fds_to_keep"); and after a kill -9 of the rebuild it would print warnings about
    semaphores nobody cleaned up into the user's terminal. (It ends by itself once every process holding
    its pipe has ended: the rebuild and its workers.)"""
    from multiprocessing import resource_tracker

    with open(os.devnull, "w") as quiet, contextlib.redirect_stderr(quiet):
        try:  # the tracker writes to descriptor 2 itself: this process's, for the moment it starts
            saved = os.dup(2)
        except OSError:
            resource_tracker.ensure_running()
            return
        try:
            os.dup2(quiet.fileno(), 2)
            resource_tracker.ensure_running()
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _worker_starts(parent: int) -> None:
    """In each worker, first: end with the parent, and leave Ctrl-C to it.

    A worker that outlived a killed rebuild kept writing into a folder nobody would use, and held the
    terminal (issue #18). On Linux the kernel kills the worker when the parent dies (PR_SET_PDEATHSIG);
    elsewhere a thread checks every second that the parent is still there. Ctrl-C reaches every process
    of the terminal's group: the parent stops the workers and says so in one line, so they ignore it
    (SIGINT was already blocked while they started, see _quiet_start)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if not _die_with_parent():
        import threading

        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _die_with_parent() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


@contextlib.contextmanager
def _quiet_start():  # type: ignore[no-untyped-def]
    """SIGINT blocked while worker processes are started: they inherit the mask, so a Ctrl-C while they
    import (before _worker_starts) does not print their tracebacks; here it is delivered afterwards."""
    import signal

    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _stop_workers(pool) -> None:  # type: ignore[no-untyped-def]
    """End the workers now (a Ctrl-C or a failure in the parent): what they were writing is not needed.
    Python 3.14 has ProcessPoolExecutor.terminate_workers(); before it, the pool's own table.

    The workers are dead before the pool is told to shut down, so that it finds them dead and takes its
    "broken" path, which closes its call queue's pipe: told first, it may wait for its queue's feeder
    thread, which can be stuck writing a segment's ids (50,000 of them) into a pipe nobody reads."""
    from multiprocessing.connection import wait

    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        with contextlib.suppress(Exception):
            if not wait([process.sentinel], STOP_WAIT):  # a worker that does not end on SIGTERM
                process.kill()
                wait([process.sentinel], STOP_WAIT)
    pool.shutdown(wait=True, cancel_futures=True)


def _rebuild_in_parallel(ix, ids: Sequence[int], load, processes: int, progress) -> list:  # type: ignore[no-untyped-def]
    """Both passes of a rebuild shared by `processes` workers that load the notes themselves (measured:
    the parent loading and sending them was a third of the work, on the same cores); the segments in
    impact order, the index's document order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")  # fork is unsafe here: the TUI rebuilds from a thread
    folder = ix.storage.folder
    # Every segment writer makes Whoosh's scratch folder MAIN.tmp; made here, two workers cannot race
    # to create it (FileExistsError).
    os.makedirs(os.path.join(folder, "MAIN.tmp"), exist_ok=True)
    _start_resource_tracker()
    pool = None
    try:
        with _quiet_start():
            pool = ProcessPoolExecutor(
                processes, mp_context=context, initializer=_worker_starts, initargs=(os.getpid(),)
            )
            parts = _slices(ids, LENGTHS_SLICE)
            lengths = [pool.submit(note_lengths, load, part) for part in parts]
            for _ in range(processes - len(parts)):  # each submit starts a worker while there are fewer
                pool.submit(os.getpid)
        parts = impact_segments((part.result() for part in lengths), processes)
        futures = [pool.submit(_write_segment_in, folder, load, part) for part in parts]
        segments = []
        for future in futures:
            segments.append(future.result())
            if progress:
                progress(sum(segment.doc_count_all() for segment in segments))
    except BaseException:
        if pool is not None:
            _stop_workers(pool)
        raise
    pool.shutdown(wait=True)
    return segments


def write_segments(ix, ids: Sequence[int], load: Callable[[list[int]], Iterable[Entry]], progress) -> list:  # type: ignore[no-untyped-def]
    """Write every note of `ids` (newest first) into the new index `ix` as segments, not yet in its
    table of contents. Each note is loaded twice, for its length (impact_segments) and to be indexed, a
    slice at a time; from PARALLEL_FROM notes by worker processes, which call `load` themselves."""
    if progress:
        progress(0)  # the first pass (every note's length) reports nothing until it is done
    processes = rebuild_processes(len(ids))
    if processes > 1:
        try:
            return _rebuild_in_parallel(ix, ids, load, processes, progress)
        except Exception as exc:
            # Workers may not start here: a sandbox without semaphores, or a process whose file
            # descriptors spawn cannot pass on. Whatever they did is rewritten by one process; their
            # files are not in the index. A full disk is not theirs to fix: it stops the rebuild.
            if is_disk_full(exc):
                raise
            _remove_segment_files(ix.storage.folder)
    return _rebuild_in_process(ix, ids, load, progress)


def _remove_segment_files(folder: str) -> None:
    """The segments workers wrote before they failed: none is in the index's table of contents yet."""
    for path in Path(folder).glob("MAIN_*"):
        if path.is_file() and path.name != "MAIN_WRITELOCK":
            path.unlink(missing_ok=True)
