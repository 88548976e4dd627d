"""The promise of `journal purge` and `journal trash --empty`: a purged note is gone for good — its text,
every revision, its drafts, its words in the search index — and so are its bytes: no file in the journal
home (the database, its WAL, the index segments) holds the text any more. Backups are not touched. Other
notes lose nothing."""

from __future__ import annotations

from pathlib import Path

from journal.clock import FixedClock
from journal.services import Journal

SECRET = "짝사랑비밀 xylophonequartz"
KEPT = "kept note about quantization"


def _files_holding(home: Path, needle: str) -> list[str]:
    found = []
    for path in home.rglob("*"):
        if path.is_file() and "backups" not in path.parts:
            data = path.read_bytes()
            if needle.encode("utf-8") in data:
                found.append(str(path.relative_to(home)))
    return found


def _secret_everywhere(home: Path, clock: FixedClock) -> tuple[int, int]:
    with Journal(home, clock=clock) as journal:
        kept = journal.entries.add(KEPT).id
        secret = journal.entries.add(f"first version {SECRET}")
        journal.entries.edit(secret.id, f"second version {SECRET} #비밀태그")
        journal.drafts.save(f"edit:{secret.id}", f"a draft of {SECRET}", entry_id=secret.id)
        journal.index.rebuild()  # its words are in a segment of the index
        journal.entries.add("a later note, in a segment of its own")
        journal.archive.backup()
    return secret.id, kept


def test_purge_leaves_no_byte_of_the_note_anywhere_in_the_home(home: Path, clock: FixedClock, cli) -> None:
    secret, kept = _secret_everywhere(home, clock)
    assert _files_holding(home, "xylophonequartz")  # the test can see it before
    result = cli("purge", str(secret), "--yes")
    assert result.code == 0 and f"#{secret}" in result.out, result.err
    for needle in ("xylophonequartz", "짝사랑비밀", "비밀태그"):
        assert _files_holding(home, needle) == [], needle
    backups = list((home / "backups").glob("journal-*.db"))
    assert any(b"xylophonequartz" in path.read_bytes() for path in backups)  # backups are not touched
    with Journal(home, clock=clock) as journal:
        assert [h.entry.id for h in journal.index.search("quantization")] == [kept]
        assert journal.index.search("xylophonequartz") == []
        assert journal.drafts.all() == []
        assert journal.entries.get(kept).body == KEPT


def test_emptying_the_trash_purges_every_trashed_note(home: Path, clock: FixedClock, cli) -> None:
    secret, kept = _secret_everywhere(home, clock)
    cli("delete", str(secret))
    assert cli("trash", "--empty", stdin="").code == 2  # no terminal to ask on: --yes is required
    declined = cli("trash", "--empty")  # a terminal, and no answer: nothing removed, and that is no error
    assert declined.code == 0 and "Nothing was removed." in declined.err, declined.err
    assert _files_holding(home, "xylophonequartz")
    result = cli("trash", "--empty", "--yes")
    assert result.code == 0 and "Removed 1 note for good" in result.out, result.out
    assert _files_holding(home, "xylophonequartz") == []
    assert cli("trash").err.strip() == "The trash is empty."
    assert cli("show", str(kept)).code == 0


def test_purge_refuses_read_only_notes_and_unknown_ids_and_changes_nothing(home: Path, cli) -> None:
    from tests.conftest import db_dump

    cli("seed")
    seed_id = cli("list", "--on", "2021-03-19", "--notebook", "Masterclass · 2021-03-19", "--format", "json").json()[0][
        "id"
    ]
    before = db_dump(home)
    for args in (["purge", str(seed_id), "--yes"], ["purge", "99999", "--yes"], ["purge", "1"]):
        result = cli(*args, stdin="")  # no terminal: `purge 1` without --yes is refused, not asked
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1, (args, result.err)
    assert db_dump(home) == before
