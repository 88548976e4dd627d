"""Writing a note in the user's own editor ($VISUAL, $EDITOR, or `editor` in config.toml)."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from journal.errors import JournalError, UsageError


def edit_text(initial: str, *, home: Path, configured: str = "") -> str:
    command = configured or os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise UsageError(
            "no text given and no editor set; give the text (journal add TEXT, journal edit ID --text TEXT) "
            "or set $EDITOR"
        )
    # The draft stays inside the private journal home, never in a shared /tmp.
    fd, name = tempfile.mkstemp(prefix="note-", suffix=".md", dir=home)
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial)
        try:
            words = shlex.split(command)
        except ValueError as exc:
            where = "editor in config.toml" if configured else ("$VISUAL" if os.environ.get("VISUAL") else "$EDITOR")
            raise UsageError(f"cannot read the editor command {command!r} ({exc}); fix {where}") from None
        if not words:
            raise UsageError("the editor command is empty; set $EDITOR or editor in config.toml")
        try:
            result = subprocess.run([*words, str(path)], check=False)
        except OSError as exc:
            raise JournalError(f"could not start the editor {command!r}: {exc.strerror}") from None
        if result.returncode != 0:
            raise JournalError(f"the editor {command!r} exited with status {result.returncode}; nothing saved")
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UsageError("the edited note is not UTF-8 text; nothing saved") from None
    finally:
        path.unlink(missing_ok=True)
