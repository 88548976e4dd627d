"""Reviewed SVG snapshots (pytest-textual-snapshot) with a fixed clock and no cursor blink.

After a deliberate change to the look: `pytest tests/tui/test_snapshots.py --snapshot-update`, then review
the SVGs in tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

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
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False


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


ESCAPES = (
    "clipboard \x1b]52;c;cm0gLXJmIH4=\x07 title \x1b]2;pwned\x1b\\ clear \x1b[2J\x1b[H "
    "back\rover bell\x07 del\x7f csi\x9b31m"
)


def test_escape_sequences_in_notes_are_shown_not_obeyed(snap_compare, home: Path, clock: FixedClock) -> None:
    """OSC 52 (clipboard), OSC 2 (window title), a clear-screen and a CR reach the screen as visible symbols,
    in the day list, a search result and the note view."""
    with Journal(home, clock=clock) as journal:
        journal.entries.add(ESCAPES)
        journal.entries.add("**Markdown** still works next to it #safe")

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await _no_blink(pilot)

    assert snap_compare(make_app(home, clock=clock), terminal_size=SIZE, run_before=run_before)


def test_escape_sequences_in_the_note_view(snap_compare, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add(ESCAPES)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("up", "enter")
        await settle(pilot)

    assert snap_compare(make_app(home, clock=clock), terminal_size=SIZE, run_before=run_before)


def test_markdown_note_on_a_past_day(snap_compare, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add(
            "yesterday: # Week notes\n\n**Shipped** the index, *measured* it, `pytest -q` green.\n\n"
            "- quantization #경량화\n- distillation\n  - temperature\n\n1. read\n2. write\n\n"
            "> 근데 슬럼프가 온다고 해서 죽진 않더라구요\n\nSee [the docs](https://example.com). "
            "2021. 3. 19. is a date, not a list."
        )

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("up", "[")
        await settle(pilot)
        await _no_blink(pilot)

    assert snap_compare(make_app(home, clock=clock), terminal_size=SIZE, run_before=run_before)


def test_today_at_80x24(snap_compare, home: Path, clock: FixedClock) -> None:
    """The footer fits, and nothing is cut mid-word or repeated at the palette key."""
    _fill(home, clock)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await _no_blink(pilot)

    assert snap_compare(make_app(home, clock=clock), terminal_size=(80, 24), run_before=run_before)


def test_keys(snap_compare, home: Path, clock: FixedClock) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(make_app(home, clock=clock), terminal_size=SIZE, run_before=run_before)


def test_stats(snap_compare, home: Path, clock: FixedClock) -> None:
    _fill(home, clock)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)

    assert snap_compare(make_app(home, clock=clock), terminal_size=SIZE, run_before=run_before)


def test_on_this_day(snap_compare, home: Path, clock: FixedClock) -> None:
    _fill(home, clock)
    with Journal(home, clock=clock) as journal:
        journal.entries.add("2025-11-23: 작년 오늘, 첫 모델을 돌렸다 #built")
        journal.entries.add("2026-11-16: a week ago: **bold** plans")

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)

    assert snap_compare(make_app(home, clock=clock), terminal_size=SIZE, run_before=run_before)


def test_trash(snap_compare, home: Path, clock: FixedClock) -> None:
    _fill(home, clock)
    with Journal(home, clock=clock) as journal:
        gone = journal.entries.add("yesterday: 지운 노트 — deleted by mistake")
        journal.entries.delete(gone.id)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)

    assert snap_compare(make_app(home, clock=clock), terminal_size=SIZE, run_before=run_before)


def test_editor(snap_compare, home: Path, clock: FixedClock) -> None:
    _fill(home, clock)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("up", "e")
        await pilot.pause()
        await _no_blink(pilot)

    assert snap_compare(make_app(home, clock=clock), terminal_size=SIZE, run_before=run_before)


def test_edit_conflict(snap_compare, home: Path, clock: FixedClock) -> None:
    """Saving an edit of a note changed elsewhere meanwhile: both versions, and the three ways out."""
    from datetime import timedelta

    _fill(home, clock)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("up", "e")
        await type_text(pilot, " and mine")
        with Journal(home, clock=FixedClock(clock.instant + timedelta(minutes=5))) as shell:
            shell.entries.edit(5, "몸을 쓰는 것: 설거지, 운동, 걷기\n(edited in another window) #routine")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await _no_blink(pilot)

    # The look for writes made elsewhere (every second) would redraw the day behind the dialog whenever a
    # slow run reaches it: the picture would depend on the machine's speed. Here it never looks.
    app = make_app(home, clock=clock, live_every=3600)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
