"""`python -m bench --quick` runs end to end, so the benchmark code never rots.

The figures themselves are not asserted (timing goals live in bench/); what is checked is that every
operation was run and measured, on our side and the FTS5 reference, and that bad arguments are refused.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIGURE = r"\d+(\.\d+)? (ms|s), \d+ MB"


def _bench(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "bench", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


def test_quick_bench_measures_every_operation(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    done = _bench("--quick", "--no-jrnl", "--out", str(out), tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    table = out.read_text(encoding="utf-8")
    assert table.strip() in done.stdout
    from bench.run import OPERATIONS, SEARCH_CASES

    for op in OPERATIONS:
        assert re.search(rf"\| {re.escape(op.name)} \| {FIGURE} \|", table), op.name
    assert re.search(rf"\| TUI start-up to today's notes and streak shown \| {FIGURE} \|", table)
    assert re.search(r"\| journal index rebuild \(one run\) \| [\d,]+ notes/s, \d+ MB \|", table)
    for kind in {case.kind for case in SEARCH_CASES}:
        # ours p50, p95, FTS5 p50, p95 and both ratios, for every kind of query
        assert re.search(rf"\| 3,650 \| {kind} \(\d+\) \|( [\d.]+ \|){{4}}( [\d.]+× \|){{2}}", table), kind
    assert re.search(r"\| 3,650 \| [\d,]+ notes/s \| [\d,]+ notes/s \| [\d.]+× \| [\d.]+ ms \|", table)
    assert "Side by side with jrnl" not in table  # --no-jrnl left it out
    assert not list(tmp_path.glob("journal-bench-*")), "the generated journals are removed afterwards"


@pytest.mark.parametrize("sizes", ["ten", "0", "3650,-5", ""])
def test_bad_sizes_are_a_usage_error(sizes: str, tmp_path: Path) -> None:
    done = _bench("--sizes", sizes, "--no-jrnl", tmp_path=tmp_path)
    assert done.returncode == 2
    assert "--sizes must be comma-separated note counts of at least 100" in done.stderr
    assert "Traceback" not in done.stderr


def test_korean_recall_and_precision_are_perfect_on_a_generated_journal(tmp_path: Path) -> None:
    """Against the plain truth (the query is a substring of the note), on 1,500 generated notes."""
    from bench.generate import generate
    from bench.recall import measure

    generate(tmp_path / "home", 1500)
    scores = measure(tmp_path / "home")
    assert all(s.expected > 0 for s in scores)  # every query has something to find
    for s in scores:
        assert (s.recall, s.precision, s.top_ok) == (1.0, 1.0, True), s


def test_the_heavy_writer_is_spread_over_the_years_and_every_figure_has_its_ratio_to_the_twin() -> None:
    import random

    from bench.generate import END_DAY, notes, per_day
    from bench.report import SizeResult, Timing, report

    days = list(per_day(1000, random.Random(8), years=50))
    assert sum(n for _, n in days) == 1000 and days[0][0] <= END_DAY
    assert days[-1][0] > END_DAY.replace(year=END_DAY.year - 50)  # 50 years, not one more day
    assert len(days) > 900  # spread thin: most days have one note
    assert [n.day for n in notes(5, years=50)] == sorted((n.day for n in notes(5, years=50)), reverse=True)

    def sized(count: int, seconds: float) -> SizeResult:
        result = SizeResult(count, 50, rebuild=Timing([count / 5000], 50_000))
        result.ours = {"add a note": Timing([seconds], 17_000), "stats": Timing([seconds * 2], 20_000)}
        result.search = result.fts = {"term": [0.01]}
        result.add_and_index, result.fts_build_seconds = [0.01], 1.0
        return result

    table = report([sized(10_000, 0.1), sized(1_000_000, 0.13)], runs=3)
    assert "| operation | 10,000 notes over 50 years | 1,000,000 notes over 50 years | × at 10,000 |" in table
    assert "| add a note | 100 ms, 17 MB | 130 ms, 17 MB | 1.30× |" in table
    assert "| stats | 200 ms, 20 MB | 260 ms, 20 MB | 1.30× |" in table
    assert "| journal index rebuild (one run) | 5,000 notes/s, 49 MB | 5,000 notes/s, 49 MB | 1.00× |" in table


def test_bad_years_are_a_usage_error(tmp_path: Path) -> None:
    done = _bench("--years", "0", "--no-jrnl", tmp_path=tmp_path)
    assert done.returncode == 2 and "--years must be from 1 to 100" in done.stderr


def test_every_class_of_query_is_exact_on_a_sample_corpus(tmp_path: Path) -> None:
    """The recall bench of issue #21 (`python -m bench.recall --corpus`) on its small written sample: every
    class — Korean words, one-syllable words, mixed words, Hanja, kana, full-width, symbols, English — with
    recall, precision, highlights and first pages all right, and word-first pages where there is a choice."""
    from bench.corpus import sample_notes
    from bench.recall import CLASSES, by_class, derive_queries, load_notes, measure

    bodies = sample_notes(300)
    load_notes(tmp_path / "home", bodies)
    queries = derive_queries(bodies, per_class=8)
    assert set(queries) == set(CLASSES)
    scores = measure(tmp_path / "home", queries)
    assert all(s.expected > 0 for s in scores), [s.query for s in scores if not s.expected]
    for kind, row in by_class(scores).items():
        assert (row["recall"], row["precision"], row["highlights"], row["first page"]) == (1.0, 1.0, 1.0, 1.0), kind
        assert row["word-first"] != row["word-first"] or row["word-first"] == 1.0, kind
