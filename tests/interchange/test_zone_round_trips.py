"""#17: export → import across zones: in separate processes, each with its own TZ (set in the process's
environment) and its own fixed clock (JOURNAL_NOW); the hour a night repeats; our JSON's version 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from journal.clock import FixedClock
from journal.services import Journal
from tests.conftest import time_zone

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
    again = tmp_path / "again.json"
    _journal(second, KATHMANDU, "export", "--format", "dayone", "-o", str(again))
    with zipfile.ZipFile(exported) as archive:
        original = json.loads(archive.read("Journal.json"))["entries"]
    round_tripped = json.loads(again.read_text(encoding="utf-8"))["entries"]
    keys = ("uuid", "creationDate", "timeZone", "text")
    assert [{k: e[k] for k in keys} for e in round_tripped] == [{k: e[k] for k in keys} for e in original]
    assert "Imported 0 notes" in _journal(second, KATHMANDU, "import", str(again), "--format", "dayone")


def test_the_repeated_hour_of_a_night_keeps_its_instant_in_markdown_and_jrnl_json(
    cli_in, home: Path, tmp_path: Path
) -> None:
    """01:30 happens twice in New York on 2026-11-01; the second (EST) is written with its offset."""
    second = datetime(2026, 11, 1, 6, 30, tzinfo=UTC).astimezone(ZoneInfo("America/New_York"))  # 01:30 EST
    wall = "2026-11-01 01:30"
    assert cli_in("America/New_York", wall, "add", "first 01:30").code == 0
    with time_zone("America/New_York"), Journal(home, clock=FixedClock(second)) as journal:
        journal.entries.add("second 01:30")
    md = cli_in("America/New_York", wall, "export", "--format", "md").out
    assert (
        "### 01:30 (America/New_York -04:00)\n\nfirst" in md and "### 01:30 (America/New_York -05:00)\n\nsecond" in md
    )
    before = cli_in("UTC", wall, "list", "--format", "json").json()
    for fmt in ("md", "jrnl-json"):
        path = tmp_path / f"night.{fmt}"
        assert cli_in("America/New_York", wall, "export", "--format", fmt, "-o", str(path)).code == 0
        other = tmp_path / f"other-{fmt}"
        assert cli_in("Asia/Seoul", wall, "--home", str(other), "import", str(path), "--format", fmt).code == 0
        after = cli_in("UTC", wall, "--home", str(other), "list", "--format", "json", "--notebook", "Journal").json()
        assert [(n["created_at"], n["timezone"]) for n in after] == [(n["created_at"], n["timezone"]) for n in before]


def test_our_json_version_1_still_imports_and_its_notes_get_zones(cli, tmp_path: Path) -> None:
    version_1 = {
        "format": "journal",
        "version": 1,
        "exported_at": "2026-11-01T10:00:00+09:00",
        "meta": {},
        "notebooks": [
            {"name": "Journal", "description": "", "read_only": False, "created_at": "2026-01-01T00:00:00+00:00"}
        ],
        "prompts": [],
        "entries": [
            {
                "uuid": "7f1c2d3e-0000-4000-8000-000000000001",
                "notebook": "Journal",
                "date": "2026-10-31",
                "created_at": "2026-10-31T05:00:00+00:00",
                "updated_at": "2026-10-31T05:00:00+00:00",
                "body": "from version 1",
                "starred": False,
                "deleted_at": None,
                "prompt_id": None,
                "tags": [],
                "revisions": [
                    {
                        "body": "older",
                        "written_at": "2026-10-31T05:00:00+00:00",
                        "replaced_at": "2026-10-31T05:00:00+00:00",
                    }
                ],
            }
        ],
        "prompt_events": [],
    }
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(version_1), encoding="utf-8")
    result = cli("import", str(path), "--format", "json")
    assert result.code == 0, result
    (note,) = cli("list", "--format", "json").json()
    assert (note["date"], note["created_at"], note["timezone"]) == (
        "2026-10-31",
        "2026-10-31T14:00:00+09:00",
        "Asia/Seoul",
    )
    assert "revision 1 · on 2026-10-31" in cli("history", str(note["id"])).out
    exported = json.loads(cli("export", "--format", "json").out)
    assert exported["version"] == 2 and exported["entries"][0]["timezone"] == "Asia/Seoul"
