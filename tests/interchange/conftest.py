from pathlib import Path

import pytest

JRNL_TEXT = """\
[2021-03-19 09:00] Went running. It was fun @exercise
Long run along the river.

[2021-03-19 14:30] 마스터클래스 들음 *
작은 노트가 나무가 된다 @배움 #ml

[2021-03-20 08:15] [TODO] look at this
[not a date] stays in the body
"""


@pytest.fixture
def jrnl_file(tmp_path: Path) -> Path:
    path = tmp_path / "journal.txt"
    path.write_text(JRNL_TEXT, encoding="utf-8")
    return path
