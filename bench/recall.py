"""Recall, precision, highlights and first pages of search, by class of query, against the plain truth.

    python -m bench.recall --notes 3650                  # the generated journal's Korean queries (~7 s)
    python -m bench.recall --corpus --notes 4000         # real text from packages (bench/corpus.py), every class

With `--corpus` the notes are real Korean law and bills, Korean and Japanese program messages, with some
emoji, symbols and full-width words (bench/corpus.py), and the queries are drawn from them, by class:

korean        Korean words of two to four syllables (a word's start, so particles and compounds follow),
              two words, compatibility jamo
one-syllable  `산 눈 말 밤 차` and other one-syllable words
mixed         a Latin word or number with its particle, as written: `HEAD를`, `URL을`, `2011년에`
hanja         two or three Hanja from inside longer runs (`任用權`), and single Hanja
kana          Japanese: two or three characters from inside longer runs, and single kana
full-width    `ＨＥＡＤ를`, `ＵＲＬ` typed in full width (and half-width words of full-width notes)
symbols       emoji and symbols alone (`🍕`, `^^`) and touching a word (`🍕피자`)
english       English words, as their plurals and inflections come

The truth: a Korean, Japanese, Hanja or symbol query is a substring of the note (after NFKC folding); a
Latin word is a whole word with the same stem (stemming, as designed); a mixed word is the Latin word,
starting a word, with the characters right after it. Per class: recall and precision against it (every
match, no limit); **highlights**: the first page's snippets mark exactly the true occurrences in their
window, which holds one and starts between words; **first page**: only true matches, as many as there are
up to 20; **word-first**: for one- and two-syllable queries, the share of the first page that has the
query at the start of a word, against the most it could have (the same for English: the word as typed).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import generate

QUERIES = (
    "경량화",
    "슬럼프",
    "질문",
    "회사",
    "양자화",
    "모델",
    "공부",
    "경험",
    "팁",
    "극복",
    "프가",
    "하이퍼파라미터",
    "경량화 슬럼프",
    "질문 회사",
    "모델 양자화",
)
PAGE = 20
CLASSES = ("korean", "one-syllable", "mixed", "hanja", "kana", "full-width", "symbols", "english")
HANGUL = "가-힣"
HAN = "\u3400-\u4dbf\u4e00-\u9fff"
KANA = "\u3041-\u309f\u30a0-\u30fa\u30fc-\u30ff"


@dataclass
class Score:
    query: str
    kind: str = "korean"
    expected: int = 0
    found: int = 0
    correct: int = 0
    top_ok: bool = True  # the first page holds only true matches, and as many as there are up to PAGE
    marked: int = 0  # first-page hits whose highlights are exactly the truth in their window
    shown: int = 0  # first-page hits
    first: float | None = None  # word-first share of the first page against the best possible
    ms: float = 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0


@dataclass
class Truth:
    """Where a query truly occurs in each note: spans of the note's own text."""

    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    starts: set[int] = field(default_factory=set)  # notes where it stands at the start of a word


