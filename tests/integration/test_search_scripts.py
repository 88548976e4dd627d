"""Search in every script (issue #21): mixed words, Hanja and kana, full-width forms, symbols and emoji,
highlights of exactly what matched, word-first ranking, ties to the newest note, and the index format."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from whoosh import query as wq

from journal.clock import FixedClock
from journal.query import parse_query
from journal.search import rebuild, store
from journal.search.compile import compile_query
from journal.search.snippets import SNIPPET_WIDTH, marked, snippet
from journal.search.whoosh_changes import ScoredTerm
from journal.services import Journal

TODAY = date(2026, 11, 23)


def ids(journal: Journal, query: str, limit: int = 50) -> set[int]:
    return {hit.entry.id for hit in journal.index.search(query, limit=limit)}


def add(journal: Journal, *bodies: str) -> list[int]:
    return [journal.entries.add(body).id for body in bodies]


def highlights(journal: Journal, query: str) -> dict[int, str]:
    return {hit.entry.id: marked(hit.snippet, hit.spans) for hit in journal.index.search(query, limit=50)}


def test_a_mixed_word_matches_only_where_its_runs_touch(journal: Journal) -> None:
    """`CUDA를` is CUDA with 를 right after it, not CUDA somewhere and 를 elsewhere (precision 0.25-0.5 before)."""
    right = add(journal, "CUDA를 설치했다", "드디어 cuda를요 깔았다", "ＣＵＤＡ를 다시")
    add(journal, "CUDA 설치 후 속도를 쟀다", "CUDA로 돌렸다", "MYCUDA를 봤다", "를 CUDA")
    assert ids(journal, "CUDA를") == set(right)
    assert ids(journal, "cuda를") == set(right)
    python = add(journal, "Python으로 짰다", "Python으로는 느리다")
    add(journal, "Python 코드를 C로 옮겼다", "Python을 배우고 다음으로 Rust를")
    assert ids(journal, "Python으로") == set(python)
    triple = add(journal, "속도가 3배 빨라졌다", "3배로 늘었다")
    add(journal, "13배 차이", "3 배 정도")
    assert ids(journal, "3배") == set(triple)
    json_ = add(journal, "JSON에서 읽는다")
    add(journal, "JSON 파일에서 읽는다")
    assert ids(journal, "JSON에서") == set(json_)
    tail = add(journal, "이번에GPU를 샀다")
    add(journal, "이번에 GPU를 샀다")
    assert ids(journal, "에GPU") == set(tail)
    # the cost of a term: `CUDA를` is the one junction term, `Python으로` a phrase searched by its rarest term
    compiled = compile_query(parse_query("CUDA를", TODAY))
    assert isinstance(compiled.query, wq.Term) and compiled.query.text == "cuda를" and not compiled.phrases
    marks = highlights(journal, "CUDA를")
    assert marks[right[0]] == "**CUDA를** 설치했다"
    assert marks[right[1]] == "드디어 **cuda를**요 깔았다"
    assert highlights(journal, "Python으로")[python[1]] == "**Python으로**는 느리다"


def test_hanja_and_kana_match_inside_longer_words(journal: Journal) -> None:
    school, chinese, japanese, katakana = add(
        journal, "大學校에 다녔다", "中國語로 말했다", "日本語を勉強する", "ｶﾀｶﾅで書く"
    )
    law = add(journal, "任用權者는 休職을 命하여야 한다")[0]
    assert ids(journal, "學校") == {school}
    assert ids(journal, "大學") == {school}
    assert ids(journal, "中國") == {chinese}
    assert ids(journal, "中國語") == {chinese}
    assert ids(journal, "勉強") == {japanese}
    assert ids(journal, "語を勉") == {japanese}
    assert ids(journal, "カタカナ") == {katakana}  # half-width kana are folded to full width
    assert ids(journal, "休職") == {law}
    assert ids(journal, "權者") == {law}
    # one character, in any script, like a one-syllable Korean word: any note that has it
    assert ids(journal, "學") == {school}
    assert ids(journal, "語") == {chinese, japanese}
    assert ids(journal, "を") == {japanese}
    assert ids(journal, "カ") == {katakana}
    assert highlights(journal, "學校")[school] == "大**學校**에 다녔다"
    assert highlights(journal, "語")[japanese] == "日本**語**を勉強する"


def test_full_width_and_compatibility_forms_are_folded_and_the_text_stays_as_typed(journal: Journal) -> None:
    wide, narrow, digits, circled = add(journal, "ＧＰＵ를 샀다", "GPU를 샀다", "번호 １２３ 끝", "①번 항목")
    assert ids(journal, "GPU") == ids(journal, "ＧＰＵ") == ids(journal, "gpu") == {wide, narrow}
    assert ids(journal, "GPU를") == ids(journal, "ＧＰＵ를") == {wide, narrow}
    assert ids(journal, "123") == ids(journal, "１２３") == {digits}
    assert ids(journal, "1번") == {circled}
    hit = journal.index.search("GPU", limit=5)
    assert {h.entry.body for h in hit} == {"ＧＰＵ를 샀다", "GPU를 샀다"}  # stored as typed
    assert highlights(journal, "gpu")[wide] == "**ＧＰＵ**를 샀다"
    assert highlights(journal, "１２３")[digits] == "번호 **１２３** 끝"
    # compatibility jamo stay themselves (NFKC would make ㅋ a conjoining jamo)
    laugh = add(journal, "ㅋㅋㅋ 웃겼다")[0]
    assert ids(journal, "ㅋㅋ") == {laugh}
    assert ids(journal, "＃tag-free ＧＰＵ") == set()  # a full-width ＃ is a tag marker in a query


def test_emoji_and_symbols_are_indexed_as_tokens(journal: Journal) -> None:
    pizza, smile, heart, plain = add(journal, "피자 🍕 먹었다 ^^", "그냥 웃었다 ^^", "사랑해 ❤️", "🍕피자가 최고")
    add(journal, "nothing special", "별 거 없음 ^")
    assert ids(journal, "🍕") == {pizza, plain}
    assert ids(journal, "🍕피자") == {plain}  # the emoji and the word, touching
    assert ids(journal, "^^") == {pizza, smile}
    assert ids(journal, "^^ -🍕") == {smile}
    assert ids(journal, "❤") == ids(journal, "❤️") == {heart}  # the variation selector is not part of the emoji
    # searched by the index, not a scan of the notes' text
    assert isinstance(compile_query(parse_query("^^", TODAY)).query, ScoredTerm)
    assert highlights(journal, "🍕")[pizza] == "피자 **🍕** 먹었다 ^^"
    assert highlights(journal, "^^")[smile] == "그냥 웃었다 **^^**"
    assert highlights(journal, "❤️")[heart] == "사랑해 **❤️**"


def test_highlights_mark_only_text_that_satisfies_the_query(journal: Journal) -> None:
    """About one first-page hit in eight marked a stray bigram: `국제` inside `국제선` for `국제연합`."""
    note = add(journal, "국제선을 타고 국제연합 본부에 갔다. 국제 뉴스도 봤다")[0]
    assert highlights(journal, "국제연합")[note] == "국제선을 타고 **국제연합** 본부에 갔다. 국제 뉴스도 봤다"
    assert highlights(journal, "국제")[note] == "**국제**선을 타고 **국제**연합 본부에 갔다. **국제** 뉴스도 봤다"
    english = add(journal, "the models were fine, one model left; remodel later")[0]
    assert highlights(journal, "model")[english] == "the **models** were fine, one **model** left; remodel later"
    assert highlights(journal, '"model left"')[english] == "the models were fine, one **model left**; remodel later"
    mountain = add(journal, "산에 갔다가 등산로에서 산산이")[0]
    assert highlights(journal, "산")[mountain] == "**산**에 갔다가 등**산**로에서 **산산**이"


def test_a_snippet_centres_on_the_first_match_at_a_word_boundary_in_a_very_long_note(journal: Journal) -> None:
    words = "temperature pressure humidity 날씨가 흐리고 바람이 분다 "
    body = words * (98_000 // len(words)) + "마지막에 국제연합 이야기 " + words * 20
    assert 98_000 < len(body) <= 100_000
    long_note = add(journal, body)[0]
    start = body.index("국제연합")
    hits = journal.index.search("국제연합")
    assert [h.entry.id for h in hits] == [long_note]
    text, spans = snippet(body, parse_query("국제연합", TODAY))
    assert [text[s:e] for s, e in spans] == ["국제연합"]
    assert text.startswith("…") and text.endswith("…")
    assert len(text) <= SNIPPET_WIDTH + 2
    shown = text[1:]  # it starts with a whole word: the character before it in the note is a space
    assert body[body.index(shown.rstrip("…")) - 1] == " "
    middle = (spans[0][0] + spans[0][1]) / 2 / len(text)
    assert 0.3 < middle < 0.7, text  # centred, give or take a word
    assert start > 90_000


def test_snippets_never_start_in_the_middle_of_a_word(journal: Journal) -> None:
    body = (
        " ".join(f"word{n}" for n in range(30))
        + " the temperature trick worked "
        + " ".join(f"again{n}" for n in range(30))
    )
    add(journal, body)
    for query in ("trick", "temperature", "again7", "word29"):
        text = journal.index.search(query)[0].snippet
        inner = text.removeprefix("…").removesuffix("…")
        position = body.find(inner)
        assert position >= 0 and not inner.startswith(" "), (query, text)
        assert position == 0 or body[position - 1] == " ", (query, text)
        assert position + len(inner) == len(body) or body[position + len(inner)] == " ", (query, text)


def test_short_korean_words_rank_a_match_at_a_word_start_first(journal: Journal) -> None:
    """Notes where `산` stands as a word (`산에`) come before those where it is part of another (`등산`),
    however new; the same for a two-syllable word (`질문이` before `재질문`)."""
    clock = journal.clock
    inside = []
    for n in range(6):
        journal.clock = FixedClock(clock.now() + timedelta(minutes=n))
        inside += add(journal, f"2026-11-{10 + n}: 어제 등산 다녀옴 {n}", f"2026-11-{10 + n}: 재질문 받음 {n}")
    journal.clock = clock
    starts = add(journal, "2020-01-01: 산에 다녀옴 x", "2020-01-02: 질문이 많음 y")
    assert [h.entry.id for h in journal.index.search("산", limit=1)] == [starts[0]]
    assert [h.entry.id for h in journal.index.search("질문", limit=1)] == [starts[1]]
    assert len(ids(journal, "산")) == 7  # every note with the syllable is still found


def test_english_whole_words_rank_above_stem_only_matches(journal: Journal) -> None:
    models = add(journal, "2020-01-01: the models were fine today")[0]
    model = add(journal, "2020-01-02: one model was fine today")[0]  # newer, same length
    assert [h.entry.id for h in journal.index.search("models")] == [models, model]
    assert [h.entry.id for h in journal.index.search("model")] == [model, models]


def test_ties_are_the_newest_notes_also_after_incremental_writes(journal: Journal, monkeypatch) -> None:
    """`search ran` showed days 10, 9, 8 instead of 20, 19, 18 until a rebuild: notes indexed after it
    sit in later segments and lost every tie to older ones."""
    monkeypatch.setattr(rebuild, "REBUILD_SEGMENT", 4)
    first = add(journal, *(f"2026-10-{day:02d}: ran" for day in range(1, 11)))
    journal.index.rebuild()
    later = []
    for day in range(11, 21):
        later += add(journal, f"2026-10-{day:02d}: ran")
        journal.index.search("warm")  # each note indexed on its own, in a segment of its own
    hits = journal.index.search("ran", limit=3)
    assert len({h.score for h in hits}) == 1
    assert [h.entry.day.day for h in hits] == [20, 19, 18]
    assert [h.entry.id for h in journal.index.search("ran", limit=12)] == (first + later)[::-1][:12]


def test_an_index_of_the_old_format_is_rebuilt_once_with_a_notice(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        note = add(journal, "CUDA를 설치했다")[0]
        assert ids(journal, "CUDA를") == {note}
    birth_file = home / "index" / store.BIRTH_FILE
    assert birth_file.read_text().splitlines()[1] == f"format {store.INDEX_FORMAT}"
    birth_file.write_text(birth_file.read_text().splitlines()[0] + "\n")  # as the old analyzer's index had it
    assert store.SearchIndex(home / "index").format() == 1
    with Journal(home, clock=clock) as journal:
        assert ids(journal, "CUDA를") == {note}
        assert any("older version" in notice for notice in journal.notices), journal.notices
        journal.notices.clear()
        assert ids(journal, "CUDA를") == {note}
        assert journal.notices == []  # once
    assert store.SearchIndex(home / "index").format() == store.INDEX_FORMAT


def test_a_query_with_nothing_the_index_holds_is_a_usage_error(journal: Journal) -> None:
    from journal.query import QueryError

    add(journal, "(parens) and * stars - and dashes")
    for query in ("(", "*", ")", "( )", "-("):
        with pytest.raises(QueryError, match="nothing to look for"):
            journal.index.search(query)
    assert ids(journal, "parens (") == ids(journal, "parens")  # punctuation beside a word is left out


def test_a_one_character_word_scores_each_note_by_its_best_term(journal: Journal, monkeypatch) -> None:
    """Whoosh's DisjunctionMax matcher scored a note by the best of both sides' *current* postings, even
    when one side stood on a later note, and its replace() dropped every match once one side ran out: a
    one-character word is a DisjunctionMax of its terms, so every note must score exactly its best term."""
    from journal.search import tails

    monkeypatch.setattr(rebuild, "REBUILD_SEGMENT", 7)
    add(journal, *(f"{word} {n}" for n in range(12) for word in ("거짓말", "말이", "꿀팁 말씀", "말", "팁")))
    journal.index.rebuild()
    index = journal.index.open()
    searcher = index._current_searcher()
    query = tails.with_syllable_terms(compile_query(parse_query("말", TODAY)).query, searcher, index.tails)
    assert isinstance(query, wq.DisjunctionMax)
    scores = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
    best: dict[int, float] = {}
    for term in query.subqueries:
        for hit in searcher.search(term, limit=None):
            best[hit.docnum] = max(best.get(hit.docnum, 0.0), hit.score)
    assert scores == pytest.approx(best)
    assert len(scores) == 12 * 4
