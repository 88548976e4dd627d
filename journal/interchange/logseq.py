"""Logseq journals: a graph folder's `journals/YYYY_MM_DD.md` (or the `:journal/file-name-format` in
`logseq/config.edn`), one page per day. A page is one note at `default_time` on its day, in this
computer's zone, its text as it is: bullets and their nesting, `#tags` and `[[links]]`. Pages in `pages/`
and elsewhere are skipped and counted; so are empty journal pages (Logseq makes one for each day opened)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from journal.interchange import ImportedNote, ImportFormatError, NoteStream, ReadOptions
from journal.interchange.daily_pages import DatePattern, java_pattern, page_day, pages
from journal.interchange.source import text_lines, total_size, wall_clock_note

DEFAULT_FORMAT = "yyyy_MM_dd"
_EMPTY = re.compile(r"\s*-?\s*")


def _settings(graph: Path) -> DatePattern:
    config = graph / "logseq" / "config.edn"
    fmt = DEFAULT_FORMAT
    if config.is_file():
        try:
            found = re.search(r':journal/file-name-format\s+"([^"]+)"', config.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            found = None
        if found:
            fmt = found.group(1)
    return java_pattern(fmt)


def read_logseq(stream: NoteStream, options: ReadOptions) -> Iterator[ImportedNote]:
    path = stream.path
    if path.is_file():
        graph, journals, files = path.parent.parent, path.parent, [path]
    elif path.is_dir():
        graph, journals = (path.parent, path) if path.name == "journals" else (path, path / "journals")
        if not journals.is_dir():
            raise ImportFormatError(f"{path}: no journals/ folder; a Logseq graph keeps its daily pages in journals/")
        files = pages(path)
    else:
        raise ImportFormatError(f"{path}: no such file or folder; check the path")
    pattern = _settings(graph)
    stream.size = total_size(files)
    found = 0
    for file in files:
        day = page_day(pattern, journals, file) if file.is_relative_to(journals) else None
        if day is None:
            stream.skipped["pages that are not journal pages"] += 1
            stream.read += file.stat().st_size
            continue
        lines = [line for _number, line in text_lines(stream, file)]
        text = "\n".join(lines)
        if _EMPTY.fullmatch(text):
            stream.skipped["empty journal pages"] += 1
            continue
        note = wall_clock_note(f"{file}: line 1", datetime.combine(day, options.default_time), options.zone, text)
        if note is not None:
            found += 1
            yield note
    if not found and not stream.skipped["empty journal pages"]:
        raise ImportFormatError(
            f"{path}: no journal pages found; Logseq names them journals/{pattern.name(date(2021, 3, 19))}.md"
        )
