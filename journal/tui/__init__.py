"""The Textual app. Imported only when `journal` runs with no command."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.clock import Clock


def run_app(home: Path, *, clock: Clock) -> int:
    from journal.tui.app import make_app

    app = make_app(home, clock=clock)
    app.run()
    return app.return_code or 0
