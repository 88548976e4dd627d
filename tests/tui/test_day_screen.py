"""Pilot tests of the main paths: capture, drafts, navigation, search, entry actions, notebooks."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Input, Label, OptionList, TextArea

from journal.clock import FixedClock
from journal.services import Journal
from journal.tui.app import JournalApp, make_app
from journal.tui.drafts import DraftTiming
from journal.tui.screens.calendar import CalendarScreen
from journal.tui.screens.confirm import ConfirmScreen
from journal.tui.screens.day import DayScreen
from journal.tui.screens.editor import EditorScreen
from journal.tui.screens.goto import GoToDateScreen
from journal.tui.screens.notebooks import NotebooksScreen
from journal.tui.screens.search import SearchScreen
from journal.tui.widgets.entry_list import EntryItem
from tests.tui.conftest import settle, type_text

TODAY = date(2026, 11, 23)


def shown(app: JournalApp) -> list[str]:
    return [item.entry.body for item in app.day_screen.query(EntryItem)]


def stored(home: Path, clock: FixedClock) -> list[tuple[str, str, tuple[str, ...]]]:
    with Journal(home, clock=clock) as journal:
        return [(e.day.isoformat(), e.body, e.tags) for e in journal.entries.list()]


async def test_opens_on_today_with_the_cursor_in_the_capture_input(app: JournalApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DayScreen)
        assert screen.day == TODAY
        assert screen.focused is screen.query_one("#capture", Input)
        assert "Monday 2026-11-23 · today" in str(screen.query_one("#day-header").render())


async def test_capture_a_korean_and_an_english_note(app: JournalApp, home: Path, clock: FixedClock) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "오늘은 양자화를 공부했다 #경량화")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#capture", Input).value == ""
        await type_text(pilot, "shipped the capture screen #built")
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app) == ["오늘은 양자화를 공부했다 #경량화", "shipped the capture screen #built"]
        header = str(app.screen.query_one("#day-header").render())
        assert "streak 1 day" in header
    assert stored(home, clock) == [
        ("2026-11-23", "오늘은 양자화를 공부했다 #경량화", ("경량화",)),
        ("2026-11-23", "shipped the capture screen #built", ("built",)),
    ]


async def test_a_draft_survives_a_crash_and_is_restored(home: Path, clock: FixedClock) -> None:
    first = make_app(home, clock=clock)
    async with first.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "반쯤 쓴 노트")
        await pilot.pause(DraftTiming().quiet + 0.3)
        await settle(pilot)
        # The process could die right here: the draft must already be in the database.
        conn = sqlite3.connect(home / "journal.db")
        assert conn.execute("SELECT slot, body FROM drafts").fetchall() == [("capture", "반쯤 쓴 노트")]
        conn.close()
    second = make_app(home, clock=clock)
    async with second.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert second.screen.query_one("#capture", Input).value == "반쯤 쓴 노트"
        assert any("Restored your unsaved text: the capture line" in n.message for n in second._notifications)
        await pilot.press("enter")
        await settle(pilot)
        assert shown(second) == ["반쯤 쓴 노트"]
    conn = sqlite3.connect(home / "journal.db")
    assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    conn.close()


async def test_escape_with_text_asks_before_discarding(app: JournalApp, home: Path) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "maybe keep this")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.screen.query_one("#capture", Input).value == "maybe keep this"
        await pilot.press("escape")
        await pilot.press("y")
        await settle(pilot)
        assert app.screen.query_one("#capture", Input).value == ""
    conn = sqlite3.connect(home / "journal.db")
    assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    conn.close()


async def test_day_navigation_and_go_to_date(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("yesterday: 어제의 노트")
        journal.entries.add("2021-03-19: 마스터클래스")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("alt+left")
        await settle(pilot)
        assert app.day_screen.day == TODAY - timedelta(days=1)
        assert shown(app) == ["어제의 노트"]
        await pilot.press("alt+right")
        await settle(pilot)
        assert shown(app) == []
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, GoToDateScreen)
        await type_text(pilot, "someday-ish")
        await pilot.press("enter")
        assert isinstance(app.screen, GoToDateScreen)
        assert "someday-ish" in str(app.screen.query_one("#goto-error", Label).render())
        await pilot.press("ctrl+u")
        await type_text(pilot, "2021-03-19")
        await pilot.press("enter")
        await settle(pilot)
        assert app.day_screen.day == date(2021, 3, 19)
        assert shown(app) == ["마스터클래스"]
        await pilot.press("ctrl+g")
        await type_text(pilot, "어제")
        await pilot.press("enter")
        await settle(pilot)
        assert app.day_screen.day == TODAY - timedelta(days=1)
        # Typing right after navigating goes to the input, and the note lands on the shown day.
        await type_text(pilot, "late note")
        await pilot.press("enter")
        await settle(pilot)
    assert ("2026-11-22", "late note", ()) in stored(home, clock)


async def test_list_keys_move_between_days(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("today's note")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up")
        await pilot.press("[")
        await settle(pilot)
        assert app.day_screen.day == TODAY - timedelta(days=1)


async def test_calendar_opens_a_day(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("last friday: 금요일 노트")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, CalendarScreen)
        await settle(pilot)
        assert date(2026, 11, 20) in app.screen.counts
        for _ in range(3):
            await pilot.press("left")
        await pilot.press("enter")
        await settle(pilot)
        assert app.day_screen.day == date(2026, 11, 20)
        assert shown(app) == ["금요일 노트"]


async def test_search_as_you_type_finds_a_korean_stem(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        target = journal.entries.add("2021-03-19: 근데 슬럼프가 온다고 해서 죽진 않더라구요")
        journal.entries.add("unrelated english note")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "슬럼프")
        await pilot.pause(0.4)
        await settle(pilot)
        hits = list(app.screen.query("HitItem"))
        assert [hit.entry.id for hit in hits] == [target.id]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DayScreen)
        assert app.day_screen.day == date(2021, 3, 19)
        assert app.day_screen.query_one("#entries").highlighted_entry.id == target.id


async def test_search_reports_a_malformed_query(app: JournalApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await type_text(pilot, '"unclosed')
        await pilot.pause(0.4)
        await settle(pilot)
        assert "unbalanced quote" in str(app.screen.query_one("#search-status", Label).render())


async def test_edit_keeps_a_revision(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        entry = journal.entries.add("first words")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up", "e")
        assert isinstance(app.screen, EditorScreen)
        area = app.screen.query_one(TextArea)
        assert area.text == "first words"
        area.text = "better words #edited"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown(app) == ["better words #edited"]
    with Journal(home, clock=clock) as journal:
        assert [r.body for r in journal.entries.history(entry.id)] == ["first words", "better words #edited"]


async def test_long_note_in_the_editor(app: JournalApp, home: Path, clock: FixedClock) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "first line")
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, EditorScreen)
        area = app.screen.query_one(TextArea)
        assert area.text == "first line"
        area.text = "first line\nsecond line #long"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert stored(home, clock) == [("2026-11-23", "first line\nsecond line #long", ("long",))]


async def test_delete_and_undo_and_star(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("keep me")
        doomed = journal.entries.add("delete me")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up", "d")
        await settle(pilot)
        assert shown(app) == ["keep me"]
        with Journal(home, clock=clock) as journal:
            assert [e.id for e in journal.entries.trash()] == [doomed.id]
        await pilot.press("u")
        await settle(pilot)
        assert shown(app) == ["keep me", "delete me"]
        await pilot.press("s")
        await settle(pilot)
    with Journal(home, clock=clock) as journal:
        assert journal.entries.trash() == []
        assert journal.entries.get(doomed.id).starred is True


async def test_switch_notebook_and_capture_into_it(app: JournalApp, home: Path, clock: FixedClock) -> None:
    with Journal(home, clock=clock) as journal:
        journal.entries.add("personal")
        journal.notebooks.add("Work")
        journal.entries.add("work stuff", notebook="Work")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert shown(app) == ["personal", "work stuff"]
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert isinstance(app.screen, NotebooksScreen)
        options = app.screen.query_one(OptionList)
        options.highlighted = next(
            i for i in range(options.option_count) if options.get_option_at_index(i).id == "Work"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert app.day_screen.notebook == "Work"
        assert shown(app) == ["work stuff"]
        await type_text(pilot, "more work")
        await pilot.press("enter")
        await settle(pilot)
    with Journal(home, clock=clock) as journal:
        assert [e.body for e in journal.entries.list(notebook="Work")] == ["work stuff", "more work"]


async def test_read_only_notebook_is_browsable_but_not_writable(app: JournalApp, home: Path, clock: FixedClock) -> None:
    from journal.db import write_transaction
    from journal.repository import entry_rows, notebook_rows

    with Journal(home, clock=clock) as journal, write_transaction(journal.conn) as conn:
        book_id = notebook_rows.insert_notebook(conn, "Masterclass", clock.now(), read_only=True)
        entry_rows.insert_entry(
            conn, uuid="seed-1", notebook_id=book_id, day=TODAY, created_at=clock.now(), body="seed", starred=False
        )
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.day_screen._switch_to("Masterclass")
        await settle(pilot)
        assert app.day_screen.read_only
        assert app.day_screen.query_one("#capture", Input).disabled
        assert shown(app) == ["seed"]
        await pilot.press("e")
        assert isinstance(app.screen, DayScreen)
        await pilot.press("d")
        await settle(pilot)
        assert shown(app) == ["seed"]
        assert any("read-only" in n.message for n in app._notifications)
        # the footer does not offer the editor here; pressed anyway, it refuses in one message
        footer_keys = {binding.action for _, binding, enabled, _ in app.active_bindings.values() if binding.show}
        assert "open_editor" not in footer_keys
        app.clear_notifications()
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, DayScreen)
        assert [n.message for n in app._notifications if "read-only" in n.message], app._notifications
        app.day_screen.set_notebook(None, False)  # all notebooks: writable again
        await settle(pilot)
        footer_keys = {binding.action for _, binding, enabled, _ in app.active_bindings.values() if binding.show}
        assert "open_editor" in footer_keys


async def test_a_failed_save_shows_a_notification_and_keeps_the_text(app: JournalApp, home: Path, monkeypatch) -> None:
    import journal.db

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(journal.db, "BUSY_TIMEOUT_MS", 50)
        app.store.call(lambda j: j.conn.execute("PRAGMA busy_timeout = 50"))
        holder = sqlite3.connect(home / "journal.db", isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            await type_text(pilot, "do not lose me")
            await pilot.press("enter")
            await settle(pilot)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert app.screen.query_one("#capture", Input).value == "do not lose me"
        assert any(n.severity == "error" and "locked" in n.message for n in app._notifications)
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app) == ["do not lose me"]


async def test_command_palette_and_help(app: JournalApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Go to date", "Calendar", "Search", "Notebooks", "Long note", "Undo delete"):
            assert title in titles
        await pilot.press("ctrl+p")
        await type_text(pilot, "Go to date")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GoToDateScreen)
        await pilot.press("escape")
        await pilot.press("f1")
        from journal.tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)


async def test_answer_a_prompt_from_the_day_screen(app: JournalApp, home: Path, clock: FixedClock) -> None:
    from journal.tui.widgets.entry_list import PromptItem

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        prompts = [item.status for item in app.day_screen.query(PromptItem)]
        assert {"tiny-note", "take-apart"} <= {s.prompt.id for s in prompts if s.due}  # a Monday
        await pilot.press("ctrl+r")
        assert app.focused is app.day_screen.query_one("#prompts")
        await pilot.press("enter")
        answering = app.day_screen._answering
        assert answering is not None
        assert app.focused is app.day_screen.query_one("#capture", Input)
        await type_text(pilot, "작은 노트 하나")
        await pilot.press("enter")
        await settle(pilot)
        statuses = {item.status.prompt.id: item.status for item in app.day_screen.query(PromptItem)}
        assert statuses[answering.id].answered
        assert app.day_screen._answering is None
    with Journal(home, clock=clock) as journal:
        (entry,) = journal.entries.list(start=TODAY, end=TODAY)
        assert entry.body == "작은 노트 하나"
        assert entry.prompt is not None and entry.prompt[0] == answering.id


async def test_digest_screen_navigates_saves_and_exports(
    app: JournalApp, home: Path, clock: FixedClock, tmp_path
) -> None:
    from textual.widgets import Markdown

    from journal.tui.screens.digest import DigestScreen

    with Journal(home, clock=clock) as journal:
        journal.entries.add("last monday: shipped the index #built")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        screen = app.screen
        assert isinstance(screen, DigestScreen)
        screen.export_dir = tmp_path
        await settle(pilot)
        assert screen.week.label == "2026-W48"
        await pilot.press("left")
        await settle(pilot)
        assert screen.week.label == "2026-W47"
        assert "shipped the index" in screen.markdown
        assert "shipped the index" in screen.query_one(Markdown).source
        await pilot.press("x")
        assert (tmp_path / "digest-2026-W47.md").read_text(encoding="utf-8") == screen.markdown
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, DayScreen)
    with Journal(home, clock=clock) as journal:
        (saved,) = journal.entries.list(tags=("digest",))
        assert saved.body.startswith("# Week 2026-W47")


async def test_enter_on_a_note_shows_it_with_its_earlier_versions(
    app: JournalApp, home: Path, clock: FixedClock
) -> None:
    from journal.tui.screens.entry import EntryScreen

    with Journal(home, clock=clock) as journal:
        entry = journal.entries.add("첫 버전 #초안")
        journal.entries.edit(entry.id, "둘째 버전 #초안")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EntryScreen)
        assert screen.entry.body == "둘째 버전 #초안"
        revisions = [str(s.render()) for s in screen.query(".revision")]
        assert len(revisions) == 1 and revisions[0].endswith("첫 버전 #초안")
        await pilot.press("e")
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.query_one(TextArea).text == "둘째 버전 #초안"


async def test_the_masterclass_notebook_opens_on_its_day(new_home: Path, clock: FixedClock) -> None:
    app = make_app(new_home, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        options.highlighted = next(
            i for i in range(options.option_count) if options.get_option_at_index(i).id == "Masterclass · 2021-03-19"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert app.day_screen.day == date(2021, 3, 19)
        assert len(shown(app)) == 15
        assert app.day_screen.query_one("#capture", Input).disabled
