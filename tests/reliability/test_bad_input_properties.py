"""Promise: no input makes journal crash or change the journal when it refuses. Arbitrary Unicode (NUL,
RTL marks, emoji, Hangul jamo, 100 KB lines) to `add`, search queries, date parsing and tag extraction,
and random bytes to every importer: an answer or one clear error line, never a traceback."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from journal.dates import parse_when, split_when_prefix
from journal.errors import JournalError, UsageError
from journal.interchange import FORMATS, read_notes
from journal.interchange.native import read_native
from journal.text import clean_body, extract_tags, tag_key, tag_spans
from tests.conftest import db_dump

TRICKY = st.sampled_from(["\x00", "\u200f", "\u202e", "🙂", "\u1100\u1161", "#", "@", '"', "*", "-", "\n", "\r\n"])
TEXT = st.lists(st.one_of(st.text(max_size=40), TRICKY), max_size=12).map("".join)
FIXTURES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def _one_clean_error(result) -> None:
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("journal: error:"), result.err


@FIXTURES
@given(text=TEXT)
@example(text="yesterday: shipped it")
@example(text="\x00")
@example(text="\u202e오늘 🙂 #태그")
def test_add_stores_exactly_or_refuses_cleanly(cli, home: Path, text: str) -> None:
    before = db_dump(home)
    result = cli("add", "--", text) if text.startswith("-") else cli("add", text)
    if result.code == 0:
        stored = cli("list", "-n", "1", "--format", "json").json()[-1]["body"]
        when, rest = split_when_prefix(clean_body(text), date(2026, 11, 23))  # `yesterday: …` dates a note
        assert stored == (clean_body(rest) if when else clean_body(text))
    else:
        assert result.code == 2
        _one_clean_error(result)
        assert db_dump(home) == before


@FIXTURES
@given(data=st.binary(max_size=300))
def test_add_from_stdin_bytes(cli, home: Path, data: bytes) -> None:
    before = db_dump(home)
    result = cli("add", stdin=data)
    if result.code != 0:
        _one_clean_error(result)
        assert db_dump(home) == before


def test_a_100_kb_line_is_refused_and_one_just_under_is_kept(cli) -> None:
    assert cli("add", "가" * 100_001).code == 2
    assert cli("add", "가" * 100_000).code == 0


@FIXTURES
@given(query=TEXT)
def test_any_search_query_answers_or_refuses_cleanly(cli, home: Path, query: str) -> None:
    before = db_dump(home)
    result = cli("search", "--", query)
    assert result.code in (0, 2), result
    if result.code == 2:
        _one_clean_error(result)
    assert [r for r in db_dump(home) if r[0] != "journal_meta"] == [r for r in before if r[0] != "journal_meta"]


@settings(max_examples=400, deadline=None)
@given(text=TEXT)
def test_date_parsing_answers_or_raises_a_usage_error(text: str) -> None:
    try:
        when = parse_when(text, date(2026, 11, 23))
    except UsageError:
        return
    assert isinstance(when.day, date)


@settings(max_examples=400, deadline=None)
@given(text=TEXT)
def test_tags_come_from_the_text(text: str) -> None:
    for start, end, tag in tag_spans(text):
        assert text[start] in "#@" and text[start + 1 : end] == tag
    for tag in extract_tags(text):
        assert tag and tag_key(tag) == tag_key(tag_key(tag))


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=150, deadline=None)
@given(data=st.one_of(st.binary(max_size=400), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_every_importer_reads_or_refuses_random_bytes(fmt: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("in.zip" if data.startswith(b"PK") else "in.txt")
        path.write_bytes(data)
        try:
            read_native(path) if fmt == "json" else list(read_notes(path, fmt))
        except JournalError as exc:
            assert "\n" not in exc.message and str(path) in exc.message


@pytest.mark.parametrize("fmt", ["jrnl", "jrnl-json", "dayone", "md", "json"])
@FIXTURES
@given(data=st.binary(min_size=1, max_size=200))
def test_a_refused_import_changes_nothing(cli, home: Path, tmp_path: Path, fmt: str, data: bytes) -> None:
    path = tmp_path / "random.bin"
    path.write_bytes(data)
    before = db_dump(home)
    result = cli("import", str(path), "--format", fmt)
    if result.code != 0:
        assert result.code == 1
        _one_clean_error(result)
        assert db_dump(home) == before
