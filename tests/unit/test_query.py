from datetime import date

import pytest

from journal.query import Clause, QueryError, parse_query

TODAY = date(2026, 11, 23)


def test_words_phrases_prefixes_tags_and_or() -> None:
    q = parse_query('슬럼프 "exact phrase" quant* #경량화 양자화 OR quantization -paper', TODAY)
    assert q.groups == (
        (Clause("word", "슬럼프"),),
        (Clause("phrase", "exact phrase"),),
        (Clause("prefix", "quant"),),
        (Clause("tag", "경량화"),),
        (Clause("word", "양자화"), Clause("word", "quantization")),
        (Clause("word", "paper", negated=True),),
    )


def test_filters_use_the_cli_date_words() -> None:
    q = parse_query('from:"last friday" to:어제 notebook:Work is:starred -notebook:Old', TODAY)
    assert (q.start, q.end) == (date(2026, 11, 20), date(2026, 11, 22))
    assert q.notebooks == ("Work",)
    assert q.excluded_notebooks == ("Old",)
    assert q.starred
    assert parse_query("on:2021-03-19", TODAY).start == parse_query("on:2021-03-19", TODAY).end == date(2021, 3, 19)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"unclosed', "unbalanced quote"),
        ('half"quote', "unbalanced quote"),
        ("color:red", "unknown filter color:"),
        ("on:someday", "'someday'"),
        ("from:today to:yesterday", "no day at all"),
        ("OR word", "OR needs a word"),
        ("word OR", "OR needs a word"),
        ("is:deleted", "is:starred"),
        ("word NOT", "NOT needs a word"),
        ("NOT NOT word", "NOT needs a word"),
        ("   ", "empty"),
        ("on:", "needs a value"),
    ],
)
def test_malformed_queries(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(text, TODAY)


def test_colons_inside_words_are_not_filters() -> None:
    assert parse_query("10:30 meeting", TODAY).groups[0] == (Clause("word", "10:30"),)
    assert parse_query('"TODO: call"', TODAY).groups[0] == (Clause("phrase", "TODO: call"),)
