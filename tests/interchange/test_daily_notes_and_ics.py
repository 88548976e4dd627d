"""#20: Obsidian daily notes and Logseq journals (import; Obsidian export), iCalendar VJOURNAL (import and
export), with fixtures in the shapes those tools write."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import db_dump


def _listed(cli, *args: str, home: Path | None = None) -> list[dict]:
    where = ["--home", str(home)] if home else []
    return cli(*where, "list", "--format", "json", "--notebook", "Journal", *args).json()


def _write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _some_notes(cli) -> None:  # type: ignore[no-untyped-def]
    cli("add", "first of the day #built\n- a list\n## 2021-03-19", "--date", "2021-03-19 08:05")
    cli("add", "second, starred @work", "--date", "2021-03-19 23:30", "--star")
    cli("add", "줄바꿈, 쉼표; 세미콜론 \\ 백슬래시 #경량화", "--date", "2021-03-20 12:00")


def _same_notes(before: list[dict], after: list[dict]) -> None:
    keys = ("date", "created_at", "timezone", "body", "tags", "starred")
    assert [{k: n[k] for k in keys} for n in after] == [{k: n[k] for k in keys} for n in before]


# Obsidian ------------------------------------------------------------------------------------------------


def test_an_obsidian_vault_with_its_daily_notes_settings(cli, tmp_path: Path) -> None:
    vault = tmp_path / "Vault"
    _write(vault, ".obsidian/daily-notes.json", json.dumps({"folder": "Daily", "format": "YYYY/MM/YYYY-MM-DD"}))
    _write(vault, "Daily/2021/03/2021-03-19.md", "---\ntags: [ml, 양자화]\nmood: good\n---\nRead a paper #paper\n")
    _write(vault, "Daily/2021/03/2021-03-20.md", "---\ntags:\n  - travel\naliases: []\n---\n\n- packed\n- left\n")
    _write(vault, "Daily/2021/03/2021-03-21.md", "")
    _write(vault, "Projects/Ideas.md", "not a daily note #idea\n")
    _write(vault, "2021-03-22.md", "outside the daily folder\n")
    result = cli("import", str(vault))  # told from the folder
    assert result.code == 0, result
    assert "Imported 2 notes" in result.out
    assert "pages that are not daily notes: 2, skipped" in result.out and "empty daily notes: 1, skipped" in result.out
    assert "properties other than tags were not imported: aliases, mood" in result.err
    paper, travel = _listed(cli)
    assert (paper["date"], paper["created_at"]) == ("2021-03-19", "2021-03-19T09:00:00+09:00")  # default_time
    assert paper["body"] == "Read a paper #paper\n\n#ml #양자화" and paper["tags"] == ["paper", "ml", "양자화"]
    assert travel["body"] == "- packed\n- left\n\n#travel"


def test_ours_to_obsidian_to_ours(cli, tmp_path: Path) -> None:
    _some_notes(cli)
    vault = tmp_path / "vault"
    result = cli("export", "--format", "obsidian", "-o", str(vault))
    assert result.code == 0 and "3 notes to 2 daily notes" in result.err
    assert json.loads((vault / ".obsidian" / "daily-notes.json").read_text()) == {"folder": "", "format": "YYYY-MM-DD"}
    page = (vault / "2021-03-19.md").read_text(encoding="utf-8")
    assert page.startswith("### 08:05 (Asia/Seoul)\n\nfirst of the day #built\n") and "### 23:30 (Asia/Seoul) ★" in page
    assert "\n\\## 2021-03-19\n" in page  # a line that reads as a heading is escaped
    other = tmp_path / "other"
    result = cli("--home", str(other), "import", str(vault), "--format", "obsidian")
    assert result.code == 0 and "Imported 3 notes" in result.out, result
    _same_notes(_listed(cli), _listed(cli, home=other))
    again = cli("--home", str(other), "import", str(vault))
    assert "Imported 0 notes" in again.out and "3 already in the journal" in again.out


def test_obsidian_export_never_overwrites_a_page(cli, tmp_path: Path) -> None:
    _some_notes(cli)
    vault = tmp_path / "vault"
    _write(vault, ".obsidian/daily-notes.json", json.dumps({"folder": "Journal", "format": "DD.MM.YYYY"}))
    _write(vault, "Journal/20.03.2021.md", "my own page\n")
    result = cli("export", "--format", "obsidian", "-o", str(vault))
    assert result.code == 1 and "20.03.2021.md is already there" in result.err
    assert not (vault / "Journal" / "19.03.2021.md").exists()
    assert cli("export", "--format", "obsidian").code == 2  # a folder is needed: a usage error


# Logseq --------------------------------------------------------------------------------------------------


def test_a_logseq_graph(cli, tmp_path: Path) -> None:
    graph = tmp_path / "graph"
    _write(graph, "logseq/config.edn", '{:journal/page-title-format "MMM do, yyyy"}\n')
    _write(graph, "journals/2021_03_19.md", "- Worked on [[Quantization]] #ml\n\t- nested detail\n- another\n")
    _write(graph, "journals/2021_03_20.md", "-\n")
    _write(graph, "pages/Quantization.md", "- a page\n")
    _write(graph, "pages/contents.md", "- contents\n")
    result = cli("import", str(graph))
    assert result.code == 0, result
    assert "Imported 1 note" in result.out and "pages that are not journal pages: 2, skipped" in result.out
    assert "empty journal pages: 1, skipped" in result.out
    (note,) = _listed(cli)
    assert note["body"] == "- Worked on [[Quantization]] #ml\n\t- nested detail\n- another"
    assert note["tags"] == ["ml"] and note["created_at"] == "2021-03-19T09:00:00+09:00"


def test_logseq_file_name_format_from_its_config(cli, tmp_path: Path) -> None:
    graph = tmp_path / "graph"
    _write(graph, "logseq/config.edn", '{:journal/file-name-format "yyyy-MM-dd"}\n')
    _write(graph, "journals/2021-03-19.md", "- dashes\n")
    assert cli("import", str(graph), "--format", "logseq").code == 0
    assert _listed(cli)[0]["date"] == "2021-03-19"


# iCalendar -----------------------------------------------------------------------------------------------


def test_ours_to_ics_to_ours(cli, tmp_path: Path) -> None:
    _some_notes(cli)
    cli("add", "in New York", "--date", "2021-03-19 10:00")
    path = tmp_path / "journal.ics"
    assert cli("export", "--format", "ics", "-o", str(path)).code == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and text.count("BEGIN:VJOURNAL") == 4 and "BEGIN:VTIMEZONE" in text
    assert "DTSTART;TZID=Asia/Seoul:20210319T080500" in text and "X-JOURNAL-STARRED:TRUE" in text
    assert "CATEGORIES:built" in text
    other = tmp_path / "other"
    result = cli("--home", str(other), "import", str(path))
    assert result.code == 0 and "Imported 4 notes" in result.out, result
    _same_notes(_listed(cli), _listed(cli, home=other))
    assert [n["uuid"] for n in _listed(cli)] == [n["uuid"] for n in _listed(cli, home=other)]
    assert "Imported 0 notes" in cli("--home", str(other), "import", str(path), "--format", "ics").out


FOREIGN = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Journal App//EN\r\n"
    "BEGIN:VEVENT\r\nUID:ev-1\r\nDTSTART:20210319T100000Z\r\nSUMMARY:a meeting\r\nEND:VEVENT\r\n"
    "BEGIN:VTODO\r\nUID:todo-1\r\nSUMMARY:a task\r\nEND:VTODO\r\n"
    "BEGIN:VJOURNAL\r\nUID:j-1@example.com\r\nDTSTAMP:20210320T000000Z\r\nDTSTART;TZID=Europe/Berlin:20210319T"
    "213000\r\nSUMMARY:Evening\r\nDESCRIPTION:A long day\\, then a walk.\\nSecond line with a very long text th\r\n"
    " at the library folded at seventy-five octets\r\nCATEGORIES:walk,evening\r\nEND:VJOURNAL\r\n"
    "BEGIN:VJOURNAL\r\nUID:j-2@example.com\r\nDTSTAMP:20210320T000000Z\r\nDTSTART;VALUE=DATE:20210321\r\n"
    "DESCRIPTION:a whole day\r\nEND:VJOURNAL\r\n"
    "BEGIN:VJOURNAL\r\nUID:j-3@example.com\r\nDTSTAMP:20210320T000000Z\r\nDTSTART:20210322T070000\r\n"
    "DESCRIPTION:floating time\r\nSTATUS:FINAL\r\nEND:VJOURNAL\r\n"
    "END:VCALENDAR\r\n"
)


def test_vjournals_from_another_app(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "other.ics", FOREIGN)
    result = cli("import", str(path), "--format", "ics")
    assert result.code == 0, result
    assert "Imported 3 notes" in result.out
    assert "calendar components that are not journal entries (VEVENT): 1, skipped" in result.out
    evening, whole_day, floating = _listed(cli)
    assert evening["body"] == (
        "Evening\nA long day, then a walk.\nSecond line with a very long text that the library folded at "
        "seventy-five octets\n\n#walk #evening"
    )
    assert (evening["created_at"], evening["timezone"]) == ("2021-03-19T21:30:00+01:00", "Europe/Berlin")
    assert whole_day["created_at"] == "2021-03-21T09:00:00+09:00"  # a date: default_time, this computer's zone
    assert floating["created_at"] == "2021-03-22T07:00:00+09:00"  # floating: a clock here


def test_a_truncated_calendar_is_one_line_and_changes_nothing(cli, home: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, "cut.ics", FOREIGN[:300])
    before = db_dump(home)
    result = cli("import", str(path), "--format", "ics")
    assert result.code == 1 and "cut.ics" in result.err and "truncated" in result.err
    assert len(result.err.strip().splitlines()) == 1 and db_dump(home) == before
