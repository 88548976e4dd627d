"""Markdown's backslash escapes (`\\.`, `\\-`, `\\!`: CommonMark's escapable ASCII punctuation), outside code.

Day One writes them into its text; `take_escapes_off` removes them, and `double_escapes` is its inverse for
our exports (a backslash that would be taken off is doubled), so export → import gives the text back.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_PUNCT = re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ESCAPE = re.compile(rf"\\([{_PUNCT}])")
_WOULD_BE_TAKEN = re.compile(rf"\\(?=[{_PUNCT}])")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.*?[^`])?\1(?!`)")


def take_escapes_off(text: str) -> str:
    return _outside_code(text, lambda part: _ESCAPE.sub(r"\1", part)) if "\\" in text else text


def double_escapes(text: str) -> str:
    return _outside_code(text, lambda part: _WOULD_BE_TAKEN.sub(r"\\\\", part)) if "\\" in text else text


def _outside_code(text: str, change: Callable[[str], str]) -> str:
    lines = text.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        if line.startswith(("    ", "\t")):  # an indented code block
            continue
        parts, last = [], 0
        for span in _CODE_SPAN.finditer(line):
            parts += [change(line[last : span.start()]), span.group(0)]
            last = span.end()
        parts.append(change(line[last:]))
        lines[i] = "".join(parts)
    return "\n".join(lines)
