import sys
import unicodedata
from pathlib import Path

import pytest

from journal import __version__
from tests.conftest import db_dump


def _write_editor(tmp_path: Path, content: str, exit_code: int = 0) -> str:
    """An $EDITOR that replaces the file with `content` (or fails), recording what it was given."""
    script = tmp_path / "fake_editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "pathlib.Path(sys.argv[1] + '.seen').parent\n"
        f"(pathlib.Path({str(tmp_path)!r}) / 'editor_saw.txt').write_text(path.read_text(encoding='utf-8'), "
        "encoding='utf-8')\n"
        f"path.write_text({content!r}, encoding='utf-8')\n"
        f"sys.exit({exit_code})\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


def test_version(cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert __version__ in result.out


def test_add_korean_and_english_and_list_json(cli) -> None:
    assert cli("add", "오늘은", "양자화를", "공부했다", "#경량화").code == 0
    added = cli("add", "shipped the #TF-Lite model #work에서")
    assert added.code == 0
    assert "Added #2 on 2026-11-23" in added.out
    entries = cli("list", "--format", "json").json()
    assert [e["body"] for e in entries] == ["오늘은 양자화를 공부했다 #경량화", "shipped the #TF-Lite model #work에서"]
    assert entries[0]["tags"] == ["경량화"]
    assert entries[1]["tags"] == ["TF-Lite", "work"]
    first = entries[0]
    assert set(first) >= {"id", "uuid", "notebook", "date", "created_at", "updated_at", "body", "tags", "starred"}
    assert first["date"] == "2026-11-23"
    assert first["created_at"] == "2026-11-23T10:00:00+09:00"
    assert first["notebook"] == "Journal"
    assert first["starred"] is False


def test_json_keeps_hangul_readable(cli) -> None:
    cli("add", "슬럼프가 와도 죽지 않는다")
    out = cli("list", "--format", "json").out
    assert "슬럼프가" in out
    assert "\\u" not in out


def test_add_from_stdin_keeps_lines(cli) -> None:
    assert cli("add", stdin="첫 줄\n둘째 줄 #질문\n").code == 0
    entry = cli("list", "--format", "json").json()[0]
    assert entry["body"] == "첫 줄\n둘째 줄 #질문"
    assert entry["tags"] == ["질문"]


def test_add_opens_the_editor_when_no_text_and_a_terminal(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EDITOR", _write_editor(tmp_path, "written in my editor\n"))
    assert cli("add").code == 0
    assert cli("list", "--format", "json").json()[0]["body"] == "written in my editor"


def test_add_with_date_flag_prefix_star_and_notebook(cli) -> None:
    assert cli("notebook", "add", "Work").code == 0
    assert cli("add", "yesterday: shipped the index").code == 0
    assert cli("add", "마스터클래스", "--date", "2021-03-19 14:05", "--star", "--notebook", "work").code == 0
    entries = cli("list", "--format", "json").json()
    assert [(e["date"], e["body"]) for e in entries] == [
        ("2021-03-19", "마스터클래스"),
        ("2026-11-22", "shipped the index"),
    ]
    assert entries[0]["starred"] is True
    assert entries[0]["notebook"] == "Work"
    assert entries[0]["created_at"] == "2021-03-19T14:05:00+09:00"


def test_list_filters(cli) -> None:
    cli("add", "a week ago: old #built")
    cli("add", "yesterday: 어제 #경량화")
    cli("add", "today #경량화 #Built", "--star")

    def bodies(*args: str) -> list[str]:
        return [e["body"] for e in cli("list", "--format", "json", *args).json()]

    assert bodies("--on", "yesterday") == ["어제 #경량화"]
    assert bodies("--on", "어제") == ["어제 #경량화"]
    assert bodies("--from", "last monday", "--to", "yesterday") == ["old #built", "어제 #경량화"]
    assert bodies("--from", "yesterday") == ["어제 #경량화", "today #경량화 #Built"]
    assert bodies("--tag", "built") == ["old #built", "today #경량화 #Built"]
    assert bodies("--tag", "#경량화", "--tag", "BUILT") == ["today #경량화 #Built"]
    assert bodies("--starred") == ["today #경량화 #Built"]
    assert bodies("-n", "2") == ["어제 #경량화", "today #경량화 #Built"]
    assert bodies("--notebook", "journal", "-n", "1") == ["today #경량화 #Built"]


def test_list_text_and_markdown(cli) -> None:
    cli("add", "yesterday: 어제 노트")
    cli("add", "첫 줄\n둘째 줄", "--star")
    text = cli("list").out
    assert "2026-11-22 Sun" in text
    assert "2026-11-23 Mon" in text
    assert text.index("어제 노트") < text.index("첫 줄")
    assert "★" in text
    assert "      둘째 줄" in text
    md = cli("list", "--format", "md").out
    assert "## 2026-11-23 (Mon)" in md
    assert "### 10:00 · #2 ★" in md


def test_list_empty_says_so(cli) -> None:
    result = cli("list")
    assert result.code == 0
    assert result.out == ""
    assert "No notes" in result.err


def test_show_by_id_and_uuid_prefix(cli) -> None:
    cli("add", "show me #보기")
    entry = cli("list", "--format", "json").json()[0]
    by_id = cli("show", "1")
    assert by_id.code == 0
    assert "show me #보기" in by_id.out
    assert entry["uuid"] in by_id.out
    assert cli("show", entry["uuid"][:8], "--format", "json").json()["id"] == 1


def test_edit_keeps_revisions_and_a_no_op_edit_stores_nothing(cli) -> None:
    cli("add", "first draft #v1")
    assert cli("edit", "1", "--text", "second draft #v2").code == 0
    no_op = cli("edit", "1", "--text", "second draft #v2")
    assert "No changes" in no_op.out
    entry = cli("show", "1", "--format", "json").json()
    assert entry["body"] == "second draft #v2"
    assert entry["tags"] == ["v2"]
    history = cli("history", "1").out
    assert history.index("first draft #v1") < history.index("second draft #v2")
    assert history.count("revision ") == 2


def test_edit_in_editor_gets_the_current_body(cli, tmp_path: Path, monkeypatch) -> None:
    cli("add", "before")
    monkeypatch.setenv("EDITOR", _write_editor(tmp_path, "after\n"))
    assert cli("edit", "1").code == 0
    assert (tmp_path / "editor_saw.txt").read_text(encoding="utf-8") == "before\n"
    assert cli("show", "1", "--format", "json").json()["body"] == "after"


def test_delete_trash_restore(cli) -> None:
    cli("add", "keep")
    cli("add", "throw away")
    assert cli("delete", "2").code == 0
    assert [e["body"] for e in cli("list", "--format", "json").json()] == ["keep"]
    assert [e["body"] for e in cli("trash", "--format", "json").json()] == ["throw away"]
    assert cli("restore", "2").code == 0
    assert [e["body"] for e in cli("list", "--format", "json").json()] == ["keep", "throw away"]
    assert cli("trash", "--format", "json").json() == []


def test_star_and_unstar(cli) -> None:
    cli("add", "a star is born")
    assert cli("star", "1").code == 0
    assert cli("show", "1", "--format", "json").json()["starred"] is True
    assert cli("unstar", "1").code == 0
    assert cli("show", "1", "--format", "json").json()["starred"] is False


def test_notebooks_and_move(cli) -> None:
    cli("add", "note")
    assert cli("notebook", "add", "경량화 연구").code == 0
    assert cli("move", "1", "경량화 연구").code == 0
    books = cli("notebooks", "--format", "json").json()
    assert [(b["name"], b["entries"]) for b in books] == [("Journal", 0), ("경량화 연구", 1)]
    assert "경량화 연구" in cli("notebooks").out


def test_nfd_input_matches_nfc_everywhere(cli) -> None:
    nfd = unicodedata.normalize("NFD", "슬럼프 #경량화")
    cli("add", nfd)
    entry = cli("list", "--format", "json").json()[0]
    assert entry["body"] == unicodedata.normalize("NFC", nfd)
    assert [
        e["id"] for e in cli("list", "--format", "json", "--tag", unicodedata.normalize("NFD", "경량화")).json()
    ] == [1]


def test_home_flag_overrides_env(cli, tmp_path: Path) -> None:
    other = tmp_path / "other-home"
    assert cli("add", "elsewhere", "--home", str(other)).code == 0
    assert (other / "journal.db").exists()
    assert cli("list", "--format", "json").json() == []
    listed = cli("--home", str(other), "list", "--notebook", "Journal", "--format", "json").json()
    assert [e["body"] for e in listed] == ["elsewhere"]


@pytest.mark.parametrize("when", ["today", "yesterday", "3 days ago", "last friday", "2021-03-19", "03.19", "어제"])
def test_add_date_words(cli, when: str) -> None:
    assert cli("add", "dated", "--date", when).code == 0
    assert cli("list", "--on", when, "--format", "json").json()[0]["body"] == "dated"


def test_text_piped_into_journal_is_a_note(cli) -> None:
    """`echo "text" | journal` adds the note as `journal add` does; it never starts the app."""
    result = cli(stdin="파이프로 들어온 노트 #pipe\n")
    assert result.code == 0 and result.out.startswith("Added #"), result.err
    listed = cli("list", "--tag", "pipe", "--format", "json").json()
    assert [e["body"] for e in listed] == ["파이프로 들어온 노트 #pipe"]


def test_journal_with_an_empty_pipe_or_no_terminal_gives_a_hint(cli, home: Path) -> None:
    before = db_dump(home)
    empty = cli(stdin="")
    assert empty.code == 2 and "stdin was empty" in empty.err and not empty.out
    no_terminal = cli()  # stdin is a terminal here, stdout (captured) is not
    assert no_terminal.code == 2 and "needs a terminal" in no_terminal.err and not no_terminal.out
    assert db_dump(home) == before
