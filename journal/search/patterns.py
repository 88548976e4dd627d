"""What a query word or quoted phrase asks of a note's tokens, and where a note has it.

A pattern is a row of steps at consecutive positions. A step names the tokens that must stand there (a
bigram, a stem, a junction), or, at the edge of a word whose character run is one character long, what a
token there must start or end with (`a.한` is `a`, then a token starting with 한: 한국 too). A one-character
word (`산`, `🍕`) is one step that any bigram holding it satisfies.

The same pattern compiles the Whoosh query (compile.py), checks a candidate's text (`holds`) and finds the
text to highlight (`find`), so what is marked is exactly what matched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from journal.search.analysis import CHARS, JUNCTION, SURFACE_FORM, WORD, Tok, tokens
from journal.text import fold


@dataclass(frozen=True)
class Step:
    terms: frozenset[str] = frozenset()
    """Tokens that must all stand at this position."""
    starts: str = ""
    """A character a token (of a character run) at this position must start with."""
    ends: str = ""
    """A character a token (of a character run) at this position must end with."""
    holds: str = ""
    """A character a token (of a character run) at this position must start or end with."""

    def satisfied(self, here: Sequence[Tok]) -> tuple[int, int] | None:
        """The span that satisfies this step among the tokens at one position, or None. (Tokens from
        analysis.spans also say where their first character ends and their last starts: the span of a
        character inside a bigram.)"""
        if self.terms:
            found = [tok for tok in here if tok[0] in self.terms]
            if len({tok[0] for tok in found}) < len(self.terms):
                return None
            return min(tok[3] for tok in found), max(tok[4] for tok in found)
        first, last = self.starts or self.holds, self.ends or self.holds
        for tok in here:
            if tok[5] != CHARS:
                continue
            if first and tok[0][0] == first:
                return tok[3], tok[6] if len(tok) > 6 else tok[3] + 1  # type: ignore[misc]
            if last and tok[0][-1] == last:
                return tok[7] if len(tok) > 7 else tok[4] - 1, tok[4]  # type: ignore[misc]
        return None


@dataclass(frozen=True)
class Pattern:
    steps: tuple[Step, ...]
    surface: str = ""
    """For a single word whose stem is not the word itself (`models`), the word as written: notes that have
    it rank first."""
    tiered: bool = False
    """Whether it is one term whose place in a word ranks the notes: a bigram (`질문`: `질문이` above
    `재질문`) or a stem (`model`: `model` above `models`), not a junction."""

    @property
    def checked(self) -> bool:
        """Whether a match's text must be checked: the index finds the pattern's terms, not their order."""
        return not self.syllable and self.one_term is None

    @property
    def one_term(self) -> str | None:
        """The single term this pattern is, if it is one."""
        if len(self.steps) == 1 and len(self.steps[0].terms) == 1:
            return next(iter(self.steps[0].terms))
        return None

    @property
    def syllable(self) -> str:
        """The character of a one-character word, else ""."""
        return self.steps[0].holds if len(self.steps) == 1 else ""

    def terms(self) -> list[str]:
        return sorted({term for step in self.steps for term in step.terms})


@lru_cache(maxsize=256)
def pattern_of(text: str) -> Pattern | None:
    """The pattern of a query word or phrase; None if it has nothing the index holds (only punctuation)."""
    toks = list(tokens(fold(text)))
    if not toks:
        return None
    by_pos: dict[int, list[Tok]] = {}
    for tok in toks:
        if tok[5] != SURFACE_FORM:
            by_pos.setdefault(tok[1], []).append(tok)
    positions = sorted(by_pos)
    if len(positions) == 1 and _one_char(by_pos[positions[0]]):
        return Pattern((Step(holds=by_pos[positions[0]][0][0]),))
    steps = []
    for index, pos in enumerate(positions):
        here = by_pos[pos]
        junctions = [tok for tok in here if tok[5] == JUNCTION]
        if _one_char(here):
            char = here[0][0]
            if index == len(positions) - 1 and _joined(by_pos.get(pos - 1, ()), char, last=True):
                continue  # `CUDA를`: the junction cuda를 says it, and 를요 may follow in the note
            if index == 0 and _joined(by_pos.get(pos + 1, ()), char, last=False):
                continue
            if index == len(positions) - 1:
                steps.append(Step(starts=char))
                continue
            if index == 0:
                steps.append(Step(ends=char))
                continue
        kept = junctions or here  # a junction stands for the word at its position
        steps.append(Step(terms=frozenset(tok[0] for tok in kept if tok[5] in (CHARS, WORD, JUNCTION))))
    surface = [tok[0] for tok in toks if tok[5] == SURFACE_FORM]
    single_word = len(steps) == 1 and all(tok[5] in (WORD, SURFACE_FORM) for tok in toks)
    tiered = len(toks) - len(surface) == 1 and toks[0][5] in (CHARS, WORD)
    return Pattern(tuple(steps), surface[0] if single_word and surface else "", tiered)


def _one_char(here: Sequence[Tok]) -> bool:
    return len(here) == 1 and here[0][5] == CHARS and len(here[0][0]) == 1


def _joined(beside: Iterable[Tok], char: str, *, last: bool) -> bool:
    """Whether a junction beside a one-character run joins it to its word (`cuda를` for the 를 of `CUDA를`)."""
    return any(tok[5] == JUNCTION and (tok[0][-1] if last else tok[0][0]) == char for tok in beside)


def find(pattern: Pattern, toks: Sequence[Tok]) -> list[tuple[int, int]]:
    """Every span of the text (as the tokens give it) that matches the pattern."""
    by_pos, where = _index(toks)
    found = []
    for pos in _starts(pattern, by_pos, where):
        span = _match_at(pattern, by_pos, pos)
        if span is not None:
            found.append(span)
    return found


def _index(toks: Iterable[Tok]) -> tuple[dict[int, list[Tok]], dict[str, list[int]]]:
    """The tokens by position, and each token text's positions."""
    by_pos: dict[int, list[Tok]] = {}
    where: dict[str, list[int]] = {}
    for tok in toks:
        by_pos.setdefault(tok[1], []).append(tok)
        where.setdefault(tok[0], []).append(tok[1])
    return by_pos, where


def _starts(pattern: Pattern, by_pos: dict[int, list[Tok]], where: dict[str, list[int]]) -> Iterable[int]:
    """Where a match of the pattern could start: where its first step's term stands (else anywhere)."""
    first = pattern.steps[0]
    if first.terms:
        return where.get(next(iter(first.terms)), ())
    return sorted(by_pos)


def _match_at(pattern: Pattern, by_pos: dict[int, list[Tok]], pos: int) -> tuple[int, int] | None:
    start = end = -1
    for offset, step in enumerate(pattern.steps):
        span = step.satisfied(by_pos.get(pos + offset, ()))
        if span is None:
            return None
        start = span[0] if offset == 0 else start
        end = max(end, span[1])
    return start, end


def holds(text: str, patterns: Iterable[Pattern]) -> bool:
    """Whether the text has every pattern (a candidate's check)."""
    by_pos, where = _index(tokens(fold(text)))
    for pattern in patterns:
        if any(term not in where for term in pattern.terms()):
            return False
        if not any(_match_at(pattern, by_pos, pos) is not None for pos in _starts(pattern, by_pos, where)):
            return False
    return True
