"""#17: export → import across zones, in separate processes, each with its own TZ (set in the process's
environment) and its own fixed clock (JOURNAL_NOW)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

NEW_YORK_DECEMBER = {"TZ": "America/New_York", "JOURNAL_NOW": "2026-12-01T12:00:00-05:00"}
SEOUL = {"TZ": "Asia/Seoul", "JOURNAL_NOW": "2026-12-02T09:00:00+09:00"}
KATHMANDU = {"TZ": "Asia/Kathmandu", "JOURNAL_NOW": "2026-12-02T09:00:00+05:45"}


def _journal(home: Path, place: dict[str, str], *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("TZ", "JOURNAL_NOW")}
    env |= place | {"JOURNAL_HOME": str(home), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "journal", *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_day_one_round_trip_across_zones_keeps_every_moment_zone_and_day(tmp_path: Path) -> None:
    first, second = tmp_path / "new-york", tmp_path / "seoul"
    _journal(first, NEW_YORK_DECEMBER, "add", "--date", "2026-07-01 23:30", "summer night in New York")
    _journal(first, NEW_YORK_DECEMBER, "add", "yesterday: back-dated in New York")
    _journal(first, NEW_YORK_DECEMBER, "add", "written now in New York")
    exported = tmp_path / "journal.zip"
    _journal(first, NEW_YORK_DECEMBER, "export", "--format", "dayone", "-o", str(exported))

    assert "Imported 3 notes" in _journal(second, SEOUL, "import", str(exported), "--format", "dayone")
    notes = json.loads(_journal(second, SEOUL, "list", "--format", "json", "--notebook", "Journal"))
    assert [(n["date"], n["created_at"], n["timezone"]) for n in notes] == [
        ("2026-07-01", "2026-07-01T23:30:00-04:00", "America/New_York"),
        ("2026-11-30", "2026-11-30T09:00:00-05:00", "America/New_York"),
        ("2026-12-01", "2026-12-01T12:00:00-05:00", "America/New_York"),
    ]
    shown = _journal(second, SEOUL, "list", "--notebook", "Journal")
    assert "23:30 EDT summer night" in shown and "12:00 EST written now" in shown

    again = tmp_path / "again.json"
    _journal(second, KATHMANDU, "export", "--format", "dayone", "-o", str(again))
    original = json.loads(_journal(first, SEOUL, "export", "--format", "dayone"))["entries"]
    round_tripped = json.loads(again.read_text(encoding="utf-8"))["entries"]
    keys = ("uuid", "creationDate", "timeZone", "text")
    assert [{k: e[k] for k in keys} for e in round_tripped] == [{k: e[k] for k in keys} for e in original]
    assert "Imported 0 notes" in _journal(second, KATHMANDU, "import", str(again), "--format", "dayone")
