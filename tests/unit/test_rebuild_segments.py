"""How a rebuild cuts the journal into segments (rebuild.impact_segments): shortest notes first, newest
first among notes of a length, every note once, and no segment over its notes or tokens. Memory and
search time follow from the cut (bench/README.md); here, the cut itself."""

from __future__ import annotations

import itertools
from array import array

import pytest
from whoosh.util.numeric import byte_to_length, length_to_byte

from journal.search import rebuild


def lengths_of(tokens_by_id: list[tuple[int, int]], slice_size: int = 7) -> list[tuple[bytes, array]]:
    """(id, tokens) pairs, newest first, as the first pass gives them: a slice at a time."""
    parts = []
    for start in range(0, len(tokens_by_id), slice_size):
        part = tokens_by_id[start : start + slice_size]
        parts.append((bytes(length_to_byte(tokens) for _, tokens in part), array("q", [i for i, _ in part])))
    return parts


def cost(tokens: int) -> int:
    return max(1, byte_to_length(length_to_byte(tokens)))


def journal_of(notes: int) -> list[tuple[int, int]]:
    """Ids newest first (higher is newer) with lengths that repeat and vary: 0 to 2,000 tokens."""
    return [(notes - n, (n * 37) % 2001) for n in range(notes)]


@pytest.mark.parametrize("processes", [1, 2])
def test_every_note_once_shortest_first_and_newest_first_within_a_length(processes: int) -> None:
    notes = journal_of(500)
    segments = rebuild.impact_segments(lengths_of(notes), processes)
    order = [entry_id for segment in segments for entry_id in segment]
    assert sorted(order) == sorted(i for i, _ in notes)
    tokens = dict(notes)
    classes = [length_to_byte(tokens[i]) for i in order]
    assert classes == sorted(classes)
    for a, b in itertools.pairwise(order):
        if length_to_byte(tokens[a]) == length_to_byte(tokens[b]):
            assert a > b, "ties stay newest first"


def test_no_segment_holds_more_than_its_tokens_or_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The last segments of the impact order hold the longest notes: cut by notes alone, one took twice
    the memory of the average one (a worker at 300 MB). A segment stops at its tokens, or its notes."""
    monkeypatch.setattr(rebuild, "SEGMENT_TOKENS", 20_000)
    monkeypatch.setattr(rebuild, "REBUILD_SEGMENT", 60)
    notes = journal_of(1000)
    tokens = dict(notes)
    segments = rebuild.impact_segments(lengths_of(notes))
    assert all(len(segment) <= 60 for segment in segments)
    assert all(sum(cost(tokens[i]) for i in segment) <= 20_000 for segment in segments)
    short, long = segments[0], segments[-2]  # the very last is what was left over
    assert len(short) == 60 and len(long) < 20, [len(s) for s in segments]
    # full: the next note would not have fitted
    for this, after in itertools.pairwise(segments):
        full_notes = len(this) == 60
        full_tokens = sum(cost(tokens[i]) for i in this) + cost(tokens[after[0]]) > 20_000
        assert full_notes or full_tokens


def test_a_note_longer_than_a_segment_still_gets_one_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rebuild, "SEGMENT_TOKENS", 100)
    notes = [(3, 5), (2, 50_000), (1, 7)]
    segments = rebuild.impact_segments(lengths_of(notes))
    assert [i for segment in segments for i in segment] == [3, 1, 2]
    assert segments[-1] == [2]


def test_workers_get_at_least_two_segments_each_but_none_that_is_tiny(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rebuild, "BALANCE_TOKENS", 50_000)
    notes = journal_of(2000)  # ~2,000,000 tokens: under one segment's budget
    assert len(rebuild.impact_segments(lengths_of(notes), 1)) == 1
    assert len(rebuild.impact_segments(lengths_of(notes), 2)) >= 2 * rebuild.SEGMENTS_PER_WORKER
    few = journal_of(40)  # ~40,000 tokens: below the balance floor, one segment even for two workers
    assert len(rebuild.impact_segments(lengths_of(few), 2)) == 1
