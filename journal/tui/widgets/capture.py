"""The capture line: one line, Enter saves. A paste of several lines asks for the editor instead of keeping
only the first line (Textual's Input does that)."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input

from journal.tui.widgets.safe import visible_strip


class CaptureInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Save", show=False, tooltip="Save the note to the day on screen"),
    ]

    class MultiLinePaste(Message):
        """The user pasted several lines; `text` is the whole line as it would be with the paste in it."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        text = event.text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
        start, end = sorted(self.selection)
        if "\n" in text:
            self.post_message(self.MultiLinePaste(self.value[:start] + text + self.value[end:]))
        elif text:
            self.replace(text, start, end)

    def render_line(self, y: int) -> Strip:
        return visible_strip(super().render_line(y))
