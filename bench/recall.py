"""Recall and precision of Korean search against the plain truth: "the query is a substring of the note".

    python -m bench.recall --notes 3650

Generates a journal (bench/generate.py), builds its index, and for each Korean query compares what
`journal search` finds (no limit) with the notes whose text contains every query word. Particles
(`슬럼프가` for `슬럼프`), compounds (`모델경량화`) and one-syllable words (`팁`) are all substrings, so
the ideal is 1.0 / 1.0 for every query.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Score:
    query: str
    expected: int
    found: int
    correct: int
    top_ok: bool  # the first page (20) holds only true matches, and as many as there are up to 20

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0


def measure(home: Path, queries: tuple[str, ...] = QUERIES) -> list[Score]:
    from journal.repository import entry_rows
    from journal.search.schema import indexed_text
    from journal.services import Journal
    from journal.text import nfc

    with Journal(home) as journal:
        journal.index.rebuild()
        notes = {
            e.id: nfc(indexed_text(e))
            for e in entry_rows.entries_by_ids(journal.conn, entry_rows.live_ids_newest_first(journal.conn))
        }
        scores = []
        for query in queries:
            words = query.split()
            expected = {i for i, text in notes.items() if all(w in text for w in words)}
            found = {hit.entry.id for hit in journal.index.search(query, limit=len(notes) + 1)}
            page = [hit.entry.id for hit in journal.index.search(query, limit=20)]
            top_ok = set(page) <= expected and len(page) == min(20, len(expected))
            scores.append(Score(query, len(expected), len(found), len(expected & found), top_ok))
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.recall", description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=3650)
    args = parser.parse_args(argv)
    if args.notes < 1:
        parser.error("--notes must be at least 1")
    with tempfile.TemporaryDirectory(prefix="journal-recall-") as tmp:
        home = Path(tmp) / "home"
        generate(home, args.notes)
        scores = measure(home)
    print(f"| query ({args.notes:,} notes) | notes containing it | found | recall | precision | first page |")
    print("| --- | --- | --- | --- | --- | --- |")
    for s in scores:
        page = "ok" if s.top_ok else "WRONG"
        print(f"| {s.query} | {s.expected:,} | {s.found:,} | {s.recall:.3f} | {s.precision:.3f} | {page} |")
    perfect = all(s.recall == 1.0 and s.precision == 1.0 and s.top_ok for s in scores)
    print(f"\nall queries 1.0 / 1.0: {perfect}")
    return 0 if perfect else 1


if __name__ == "__main__":
    sys.exit(main())
