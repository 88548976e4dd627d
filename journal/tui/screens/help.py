"""F1: the app's keys on one page, grouped by where they work, then the keys for editing text.

Generated from the bindings themselves (their tooltips, or descriptions), so it cannot drift from what
the keys do; the few rows that are not bindings (a paste, a click) are written here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, TextArea

_NAMES = {
    "enter": "Enter",
    "escape": "Esc",
    "backspace": "Backspace",
    "delete": "Del",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "tab": "Tab",
}
Row = tuple[str, str]


def key_label(keys: str) -> str:
    """`ctrl+o,shift+enter` → `ctrl+o · shift+enter`; `left_square_bracket` → `[`."""
    labels = []
    for key in keys.split(","):
        *modifiers, name = key.split("+")
        labels.append("+".join([*modifiers, _NAMES.get(name, format_key(name))]))
    return " · ".join(labels)


def binding_rows(bindings: Iterable[BindingType], *, skip: Iterable[str] = (), only: Iterable[str] = ()) -> list[Row]:
    """(keys, what they do) for each binding, keys of one action together; `skip`/`only`: by action."""
    skip, only = set(skip), set(only)
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in bindings:
        if not isinstance(binding, Binding) or binding.system:
            continue
        action = binding.action
        if action in skip or (only and action not in only):
            continue
        keys = binding.key_display or key_label(binding.key)
        if action in rows:
            rows[action][0].append(keys)
        else:
            rows[action] = ([keys], binding.tooltip or binding.description)
    return [(" · ".join(keys), what) for keys, what in rows.values()]


def sections() -> list[tuple[str, list[Row]]]:
    from journal.tui.app import JournalApp
    from journal.tui.screens.day import DayScreen
    from journal.tui.screens.editor import EditorScreen
    from journal.tui.widgets.capture import CaptureInput
    from journal.tui.widgets.entry_list import EntryList

    capture_actions = ("open_editor", "focus_list", "escape")
    note_actions = ("today",)
    day_actions = [b for b in DayScreen.BINDINGS if isinstance(b, Binding) and b.action not in capture_actions]
    return [
        (
            "In the capture line (where the cursor starts)",
            binding_rows(CaptureInput.BINDINGS)
            + binding_rows(DayScreen.BINDINGS, only=capture_actions)
            + [("paste", "Several lines open the editor with all of them")],
        ),
        (
            "On a note (↑ from the capture line)",
            [
                ("Enter · click", "The note in full, with its earlier versions"),
                *binding_rows(EntryList.BINDINGS),
                *binding_rows(DayScreen.BINDINGS, only=note_actions),
                ("a letter", "Starts a new note in the capture line"),
            ],
        ),
        ("On the day screen", binding_rows(day_actions, skip=note_actions)),
        (
            "Anywhere",
            [
                *binding_rows(JournalApp.BINDINGS),
                (key_label(App.COMMAND_PALETTE_BINDING), "Command palette: every action by name, and themes"),
            ],
        ),
        ("In the editor (ctrl+o, or e on a note)", binding_rows(EditorScreen.BINDINGS)),
    ]


def editing_sections() -> list[tuple[str, list[Row]]]:
    selection = {"cursor_left(True)", "cursor_right(True)", "cursor_left_word(True)", "cursor_right_word(True)"}
    capture = binding_rows(Input.BINDINGS, skip={"submit", *selection})
    capture_actions = {what for _keys, what in capture}
    editor = [
        (keys, what)
        for keys, what in binding_rows(TextArea.BINDINGS)
        if what not in capture_actions and "select" not in what.lower() and "Cursor" not in what
    ]
    return [("Editing the capture line", capture), ("And in the editor", editor)]


def section_widgets(title: str, rows: list[Row]) -> Iterable[Widget]:
    """A heading, then a row per key: the description wraps in its own column."""
    yield Label(Content.styled(title, "bold $accent"), classes="help-title")
    for keys, what in rows:
        yield Horizontal(
            Label(Content(keys), classes="help-key"), Label(Content(what), classes="help-what"), classes="help-row"
        )


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help-dialog"):
            yield Label("Keys · ↓ PgDn: more, then the editing keys · Esc closes", classes="dialog-title")
            for title, rows in [*sections(), *editing_sections()]:
                yield from section_widgets(title, rows)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
