"""Notebooks renamed and deleted, the list of tags, a saved digest's one tag, ids that never come back,
output paths that never make folders, and `journal list` without the masterclass notebook."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import db_dump

MASTERCLASS = "Masterclass · 2021-03-19"


def _id(result) -> int:  # type: ignore[no-untyped-def]
    return int(result.out.split()[1].lstrip("#"))


def test_a_notebook_is_renamed_and_its_notes_follow_in_search(cli) -> None:
    cli("notebook", "add", "Work")
    note = _id(cli("add", "회의록 quarterly planning", "--notebook", "Work"))
    result = cli("notebook", "rename", "Work", "일")
    assert result.code == 0, result.err
    assert [e["id"] for e in cli("list", "--notebook", "일", "--format", "json").json()] == [note]
    assert [h["id"] for h in cli("search", "notebook:일 회의록", "--format", "json").json()] == [note]
    assert cli("search", "notebook:Work 회의록").code == 2  # gone by that name


def test_renaming_the_default_notebook_says_where_new_notes_go(cli) -> None:
    cli("add", "x")
    result = cli("notebook", "rename", "Journal", "Diary")
    assert result.code == 0 and "default_notebook" in result.err


def test_bad_renames_change_nothing(cli, home: Path) -> None:
    cli("seed")
    cli("notebook", "add", "Work")
    cli("notebook", "add", "Home")
    before = db_dump(home)
    for args, fragment in [
        (["notebook", "rename", "Work", "home"], "already exists"),
        (["notebook", "rename", "Nope", "X"], "no notebook named"),
        (["notebook", "rename", "Work", "  "], "needs a name"),
        (["notebook", "rename", "Work", "a\x1b]2;x\x07"], "without controls"),
        (["notebook", "rename", MASTERCLASS, "Mine"], "read-only"),
    ]:
        result = cli(*args)
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1 and fragment in result.err, args
    assert db_dump(home) == before


def test_deleting_notebooks(cli, home: Path) -> None:
    cli("seed")
    cli("notebook", "add", "Empty")
    assert cli("notebook", "delete", "Empty").code == 0
    cli("notebook", "add", "Full")
    kept = _id(cli("add", "keep me", "--notebook", "Full"))
    trashed = _id(cli("add", "trashed", "--notebook", "Full"))
    cli("delete", str(trashed))
    before = db_dump(home)
    refused = cli("notebook", "delete", "Full")
    assert refused.code == 2 and "--move-to" in refused.err and "2 notes" in refused.err
    seed = cli("notebook", "delete", MASTERCLASS)
    assert seed.code == 2 and "seed --remove" in seed.err
    assert db_dump(home) == before
    moved = cli("notebook", "delete", "Full", "--move-to", "Journal")
    assert moved.code == 0 and "2 notes moved to Journal" in moved.out
    assert cli("show", str(kept), "--format", "json").json()["notebook"] == "Journal"
    assert [e["id"] for e in cli("trash", "--format", "json").json()] == [trashed]
    assert "Full" not in cli("notebooks").out


def test_tags_with_counts_and_last_use(cli) -> None:
    cli("add", "yesterday: 처음 #경량화 #Built")
    cli("add", "today #경량화")
    gone = _id(cli("add", "deleted #gone"))
    cli("delete", str(gone))
    listed = cli("tags", "--format", "json").json()
    assert listed == [
        {"tag": "경량화", "count": 2, "last_used": "2026-11-23"},
        {"tag": "Built", "count": 1, "last_used": "2026-11-22"},
    ]
    text = cli("tags").out.splitlines()
    assert text[0].startswith("#경량화") and "2  last 2026-11-23" in text[0]
    from journal.render import cells

    # aligned in terminal cells (Hangul takes two)
    assert cells(text[0][: text[0].index("last")]) == cells(text[1][: text[1].index("last")])
    cli("seed")
    assert {t["tag"] for t in cli("tags", "--format", "json").json()} == {"경량화", "Built"}
    masterclass = cli("tags", "--notebook", MASTERCLASS, "--format", "json").json()
    assert {"tag": "마스터클래스", "count": 15, "last_used": "2021-03-19"} in masterclass


def test_a_saved_digest_carries_only_its_own_tag(cli) -> None:
    cli("add", "shipped the index #built #경량화")
    result = cli("digest", "--save")
    assert result.code == 0, result.err
    digest_id = int(result.err.split("#")[-1])
    shown = cli("show", str(digest_id), "--format", "json").json()
    assert shown["tags"] == ["digest"] and "#built" in shown["body"]
    assert [e["body"] for e in cli("list", "--tag", "built", "--format", "json").json()] == [
        "shipped the index #built #경량화"
    ]
    assert {t["tag"]: t["count"] for t in cli("tags", "--format", "json").json()}["built"] == 1
    assert [h["id"] for h in cli("search", "#built", "--format", "json").json()] != [digest_id]
    cli("digest", "--save")  # saved again: still one tag
    assert cli("show", str(digest_id), "--format", "json").json()["tags"] == ["digest"]


def test_ids_are_never_given_twice(cli, tmp_path: Path) -> None:
    first = _id(cli("add", "one"))
    cli("backup", str(tmp_path / "b.db"))
    later = [_id(cli("add", f"after the backup {n}")) for n in range(3)]
    assert cli("restore-backup", str(tmp_path / "b.db")).code == 0
    new = _id(cli("add", "after the restore"))
    assert new > max(later), "an id the journal had shown was given to another note"
    purged = _id(cli("add", "to be purged"))
    assert cli("purge", str(purged), "--yes").code == 0
    assert _id(cli("add", "after the purge")) > purged
    assert first == 1


def test_the_masterclass_notes_keep_their_ids(cli) -> None:
    cli("seed")
    ids = [e["id"] for e in cli("list", "--notebook", MASTERCLASS, "--format", "json").json()]
    cli("add", "a note of my own")
    assert cli("seed", "--remove").code == 0
    mine = _id(cli("add", "written while it was away"))
    assert mine not in ids
    assert cli("seed").code == 0
    assert [e["id"] for e in cli("list", "--notebook", MASTERCLASS, "--format", "json").json()] == ids


def test_list_leaves_out_the_masterclass_unless_named(cli) -> None:
    cli("seed")
    mine = [_id(cli("add", f"mine {n}")) for n in range(3)]
    assert [e["id"] for e in cli("list", "--format", "json").json()] == mine
    assert [e["id"] for e in cli("list", "-n", "2", "--format", "json").json()] == mine[1:]
    assert len(cli("list", "--notebook", MASTERCLASS, "--format", "json").json()) == 15


def test_output_paths_never_make_folders(cli, tmp_path: Path, home: Path) -> None:
    cli("add", "x")
    before = db_dump(home)
    missing = tmp_path / "no" / "such"
    for args in (
        ["export", "--format", "json", "-o", str(missing / "x.json")],
        ["export", "--format", "md", "-o", str(missing / "md") + "/"],
        ["digest", "-o", str(missing / "d.md")],
        ["backup", str(missing / "b.db")],
    ):
        result = cli(*args)
        assert result.code == 2 and "does not exist" in result.err, (args, result.err)
        assert len(result.err.strip().splitlines()) == 1
    assert not (tmp_path / "no").exists()
    assert db_dump(home) == before


def test_digest_output_is_private_and_never_written_through_a_link(cli, tmp_path: Path) -> None:
    other = tmp_path / "someone-elses.txt"
    other.write_text("theirs", encoding="utf-8")
    other.chmod(0o644)
    link = tmp_path / "digest.md"
    link.symlink_to(other)
    assert cli("digest", "-o", str(link)).code == 0
    assert other.read_text(encoding="utf-8") == "theirs"
    assert not link.is_symlink() and link.stat().st_mode & 0o777 == 0o600


def test_import_messages_count_in_words(cli, tmp_path: Path) -> None:
    cli("add", "one note")
    path = tmp_path / "all.json"
    cli("export", "--format", "json", "-o", str(path))
    fresh = tmp_path / "fresh"
    result = cli("--home", str(fresh), "import", str(path), "--format", "json")
    assert result.code == 0, result.err
    assert result.out.startswith("Added 1 note, "), result.out
    assert "1 notebooks" not in result.out and "1 notes" not in result.out
