"""The Textual app. Imported only when `journal` runs with no command."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.clock import Clock


def run_app(home: Path, *, clock: Clock) -> int:
    from journal.text import visible_text
    from journal.tui.app import make_app

    app = make_app(home, clock=clock)
    try:
        app.run()
    finally:
        # Whatever way the app ended (even a crash), unsaved text is written as a draft; the app has
        # done this on its way out already, so this is nearly always nothing to do.
        failures = app.flush_drafts()
        app.store.close()
        for keeper, error in failures:
            print(f"journal: could not keep your unsaved text as a draft ({error}). Here it is:", file=sys.stderr)
            print(visible_text(keeper.text), file=sys.stderr)
    return app.return_code or 0
