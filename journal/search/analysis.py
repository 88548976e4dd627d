"""The analyzer: text into index terms, for notes in Korean, English, Japanese, Chinese, or all of them.

The text is folded first (journal.text.fold: NFKC, so `ＧＰＵ` is `GPU`) and split into runs:

- a run of characters read one at a time (scripts.CHARACTERS: Hangul, Han, kana, symbols and emoji)
  becomes overlapping bigrams (`슬럼프가` → 슬럼 럼프 프가, `大學校` → 大學 學校); a one-character run stays
  whole. A query word is the phrase of its bigrams, so `슬럼프` finds `슬럼프가`: substring semantics;
- a run of other letters and digits is a word, lowercased and stemmed (`models` → model).

Beside those, at the same position as a word (no phrase changes because of them):

- where a word and a character run touch, a **junction** term: the word's stem with the character next to
  it (`CUDA를` → `cuda를`, `이번에GPU` → `에gpu`), so `CUDA를` is found only where the two touch, by one term;
- a word whose stem is not the word itself also gives its **surface** form (`=models`), so `models` can rank
  notes that say `models` above those that say `model`.

Each token has a boost: 1 where it starts a word (after a space, punctuation or the start of the text; for
a stem, where the note has the word as the stem itself), 2**-12 inside a word. Whoosh adds a term's boosts
into its weight in the note, so a weight of 1 or more means "at the start of a word somewhere in this note"
(whoosh_changes.weighting reads it that way). See docs/search.md for the measurements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from operator import add

from whoosh.analysis import Token, Tokenizer
from whoosh.lang.porter import stem

from journal.search.scripts import CHARACTERS, HAN, HANGUL_EXTRA, KANA, is_symbol, opens_a_word
from journal.text import HANGUL, fold, fold_with_spans

PRIMARY = 1.0
"""The boost of a token at the start of a word."""
SECONDARY = 2.0**-12
"""The boost of a token inside a word: 4,096 of them still weigh less than one at a start."""
SURFACE = "="
"""What a surface-form term starts with (`=models`); no stem can."""

CHARS, WORD, SURFACE_FORM, JUNCTION = "chars", "word", "surface", "junction"
"""Token kinds: a bigram or one character; a stemmed word; a word as written; where a word and characters touch."""

_LETTERS = HANGUL + HANGUL_EXTRA + HAN + KANA
_RUNS = re.compile(rf"([{CHARACTERS}]+)|([^\W_{_LETTERS}]+)")
"""A run read a character at a time (group 1), or a word (group 2)."""
CHARACTER = re.compile(rf"[{CHARACTERS}]")
_HANGUL_ONLY = re.compile(rf"[{HANGUL}]+")

Tok = tuple[str, int, float, int, int, str]
"""A token: its text, position, boost, start and end (in the folded text), and kind."""


def tokens(folded: str) -> Iterator[Tok]:
    """The tokens of already folded text, in order (a junction right after the tokens it joins)."""
    pos = 0
    last_end = -1
    last_word = last_char = ""
    last_start = 0
    for match in _RUNS.finditer(folded):
        chars, word = match.groups()
        start, end = match.span()
        touching = start == last_end
        if word:
            stem_, surface = _word(word)
            if touching:  # characters, then a word: `이번에GPU`
                yield last_char + stem_, pos, PRIMARY, start - 1, end, JUNCTION
            yield stem_, pos, PRIMARY if surface is None else SECONDARY, start, end, WORD
            if surface is not None:
                yield SURFACE + surface, pos, PRIMARY, start, end, SURFACE_FORM
            pos += 1
            last_word, last_start = stem_, start
        else:
            if touching:  # a word, then characters: `CUDA를` (at the word's position)
                yield last_word + chars[0], pos - 1, PRIMARY, last_start, start + 1, JUNCTION
            if len(chars) == 1:
                yield chars, pos, SECONDARY if touching else PRIMARY, start, end, CHARS
                pos += 1
            else:
                for i, first in enumerate(_word_starts(chars, not touching)):
                    yield chars[i : i + 2], pos + i, PRIMARY if first else SECONDARY, start + i, start + i + 2, CHARS
                pos += len(chars) - 1
            last_char = chars[-1]
        last_end = end


def _word_starts(chars: str, first: bool) -> list[bool]:
    """For each bigram of a run, whether its first character starts a word: the run's first if `first`; later
    ones after a symbol (`^^산에`), or a Han or Katakana character after another script (`日本語を勉強`)."""
    starts = [first] + [False] * (len(chars) - 2)
    if _HANGUL_ONLY.fullmatch(chars):
        return starts
    for i in range(1, len(chars) - 1):
        before, char = chars[i - 1], chars[i]
        if is_symbol(before):
            starts[i] = not is_symbol(char)
        elif opens_a_word(char):
            starts[i] = not opens_a_word(before) or _katakana(before) != _katakana(char)
    return starts


def _katakana(char: str) -> bool:
    return "\u30a0" <= char <= "\u30ff" or "\u31f0" <= char <= "\u31ff"


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[str, str | None]:
    """A word's stem, and the word lowercased if that is not its stem."""
    lowered = word.lower()
    stemmed = stem(lowered)
    return stemmed, None if stemmed == lowered else lowered


