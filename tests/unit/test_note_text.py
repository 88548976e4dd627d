"""Note text for the screen: Markdown rendered line-faithfully, tags highlighted, controls made visible."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from rich.segment import Segment
from textual.strip import Strip

from journal.tui.widgets.note_text import note_content
from journal.tui.widgets.safe import visible_strip


def styles_at(content, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    start = content.plain.index(text)
    return {str(span.style) for span in content.spans if span.start <= start < span.end}


def test_plain_notes_are_as_typed() -> None:
    assert note_content("오늘은 양자화를 공부했다 #경량화").plain == "오늘은 양자화를 공부했다 #경량화"
    assert note_content("line one\nline two").plain == "line one\nline two"


def test_markdown_blocks_keep_lines_and_blank_lines() -> None:
    body = "# Week\n\n**bold** and *it* and `code`\n- one\n- two\n  - nested\n\n1. first\n2. second\n\n> quote"
    assert note_content(body).plain == (
        "Week\n\nbold and it and code\n• one\n• two\n  • nested\n\n1. first\n2. second\n\n▎ quote"
    )


def test_inline_styles_and_tags() -> None:
    content = note_content("**bold #tag** and [link](https://example.com)")
    assert content.plain == "bold #tag and link"
    assert "bold" in " ".join(styles_at(content, "bold"))
    assert any("accent" in s for s in styles_at(content, "#tag"))
    assert any("https://example.com" in s for s in styles_at(content, "link"))
    assert note_content("[docs](https://x.y)", show_urls=True).plain == "docs (https://x.y)"


def test_a_korean_date_is_not_a_list() -> None:
    assert note_content("2021. 3. 19. 마스터클래스").plain == "2021. 3. 19. 마스터클래스"


def test_headings_need_a_space_so_tags_stay_tags() -> None:
    assert note_content("#경량화 오늘").plain == "#경량화 오늘"


@given(st.text())
def test_no_control_character_reaches_the_screen(text: str) -> None:
    plain = note_content(text).plain
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in plain)


def test_rendered_lines_of_typed_text_show_controls_and_keep_their_width() -> None:
    strip = Strip([Segment("a\x1b[2Jb", None)], 5)
    shown = visible_strip(strip)
    assert shown.text == "a␛[2J"
    assert shown.cell_length == 5
    plain = Strip([Segment("plain", None)], 5)
    assert visible_strip(plain) is plain
