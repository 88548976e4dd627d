"""TUI day switch: how long `[` and `]` take between a day of 40 notes and a day of 2, and a live reload of
the long day (a note added elsewhere), headless with Pilot, in one process.

    python -m bench.tui_day_switch --runs 7

The journal is built in a temporary JOURNAL_HOME: 40 notes on 2026-11-20 (Korean and English, some on
several lines, some Markdown, tags, a star, a second notebook) and 2 on 2026-11-21; the app's clock is
stopped at 2026-11-23 10:00 (Asia/Seoul). Each switch is timed from the key press until the list shows the
new day's notes, and until the app is idle: no worker running, every widget's queue processed, and then
a 10 ms window with almost no CPU (its start is the time reported). CPU time used by the process over the
same span is reported too: on a shared machine it is the steadier figure.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

LONG_DAY = date(2026, 11, 20)
SHORT_DAY = date(2026, 11, 21)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Seoul"))
SIZE = (100, 30)
QUIET = 0.010  # seconds of near-zero CPU that count as idle
QUIET_CPU = 0.0005

_NOTES = (
    "오늘은 양자화를 공부했다 #경량화",
    "Took the toy model apart end to end #built",
    "몸을 쓰는 것: 설거지, 운동\n스탠다드한 일상을 유지하기 #routine",
    "**Distillation** notes: the *teacher* logits matter more than I thought",
    "- 논문 읽기\n- 코드 정리\n- 산책 30분",
    "근데 슬럼프가 온다고 해서 죽진 않더라구요 #슬럼프",
    "Read about `int8` kernels; the `scale` per channel is the trick",
    "> 천천히 가도 멈추지만 않으면 된다\n오늘 들은 말",
    "Coffee with J. Talked about the [paper](https://example.com/paper) and the deadline.",
    "1. 데이터 정리\n2. 학습 다시 돌리기\n3. 결과 비교 #실험",
    "A long English note that wraps across the width of the terminal more than once, because it keeps "
    "going about the evaluation set, the metrics, and why the numbers moved after the last change.",
    "점심: 김치찌개. 오후에는 회의가 세 개나 있었다. 피곤하다.",
    "# Plan\nfinish the draft, send it to the group",
    "운동 40분 #routine #건강",
    "Fixed the bug in the tokenizer: 한글 bigrams were split at the wrong place",
    "~~skip the gym~~ went anyway",
)


def build(home: Path) -> None:
    from journal.clock import FixedClock
    from journal.dates import When
    from journal.services import Journal

    with Journal(home, clock=FixedClock(NOW)) as journal:
        journal.seed.remove()
        journal.notebooks.add("work")
        for i in range(40):
            text = _NOTES[i % len(_NOTES)]
            when = When(LONG_DAY, clock_time(7 + i // 3, (i * 17) % 60))
            notebook = "work" if i % 7 == 3 else None
            journal.entries.add(text, when=when, notebook=notebook, starred=i % 9 == 4, parse_prefix=False)
        for i, text in enumerate(("짧은 날의 첫 메모 #short", "And an English one, **bold**")):
            journal.entries.add(text, when=When(SHORT_DAY, clock_time(9 + i, 30)), parse_prefix=False)


class _Timer:
    """Waits for a condition, then for the app to be idle, and says how long each took from `start`."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot

    async def until(self, start: float, cpu_start: float, shown: Callable[[], bool]) -> tuple[float, float, float]:
        app = self.pilot.app
        while not shown():
            await asyncio.sleep(0.001)
        shown_at = time.perf_counter() - start
        while True:
            await app.workers.wait_for_complete()
            await self.pilot._wait_for_screen()
            quiet_from, cpu = time.perf_counter(), time.process_time()
            await asyncio.sleep(QUIET)
            if time.process_time() - cpu < QUIET_CPU and not app.workers._workers:
                return shown_at, quiet_from - start, cpu - cpu_start


def _shows(screen, day: date, count: int) -> Callable[[], bool]:
    from journal.tui.widgets.entry_list import EntryItem

    def check() -> bool:
        items = list(screen.entries.query(EntryItem))
        return len(items) == count and all(item.entry.day == day for item in items) and screen.day == day

    return check


async def _run(home: Path, runs: int) -> dict[str, list[tuple[float, float, float]]]:
    from journal.clock import FixedClock
    from journal.dates import When
    from journal.services import Journal
    from journal.tui.app import make_app

    app = make_app(home, clock=FixedClock(NOW), live_every=3600)
    results: dict[str, list[tuple[float, float, float]]] = {"to 40": [], "to 2": [], "live 40": []}
    async with app.run_test(size=SIZE) as pilot:
        timer = _Timer(pilot)
        screen = app.day_screen
        await timer.until(time.perf_counter(), time.process_time(), lambda: screen._opened)
        screen.show_day(SHORT_DAY)
        await timer.until(time.perf_counter(), time.process_time(), _shows(screen, SHORT_DAY, 2))
        screen.entries.focus()
        await pilot.pause()
        long_count = 40
        for run in range(runs + 1):  # the first round warms caches and is dropped
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press("[")
            to_long = await timer.until(start, cpu, _shows(screen, LONG_DAY, long_count))
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press("]")
            to_short = await timer.until(start, cpu, _shows(screen, SHORT_DAY, 2))
            screen.show_day(LONG_DAY)
            await timer.until(time.perf_counter(), time.process_time(), _shows(screen, LONG_DAY, long_count))
            with Journal(home, clock=FixedClock(NOW)) as other:  # a write made elsewhere
                other.entries.add(f"elsewhere {run}", when=When(LONG_DAY, clock_time(23, run)), parse_prefix=False)
            long_count += 1
            start, cpu = time.perf_counter(), time.process_time()
            screen.data_changed(-1 - run)  # as the live look would, a second later
            live = await timer.until(start, cpu, _shows(screen, LONG_DAY, long_count))
            screen.show_day(SHORT_DAY)
            await timer.until(time.perf_counter(), time.process_time(), _shows(screen, SHORT_DAY, 2))
            if run:
                results["to 40"].append(to_long)
                results["to 2"].append(to_short)
                results["live 40"].append(live)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the whole run here")
    args = parser.parse_args()
    os.environ["TZ"] = "Asia/Seoul"
    time.tzset()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        os.environ["JOURNAL_HOME"] = str(home)
        build(home)
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            results = profiler.runcall(asyncio.run, _run(home, args.runs))
            profiler.dump_stats(args.profile)
        else:
            results = asyncio.run(_run(home, args.runs))
    print(f"TUI day switch, headless {SIZE[0]}x{SIZE[1]}, median of {args.runs} (ms):")
    for name, rows in results.items():
        shown, idle, cpu = (statistics.median(row[i] for row in rows) * 1000 for i in range(3))
        print(f"  {name:8} notes shown {shown:6.0f}   idle {idle:6.0f}   cpu {cpu:6.0f}")


if __name__ == "__main__":
    main()
