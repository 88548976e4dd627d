"""The command palette's entries for the day screen (ctrl+p): every action, with its key."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from journal.tui.screens.day import DayScreen


def day_commands(day: DayScreen) -> Iterable[SystemCommand]:
    yield SystemCommand("Long note", "Write a longer note in a multi-line editor (ctrl+o)", day.action_open_editor)
    yield SystemCommand("Today", "Show today's notes (home, from the notes)", day.action_today)
    yield SystemCommand("Previous day", "Show the day before ([ in the notes, alt+←)", day.action_prev_day)
    yield SystemCommand("Next day", "Show the day after (] in the notes, alt+→)", day.action_next_day)
    yield SystemCommand("Go to date", "Jump to a day: last friday, 2021-03-19, 어제 (ctrl+g)", day.action_go_to_date)
    yield SystemCommand("Calendar", "See which days of the month have notes (ctrl+t)", day.action_calendar)
    yield SystemCommand("Weekly digest", "What I built this week, day by day, the numbers (ctrl+l)", day.action_digest)
    yield SystemCommand(
        "On this day", "Notes from a week, a month and every year ago (ctrl+y)", day.action_on_this_day
    )
    yield SystemCommand("Stats", "Streaks, consistency, the year's heatmap, top tags (ctrl+n)", day.action_stats)
    yield SystemCommand("Trash", "See deleted notes and restore them (ctrl+z)", day.action_trash)
    yield SystemCommand("Answer a prompt", "Go to today's reflection prompts (ctrl+r)", day.action_prompts)
    yield SystemCommand("Notebooks", "Switch notebook (ctrl+b)", day.action_notebooks)
    yield SystemCommand("Edit note", "Edit the selected note; the old text is kept (e)", day.action_edit_entry)
    yield SystemCommand("Star note", "Star or unstar the selected note (s)", day.action_toggle_star)
    yield SystemCommand("Delete note", "Move the selected note to the trash (d)", day.action_delete_entry)
    yield SystemCommand("Undo delete", "Bring back the note you just deleted (u)", day.action_undo_delete)
    yield SystemCommand("Move note", "Move the selected note to another notebook (m)", day.action_move_entry)
    yield SystemCommand(
        "Move note to another day",
        "Move the selected note to another day: last friday, 어제, 2021-03-19 (v)",
        day.action_move_to_day,
    )
