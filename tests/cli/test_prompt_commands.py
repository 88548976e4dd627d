from pathlib import Path


def test_prompts_json_and_answer(cli, new_home: Path) -> None:
    home = ["--home", str(new_home)]
    listed = cli(*home, "prompts", "--format", "json").json()
    assert {"tiny-note", "take-apart"} <= {p["id"] for p in listed}
    first = next(p for p in listed if p["id"] == "tiny-note")
    assert set(first) >= {"id", "text", "due", "answered"}
    assert first["due"] == "2026-11-23" and first["answered"] is False
    added = cli(*home, "answer", "tiny-note", "양자화", "한", "줄")
    assert added.code == 0 and "answering tiny-note" in added.out
    again = {p["id"]: p for p in cli(*home, "prompts", "--format", "json").json()}
    assert again["tiny-note"]["answered"] is True
    (answer,) = cli(*home, "list", "--on", "today", "--format", "json").json()
    assert answer["prompt"]["id"] == "tiny-note" and "눈곱만큼" in answer["prompt"]["ko"]
    shown = cli(*home, "list", "--on", "today").out
    assert "양자화 한 줄" in shown and "↳" in shown
    assert cli(*home, "skip", "take-apart").code == 0
    assert cli(*home, "snooze", "tiny-note", "--until", "2026-11-30").code == 0
    assert len(cli(*home, "prompts", "--all", "--format", "json").json()) == 10


def test_prompts_on_another_day_and_text(cli, new_home: Path) -> None:
    out = cli("--home", str(new_home), "prompts", "--on", "2026-11-27").out  # a Friday
    assert "built-this-week" in out


def test_user_prompt_commands(cli, new_home: Path) -> None:
    home = ["--home", str(new_home)]
    assert cli(*home, "prompt", "add", "What did I ship?", "--rrule", "FREQ=WEEKLY;BYDAY=MO").code == 0
    assert "my-1" in cli(*home, "prompt", "list").out
    assert cli(*home, "prompt", "edit", "my-1", "--slot", "evening").code == 0
    assert cli(*home, "prompt", "pause", "my-1").code == 0
    assert "my-1" not in {p["id"] for p in cli(*home, "prompts", "--format", "json").json()}
    assert cli(*home, "prompt", "resume", "my-1").code == 0
    assert cli(*home, "prompt", "delete", "my-1").code == 0
    assert "my-1" not in cli(*home, "prompt", "list").out


def test_seed_commands(cli, new_home: Path) -> None:
    home = ["--home", str(new_home)]
    assert "already there" in cli(*home, "seed").out
    assert "Removed the masterclass notebook (15 notes)" in cli(*home, "seed", "--remove").out
    assert "Masterclass" not in cli(*home, "notebooks").out
    assert "Added the masterclass notebook (15 notes)" in cli(*home, "seed").out
    seed_id = cli(*home, "list", "--notebook", "Masterclass · 2021-03-19", "--format", "json").json()[0]["id"]
    refused = cli(*home, "edit", str(seed_id), "--text", "mine now")
    assert refused.code == 2 and "read-only" in refused.err


def test_bad_prompt_input_from_the_cli(cli, new_home: Path) -> None:
    home = ["--home", str(new_home)]
    for args, fragment in [
        (["answer", "nope", "x"], "no prompt with id 'nope'"),
        (["prompt", "add", "x", "--rrule", "FREQ=WEEKLY;BYDAY=XX"], "invalid RRULE"),
        (["prompt", "edit", "tiny-note"], "say what to change"),
        (["snooze", "tiny-note", "--until", "yesterday"], "not after today"),
        (["prompts", "--on", "someday"], "'someday'"),
    ]:
        result = cli(*home, *args)
        assert result.code == 2, args
        assert len(result.err.strip().splitlines()) == 1 and fragment in result.err, result.err
