"""The bench's tables, in Markdown: whole processes, jrnl side by side, in-process search against FTS5.

With more than one size, every figure of a larger journal also shows its ratio to the first (smallest)
size's: for the heavy writer, 1,000,000 notes over 50 years against its twin of 10,000 over the same years.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    peak_kb: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def cell(self) -> str:
        return f"{secs(self.median)}, {self.peak_kb / 1024:.0f} MB"


@dataclass
class SizeResult:
    notes: int
    years: int | None = None
    ours: dict[str, Timing] = field(default_factory=dict)
    jrnl: dict[str, Timing] = field(default_factory=dict)
    rebuild: Timing | None = None
    fts_build_seconds: float = 0.0
    search: dict[str, list[float]] = field(default_factory=dict)  # kind -> latencies (s)
    fts: dict[str, list[float]] = field(default_factory=dict)
    add_and_index: list[float] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.notes:,} notes" + (f" over {self.years} years" if self.years else "")

    @property
    def rebuild_rate(self) -> float:
        return self.notes / self.rebuild.median if self.rebuild else 0.0


def secs(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def ms(value: float) -> str:
    return f"{value * 1000:.1f}"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ratio(ours: float, other: float) -> str:
    if not other:
        return "–"
    value = ours / other
    return f"{value:.2g}×" if value < 0.1 else f"{value:.2f}×"  # two significant figures below 0.1


def report(results: list[SizeResult], runs: int) -> str:
    twin, larger = results[0], results[1:]
    versus = [f"× at {twin.notes:,}" for _ in larger]
    lines = [
        f"### Whole processes (median of {runs} after a warm-up; peak RSS)",
        "",
        "| operation | " + " | ".join([*(r.label for r in results), *versus]) + " |",
        "| --- |" + " --- |" * (len(results) + len(larger)),
    ]
    for name in twin.ours:
        cells = [r.ours[name].cell() for r in results]
        cells += [ratio(r.ours[name].median, twin.ours[name].median) for r in larger]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    rebuild = [f"{r.rebuild_rate:,.0f} notes/s, {r.rebuild.peak_kb / 1024:.0f} MB" for r in results if r.rebuild]
    if len(rebuild) == len(results):
        rebuild += [ratio(r.rebuild_rate, twin.rebuild_rate) for r in larger]
        lines.append("| journal index rebuild (one run) | " + " | ".join(rebuild) + " |")
    if any(r.jrnl for r in results):
        lines += ["", "### Side by side with jrnl 4.6 (same notes, same runs)", ""]
        lines += ["| notes | operation | ours | jrnl | ours / jrnl |", "| --- | --- | --- | --- | --- |"]
        for r in results:
            for name, theirs in r.jrnl.items():
                ours = r.ours[name]
                lines.append(
                    f"| {r.notes:,} | {name} | {ours.cell()} | {theirs.cell()} | {ratio(ours.median, theirs.median)} |"
                )
    lines += ["", *search_table(results)]
    return "\n".join(lines) + "\n"


def search_table(results: list[SizeResult]) -> list[str]:
    lines = [
        "### In-process search, top 20 with highlights: ours (Whoosh) and SQLite FTS5 trigram (ms)",
        "",
        "| notes | queries | ours p50 | ours p95 | FTS5 p50 | FTS5 p95 | ours / FTS5 p50 | ours / FTS5 p95 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        every = [("all", [s for v in r.search.values() for s in v], [s for v in r.fts.values() for s in v])]
        for kind, ours_ms, fts_ms in [*every, *((k, r.search[k], r.fts[k]) for k in r.search)]:
            o50, o95, f50, f95 = pct(ours_ms, 0.5), pct(ours_ms, 0.95), pct(fts_ms, 0.5), pct(fts_ms, 0.95)
            lines.append(
                f"| {r.notes:,} | {kind} ({len(ours_ms)}) | {ms(o50)} | {ms(o95)} | {ms(f50)} | {ms(f95)} "
                f"| {ratio(o50, f50)} | {ratio(o95, f95)} |"
            )
    lines += ["", "| notes | index build: ours | FTS5 | ours / FTS5 | one add + index, in-process (median) |"]
    lines.append("| --- | --- | --- | --- | --- |")
    for r in results:
        fts_rate = r.notes / r.fts_build_seconds
        lines.append(
            f"| {r.notes:,} | {r.rebuild_rate:,.0f} notes/s | {fts_rate:,.0f} notes/s | "
            f"{r.rebuild_rate / fts_rate:.3f}× | {ms(statistics.median(r.add_and_index))} ms |"
        )
    return lines
