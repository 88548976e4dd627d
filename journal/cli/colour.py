"""Colour for listings on a terminal: added to text already made safe (text.visible_text), by the shape of
our own output — day headings, ids, times, stars, tags, notebooks — so a note's content can never become
an escape sequence. None when stdout is not a terminal or NO_COLOR is set (https://no-color.org)."""

from __future__ import annotations

import os
import re
import sys

_HEADING = re.compile(r"^(#\d+  )?\d{4}-\d{2}-\d{2} [A-Z][a-z]{2}.*$", re.M)
_NOTE = re.compile(r"^(  )(#\d+)( \d{2}:\d{2}(?: [A-Z+\-0-9:]+)?)?( \[[^\]\n]+\])?", re.M)
_STAR = re.compile("★")
_TAG = re.compile(r"(?<![\w#])([#@](?!\d+\b)[^\s#@.,;:!?()\[\]{}\"'`\x1b]+)")  # `#12` is an id

BOLD, DIM, CYAN, YELLOW, MAGENTA, RESET = "1", "2", "36", "33", "35", "0"


def wanted() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _sgr(code: str, text: str) -> str:
    return f"\x1b[{code}m{text}\x1b[{RESET}m"


def listing(text: str) -> str:
    """Colours for `journal list`, `trash`, `search` and `show`: headings bold, ids cyan, times and
    notebooks dim, stars yellow, tags magenta."""
    text = _TAG.sub(lambda m: _sgr(MAGENTA, m.group(1)), text)
    text = _STAR.sub(_sgr(YELLOW, "★"), text)

    def note(match: re.Match[str]) -> str:
        indent, ident, clock, book = match.groups()
        return indent + _sgr(CYAN, ident) + (_sgr(DIM, clock) if clock else "") + (_sgr(DIM, book) if book else "")

    text = _NOTE.sub(note, text)
    return _HEADING.sub(lambda m: _sgr(BOLD, m.group(0)), text)
