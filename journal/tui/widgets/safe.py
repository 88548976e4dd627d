"""Control characters never reach the terminal from a widget that shows text as typed (the capture line,
the editor): the rendered line shows them as `visible_text` does, keeping the line's width."""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.strip import Strip

from journal.text import visible_text

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible_strip(strip: Strip) -> Strip:
    if not any(_CONTROL.search(segment.text) for segment in strip if not segment.control):
        return strip
    segments = [segment if segment.control else Segment(visible_text(segment.text), segment.style) for segment in strip]
    return Strip(segments).adjust_cell_length(strip.cell_length)
