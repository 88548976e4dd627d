"""TUI start-up: a whole process that starts the app headless and exits once today's notes and the
streak are shown (the app is interactive before: the capture line takes text at the first paint).

    python -m bench.tui_startup --home /tmp/j100k --runs 5

Prints the median wall time of the whole process (Python start, imports, database open, first query,
first paint, the streak) and, in-process, the time from app start to the day's notes on screen and to
the streak in the header.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path


async def _until_today_is_shown(home: Path) -> tuple[float, float]:
    from journal.tui.app import make_app

    started = time.perf_counter()
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        empty = app.day_screen.query_one("#empty-day")
        header = app.day_screen.query_one("#day-header")
        while not app.day_screen.query("EntryItem") and "Opening" in str(empty.render()):
            await pilot.pause(0.005)
        shown = time.perf_counter() - started
        while "streak" not in str(header.render()):
            await pilot.pause(0.005)
        streak = time.perf_counter() - started
    return shown, streak


def child(home: Path) -> None:
    shown, streak = asyncio.run(_until_today_is_shown(home))
    print(f"{shown:.4f} {streak:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.home)
        return
    walls, in_app, streaks = [], [], []
    for run in range(args.runs + 1):  # the first run warms the disk cache and is dropped
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "bench.tui_startup", "--home", str(args.home), "--child"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if run:
            walls.append(time.perf_counter() - started)
            shown, streak = out.strip().splitlines()[-1].split()
            in_app.append(float(shown))
            streaks.append(float(streak))
    print(
        f"TUI start-up to today's notes and streak shown ({args.home}): process median "
        f"{statistics.median(walls):.3f} s; app start to notes shown median {statistics.median(in_app):.3f} s, "
        f"to the streak shown {statistics.median(streaks):.3f} s; runs={args.runs}"
    )


if __name__ == "__main__":
    main()
