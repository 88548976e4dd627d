"""Snippets of a note around its first match, and the matched ranges to highlight.

What is marked is what the search matched, found by the same patterns (patterns.py): `국제연합` marks
`국제연합` and never the `국제` of `국제선`; `CUDA를` marks `CUDA를` and not a `CUDA` elsewhere; `산` marks the
character 산 itself, in `산에` and in `등산`.
"""

from __future__ import annotations

import re

from journal.query import Clause, SearchQuery
from journal.search.analysis import CHARACTER, WORD, Tok, spans
from journal.search.patterns import find, pattern_of
from journal.text import fold, tag_key, tag_spans

SNIPPET_WIDTH = 90
WORD_SLACK = 16
"""How far the window's edges may move to fall between words instead of inside one."""
_NO_SPACES = re.compile("[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Kana and Han: Japanese and Chinese break lines between any two characters."""


CHUNK = 4000
"""A long note is read this many characters at a time (cut between words), skipping a piece that cannot
hold a match, until the first match; then only the text around it (a 99,000-character note: 370 -> ~5 ms)."""
_AROUND = 400


def snippet(body: str, query: SearchQuery) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of the body around the first match, with the matched character ranges."""
    flat = body.replace("\n", " ")
    merged = _merge(matches(flat, query) if len(flat) <= CHUNK else _matches_near_the_first(flat, query))
    first = merged[0] if merged else (0, 0)
    start, end = _window(flat, first)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    shift = len(prefix) - start
    visible = tuple((max(s, start) + shift, min(e, end) + shift) for s, e in merged if e > start and s < end)
    return prefix + flat[start:end] + suffix, visible


def matches(text: str, query: SearchQuery) -> list[tuple[int, int]]:
    """Every span of `text` that satisfies one of the query's positive clauses (unmerged)."""
    toks: list[Tok] | None = None
    found: list[tuple[int, int]] = []
    for clause in query.positive:
        if clause.kind == "tag":
            found += [(start, end) for start, end, tag in tag_spans(text) if tag_key(tag) == tag_key(clause.text)]
            continue
        if toks is None:
            toks = spans(text)
        if clause.kind == "prefix" and not CHARACTER.search(fold(clause.text)):
            found += _prefix_spans(clause, toks)
        else:
            pattern = pattern_of(clause.text)
            if pattern is not None:
                found += find(pattern, toks)
    return found


def _matches_near_the_first(flat: str, query: SearchQuery) -> list[tuple[int, int]]:
    """matches() of a long text, only those around its first match: pieces of CHUNK characters (each with
    the end of the one before, so a phrase across the cut is whole) are skipped when they hold none of the
    query's needles, and the first piece with a match decides where to look."""
    needles = _needles(query)
    start = 0
    while start < len(flat):
        end = _cut(flat, start + CHUNK)
        begin = _cut(flat, max(0, start - _AROUND)) if start else 0
        piece = flat[begin:end]
        lowered = fold(piece).lower()
        if needles is None or any(needle in lowered for needle in needles):
            found = matches(piece, query)
            if found:
                first = min(found)[0] + begin
                lo, hi = _cut(flat, max(0, first - _AROUND)), _cut(flat, first + 2 * _AROUND)
                return [(s + lo, e + lo) for s, e in matches(flat[lo:hi], query)]
        start = end
    return []


def _cut(flat: str, at: int) -> int:
    """`at`, moved on to the next space (or the end)."""
    if at >= len(flat):
        return len(flat)
    space = flat.find(" ", at)
    return len(flat) if space == -1 else space


def _needles(query: SearchQuery) -> list[str] | None:
    """Text one of which a piece of a note must hold (folded, lowercased) to match the query; None when a
    clause has none that is safe (then every piece is read)."""
    needles = []
    for clause in query.positive:
        text = fold(clause.text).lower()
        if clause.kind == "tag":
            needles.append(text)
        elif CHARACTER.search(text):  # the longest run of characters read one at a time, as typed
            needles.append(max(re.findall(f"{CHARACTER.pattern}+", text), key=len))
        else:  # a word's first three letters: Porter changes only the end of a word
            words = re.findall(r"[^\W_]+", text)
            if not words:
                return None
            needles.append(words[0][:3])
    return needles or None


def _prefix_spans(clause: Clause, toks: list[Tok]) -> list[tuple[int, int]]:
    from journal.search.analysis import SURFACE, analyze

    lowered = fold(clause.text).lower()
    stems = {lowered, *(t for t in analyze(lowered) if not t.startswith(SURFACE))}
    return [(tok[3], tok[4]) for tok in toks if tok[5] == WORD and any(tok[0].startswith(s) for s in stems)]


def _window(flat: str, first: tuple[int, int]) -> tuple[int, int]:
    """The snippet's window: SNIPPET_WIDTH characters centred on the first match, its edges moved (by up to
    WORD_SLACK) to fall between words, never cutting into the match."""
    if len(flat) <= SNIPPET_WIDTH:
        return 0, len(flat)
    middle = (first[0] + min(first[1], first[0] + SNIPPET_WIDTH)) // 2
    start = max(0, min(middle - SNIPPET_WIDTH // 2, len(flat) - SNIPPET_WIDTH))
    if start > 0 and _inside_a_word(flat, start):
        back = next((at for at in range(start - 1, max(0, start - WORD_SLACK) - 1, -1) if _between(flat, at)), None)
        if back is not None and back + SNIPPET_WIDTH >= first[1]:
            start = back  # back to the start of the word
        else:  # on to the next word, if that keeps the match whole
            start = next(
                (at for at in range(start + 1, min(first[0], start + WORD_SLACK) + 1) if _between(flat, at)), start
            )
    while start < first[0] and flat[start].isspace():
        start += 1
    end = min(len(flat), max(start + SNIPPET_WIDTH, first[1]))
    if end < len(flat) and _inside_a_word(flat, end):
        end = next((at for at in range(end - 1, max(first[1], end - WORD_SLACK) - 1, -1) if _between(flat, at)), end)
    while end > first[1] and flat[end - 1].isspace():
        end -= 1
    return start, end


def _between(flat: str, at: int) -> bool:
    return at <= 0 or at >= len(flat) or not _inside_a_word(flat, at)


def _inside_a_word(flat: str, at: int) -> bool:
    """Whether `at` falls between two characters of one word: letters or digits of one kind on both sides
    (a Hangul syllable, a Latin letter), not Japanese or Chinese, which have no spaces to break at."""
    before, after = flat[at - 1], flat[at]
    if not (before.isalnum() and after.isalnum()):
        return False
    if _NO_SPACES.match(after) or _NO_SPACES.match(before):
        return False
    return bool(CHARACTER.match(before)) == bool(CHARACTER.match(after))


def _merge(spans_: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans_):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def marked(text: str, spans_: tuple[tuple[int, int], ...], before: str = "**", after: str = "**") -> str:
    """The snippet with its matches wrapped, for plain-text and JSON output."""
    out, last = [], 0
    for start, end in spans_:
        out += [text[last:start], before, text[start:end], after]
        last = end
    out.append(text[last:])
    return "".join(out)
