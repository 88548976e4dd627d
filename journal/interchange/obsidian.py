"""Obsidian daily notes: a vault (a folder with `.obsidian/`) or its daily-notes folder, one page per day
named by a date (`YYYY-MM-DD.md`, or the format and folder in `.obsidian/daily-notes.json`).

A page is one note at `default_time` on its day (a daily note has no time), in this computer's zone; a page
we exported holds one section per note (`### 23:30 (America/New_York) ★`, as our Markdown) and gives them
back. Front-matter `tags` become a last line of `#tags`; other properties are dropped, with a warning;
`#tags` in the text stay. Pages not named by a date are skipped and counted.

Export writes one page per day into a folder (`-o vault/`), in the vault's own daily-notes folder and
format when it has them, else `YYYY-MM-DD.md` with a `.obsidian/daily-notes.json` saying so, so Obsidian
opens the folder as a vault of daily notes. It never overwrites a page that is there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from itertools import groupby
from pathlib import Path

from journal.interchange import ImportedNote, ImportFormatError, NoteStream, ReadOptions
from journal.interchange.daily_pages import DatePattern, page_day, pages
from journal.interchange.markdown import _NOTE, _escape, note_heading, parse_markdown
from journal.interchange.source import text_lines, total_size, wall_clock_note, with_tags
from journal.records import Entry

DEFAULT_FORMAT = "YYYY-MM-DD"
SETTINGS = Path(".obsidian") / "daily-notes.json"


def daily_settings(vault: Path) -> tuple[Path, DatePattern]:
    """The daily-notes folder and file-name pattern of a vault (Obsidian's defaults: the vault, YYYY-MM-DD)."""
    folder, fmt = vault, DEFAULT_FORMAT
    settings = vault / SETTINGS
    if settings.is_file():
        try:
            data = json.loads(settings.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            data = {}
        if isinstance(data, dict):
            if isinstance(data.get("folder"), str) and data["folder"].strip("/"):
                folder = vault / data["folder"].strip("/")
            if isinstance(data.get("format"), str) and data["format"].strip():
                fmt = data["format"].strip()
    return folder, DatePattern(fmt)


def read_obsidian(stream: NoteStream, options: ReadOptions) -> Iterator[ImportedNote]:
    path = stream.path
    if path.is_file():
        folder, pattern, files = path.parent, DatePattern(DEFAULT_FORMAT), [path]
    elif path.is_dir():
        folder, pattern = daily_settings(path)
        files = pages(path)
    else:
        raise ImportFormatError(f"{path}: no such file or folder; check the path")
    stream.size = total_size(files)
    found = 0
    dropped: set[str] = set()
    for file in files:
        day = page_day(pattern, folder, file) if file.is_relative_to(folder) else None
        if day is None:
            stream.skipped["pages that are not daily notes"] += 1
            stream.read += file.stat().st_size
            continue
        for note in _page(stream, file, day, options, dropped):
            found += 1
            yield note
    if dropped:
        stream.warn(f"{path}: front-matter properties other than tags were not imported: {', '.join(sorted(dropped))}")
    if not found and not stream.skipped:
        raise ImportFormatError(f"{path}: no daily notes found; a daily note is named by its date, e.g. 2021-03-19.md")
    if not found:
        raise ImportFormatError(
            f"{path}: no daily notes found among {sum(stream.skipped.values()):,} pages; daily notes are named "
            f"{pattern.pattern}.md (as .obsidian/daily-notes.json says, when the vault has one)"
        )


def _page(stream: NoteStream, file: Path, day: date, options: ReadOptions, dropped: set[str]) -> Iterator[ImportedNote]:
    lines = text_lines(stream, file)
    tags: list[str] = []
    body: list[tuple[int, str]] = []
    first = next(lines, None)
    if first is not None and first[1].rstrip() == "---":
        front: list[str] = []
        for _number, line in lines:
            if line.rstrip() in ("---", "..."):
                break
            front.append(line)
        else:
            raise ImportFormatError(f"{file}: line {first[0]}: the front matter (---) is never closed")
        tags = _front_matter_tags(front, dropped)
    elif first is not None:
        body.append(first)
    body.extend(lines)
    heading = next((line for _n, line in body if line.strip()), "")
    if _NOTE.match(heading):  # a page we exported: one section per note
        notes = list(parse_markdown(body, file, options.zone, day))
        if tags and notes:
            notes[-1] = replace(notes[-1], body=with_tags(notes[-1].body, tags))
        yield from notes
        return
    text = with_tags("\n".join(line for _n, line in body), tags)
    wall = datetime.combine(day, options.default_time)
    note = wall_clock_note(f"{file}: line {body[0][0] if body else 1}", wall, options.zone, text)
    if note is None:
        stream.skipped["empty daily notes"] += 1
    else:
        yield note


def _front_matter_tags(front: list[str], dropped: set[str]) -> list[str]:
    """`tags: [a, b]`, `tags: a, b` or a YAML list under `tags:` (also `tag:`); other keys are noted."""
    tags: list[str] = []
    key = None
    for line in front:
        item = re.match(r"\s*-\s*(.*)$", line)
        if item and key in ("tags", "tag"):
            tags.append(item.group(1))
            continue
        match = re.match(r"([^\s:#][^:]*):(.*)$", line)
        if not match:
            continue
        key, value = match.group(1).strip().lower(), match.group(2).strip()
        if key in ("tags", "tag"):
            tags += re.split(r"[,\s]+", value.strip("[]")) if value else []
        else:
            dropped.add(match.group(1).strip())
    return [t.strip().strip("'\"").lstrip("#") for t in tags if t.strip().strip("'\"").lstrip("#")]


def obsidian_page(entries: Iterable[Entry]) -> str:
    parts = []
    for entry in entries:
        body = "\n".join(_escape(line) for line in entry.body.split("\n"))
        parts.append(f"### {note_heading(entry)}{' ★' if entry.starred else ''}\n\n{body}")
    return "\n\n".join(parts) + "\n"


def write_obsidian(entries: list[Entry], vault: Path) -> int:
    """One page per day in the vault's daily-notes folder; refuses to overwrite any page (before writing one)."""
    from journal.errors import JournalError
    from journal.interchange.files import check_folder, write_private

    check_folder(vault.parent, vault)
    vault.mkdir(mode=0o700, exist_ok=True)
    folder, pattern = daily_settings(vault)
    days = [(day, list(group)) for day, group in groupby(entries, key=lambda e: e.day)]
    targets = [(folder / f"{pattern.name(day)}.md", group) for day, group in days]
    there = [target for target, _group in targets if target.exists()]
    if there:
        raise JournalError(
            f"{there[0]} is already there ({len(there)} of the pages are); nothing written: export to a new folder"
        )
    if not (vault / ".obsidian").exists():
        (vault / ".obsidian").mkdir(mode=0o700)
        write_private(vault / SETTINGS, json.dumps({"folder": "", "format": DEFAULT_FORMAT}, indent=2) + "\n")
    for target, group in targets:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_private(target, obsidian_page(group))
    return len(targets)
