from pathlib import Path


def test_digest_formats_and_file_output(cli, tmp_path: Path) -> None:
    cli("add", "last monday: shipped the index #built")
    cli("add", "yesterday: 어제 한 줄")
    text = cli("digest", "--week", "2026-W47")
    assert text.code == 0
    assert "What I built" in text.out and "shipped the index" in text.out
    data = cli("digest", "--week", "last friday", "--format", "json").json()
    for key in (
        "week",
        "start",
        "end",
        "entry_count",
        "days_written",
        "built",
        "top_tags",
        "previous_week",
        "streak",
        "on_this_day",
    ):
        assert key in data
    assert data["week"] == "2026-W47" and data["entry_count"] == 2 and data["days_written"] == 2
    assert data["built"][0]["body"] == "shipped the index #built"
    assert set(data["previous_week"]) >= {"entry_count", "days_written"}
    out = tmp_path / "digest.md"
    assert cli("digest", "--week", "2026-W47", "--format", "md", "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8").startswith("# Week 2026-W47")


def test_digest_save(cli) -> None:
    cli("add", "last monday: shipped #built")
    saved = cli("digest", "--week", "2026-W47", "--save")
    assert saved.code == 0 and "Saved the digest of 2026-W47" in saved.err
    cli("digest", "--week", "2026-W47", "--save")
    assert len(cli("list", "--tag", "digest", "--format", "json").json()) == 1


def test_stats_text_and_json(cli) -> None:
    cli("add", "yesterday: a #routine")
    cli("add", "today #routine")
    data = cli("stats", "--format", "json").json()
    assert data["total_notes"] == 2 and data["streak"]["current"] == 2
    text = cli("stats").out
    assert "streak         2 now" in text and "Mon" in text and "#routine 2" in text


def test_bad_weeks_and_paths(cli, tmp_path: Path) -> None:
    for args, fragment in [
        (["digest", "--week", "2026-W54"], "W01 to W53"),
        (["digest", "--week", "next-ish"], "not a week"),
        (["digest", "-o", str(tmp_path / "no" / "such" / "dir" / "d.md")], "cannot write"),
    ]:
        result = cli(*args)
        assert result.code in (1, 2), args
        assert len(result.err.strip().splitlines()) == 1 and fragment in result.err, result.err
