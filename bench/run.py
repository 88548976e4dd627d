"""The benchmark suite: our journal against jrnl (whole processes) and SQLite FTS5 (in-process search).

    python -m bench                      # 3,650, 36,500 and 100,000 notes; ~25 min; installs jrnl once
    python -m bench --sizes 36500 --runs 5 --out bench/results.md
    python -m bench --quick --no-jrnl    # the smoke run the test suite does: 3,650 notes, one run each
    python -m bench --heavy --data /tmp/bench-data   # 1,000,000 notes over 50 years beside 10,000 over 50

For every size a fresh journal is generated (bench/generate.py, deterministic: 1–3 notes a day, or with
`--years` spread over that many years), its search index built by `journal index rebuild`, and the same
notes written in jrnl's text format. Whole processes are timed as the median of `--runs` runs after one
warm-up run, with their peak RSS (from `wait4`); with several sizes each figure also gets its ratio to
the first size's. jrnl runs from its own venv (`bench/.jrnl-venv`, created on first use: it pins an older
python-dateutil). `--data DIR` keeps the generated journals and their indexes there (a million notes
take minutes to generate and index) and measures a fresh copy of them in every run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.generate import END_DAY, generate, write_jrnl
from bench.report import SizeResult, Timing, report

BENCH_DIR = Path(__file__).resolve().parent
JRNL_VENV = BENCH_DIR / ".jrnl-venv"
JRNL_VERSION = "jrnl==4.6"
SIZES = (3650, 36500, 100_000)
HEAVY = (10_000, 1_000_000)  # the heavy writer and its twin, both over HEAVY_YEARS
HEAVY_YEARS = 50
TUI = "TUI start-up to today's notes and streak shown"
NOW = "2026-11-23T09:00:00+09:00"  # the day after the generated journal's last day
MONTH = ("2026-10-01", "2026-10-31")


@dataclass(frozen=True)
class Operation:
    """One thing a user does, as our command and (where jrnl has one) jrnl's."""

    name: str
    ours: tuple[str, ...]
    jrnl: tuple[str, ...] | None = None


OPERATIONS = (
    Operation(
        "add a note", ("add", "벤치 노트: measured the add path again #bench"), ("벤치 노트: measured the add path",)
    ),
    Operation("list -n 10", ("list", "-n", "10"), ("-n", "10")),
    Operation("list one month", ("list", "--from", MONTH[0], "--to", MONTH[1]), ("-from", MONTH[0], "-to", MONTH[1])),
    Operation("search Korean term", ("search", "경량화"), ("-contains", "경량화")),
    Operation("search English term", ("search", "model"), ("-contains", "model")),
    Operation("search two terms", ("search", "슬럼프 질문"), ("-contains", "슬럼프", "-contains", "질문", "-and")),
    Operation("search phrase", ("search", '"standard routine"'), ("-contains", "standard routine")),
    Operation("search tag", ("search", "#built"), ("#built",)),
    Operation("search with date filter", ("search", f"model from:{MONTH[0]} to:{MONTH[1]}"), None),
    Operation("digest", ("digest",)),
    Operation("stats", ("stats",)),
)


@dataclass(frozen=True)
class SearchCase:
    """An in-process query, ours and its SQLite FTS5 (trigram) equivalent."""

    kind: str
    ours: str
    fts_phrases: tuple[str, ...]  # all must occur (substring, as our bigram phrases)
    days: tuple[str, str] | None = None


SEARCH_CASES = (
    SearchCase("term", "경량화", ("경량화",)),
    SearchCase("term", "슬럼프", ("슬럼프",)),
    SearchCase("term", "질문", ("질문",)),
    SearchCase("term", "model", ("model",)),
    SearchCase("term", "paper", ("paper",)),
    SearchCase("term", "슬럼프 질문", ("슬럼프", "질문")),
    SearchCase("phrase", '"standard routine"', ("standard routine",)),
    SearchCase("phrase", '"temperature trick"', ("temperature trick",)),
    SearchCase("prefix", "distill*", ("distill",)),
    SearchCase("prefix", "quantiz*", ("quantiz",)),
    SearchCase("tag", "#built", ("#built",)),
    SearchCase("tag", "#경량화", ("#경량화",)),
    SearchCase("date", f"model from:{MONTH[0]} to:{MONTH[1]}", ("model",), MONTH),
    SearchCase("date", "질문 on:2026-11-20", ("질문",), ("2026-11-20", "2026-11-20")),
)


