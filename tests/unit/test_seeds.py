from datetime import date
from pathlib import Path

from journal.resources import read_seed
from journal.seeds import MASTERCLASS_FILE, load_masterclass, load_prompt_specs, parse_masterclass
from journal.text import extract_tags


def test_one_entry_per_top_level_question() -> None:
    text = read_seed(MASTERCLASS_FILE)
    questions = [line for line in text.splitlines() if line.startswith("- ")]
    notebook = load_masterclass()
    assert len(notebook.entries) == len(questions) == 15
    for question, entry in zip(questions, notebook.entries, strict=True):
        assert entry.body.startswith(question[2:].strip())
    assert notebook.day == date(2021, 3, 19)
    assert notebook.name == "Masterclass · 2021-03-19"


def test_nesting_is_preserved() -> None:
    slump = next(e for e in load_masterclass().entries if e.body.startswith("딥러닝 경량화"))
    lines = slump.body.splitlines()
    assert "  - 저도 박사과정 중에 슬럼프가 와서 다 떄려치우고 여행을 갔어요." in lines
    assert "    - 근데 슬럼프가 온다고 해서 죽진 않더라구요." in lines
    assert "      - 홍콩에 있을 때 소송 걸리고 하면서 연구와 전혀 상관없는 데미지가 왔었는데," in lines


def test_stray_last_line_is_not_an_entry() -> None:
    notebook = load_masterclass()
    assert all("Select a repo" not in e.body for e in notebook.entries)
    assert "Select a repo" not in notebook.description


def test_sections_and_content_become_tags() -> None:
    entries = load_masterclass().entries
    assert all("마스터클래스" in extract_tags(e.body) for e in entries)
    slump = next(e for e in entries if e.body.startswith("딥러닝 경량화"))
    assert {"슬럼프", "경량화", "질의응답"} <= set(extract_tags(slump.body))
    last = entries[-1]
    assert "마지막당부" in extract_tags(last.body)
    assert any("커리어" in extract_tags(e.body) for e in entries)


def test_parse_handles_a_minimal_file(tmp_path: Path) -> None:
    notebook = parse_masterclass("# Title\n\n## Q&A\n\n- one?\n\t- yes\n- two?\nleftover\n")
    assert [e.body.split("\n\n")[0] for e in notebook.entries] == ["one?\n  - yes", "two?"]


def test_prompt_set_covers_the_themes() -> None:
    specs = load_prompt_specs()
    ids = {s.id for s in specs}
    assert len(ids) == len(specs)
    for theme in (
        "tiny-note",
        "built-this-week",
        "take-apart",
        "standard-routine",
        "medicine-rice",
        "good-question",
        "own-decision",
        "yesterday-self",
    ):
        assert theme in ids
    assert all(s.ko and s.en and s.rrule and s.slot in ("morning", "evening", "any") for s in specs)
