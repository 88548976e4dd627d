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


def snippet(body: str, query: SearchQuery) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of the body around the first match, with the matched character ranges."""
    flat = body.replace("\n", " ")
    merged = _merge(matches(flat, query))
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
