"""The streaming import's memory and speed: a jrnl file of N notes over Y years, imported as a whole process.

    python -m bench.import_stream --notes 1000000 --years 50      # ~250 MB of jrnl text; minutes
    python -m bench.import_stream --notes 10000 --years 50        # the small twin

Reports the peak RSS (from wait4) and the time of `journal import` in three runs on fresh journals:
storing only (`--dry-run`: read, dedupe and insert, then rolled back), the import with its search index
built, and a re-import of the same file (every note a duplicate). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.generate import ENGLISH, TAGS, korean_sentences


def write_heavy_jrnl(path: Path, notes: int, years: int, seed: int = 22) -> None:
    """`notes` notes spread evenly over `years` years ending 2026-11-22, in jrnl's default time format."""
    rng = random.Random(seed)
    korean = korean_sentences()
    days = years * 365
    start = date(2026, 11, 22) - timedelta(days=days - 1)
    with path.open("w", encoding="utf-8") as out:
        for i in range(notes):
            day = start + timedelta(days=i * days // notes)
            minute = (i * 7) % (24 * 60)
            words = rng.choice(korean) if rng.random() < 0.6 else rng.choice(ENGLISH)
            tag = f" #{rng.choice(TAGS)}" if rng.random() < 0.3 else ""
            star = " *" if rng.random() < 0.05 else ""
            body = f"\n{rng.choice(ENGLISH)}" if rng.random() < 0.15 else ""
            out.write(f"[{day.isoformat()} {minute // 60:02d}:{minute % 60:02d}] {words} {i}{tag}{star}{body}\n\n")


def measure(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, output) of one `journal …` process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "journal", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    output = process.stdout.read().decode() if process.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"journal {' '.join(args)} failed:\n{output}")
    return seconds, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=50)
    parser.add_argument("--keep", metavar="FOLDER", help="work here and keep the files (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        source = work / f"heavy-{args.notes}.txt"
        if not source.exists():
            write_heavy_jrnl(source, args.notes, args.years)
        size = source.stat().st_size / 1e6
        print(f"{args.notes:,} notes over {args.years} years: {source} ({size:.1f} MB)", flush=True)
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        base |= {"TZ": "Asia/Seoul", "JOURNAL_NOW": "2026-11-23T09:00:00+09:00"}
        for label, home, extra in (
            ("dry run (read, dedupe, insert, roll back)", "dry", ["--dry-run"]),
            ("import, then the search index", "real", []),
            ("re-import (every note already there)", "real", []),
        ):
            env = {**base, "JOURNAL_HOME": str(work / f"home-{home}-{args.notes}")}
            seconds, peak, output = measure(["import", str(source), "--format", "jrnl", *extra], env)
            rate = args.notes / seconds
            print(f"{label}: {seconds:.1f} s ({rate:,.0f} notes/s), peak RSS {peak:.0f} MB", flush=True)
            print("   " + " | ".join(line for line in output.splitlines() if line.strip())[:300], flush=True)


if __name__ == "__main__":
    main()
