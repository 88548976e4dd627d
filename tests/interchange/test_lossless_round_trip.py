"""Our JSON round-trips byte for byte (apart from `exported_at`), saved digests included."""

from __future__ import annotations

import json
from pathlib import Path


def _week_with_a_digest(cli) -> None:
    cli("add", "shipped the index #built #경량화", "--date", "2026-11-18 21:00")
    cli("add", "슬럼프가 왔다 @민수", "--date", "2026-11-19")
    cli("notebook", "add", "Work")
    cli("add", "work note #built", "--date", "2026-11-20", "--notebook", "Work")
    assert cli("digest", "--week", "2026-W47", "--save").code == 0


def _tags(cli, *home: str) -> str:
    return cli(*home, "tags").out


def test_json_round_trip_is_byte_identical_and_the_digest_keeps_only_its_tag(cli, cli_in, tmp_path: Path) -> None:
    _week_with_a_digest(cli)
    first = tmp_path / "first.json"
    assert cli("export", "--format", "json", "-o", str(first)).code == 0
    fresh = str(tmp_path / "fresh")
    assert "restored into this new journal" in cli("--home", fresh, "import", str(first)).out
    # the digest quotes #built, #경량화 and @민수 but carries only #digest, in counts and lists alike
    assert _tags(cli, "--home", fresh) == _tags(cli)
    assert [e["body"][:8] for e in cli("--home", fresh, "list", "--tag", "built", "--format", "json").json()] == [
        "shipped ",
        "work not",
    ]
    assert cli("--home", fresh, "stats", "--format", "json").json() == cli("stats", "--format", "json").json()
    # exported later, in another zone: only exported_at differs
    second = cli_in("America/New_York", "2027-01-05 08:00", "--home", fresh, "export", "--format", "json")
    assert second.code == 0
    before, after = first.read_text(encoding="utf-8"), second.out
    assert json.loads(after)["exported_at"] == "2027-01-05T08:00:00-05:00"
    stamp = json.loads(before)["exported_at"]
    assert after.replace("2027-01-05T08:00:00-05:00", stamp).rstrip("\n") == before.rstrip("\n")
    # saving the week's digest again updates the restored note instead of adding another
    cli("--home", fresh, "digest", "--week", "2026-W47", "--save")
    assert len(cli("--home", fresh, "list", "--tag", "digest", "--format", "json").json()) == 1


def test_a_digest_merged_into_a_journal_with_notes_keeps_only_its_tag(cli, tmp_path: Path) -> None:
    _week_with_a_digest(cli)
    path = tmp_path / "mine.json"
    cli("export", "--format", "json", "-o", str(path))
    other = str(tmp_path / "other")
    cli("--home", other, "add", "a note of my own #mine", "--date", "2026-11-01")
    result = cli("--home", other, "import", str(path))
    assert "merged" in result.out, result
    counts = {t["tag"]: t["count"] for t in cli("--home", other, "tags", "--format", "json").json()}
    assert counts == {"built": 2, "digest": 1, "mine": 1, "경량화": 1, "민수": 1}
    stats = cli("--home", other, "stats", "--format", "json").json()
    assert stats["total_notes"] == 4 and stats["days_written"] == 4
    cli("--home", other, "digest", "--week", "2026-W47", "--save")
    assert len(cli("--home", other, "list", "--tag", "digest", "--format", "json").json()) == 1
