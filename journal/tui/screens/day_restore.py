"""Bringing back drafts at start-up: the text of app windows that are gone (quit, crashed, killed, their
terminal closed), taken over by this window (journal.services.drafts.take_over).

Where each goes: a capture line's text into the capture line, if it is empty (and on the day it was
for); everything else (a longer note, an edit of a note, a second capture line's text) in an editor of
its own, one after another (closing one shows the next). One notice lists what was restored.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual import work

from journal.errors import JournalError
from journal.records import Draft, Entry
from journal.tui.drafts import DraftKeeper

if TYPE_CHECKING:
    from journal.tui.screens.day import DayScreen

CAPTURE_SLOT = "capture"


def _when(draft: Draft) -> str:
    return draft.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")


class DayRestore:
    """Mixed into DayScreen."""

    def _restore_drafts(self: DayScreen, drafts: list[Draft]) -> None:
        restored = []
        editors = 0
        for draft in drafts:
            when = _when(draft)
            if draft.typed_in == CAPTURE_SLOT and not self.capture.value and not self.read_only:
                if draft.day is not None and draft.day != self.day:
                    self.day = draft.day  # the note was meant for that day
                    self.capture.placeholder = self._placeholder()
                    self.render_header()
                self.capture.value = draft.body
                self.capture.cursor_position = len(draft.body)
                self.capture_keeper.adopt(draft.body, draft.slot)
                restored.append(f"the capture line (for {self.day:%a %Y-%m-%d}, from {when})")
                continue
            editors += 1
            if draft.entry_id is not None:
                self._open_edit_draft(draft)
                restored.append(f"an edit of note #{draft.entry_id} (from {when})")
                continue
            keeper = DraftKeeper(
                self.app,  # type: ignore[arg-type]
                draft.slot,
                day=lambda d=draft.day: d,
                text=draft.body,
                saved=draft.body,
            )
            self.open_editor(keeper, draft.body)
            day = draft.day or self.day
            what = "a capture line's text" if draft.typed_in == CAPTURE_SLOT else "a longer note"
            restored.append(f"{what} for {day:%a %Y-%m-%d} (from {when}), in the editor")
        if restored:
            more = f" {editors} editors open, one after another." if editors > 1 else ""
            self.notify(
                "Restored your unsaved text: " + "; ".join(restored) + "." + more,
                title="Draft restored",
                timeout=12,
                markup=False,
            )

    @work(thread=True, group="view")
    def _open_edit_draft(self: DayScreen, draft: Draft) -> None:
        """An edit that was never saved: the editor again, over the note as it is now. Saving it checks
        the note has not changed since the edit began (the conflict dialog if it has)."""
        assert draft.entry_id is not None
        entry_id = draft.entry_id
        try:
            entry: Entry | None = self.app.store.call(lambda j: j.entries.get(entry_id))  # type: ignore[attr-defined]
        except JournalError:
            entry = None  # gone (deleted, or in the trash): the text opens as a new note

        def open_it() -> None:
            keeper = DraftKeeper(
                self.app,  # type: ignore[arg-type]
                draft.slot,
                day=lambda: draft.day,
                entry_id=entry.id if entry else None,
                entry_version=_began(draft, entry) if entry else None,
                text=draft.body,
                saved=draft.body,
                unchanged=entry.body if entry else None,
            )
            self.open_editor(keeper, draft.body, original=entry.body if entry else "")
            if entry is None:
                self.notify(f"Note #{entry_id} is gone; your edit of it opens as a new note.", severity="warning")
            elif keeper.entry_version != entry.updated_at:
                self.notify(
                    f"Note #{entry_id} was changed elsewhere after this edit began; saving asks which to keep.",
                    severity="warning",
                )

        self.app.call_from_thread(open_it)


def _began(draft: Draft, entry: Entry) -> datetime:
    """The note's version the edit began from. Drafts from before versions were kept: the note as it is,
    unless it changed after the draft was last written (then it changed since the edit began too)."""
    if draft.entry_version is not None:
        return draft.entry_version
    return entry.updated_at if entry.updated_at <= draft.updated_at else draft.updated_at
