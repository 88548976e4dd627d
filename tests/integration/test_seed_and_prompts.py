from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.errors import ReadOnlyNotebook, UsageError
from journal.seeds import MASTERCLASS_NOTEBOOK
from journal.services import Journal
from tests.conftest import NOW, SEOUL


@pytest.fixture
def fresh(new_home: Path, clock: FixedClock):
    with Journal(new_home, clock=clock) as journal:
        yield journal


def test_a_new_journal_gets_the_read_only_masterclass_notebook(fresh: Journal) -> None:
    books = {b.name: b for b in fresh.notebooks.all()}
    assert books[MASTERCLASS_NOTEBOOK].read_only
    assert books[MASTERCLASS_NOTEBOOK].entry_count == 15
    assert "Journal" in books
    entries = fresh.entries.list(notebook=MASTERCLASS_NOTEBOOK)
    assert {e.day for e in entries} == {date(2021, 3, 19)}
    assert all("마스터클래스" in e.tags for e in entries)


def test_seeding_is_idempotent_and_removal_sticks(new_home: Path, clock: FixedClock) -> None:
    with Journal(new_home, clock=clock) as journal:
        assert journal.seed.add() == 0  # already there
    with Journal(new_home, clock=clock) as journal:  # a second open adds nothing
        assert len(journal.entries.list(notebook=MASTERCLASS_NOTEBOOK)) == 15
        assert journal.seed.remove() == 15
    with Journal(new_home, clock=clock) as journal:  # and a removed seed does not come back by itself
        assert MASTERCLASS_NOTEBOOK not in [b.name for b in journal.notebooks.all()]
        assert journal.seed.add() == 15
        assert len(journal.entries.list(notebook=MASTERCLASS_NOTEBOOK)) == 15
        uuids = {e.uuid for e in journal.entries.list(notebook=MASTERCLASS_NOTEBOOK)}
        journal.seed.remove()
        journal.seed.add()
        assert {e.uuid for e in journal.entries.list(notebook=MASTERCLASS_NOTEBOOK)} == uuids  # stable identities


def test_seed_entries_are_read_only(fresh: Journal) -> None:
    seed = fresh.entries.list(notebook=MASTERCLASS_NOTEBOOK)[0]
    for change in (
        lambda: fresh.entries.edit(seed.id, "changed"),
        lambda: fresh.entries.delete(seed.id),
        lambda: fresh.entries.star(seed.id),
        lambda: fresh.entries.move(seed.id, "Journal"),
        lambda: fresh.entries.add("x", notebook=MASTERCLASS_NOTEBOOK),
    ):
        with pytest.raises(ReadOnlyNotebook, match="read-only"):
            change()
    assert fresh.entries.get(seed.id).body == seed.body


def test_seed_entries_are_searchable_and_out_of_streaks(fresh: Journal) -> None:
    hits = fresh.index.search("슬럼프가")
    assert hits and all(h.entry.notebook == MASTERCLASS_NOTEBOOK for h in hits)
    assert fresh.review.current_streak() == 0
    fresh.entries.add("my own note")
    assert fresh.review.current_streak() == 1
    fresh.seed.remove()
    assert fresh.index.search("슬럼프가") == []  # the index heals: removed notes do not linger


def test_prompts_due_answer_skip_snooze(fresh: Journal, new_home: Path) -> None:
    due = {s.prompt.id for s in fresh.prompts.due() if s.due}
    assert {"tiny-note", "take-apart"} <= due  # a Monday: daily + Monday prompts
    entry = fresh.prompts.answer("tiny-note", "작은 노트 하나 #built")
    assert entry.prompt is not None and entry.prompt[0] == "tiny-note"
    status = {s.prompt.id: s for s in fresh.prompts.due()}
    assert status["tiny-note"].answered and not status["tiny-note"].due
    assert any(h.entry.id == entry.id for h in fresh.index.search("눈곱만큼이라도"))  # found by its prompt's words
    fresh.prompts.skip("take-apart")
    assert "take-apart" not in {s.prompt.id for s in fresh.prompts.due() if s.due}
    tomorrow = FixedClock(datetime(2026, 11, 24, 9, 0, tzinfo=SEOUL))
    with Journal(new_home, clock=tomorrow) as later:
        assert "tiny-note" in {s.prompt.id for s in later.prompts.due() if s.due}  # the next occurrence
        later.prompts.snooze("tiny-note", date(2026, 11, 26))
        assert "tiny-note" not in {s.prompt.id for s in later.prompts.due() if s.due}
    after = FixedClock(datetime(2026, 11, 26, 9, 0, tzinfo=SEOUL))
    with Journal(new_home, clock=after) as later:
        assert "tiny-note" in {s.prompt.id for s in later.prompts.due() if s.due}


def test_user_prompts(fresh: Journal) -> None:
    prompt = fresh.prompts.add("What did I ship?", "FREQ=WEEKLY;BYDAY=MO", slot="morning")
    assert prompt.id == "my-1"
    assert prompt.id in {s.prompt.id for s in fresh.prompts.due() if s.due}
    fresh.prompts.edit(prompt.id, text="무엇을 배포했나?", rrule="FREQ=WEEKLY;BYDAY=TU")
    assert prompt.id not in {s.prompt.id for s in fresh.prompts.due() if s.due}
    assert fresh.prompts.get(prompt.id).text("ko") == "무엇을 배포했나?"
    fresh.prompts.set_paused("tiny-note", True)
    assert "tiny-note" not in {s.prompt.id for s in fresh.prompts.due()}
    fresh.prompts.set_paused("tiny-note", False)
    answer = fresh.prompts.answer("tiny-note", "kept after delete")
    fresh.prompts.delete("tiny-note")
    assert fresh.entries.get(answer.id).body == "kept after delete"
    assert fresh.entries.get(answer.id).prompt is None


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda j: j.prompts.answer("nope", "x"), "no prompt with id 'nope'"),
        (lambda j: j.prompts.skip("nope"), "no prompt with id"),
        (lambda j: j.prompts.add("x", "FREQ=NEVER"), "invalid RRULE"),
        (lambda j: j.prompts.add("x", "FREQ=DAILY", slot="noon"), "--slot"),
        (lambda j: j.prompts.add("x", "FREQ=DAILY", prompt_id="Bad Id!"), "lowercase"),
        (lambda j: j.prompts.add("x", "FREQ=DAILY", prompt_id="tiny-note"), "already exists"),
        (lambda j: j.prompts.add("  ", "FREQ=DAILY"), "empty"),
        (lambda j: j.prompts.snooze("tiny-note", date(2026, 11, 1)), "not after today"),
        (lambda j: j.prompts.answer("tiny-note", "   "), "empty"),
    ],
)
def test_bad_prompt_input(fresh: Journal, action, message) -> None:
    before = [(s.prompt, s.due) for s in fresh.prompts.due(include_all=True)]
    with pytest.raises(UsageError, match=message):
        action(fresh)
    assert [(s.prompt, s.due) for s in fresh.prompts.due(include_all=True)] == before


def test_existing_journal_start_date_is_its_first_note(new_home: Path) -> None:
    early = FixedClock(datetime(2026, 1, 5, 9, 0, tzinfo=SEOUL))
    with Journal(new_home, clock=early) as journal:
        journal.entries.add("first")
    with Journal(new_home, clock=FixedClock(NOW)) as journal:
        assert journal.prompts.start_day() == date(2026, 1, 5)