class BenchError(Exception):
    pass


# -- whole processes ------------------------------------------------------------------------------


# The process is started by a small launcher: a child forked from this (large) process would report
# this process's RSS as its own peak, since Linux carries the peak across fork and exec.
_LAUNCHER = """
import os, subprocess, sys, time
started = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def timed_process(argv: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak RSS (KB) of one process, which must succeed."""
    done = subprocess.run([sys.executable, "-c", _LAUNCHER, *argv], env=env, capture_output=True, text=True)
    wall, peak, code = done.stdout.split()
    if int(code) != 0:
        message = done.stderr.strip().splitlines()
        raise BenchError(f"{' '.join(argv)} exited {code}: {message[-1] if message else ''}")
    return float(wall), int(peak)


def measure(argv: Sequence[str], env: dict[str, str], runs: int) -> Timing:
    timed_process(argv, env)  # warm-up: disk cache, .pyc files
    timing = Timing()
    for _ in range(runs):
        wall, peak = timed_process(argv, env)
        timing.seconds.append(wall)
        timing.peak_kb = max(timing.peak_kb, peak)
    return timing


def user_environment() -> dict[str, str]:
    """As a user runs it: bytecode caches written (a sandbox's PYTHONDONTWRITEBYTECODE would make every
    run compile our modules afresh, ~50 ms), the journal's time zone."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "TZ": "Asia/Seoul"}


def journal_command() -> list[str]:
    script = Path(sys.executable).with_name("journal")
    return [str(script)] if script.exists() else [sys.executable, "-m", "journal"]


def jrnl_command(config: Path) -> list[str]:
    return [str(JRNL_VENV / "bin" / "jrnl"), "--config-file", str(config)]


def ensure_jrnl() -> None:
    if (JRNL_VENV / "bin" / "jrnl").exists():
        return
    print(f"installing {JRNL_VERSION} into {JRNL_VENV} (once) …", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(JRNL_VENV)], check=True)
    subprocess.run([str(JRNL_VENV / "bin" / "pip"), "install", "--quiet", JRNL_VERSION], check=True)


def write_jrnl_config(folder: Path, journal_file: Path) -> Path:
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals: {{default: {{journal: '{journal_file}'}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n",
        encoding="utf-8",
    )
    return config


# -- in-process search ----------------------------------------------------------------------------


def search_latencies(home: Path, rounds: int) -> dict[str, list[float]]:
    from journal.services import Journal

    latencies: dict[str, list[float]] = {}
    with Journal(home) as journal:
        journal.index.search("warm")  # opens the index and the database once, as the TUI does
        for _ in range(rounds):
            for case in SEARCH_CASES:
                started = time.perf_counter()
                hits = journal.index.search(case.ours, limit=20)
                latencies.setdefault(case.kind, []).append(time.perf_counter() - started)
                if not hits and case.days is None:  # one day of the heavy writer's twin may hold no match
                    raise BenchError(f"our search found nothing for {case.ours!r}")
    return latencies


def add_and_index_latencies(home: Path, count: int) -> list[float]:
    from journal.services import Journal

    seconds = []
    with Journal(home, index_on_write=True) as journal:
        journal.index.search("warm")
        for n in range(count):
            started = time.perf_counter()
            journal.entries.add(f"벤치 in-process note {n}: 경량화를 다시 measured")
            seconds.append(time.perf_counter() - started)
    return seconds


def build_fts(home: Path, target: Path) -> float:
    """SQLite FTS5 with the trigram tokenizer (substring matching, as our bigrams) over the same notes."""
    started = time.perf_counter()
    conn = sqlite3.connect(target)
    conn.execute(f"ATTACH DATABASE 'file:{home / 'journal.db'}?mode=ro' AS j")
    conn.executescript(
        """
        CREATE VIRTUAL TABLE notes USING fts5(body, day UNINDEXED, tokenize='trigram');
        INSERT INTO notes(rowid, body, day)
            SELECT id, body, CAST(replace(day, '-', '') AS INTEGER) FROM j.entries WHERE deleted_at IS NULL;
        """
    )
    conn.commit()
    conn.execute("DETACH DATABASE j")
    conn.close()
    return time.perf_counter() - started


def fts_search(conn: sqlite3.Connection, case: SearchCase) -> list[tuple[int, str]]:
    """Top 20 by bm25 with a highlighted snippet. Trigrams cannot match a phrase shorter than three
    characters (`질문`): those are scanned with instr(), as an FTS5 app would have to."""
    matched = [p for p in case.fts_phrases if len(p) >= 3]
    scanned = [p for p in case.fts_phrases if len(p) < 3]
    where, params = [], []
    if matched:
        where.append("notes MATCH ?")
        params.append(" AND ".join('"' + p.replace('"', '""') + '"' for p in matched))
    for phrase in scanned:
        where.append("instr(body, ?) > 0")  # LIKE on a trigram table also finds nothing for `질문`
        params.append(phrase)
    if case.days:
        where.append("day BETWEEN ? AND ?")
        params.extend(int(d.replace("-", "")) for d in case.days)
    order = "rank" if matched else "day DESC"
    highlight = "snippet(notes, 0, '**', '**', '…', 12)" if matched else "substr(body, 1, 80)"
    sql = f"SELECT rowid, {highlight} FROM notes WHERE {' AND '.join(where)} ORDER BY {order}, day DESC LIMIT 20"
    return conn.execute(sql, params).fetchall()


def fts_latencies(database: Path, rounds: int) -> dict[str, list[float]]:
    latencies: dict[str, list[float]] = {}
    conn = sqlite3.connect(database)
    for _ in range(rounds):
        for case in SEARCH_CASES:
            started = time.perf_counter()
            rows = fts_search(conn, case)
            latencies.setdefault(case.kind, []).append(time.perf_counter() - started)
            if not rows and case.days is None:
                raise BenchError(f"FTS5 found nothing for {case.fts_phrases!r}")
    conn.close()
    return latencies


# -- one size -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    runs: int
    rounds: int
    with_jrnl: bool
    years: int | None = None  # spread each size over this many years (None: 1–3 notes a day)
    data: Path | None = None  # keep generated journals here, and measure copies of them


def prepare(notes: int, plan: Plan, home: Path, say: Callable[[str], None]) -> Timing:
    """The generated journal with its search index at `home`; the rebuild's timing. With `plan.data`,
    made there once (with the rebuild's timing beside it) and copied to `home`."""
    env = {**user_environment(), "JOURNAL_NOW": NOW}
    kept = plan.data / f"{notes}-notes-{plan.years or 'daily'}" if plan.data else home
    if plan.data is None or not (kept / "rebuild.json").exists():
        shutil.rmtree(kept, ignore_errors=True)
        say(f"{notes:,} notes: generating")
        generate(kept, notes, years=plan.years)
        say(f"{notes:,} notes: building the search index (journal index rebuild)")
        wall, peak = timed_process([*journal_command(), "index", "rebuild"], {**env, "JOURNAL_HOME": str(kept)})
        (kept / "rebuild.json").write_text(json.dumps([wall, peak]), encoding="utf-8")
    wall, peak = json.loads((kept / "rebuild.json").read_text(encoding="utf-8"))
    if kept != home:
        say(f"{notes:,} notes: copying the journal kept in {kept}")
        shutil.copytree(kept, home)
    return Timing([wall], peak)


def bench_size(notes: int, work: Path, plan: Plan, say: Callable[[str], None]) -> SizeResult:
    runs, rounds = plan.runs, plan.rounds
    result = SizeResult(notes, plan.years)
    home = work / f"home-{notes}"
    env = {**user_environment(), "JOURNAL_HOME": str(home), "JOURNAL_NOW": NOW}
    result.rebuild = prepare(notes, plan, home, say)
    for op in OPERATIONS:
        say(f"{notes:,} notes: journal {op.ours[0]} ({op.name})")
        result.ours[op.name] = measure([*journal_command(), *op.ours], env, runs)
    say(f"{notes:,} notes: TUI start-up")
    tui = [sys.executable, "-m", "bench.tui_startup", "--home", str(home), "--child"]
    result.ours[TUI] = measure(tui, {**env, "PYTHONPATH": str(BENCH_DIR.parent)}, runs)
    say(f"{notes:,} notes: in-process search, ours and FTS5")
    fts_db = work / f"fts-{notes}.db"
    result.fts_build_seconds = build_fts(home, fts_db)
    result.search = search_latencies(home, rounds)
    result.fts = fts_latencies(fts_db, rounds)
    result.add_and_index = add_and_index_latencies(home, max(3, rounds))
    fts_db.unlink()
    if plan.with_jrnl:
        journal_file = work / f"jrnl-{notes}.txt"
        write_jrnl(journal_file, notes, years=plan.years)
        config = write_jrnl_config(work, journal_file)
        for op in OPERATIONS:
            if op.jrnl is not None:
                say(f"{notes:,} notes: jrnl {' '.join(op.jrnl)}")
                result.jrnl[op.name] = measure([*jrnl_command(config), *op.jrnl], user_environment(), runs)
    shutil.rmtree(home, ignore_errors=True)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated note counts")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each process after a warm-up")
    parser.add_argument("--rounds", type=int, default=15, help=f"rounds of the {len(SEARCH_CASES)} in-process queries")
    parser.add_argument("--quick", action="store_true", help="smoke run: 3,650 notes, one run and one round each")
    parser.add_argument("--no-jrnl", action="store_true", help="leave jrnl out (it needs PyPI the first time)")
    parser.add_argument("--years", type=int, help="spread each size's notes over this many years (default: 1–3 a day)")
    parser.add_argument(
        "--heavy",
        action="store_true",
        help=f"the heavy writer: {HEAVY[1]:,} notes over {HEAVY_YEARS} years beside its twin of {HEAVY[0]:,} "
        "(no jrnl; --runs and --rounds as given)",
    )
    parser.add_argument("--data", type=Path, help="keep the generated journals in this folder and reuse them")
    parser.add_argument("--out", type=Path, help="also write the tables (markdown) to this file")
    args = parser.parse_args(argv)
    if args.heavy:
        args.sizes, args.years, args.no_jrnl = ",".join(map(str, HEAVY)), args.years or HEAVY_YEARS, True
    try:
        sizes = [int(s) for s in args.sizes.split(",")]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 100:
        parser.error(f"--sizes must be comma-separated note counts of at least 100, not {args.sizes!r}")
    if args.runs < 1 or args.rounds < 1:
        parser.error("--runs and --rounds must be at least 1")
    if args.years is not None and not 1 <= args.years <= 100:
        parser.error(f"--years must be from 1 to 100, not {args.years}")
    if args.quick:
        sizes, args.runs, args.rounds = [SIZES[0]], 1, 1
    if not args.no_jrnl:
        ensure_jrnl()

    def say(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    plan = Plan(args.runs, args.rounds, not args.no_jrnl, args.years, args.data)
    if args.data:
        args.data.mkdir(parents=True, exist_ok=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="journal-bench-") as tmp:
        try:
            for notes in sorted(sizes):
                results.append(bench_size(notes, Path(tmp), plan, say))
        except BenchError as exc:
            print(f"bench: {exc}", file=sys.stderr)
            return 1
    header = (
        f"## Results ({time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
        f"{os.cpu_count()} cores; journal generated up to {END_DAY}"
        + (f", each size over {args.years} years" if args.years else ", 1–3 notes a day")
        + ")\n\n"
    )
    text = header + report(results, args.runs)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
