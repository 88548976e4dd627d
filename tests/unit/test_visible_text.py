"""visible_text: control characters become visible stand-ins; everything else is left alone."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from journal.text import visible_text


def test_escape_sequences_are_shown_not_obeyed() -> None:
    osc52 = "\x1b]52;c;aGVsbG8=\x07"
    assert visible_text(osc52) == "␛]52;c;aGVsbG8=␇"
    assert visible_text("\x1b]2;pwned\x1b\\") == "␛]2;pwned␛\\"
    assert visible_text("a\x1b[2J\x1b[Hb") == "a␛[2J␛[Hb"
    assert visible_text("line\rover") == "line␍over"
    assert visible_text("\x00\x7f") == "␀␡"
    assert visible_text("\x9b31m") == "⟨U+009B⟩31m"


def test_newline_and_tab_are_kept() -> None:
    assert visible_text("a\tb\nc") == "a\tb\nc"


def test_plain_korean_and_english_text_is_unchanged() -> None:
    for text in ("오늘은 양자화를 공부했다 #경량화", "shipped the index #built", "", "emoji 🎉 and ★ and ␛ itself"):
        assert visible_text(text) == text


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" and ch not in "\n\t"


@given(st.text())
def test_no_control_character_survives(text: str) -> None:
    assert not any(_is_control(ch) for ch in visible_text(text))


@given(st.text())
def test_idempotent(text: str) -> None:
    once = visible_text(text)
    assert visible_text(once) == once


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc",))))
def test_text_without_controls_is_unchanged(text: str) -> None:
    assert visible_text(text) == text