def fold_spans(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The truth's own folding, independent of journal's: NFKC a character at a time (Hangul compatibility
    jamo kept, emoji variation selectors dropped), with the span each folded character came from."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for index, char in enumerate(text):
        folded = char if char.isascii() or "\u3130" <= char <= "\u318f" else unicodedata.normalize("NFKC", char)
        folded = folded.replace("\ufe0e", "").replace("\ufe0f", "")
        if not folded and spans:  # a variation selector belongs to the emoji before it
            start = spans[-1][0]
            spans = [(s, index + 1) if s == start else (s, e) for s, e in spans]
        out.append(folded)
        spans += [(index, index + 1)] * len(folded)
    return "".join(out), spans


def _pattern(query: str) -> tuple[list[re.Pattern[str]], bool]:
    """Regexes (on folded, lowercased text) that all must match, and whether it is English stem semantics."""
    words = fold_spans(query)[0].lower().split()
    english = len(words) == 1 and re.fullmatch(r"[a-z]+", words[0]) is not None
    found = []
    for word in words:
        escaped = re.escape(word)
        if re.match(r"[0-9a-z]", word):  # a Latin word or number starts a word
            escaped = r"(?<![0-9a-z])" + escaped
        if re.search(r"[0-9a-z]$", word):
            escaped += r"(?![0-9a-z])"
        found.append(re.compile(f"(?=({escaped}))"))
    return found, english


def truth(query: str, notes: dict[int, str]) -> Truth:
    from whoosh.lang.porter import stem

    patterns, english = _pattern(query)
    typed = fold_spans(query)[0].lower()
    wanted = stem(typed) if english else ""
    result = Truth()
    for note_id, text in notes.items():
        flat = text.replace("\n", " ")
        folded, where = fold_spans(flat)
        lowered = folded.lower()
        if english:
            hits = [m.span() for m in re.finditer(r"[0-9a-z]+", lowered) if stem(m.group()) == wanted]
            exact = any(lowered[s:e] == typed for s, e in hits)
        else:  # every occurrence, overlapping ones too (ㅋㅋ twice in ㅋㅋㅋ)
            per = [[(m.start(), m.start() + len(m.group(1))) for m in p.finditer(lowered)] for p in patterns]
            hits = [span for spans in per for span in spans] if all(per) else []
            exact = any(s == 0 or not lowered[s - 1].isalnum() for s, _ in hits)
        if hits:
            result.spans[note_id] = sorted((where[s][0], where[e - 1][1]) for s, e in hits)
            if exact:
                result.starts.add(note_id)
    return result


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _highlight_ok(snippet: str, marks: tuple[tuple[int, int], ...], flat: str, spans: list[tuple[int, int]]) -> bool:
    """The marks are exactly the true spans inside the window, the window holds one, starts between words."""
    inner = snippet[1:] if snippet.startswith("…") else snippet
    inner = inner[:-1] if snippet.endswith("…") and len(inner) < len(flat) else inner
    start = 0 if not snippet.startswith("…") else flat.find(inner)
    if start < 0:
        return False
    end = start + len(inner)
    shift = 1 if snippet.startswith("…") else 0
    want = [
        (max(s, start) - start + shift, min(e, end) - start + shift) for s, e in _merge(spans) if e > start and s < end
    ]
    # between words: after a space or punctuation, where the script changes; in Japanese or Chinese (no
    # spaces) between any characters
    before, after = (flat[start - 1], flat[start]) if start else (" ", " ")
    boundary = not (before.isalnum() and after.isalnum()) or _no_spaces(after) or _no_spaces(before)
    boundary = boundary or bool(re.match(f"[{HANGUL}]", before)) != bool(re.match(f"[{HANGUL}]", after))
    return bool(want) and list(marks) == want and boundary


def _no_spaces(char: str) -> bool:
    return re.match(f"[{HAN}{KANA}]", char) is not None


def measure(
    home: Path, queries: Iterable[str] | dict[str, list[str]] = QUERIES, *, rebuild: bool = True
) -> list[Score]:
    from journal.repository import entry_rows
    from journal.search.schema import indexed_text
    from journal.services import Journal

    classes = queries if isinstance(queries, dict) else {"korean": list(queries)}
    scores = []
    with Journal(home) as journal:
        if rebuild:
            journal.index.rebuild()
        entries = list(entry_rows.entries_by_ids(journal.conn, entry_rows.live_ids_newest_first(journal.conn)))
        notes = {e.id: indexed_text(e) for e in entries}
        bodies = {e.id: e.body for e in entries}
        for kind, asked in classes.items():
            for query in asked:
                known = truth(query, notes)
                expected = set(known.spans)
                found = {hit.entry.id for hit in journal.index.search(query, limit=len(notes) + 1)}
                began = time.perf_counter()
                page = journal.index.search(query, limit=PAGE)
                took = (time.perf_counter() - began) * 1000
                ids = [hit.entry.id for hit in page]
                score = Score(query, kind, len(expected), len(found), len(expected & found), ms=took)
                score.top_ok = set(ids) <= expected and len(ids) == min(PAGE, len(expected))
                score.shown = len(page)
                body_truth = truth(query, bodies)
                for hit in page:
                    flat = hit.entry.body.replace("\n", " ")
                    spans = body_truth.spans.get(hit.entry.id, [])
                    score.marked += _highlight_ok(hit.snippet, hit.spans, flat, spans)
                best = min(PAGE, len(known.starts))
                if best and (kind in ("one-syllable", "english") or (kind == "korean" and len(query) <= 2)):
                    score.first = sum(i in known.starts for i in ids) / best
                scores.append(score)
    return scores


def derive_queries(notes: list[str], per_class: int = 12, seed: int = 21) -> dict[str, list[str]]:
    """Queries of every class, drawn from the notes themselves (so each has something to find)."""
    rng = random.Random(seed)
    text = "\n".join(notes)
    words = re.findall(r"\S+", text)

    def pick(items: Iterable[str], count: int = per_class) -> list[str]:
        unique = sorted(set(items))
        rng.shuffle(unique)
        return unique[:count]

    hangul_words = [w.strip(".,()[]「」『』\"'·:;!?") for w in words]
    hangul_words = [w for w in hangul_words if re.fullmatch(f"[{HANGUL}]{{2,}}", w)]
    korean = pick(w[: rng.randint(2, min(4, len(w)))] for w in hangul_words)
    pairs = [line.split() for line in notes]
    korean += pick(
        (
            " ".join(rng.sample([w for w in pair if re.fullmatch(f"[{HANGUL}]{{2,}}", w)], 2))
            for pair in pairs
            if sum(bool(re.fullmatch(f"[{HANGUL}]{{2,}}", w)) for w in pair) >= 2
        ),
        per_class // 3,
    )
    korean += [jamo for jamo in ("ㅋㅋ", "ㅠㅠ") if jamo in text]
    syllables = ["산", "눈", "말", "밤", "차", *pick(re.findall(f"(?<![{HANGUL}])([{HANGUL}])[{HANGUL}]", text), 5)]
    mixed = pick(
        m.group(1) + m.group(2)[: rng.randint(1, 2)]
        for m in re.finditer(f"(?<![A-Za-z0-9])([A-Za-z0-9]+)([{HANGUL}]+)", text)
    )
    han_runs = re.findall(f"[{HAN}]{{3,}}", text)
    hanja = pick(_inner(run, rng) for run in han_runs) + pick(re.findall(f"[{HAN}]", text), per_class // 3)
    kana_runs = [run for run in re.findall(f"[{HAN}{KANA}]{{4,}}", text) if re.search(f"[{KANA}]", run)]
    kana = pick(_inner(run, rng) for run in kana_runs) + pick(re.findall(f"[{KANA}]", text), per_class // 3)
    wide = pick(_full_width(m.group()) for m in re.finditer(f"(?<![A-Za-z0-9])[A-Za-z]{{2,}}[{HANGUL}]?", text))
    wide += pick(_half_width(m.group()) for m in re.finditer("[Ａ-Ｚａ-ｚ]{2,}", text))
    symbols = pick(re.findall(r"[\U0001F300-\U0001FAFF☕❤★♡→♪]|\^\^", text))
    symbols += pick(re.findall(rf"(?:[\U0001F300-\U0001FAFF☕★♡→※]|\^\^)[{HANGUL}]{{2}}", text), per_class // 2)
    english = pick(w.lower() for w in re.findall(r"(?<![A-Za-z])[A-Za-z]{4,}(?![A-Za-z])", text))
    found = {
        "korean": korean, "one-syllable": syllables, "mixed": mixed, "hanja": hanja, "kana": kana,
        "full-width": wide, "symbols": symbols, "english": english,
    }  # fmt: skip
    return {kind: queries for kind, queries in found.items() if queries}


def _inner(run: str, rng: random.Random) -> str:
    length = rng.randint(2, min(3, len(run) - 1))
    start = rng.randint(1, len(run) - length)
    return run[start : start + length]


def _full_width(word: str) -> str:
    return re.sub("[A-Za-z0-9]", lambda m: chr(ord(m.group()) + 0xFEE0), word)


def _half_width(word: str) -> str:
    return re.sub("[Ａ-Ｚａ-ｚ０-９]", lambda m: chr(ord(m.group()) - 0xFEE0), word)


def by_class(scores: list[Score]) -> dict[str, dict[str, float]]:
    """Per class: queries, recall and precision (over all their matches), highlight accuracy, the share of
    first pages right, word-first quality (mean), median ms."""
    table = {}
    for kind in dict.fromkeys(s.kind for s in scores):
        mine = [s for s in scores if s.kind == kind]
        expected, found, correct = (sum(getattr(s, a) for s in mine) for a in ("expected", "found", "correct"))
        firsts = [s.first for s in mine if s.first is not None]
        table[kind] = {
            "queries": len(mine),
            "matches": expected,
            "recall": correct / expected if expected else 1.0,
            "precision": correct / found if found else 1.0,
            "highlights": sum(s.marked for s in mine) / max(1, sum(s.shown for s in mine)),
            "first page": sum(s.top_ok for s in mine) / len(mine),
            "word-first": statistics.mean(firsts) if firsts else float("nan"),
            "ms": statistics.median(s.ms for s in mine),
        }
    return table


def report(scores: list[Score], title: str) -> str:
    lines = [
        f"| class ({title}) | queries | true matches | recall | precision | highlights | first page | word-first "
        "| p50 ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for kind, row in by_class(scores).items():
        first = "–" if row["word-first"] != row["word-first"] else f"{row['word-first']:.2f}"
        lines.append(
            f"| {kind} | {row['queries']} | {row['matches']:,} | {row['recall']:.3f} | {row['precision']:.3f} | "
            f"{row['highlights']:.3f} | {row['first page']:.2f} | {first} | {row['ms']:.1f} |"
        )
    return "\n".join(lines)


def load_notes(home: Path, bodies: list[str]) -> None:
    """Write these bodies into a new journal, one a day going back, newest first (the bulk path)."""
    import uuid
    from datetime import UTC, datetime, timedelta
    from datetime import time as day_time

    from bench.generate import END_DAY, Note, load

    made = []
    for index, body in enumerate(bodies):
        day = END_DAY - timedelta(days=index // 2)
        created = datetime.combine(day, day_time(9 + index % 2), tzinfo=UTC)
        made.append(Note(str(uuid.UUID(int=index + 1)), day, created, body, False))
    load(home, made)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.recall", description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=3650)
    parser.add_argument("--corpus", action="store_true", help="real text from packages, every class of query")
    parser.add_argument("--per-class", type=int, default=16)
    parser.add_argument("--detail", action="store_true", help="a line per query")
    args = parser.parse_args(argv)
    if args.notes < 1:
        parser.error("--notes must be at least 1")
    with tempfile.TemporaryDirectory(prefix="journal-recall-") as tmp:
        home = Path(tmp) / "home"
        if args.corpus:
            from bench.corpus import real_notes

            bodies, said = real_notes(args.notes)
            for line in said:
                print(line)
            load_notes(home, bodies)
            scores = measure(home, derive_queries(bodies, args.per_class))
            title = f"{len(bodies):,} notes of real text"
        else:
            generate(home, args.notes)
            scores = measure(home)
            title = f"{args.notes:,} generated notes"
    print(report(scores, title))
    if args.detail:
        print("\n| class | query | true | found | recall | precision | highlights | first page | word-first | ms |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for s in scores:
            first = "–" if s.first is None else f"{s.first:.2f}"
            print(
                f"| {s.kind} | {s.query} | {s.expected:,} | {s.found:,} | {s.recall:.3f} | {s.precision:.3f} | "
                f"{s.marked}/{s.shown} | {'ok' if s.top_ok else 'WRONG'} | {first} | {s.ms:.1f} |"
            )
    perfect = all(s.recall == 1.0 and s.precision == 1.0 and s.top_ok for s in scores)
    print(f"\nrecall and precision 1.0 with right first pages for every query: {perfect}")
    return 0 if perfect else 1


if __name__ == "__main__":
    sys.exit(main())
