from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from journal.clock import FixedClock
from journal.tui.app import JournalApp, make_app


@pytest.fixture
def app(home: Path, clock: FixedClock) -> JournalApp:
    return make_app(home, clock=clock)


async def settle(pilot: Pilot, rounds: int = 4) -> None:
    """Let workers finish and their messages land (a worker's message may start another worker)."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


async def until(pilot: Pilot, condition: Callable[[], object], timeout: float = 15.0) -> None:
    """Wait (letting timers fire and workers finish) until `condition()` holds. For what waits on a timer,
    such as a draft written after a quiet moment; the timeout only catches a hang, it is not a measure."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout} s: {condition}")
        await pilot.pause(0.05)
        await pilot.app.workers.wait_for_complete()
