"""Reviewed SVG snapshots (pytest-textual-snapshot) with a fixed clock and no cursor blink.

After a deliberate change to the look: `pytest tests/tui/test_snapshots.py --snapshot-update`, then review
the SVGs in tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from journal.clock import FixedClock
from journal.services import Journal
from journal.tui.app import make_app
from tests.tui.conftest import settle, type_text

SIZE = (100, 30)


def _fill(home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("yesterday: 경량화 강의 복습 #경량화")
        journal.entries.add("2021-03-19: 근데 슬럼프가 온다고 해서 죽진 않더라구요 #슬럼프")
        journal.entries.add("오늘은 양자화를 공부했다 #경량화", starred=True)
        journal.entries.add("Took the toy model apart end to end #built")
        journal.entries.add("몸을 쓰는 것: 설거지, 운동\n스탠다드한 일상을 유지하기 #routine")


async def _no_blink(pilot: Pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def test_today(snap_compare, home: Path, clock: FixedClock) -> None:
    _fill(home, clock)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await _no_blink(pilot)

    assert snap_compare(make_app(home, clock=clock), terminal_size=SIZE, run_before=run_before)


def test_search(snap_compare, home: Path, clock: FixedClock) -> None:
    _fill(home, clock)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await type_text(pilot, "경량화")
        await pilot.pause(0.4)
        await settle(pilot)
        await _no_blink(pilot)

    assert snap_compare(make_app(home, clock=clock), terminal_size=SIZE, run_before=run_before)


def test_digest(snap_compare, home: Path, clock: FixedClock) -> None:
    _fill(home, clock)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)

    assert snap_compare(make_app(home, clock=clock), terminal_size=SIZE, run_before=run_before)
