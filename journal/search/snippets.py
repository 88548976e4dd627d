"""Snippets of a note around its first match, and the matched ranges to highlight."""

from __future__ import annotations

from dataclasses import dataclass

from journal.query import SearchQuery
from journal.search.analysis import ANALYZER, HANGUL_START, WORD_RUN, analyze
from journal.text import nfc, tag_key, tag_spans

SNIPPET_WIDTH = 90


@dataclass(frozen=True)
class _Matcher:
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    tags: frozenset[str]


def _matcher(query: SearchQuery) -> _Matcher:
    exact: set[str] = set()
    prefixes: list[str] = []
    suffixes: list[str] = []
    tags: set[str] = set()
    for clause in query.positive:
        if clause.kind == "tag":
            tags.add(tag_key(clause.text))
        elif clause.kind == "prefix" and not HANGUL_START.search(clause.text):
            prefixes.append(nfc(clause.text).lower())
        else:
            for match in WORD_RUN.finditer(nfc(clause.text)):
                run = match.group()
                if HANGUL_START.match(run) and len(run) == 1:
                    prefixes.append(run)
                    suffixes.append(run)
                else:
                    exact.update(analyze(run))
    return _Matcher(frozenset(exact), tuple(prefixes), tuple(suffixes), frozenset(tags))


def snippet(body: str, query: SearchQuery) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of the body around the first match, with the matched character ranges."""
    matcher = _matcher(query)
    flat = body.replace("\n", " ")
    spans: list[tuple[int, int]] = []
    for token in ANALYZER(flat, chars=True, mode="index"):
        text = token.text
        if (
            text in matcher.exact
            or any(text.startswith(p) for p in matcher.prefixes)
            or any(text.endswith(s) for s in matcher.suffixes)
        ):
            spans.append((token.startchar, token.endchar))
    for start, end, tag in tag_spans(flat):
        if tag_key(tag) in matcher.tags:
            spans.append((start, end))
    merged = _merge(spans)
    first = merged[0][0] if merged else 0
    start = max(0, min(first - SNIPPET_WIDTH // 3, len(flat) - SNIPPET_WIDTH))
    end = start + SNIPPET_WIDTH
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    shift = len(prefix) - start
    visible = tuple((max(s, start) + shift, min(e, end) + shift) for s, e in merged if e > start and s < end)
    return prefix + flat[start:end] + suffix, visible


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def marked(text: str, spans: tuple[tuple[int, int], ...], before: str = "**", after: str = "**") -> str:
    """The snippet with its matches wrapped, for plain-text and JSON output."""
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], before, text[start:end], after]
        last = end
    out.append(text[last:])
    return "".join(out)
