"""A rebuild's segments: every note counted, then written in impact order, by worker processes on a
large journal. The index is swapped in by store.SearchIndex.rebuild."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.util.numeric import length_to_byte

from journal.errors import is_disk_full
from journal.records import Entry
from journal.search.analysis import token_count
from journal.search.schema import document, indexed_text
from journal.search.tails import save_tails
from journal.search.writer import rebuild_writer_class

REBUILD_SEGMENT = 5000
"""Notes per segment on a rebuild, in impact order (see impact_order). A segment's postings are held in
memory until it is written (_TermPool): segments of 25,000 searched no faster and took 407 MB to build
(docs/search.md). Our merge policy leaves segments this size alone on later small commits."""
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


def _rebuild_in_process(ix, ids: list[int], load, progress) -> list:  # type: ignore[no-untyped-def]
    order = impact_order(pair for part in _slices(ids, LENGTHS_SLICE) for pair in note_lengths(load, part))
    segments = []
    for part in _slices(order, REBUILD_SEGMENT):
        segments.append(write_segment(ix, load(part)))
        if progress:
            progress(sum(segment.doc_count_all() for segment in segments))
    return segments


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
    return write_segment(FileStorage(folder, supports_mmap=False).open_index(), load(ids))


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
    Python 3.14 has ProcessPoolExecutor.terminate_workers(); before it, the pool's own table."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _rebuild_in_parallel(ix, ids: list[int], load, processes: int, progress) -> list:  # type: ignore[no-untyped-def]
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
        order = impact_order(pair for part in lengths for pair in part.result())
        futures = [pool.submit(_write_segment_in, folder, load, part) for part in _slices(order, REBUILD_SEGMENT)]
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


def write_segments(ix, ids: list[int], load: Callable[[list[int]], Iterable[Entry]], progress) -> list:  # type: ignore[no-untyped-def]
    """Write every note of `ids` (newest first) into the new index `ix` as segments, not yet in its
    table of contents. Each note is loaded twice, for its length (impact_order) and to be indexed, a
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
