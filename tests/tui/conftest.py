from __future__ import annotations

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
