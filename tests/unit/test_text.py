import unicodedata

import pytest

from journal.errors import UsageError
from journal.text import MAX_BODY_CHARS, clean_body, extract_tags, tag_key


@pytest.mark.parametrize(
    ("body", "tags"),
    [
        ("오늘은 양자화를 공부했다 #경량화", ["경량화"]),
        ("at #work에서 일했다", ["work"]),
        ("TF Lite로 #TF-Lite 넣어서", ["TF-Lite"]),
        ("#슬럼프 #질문 #커리어", ["슬럼프", "질문", "커리어"]),
        ("#Built then #built again", ["Built"]),
        ("C# and issue#3 are not tags", []),
        ("# a heading is not a tag", []),
        ("#1 priority", []),
        ("(#nested) tag", ["nested"]),
        ("trailing #dash- and #under_score", ["dash", "under_score"]),
        ("line one\n#second-line tag", ["second-line"]),
        ("jrnl style @work and @배움", ["work", "배움"]),
        ("#work then @Work is one tag", ["work"]),
        ("mail me@example.com, or @ 3pm, or @1", []),
    ],
)
def test_extract_tags(body: str, tags: list[str]) -> None:
    assert extract_tags(body) == tags


def test_tags_are_case_insensitive_and_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "#경량화")
    assert tag_key(decomposed) == tag_key("경량화")
    assert tag_key("#TF-Lite") == tag_key("tf-lite") == tag_key("@TF-lite")


def test_clean_body_normalises_to_nfc_and_strips() -> None:
    decomposed = unicodedata.normalize("NFD", "  슬럼프가 왔다\r\n")
    assert clean_body(decomposed) == "슬럼프가 왔다"
    assert unicodedata.is_normalized("NFC", clean_body(decomposed))


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "empty"), (" \n\t ", "empty"), ("a\x00b", "NUL"), ("x" * (MAX_BODY_CHARS + 1), "limit")],
)
def test_clean_body_rejects(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        clean_body(text)
