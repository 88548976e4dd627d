"""Turning entries into text, JSON and Markdown for the terminal. No Rich: it costs start-up time."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import groupby

from journal.records import Entry, NotebookInfo, Revision, SearchHit


def _styled(text: str, code: str) -> str:
    if os.environ.get("NO_COLOR") or not sys.stdout.isatty():
        return text
    return f"\x1b[{code}m{text}\x1b[0m"


def day_heading(entry: Entry) -> str:
    return f"{entry.day.isoformat()} {entry.day.strftime('%a')}"


def entries_text(entries: Iterable[Entry]) -> str:
    entries = list(entries)
    show_notebook = len({e.notebook for e in entries}) > 1
    lines: list[str] = []
    for _day, group in groupby(entries, key=lambda e: e.day):
        items = list(group)
        lines.append(_styled(day_heading(items[0]), "1"))
        for entry in items:
            lines.extend(_entry_lines(entry, show_notebook))
    return "\n".join(lines)


def _entry_lines(entry: Entry, show_notebook: bool) -> list[str]:
    star = "★ " if entry.starred else ""
    clock = entry.created_at.astimezone().strftime("%H:%M")
    book = _styled(f" [{entry.notebook}]", "2") if show_notebook else ""
    first, *rest = entry.body.split("\n")
    lines = [f"  {_styled(f'#{entry.id}', '36')} {clock}{book} {star}{first}"]
    if entry.prompt:
        lines.insert(1, _styled(f"      ↳ {entry.prompt[1] or entry.prompt[2]}", "2"))
    lines.extend(f"      {line}" if line else "" for line in rest)
    return lines


def entry_text(entry: Entry) -> str:
    created = entry.created_at.astimezone().strftime("%Y-%m-%d %H:%M %z")
    head = [
        _styled(f"#{entry.id}  {day_heading(entry)}", "1"),
        f"notebook: {entry.notebook}{' (read-only)' if entry.read_only else ''}",
        f"written:  {created}",
    ]
    if entry.updated_at != entry.created_at:
        head.append(f"edited:   {entry.updated_at.astimezone().strftime('%Y-%m-%d %H:%M %z')}")
    if entry.tags:
        head.append("tags:     " + " ".join(f"#{t}" for t in entry.tags))
    if entry.starred:
        head.append("starred:  ★")
    if entry.prompt:
        head.append(f"answers:  {entry.prompt[0]} — {entry.prompt[1] or entry.prompt[2]}")
    if entry.deleted_at:
        head.append("in trash: since " + entry.deleted_at.astimezone().strftime("%Y-%m-%d %H:%M"))
    head.append(f"uuid:     {entry.uuid}")
    return "\n".join([*head, "", entry.body])


def entries_json(entries: Iterable[Entry]) -> str:
    return json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2)


def entries_markdown(entries: Iterable[Entry]) -> str:
    parts: list[str] = []
    for _day, group in groupby(entries, key=lambda e: e.day):
        items = list(group)
        parts.append(f"## {items[0].day.isoformat()} ({items[0].day.strftime('%a')})")
        for entry in items:
            clock = entry.created_at.astimezone().strftime("%H:%M")
            star = " ★" if entry.starred else ""
            parts.append(f"### {clock} · #{entry.id}{star}\n\n{entry.body}")
    return "\n\n".join(parts)


def history_text(revisions: list[Revision]) -> str:
    blocks = []
    for rev in revisions:
        when = rev.written_at.astimezone().strftime("%Y-%m-%d %H:%M")
        label = "current" if rev.replaced_at is None else f"replaced {rev.replaced_at.astimezone():%Y-%m-%d %H:%M}"
        blocks.append(_styled(f"revision {rev.number} · written {when} · {label}", "1") + "\n" + rev.body)
    return "\n\n".join(blocks)


def notebooks_text(books: list[NotebookInfo]) -> str:
    width = max((len(b.name) for b in books), default=0)
    lines = []
    for book in books:
        noun = "note" if book.entry_count == 1 else "notes"
        lines.append(f"{book.name.ljust(width)}  {book.entry_count:>6} {noun}{'  read-only' if book.read_only else ''}")
    return "\n".join(lines)


def notebooks_json(books: list[NotebookInfo]) -> str:
    return json.dumps([b.to_json() for b in books], ensure_ascii=False, indent=2)


def _highlighted(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    if os.environ.get("NO_COLOR") or not sys.stdout.isatty():
        return text
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], "\x1b[1;7m", text[start:end], "\x1b[0m"]
        last = end
    out.append(text[last:])
    return "".join(out)


def hits_text(hits: list[SearchHit]) -> str:
    lines = []
    for hit in hits:
        entry = hit.entry
        star = " ★" if entry.starred else ""
        lines.append(_styled(f"#{entry.id}  {day_heading(entry)}{star}", "1") + _styled(f"  [{entry.notebook}]", "2"))
        lines.append(f"    {_highlighted(hit.snippet, hit.spans)}")
    return "\n".join(lines)


def hits_json(hits: list[SearchHit]) -> str:
    """`journal list --format json` fields plus `score` and `highlight` (matches wrapped in **)."""
    from journal.search.snippets import marked

    return json.dumps(
        [{**h.entry.to_json(), "score": round(h.score, 4), "highlight": marked(h.snippet, h.spans)} for h in hits],
        ensure_ascii=False,
        indent=2,
    )


HEAT = " ░▒▓█"


def heatmap(counts: dict[str, int], today: date) -> str:
    """A GitHub-style year: one column a week, one row a weekday (Mon at the top), darker = more notes."""
    first = today - timedelta(days=364)
    first -= timedelta(days=first.weekday())
    weeks = (today - first).days // 7 + 1
    rows = []
    months = [" "] * weeks
    for col in range(weeks):
        monday = first + timedelta(days=7 * col)
        if monday.day <= 7:
            label = monday.strftime("%b")
            months[col : col + len(label)] = list(label)
    rows.append("    " + "".join(months[:weeks]))
    for weekday, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        cells = []
        for col in range(weeks):
            day = first + timedelta(days=7 * col + weekday)
            if day > today:
                cells.append(" ")
                continue
            count = counts.get(day.isoformat(), 0)
            cells.append(HEAT[min(count, 4)] if count else "·")
        rows.append(f"{name:<4}" + "".join(cells))
    rows.append("    less " + " ".join("·" + HEAT[1:]) + " more")
    return "\n".join(rows)


def stats_text(figures: dict, today: date) -> str:  # type: ignore[type-arg]
    streak = figures["streak"]
    consistency = streak["consistency"]
    lines = [
        f"notes          {figures['total_notes']:,}",
        f"first note     {figures['first_note'] or '—'}",
        f"days written   {figures['days_written']:,}",
        f"streak         {streak['current']} now, longest {streak['longest']}",
        f"consistency    {consistency['last_7_days']}/7 · {consistency['last_30_days']}/30 · "
        f"{consistency['last_365_days']}/365 days",
        "per weekday    " + "  ".join(f"{d} {n}" for d, n in figures["notes_per_weekday"].items()),
        "top tags       " + ("  ".join(f"#{t['tag']} {t['count']}" for t in figures["top_tags"]) or "—"),
        "",
        heatmap(figures["year"], today),
    ]
    return "\n".join(lines)


def tags_text(counted: list[tuple[str, int, date]]) -> str:
    """`#경량화   12  last 2026-11-20`, most used first, columns aligned in terminal cells."""
    width = max(cells(f"#{tag}") for tag, _, _ in counted)
    lines = []
    for tag, count, last in counted:
        name = f"#{tag}"
        lines.append(f"{name}{' ' * (width - cells(name))}  {count:>5}  last {last.isoformat()}")
    return "\n".join(lines)


def cells(text: str) -> int:
    """How many terminal cells `text` takes: Hangul and other wide characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)
