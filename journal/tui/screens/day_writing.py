"""Writing from the day screen: saving the capture line and the editor's notes, and the actions on a note
(edit, star, delete, undo, move to a notebook or another day, view).

Every write goes through `_run`, in a worker: a note is stored and its draft discarded in one transaction
(`discard_draft=keeper.slot`, then DraftKeeper.committed); when storing fails, the text goes back where it
was typed and its draft stays. An edit of a note that changed elsewhere since it was opened is not
written: the conflict dialog asks what to keep (screens/conflict.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from textual import work

from journal.dates import When
from journal.errors import EditConflict, EntryNotFound, JournalError
from journal.records import Entry
from journal.tui.drafts import DraftKeeper
from journal.tui.messages import EntryChanged, Notice, StoreFailed
from journal.tui.screens.editor import EditorResult
from journal.tui.widgets.entry_list import refuse_read_only

if TYPE_CHECKING:
    from journal.services import Journal
    from journal.tui.screens.day import DayScreen

EDITOR_SLOT = "editor"


def edit_slot(entry_id: int) -> str:
    return f"edit:{entry_id}"


class DayWriting:
    """Mixed into DayScreen (its @on handlers call these: Textual collects @on only on widget classes)."""

    # -- saving -------------------------------------------------------------------------------

    def save_note(self: DayScreen, text: str, keeper: DraftKeeper, day: date | None = None) -> None:
        day = day or self.day
        when = None if day == self.today else When(day)
        notebook = self.notebook
        prompt = self._answering
        self._stop_answer()
        slot = keeper.slot

        def add(j: Journal) -> Entry:
            if prompt is not None:
                entry = j.prompts.answer(prompt.id, text, when=when or When(day), notebook=notebook, discard_draft=slot)
            else:
                entry = j.entries.add(text, when=when, notebook=notebook, discard_draft=slot)
            keeper.committed(j)
            return entry

        self._run(add, "answered" if prompt else "added", text=text, keeper=keeper)

    @work(thread=True, group="write")
    def _run(
        self,
        operation: Callable[[Journal], Entry | None],
        verb: str,
        text: str | None = None,
        keeper: DraftKeeper | None = None,
    ) -> None:
        try:
            entry = self.app.store.call(operation)  # type: ignore[attr-defined]
        except EditConflict as exc:
            if keeper is not None and text is not None:
                self.app.call_from_thread(self._conflict, keeper, text, exc.current)
            else:
                self.post_message(StoreFailed(exc.message))
            return
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message, text, keeper.slot if keeper else None))
            if keeper is not None:
                self.app.call_from_thread(self._give_back, keeper, text or "")
            return
        if keeper is not None and keeper is not self.capture_keeper:
            self.app.call_from_thread(keeper.close)
        if entry is not None:
            self.post_message(EntryChanged(entry, verb))

    def _give_back(self: DayScreen, keeper: DraftKeeper, text: str) -> None:
        """Storing `text` failed: it goes back where it was typed (its draft still holds it)."""
        if keeper is not self.capture_keeper:  # the editor's text: the editor again
            keeper.release(text)
            self.open_editor(keeper, text, original=text if keeper.entry_id is None else "")
        elif not self.capture.value:
            self.capture.value = text
            self.capture.cursor_position = len(text)
            keeper.release()
        else:  # a new note is being typed already: the one that failed opens in the editor
            keeper.release()
            failed = DraftKeeper(self.app, EDITOR_SLOT, day=lambda d=self.day: d, text=text)  # type: ignore[arg-type]
            self.open_editor(failed, text, original=text)
            failed.write_soon()

    # -- a note ------------------------------------------------------------------------------

    def _selected(self: DayScreen, *, writable: bool = True) -> Entry | None:
        entry = self.entries.highlighted_entry
        if entry is None:
            self.notify("Select a note first (↑ from the capture line).", severity="warning")
        elif writable and entry.read_only:
            refuse_read_only(self, entry.notebook)
            return None
        return entry

    @work(thread=True, group="view")
    def _view_entry(self: DayScreen, entry: Entry) -> None:
        from journal.tui.screens.entry import EntryScreen

        try:
            revisions = self.app.store.call(lambda j: j.entries.history(entry.id))  # type: ignore[attr-defined]
        except JournalError as exc:
            self.post_message(StoreFailed(exc.message))
            return

        def closed(result: str | None) -> None:
            if result == "edit":
                self._edit(entry)

        self.app.call_from_thread(self.app.push_screen, EntryScreen(entry, revisions), closed)

    def action_edit_entry(self: DayScreen) -> None:
        if entry := self._selected():
            self._edit(entry)

    def _edit(self: DayScreen, entry: Entry) -> None:
        keeper = DraftKeeper(
            self.app,  # type: ignore[arg-type]
            edit_slot(entry.id),
            day=lambda: entry.day,
            entry_id=entry.id,
            entry_version=entry.updated_at,  # what is on screen: saving checks nobody changed it since
            text=entry.body,
            unchanged=entry.body,
        )
        self.open_editor(keeper, entry.body, original=entry.body)

    def action_toggle_star(self: DayScreen) -> None:
        """Each press flips the star shown, at once; the write sets the state the last press asked for
        (read when it runs), so presses faster than the database end as pressed, in whatever order
        their workers get to it."""
        entry = self._selected()
        if entry is None:
            return
        entry_id, starred = entry.id, not entry.starred
        self._star_wanted[entry_id] = starred
        self.entries.update_entry(replace(entry, starred=starred))
        self._run(lambda j: j.entries.star(entry_id, self._star_wanted[entry_id]), "starred")

    def action_delete_entry(self: DayScreen) -> None:
        if entry := self._selected():
            self._run(lambda j: j.entries.delete(entry.id), "deleted")

    def action_undo_delete(self: DayScreen) -> None:
        entry = self._last_deleted
        if entry is None:
            self.notify("Nothing to undo.")
            return
        self._last_deleted = None
        self._run(lambda j: j.entries.restore(entry.id), "restored")

    def action_move_entry(self: DayScreen) -> None:
        entry = self._selected()
        if entry is None:
            return
        self.pick_notebook(
            lambda name: self._run(lambda j: j.entries.move(entry.id, name), "moved"),
            title=f"Move #{entry.id} to…",
            include_all=False,
        )

    def action_move_to_day(self: DayScreen) -> None:
        """Another day for the note (`edit --date`): its time of day stays unless one is typed; the old
        day is kept in its history."""
        from journal.tui.screens.goto import MoveToDayScreen

        entry = self._selected()
        if entry is None:
            return

        def chosen(when: When | None) -> None:
            if when is not None:
                self._run(lambda j: j.entries.edit(entry.id, when=when), "redated")

        title = f"Move #{entry.id} (now {entry.day:%a %Y-%m-%d}) to the day…"
        self.app.push_screen(MoveToDayScreen(self.today, title=title), chosen)

    # -- the editor ---------------------------------------------------------------------------

    def action_open_editor(self: DayScreen) -> None:
        if self.read_only:
            refuse_read_only(self, self.notebook or "")
            return
        capture = self.capture
        text, capture.value = capture.value, ""
        self.capture_keeper.changed()
        keeper = DraftKeeper(self.app, EDITOR_SLOT, day=lambda d=self.day: d, text=text)  # type: ignore[arg-type]
        self.open_editor(keeper, text, original=text)
        if text.strip():
            keeper.write_soon()

    def open_editor(self: DayScreen, keeper: DraftKeeper, text: str, *, original: str = "") -> None:
        from journal.tui.screens.editor import EditorScreen

        entry_id = keeper.entry_id
        day = keeper.day or self.day
        title = f"Editing #{entry_id}" if entry_id else f"New note for {day:%a %Y-%m-%d}"

        back_to = self.entries if self.entries.has_focus else self.capture

        def done(result: EditorResult | None) -> None:
            came_from = self.capture if result is not None and result.give_back else back_to
            if not came_from.disabled:
                came_from.focus()  # back where the editor was opened from: the notes, or the capture line
            if result is None or result.text is None:
                if result is not None and result.give_back and not self.capture.value:
                    self.capture.value = result.give_back
                    self.capture.cursor_position = len(result.give_back)
                return
            text = result.text
            keeper.hold(text)
            if entry_id is None:
                self.save_note(text, keeper, day)
                return

            self._save_edit(keeper, entry_id, text)

        self.app.push_screen(EditorScreen(title, keeper, text, original=original), done)

    # -- an edit that meets a newer version -----------------------------------------------------

    def _save_edit(self: DayScreen, keeper: DraftKeeper, entry_id: int, text: str) -> None:
        version = keeper.entry_version
        day = keeper.day or self.day

        def edit(j: Journal) -> Entry | None:
            try:
                changed = j.entries.edit(entry_id, text, expected_updated_at=version, discard_draft=keeper.slot)
            except EntryNotFound:  # deleted elsewhere meanwhile: the text is kept as a new note
                notebook = _notebook_of(j, entry_id)
                added = j.entries.add(
                    text, when=When(day), notebook=notebook, parse_prefix=False, discard_draft=keeper.slot
                )
                keeper.committed(j)
                self.post_message(
                    Notice(f"Note #{entry_id} was deleted elsewhere; your text is a new note, #{added.id}.")
                )
                self.post_message(EntryChanged(added, "added"))
                return None
            keeper.committed(j)
            return changed  # None: the text is as it was, nothing to say

        self._run(edit, "edited", text=text, keeper=keeper)

    def _conflict(self: DayScreen, keeper: DraftKeeper, text: str, current: Entry) -> None:
        """Saving an edit found the note changed since the edit began: nothing was written, the draft still
        holds the text. The user chooses; Esc goes back to editing (saving asks again)."""
        from journal.tui.screens.conflict import Choice, ConflictScreen

        keeper.release(text)

        def chosen(choice: Choice | None) -> None:
            if choice == "theirs":
                keeper.discard()
                keeper.close()
                self.notify(f"Kept note #{current.id} as it is now; your edit was dropped.", title="Kept theirs")
                self._pending_select = current.id
                self.reload()
            elif choice == "mine":
                keeper.entry_version = current.updated_at  # seen: overwrite that one (not a newer one)
                keeper.hold(text)
                self._save_edit(keeper, current.id, text)
            elif choice == "both":
                keeper.hold(text)
                slot = keeper.slot

                def add(j: Journal) -> Entry:
                    entry = j.entries.add(
                        text, when=When(current.day), notebook=current.notebook, parse_prefix=False, discard_draft=slot
                    )
                    keeper.committed(j)
                    return entry

                self._run(add, "added", text=text, keeper=keeper)
            else:
                self.open_editor(keeper, text, original=current.body)

        self.app.push_screen(ConflictScreen(current, text), chosen)


def _notebook_of(journal: Journal, entry_id: int) -> str | None:
    """The notebook a note was in (in the trash too); None (the default) if it is gone for good or read-only."""
    try:
        entry = journal.entries.get(entry_id, include_deleted=True)
    except EntryNotFound:
        return None
    return None if entry.read_only else entry.notebook
