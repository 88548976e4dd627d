"""Import and export of a generated journal, as whole processes.

    python -m bench.import_export --notes 36500 [--runs 3]

Writes the notes in jrnl's format, imports them into a fresh journal home (`journal import`, which
also builds the search index: both phases are reported), re-imports them (all duplicates), exports
them as jrnl / json / md, and checks that the jrnl export is byte-for-byte the file imported.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import write_jrnl


def _run(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "journal", *args], env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, done.stdout + done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=36500)
    parser.add_argument("--runs", type=int, default=1, help="repeat the re-import and exports this often")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "journal.txt"
        write_jrnl(source, args.notes)
        env = {**os.environ, "JOURNAL_HOME": str(work / "home"), "TZ": "Asia/Seoul"}
        wall, out = _run(["import", str(source), "--format", "jrnl"], env)
        phase = re.search(r"in ([\d.]+) s", out)
        indexed = re.search(r"Indexed for search in ([\d.]+) s", out)
        print(f"import of {args.notes:,} notes (jrnl text, {source.stat().st_size / 1e6:.1f} MB): {wall:.1f} s wall")
        storing, indexing = (m.group(1) if m else "?" for m in (phase, indexed))
        print(f"  of which: storing {storing} s, indexing {indexing} s")
        timings: dict[str, list[float]] = {}
        for _ in range(args.runs):
            for name, command in (
                ("re-import (all duplicates)", ["import", str(source), "--format", "jrnl"]),
                ("export jrnl", ["export", "--format", "jrnl", "-o", str(work / "back.txt")]),
                ("export json (lossless)", ["export", "--format", "json", "-o", str(work / "all.json")]),
                ("export md (one file per day)", ["export", "--format", "md", "-o", f"{work / 'md'}/"]),
            ):
                timings.setdefault(name, []).append(_run(command, env)[0])
        for name, values in timings.items():
            print(f"{name}: {statistics.median(values):.1f} s (median of {len(values)})")
        same = (work / "back.txt").read_bytes() == source.read_bytes()
        print(f"jrnl export identical to the imported file: {same}")


if __name__ == "__main__":
    main()