_ITEMS = re.compile(rf"([{CHARACTERS}]+)|([^\W_{_LETTERS}]+)|[^\w{CHARACTERS}]+|_+")
"""_RUNS, with what lies between runs matched too (both groups empty): findall then says which runs touch.
(Symbols are not in the word class's exclusions: they are no word characters anyway, and a class with
their ~200 ranges there made the scan 2x slower.)"""


def index_tokens(value: str) -> tuple[list[str], list[int]]:
    """The texts of a note's tokens, each with its position and whether it starts a word, coded as one int
    (`position << 1 | start`): what `tokens` gives, for the rebuild's hot loop (findall instead of match
    objects, a run's bigrams made at once, no floats). A test checks the two agree."""
    terms: list[str] = []
    codes: list[int] = []
    pos = 0
    before = ""  # WORD or CHARS when the previous item is a run that touches this one
    last_word = last_char = ""
    for run, word in _ITEMS.findall(fold(value)):
        if run:
            touching = before == WORD
            if touching:
                terms.append(last_word + run[0])
                codes.append(pos * 2 - 1)  # at the word's position, a start
            count = len(run) - 1
            if not count:
                terms.append(run)
                codes.append(pos * 2 + (not touching))
                pos += 1
            else:
                terms.extend(map(add, run, run[1:]))  # its bigrams
                if _HANGUL_ONLY.fullmatch(run):
                    codes.append(pos * 2 + (not touching))
                    codes.extend(range(pos * 2 + 2, (pos + count) * 2, 2))
                else:
                    starts = _word_starts(run, not touching)
                    codes.extend([(pos + i) * 2 + first for i, first in enumerate(starts)])
                pos += count
            before, last_char = CHARS, run[-1]
        elif word:
            stem_, surface = _word(word)
            if before == CHARS:
                terms.append(last_char + stem_)
                codes.append(pos * 2 + 1)
            terms.append(stem_)
            if surface is None:
                codes.append(pos * 2 + 1)
            else:
                codes.append(pos * 2)
                terms.append(SURFACE + surface)
                codes.append(pos * 2 + 1)
            pos += 1
            before, last_word = WORD, stem_
        else:
            before = ""
    return terms, codes


def weight(codes: int | list[int]) -> float:
    """A term's weight in a note from its codes (index_tokens): the sum of its tokens' boosts, exact in any
    order (ones and multiples of 2**-12), so it equals the sum Whoosh makes token by token."""
    if codes.__class__ is int:
        return PRIMARY if codes & 1 else SECONDARY  # type: ignore[operator]
    return sum([PRIMARY if code & 1 else SECONDARY for code in codes])  # type: ignore[union-attr]


def token_count(value: str) -> int:
    """About how many tokens a text has (Whoosh's length of its field): its runs, bigrams and surface forms,
    not its junctions. A rebuild counts every note first, to write them shortest first (rebuild.impact_segments):
    the order only speeds up searches (ties go to the newest note however the index is ordered), so an
    estimate 3x cheaper than the tokens will do."""
    runs = _COUNTED.findall(fold(value))
    inside = sum([len(run) - 2 for run, _ in runs if len(run) > 2])
    return len(runs) + inside + sum([1 for _, word in runs if word and _word(word)[1] is not None])


_COUNTED = re.compile(rf"([{CHARACTERS}]+)|([^\W_{_LETTERS}]+)")


def spans(text: str) -> list[tuple[str, int, float, int, int, str, int, int]]:
    """The tokens of `text` (not folded) with their start and end in `text` itself, for highlights, and
    where their first character ends and their last starts (in `ＧＰＵ를` or `❤️묶`, one folded character
    may stand for several)."""
    folded, where = fold_with_spans(text)
    if where is None:
        return [(*tok, tok[3] + 1, tok[4] - 1) for tok in tokens(folded)]
    return [
        (text_, pos, boost, where[start][0], where[end - 1][1], kind, where[start][1], where[end - 1][0])
        for text_, pos, boost, start, end, kind in tokens(folded)
    ]


class MixedScriptTokenizer(Tokenizer):
    """The analyzer as a Whoosh tokenizer (one pass, no filter chain). Positions and boosts as `tokens`;
    character offsets are the original text's."""

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        found = (spans(value) if chars else list(tokens(fold(value)))) if tokenize else [_whole(value)]
        for text, pos, boost, start, end, *_ in found:
            token.text = text
            token.boost = boost
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def _whole(value: str) -> Tok:
    return (value, 0, PRIMARY, 0, len(value), WORD)


ANALYZER = MixedScriptTokenizer()


def analyze(text: str) -> list[str]:
    """The texts of the tokens a query's text gives."""
    return [t[0] for t in tokens(fold(text))]
