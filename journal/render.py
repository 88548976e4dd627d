"""Turning entries into text, JSON and Markdown for the terminal. No Rich: it costs start-up time."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from itertools import groupby

from journal.records import Entry, NotebookInfo, Revision, SearchHit


def _styled(text: str, code: str) -> str:
    """Text as it is: colours are added after the output is made safe (journal/cli/colour.py), so that
    nothing a note holds can become an escape sequence."""
    return text


FUTURE_MARK = "(future: not counted until then)"


def day_heading(entry: Entry) -> str:
    return f"{entry.day.isoformat()} {entry.day.strftime('%a')}"


def entries_text(entries: Iterable[Entry], today: date | None = None) -> str:
    """Grouped by day; times as a clock where each note was written showed them (`23:30 EDT` when that
    is not the time here). A day after `today` is marked as a future day."""
    entries = list(entries)
    show_notebook = len({e.notebook for e in entries}) > 1
    lines: list[str] = []
    for _day, group in groupby(entries, key=lambda e: e.day):
        items = list(group)
        future = f" {FUTURE_MARK}" if today is not None and items[0].is_future(today) else ""
        lines.append(_styled(day_heading(items[0]), "1") + _styled(future, "2"))
        for entry in items:
            lines.extend(_entry_lines(entry, show_notebook))
    return "\n".join(lines)


def _entry_lines(entry: Entry, show_notebook: bool) -> list[str]:
    from journal.zones import clock_time

    star = "★ " if entry.starred else ""
    clock = clock_time(entry.moment)
    book = _styled(f" [{entry.notebook}]", "2") if show_notebook else ""
    first, *rest = entry.body.split("\n")
    lines = [f"  {_styled(f'#{entry.id}', '36')} {clock}{book} {star}{first}"]
    if entry.prompt:
        lines.insert(1, _styled(f"      ↳ {entry.prompt[1] or entry.prompt[2]}", "2"))
    lines.extend(f"      {line}" if line else "" for line in rest)
    return lines


def entry_text(entry: Entry, today: date | None = None) -> str:
    """`time:` is the note's moment where it was written (with the time here when that differs);
    `written:` when it was typed, shown only when that is another minute (a back-dated note)."""
    from journal.zones import differs_from_local, full_time

    future = f" {FUTURE_MARK}" if today is not None and entry.is_future(today) else ""
    when = full_time(entry.moment, entry.zone)
    if differs_from_local(entry.moment):
        when += f" (here: {_here(entry.created_at)})"
    head = [
        _styled(f"#{entry.id}  {day_heading(entry)}", "1") + future,
        f"notebook: {entry.notebook}{' (read-only)' if entry.read_only else ''}",
        f"time:     {when}",
    ]
    typed = entry.written_at or entry.created_at
    if abs((typed - entry.created_at).total_seconds()) >= 60:
        head.append(f"written:  {_here(typed)}")
    if entry.updated_at != typed:
        head.append(f"edited:   {_here(entry.updated_at)}")
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


def _here(moment: datetime) -> str:
    """A time as a clock here shows it: `2026-12-02 02:09 +09:00`."""
    from journal.zones import offset_name

    local = moment.astimezone()
    return f"{local:%Y-%m-%d %H:%M} {offset_name(local.utcoffset())}"


def entries_json(entries: Iterable[Entry]) -> str:
    return json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2)


def entries_markdown(entries: Iterable[Entry]) -> str:
    """`### 23:30 (America/New_York) · #12 ★`: the time where the note was written, and that zone
    (`journal import --format md` reads it back)."""
    from journal.interchange.markdown import note_heading

    parts: list[str] = []
    for _day, group in groupby(entries, key=lambda e: e.day):
        items = list(group)
        parts.append(f"## {items[0].day.isoformat()} ({items[0].day.strftime('%a')})")
        for entry in items:
            star = " ★" if entry.starred else ""
            parts.append(f"### {note_heading(entry)} · #{entry.id}{star}\n\n{entry.body}")
    return "\n\n".join(parts)


def history_text(revisions: list[Revision]) -> str:
    blocks = []
    for rev in revisions:
        when = rev.written_at.astimezone().strftime("%Y-%m-%d %H:%M")
        label = "current" if rev.replaced_at is None else f"replaced {rev.replaced_at.astimezone():%Y-%m-%d %H:%M}"
        on = f"on {rev.day.isoformat()} · " if rev.day else ""
        blocks.append(_styled(f"revision {rev.number} · {on}written {when} · {label}", "1") + "\n" + rev.body)
    return "\n\n".join(blocks)


def notebooks_text(books: list[NotebookInfo]) -> str:
    width = max((cells(b.name) for b in books), default=0)  # Hangul takes two cells
    lines = []
    for book in books:
        noun = "note" if book.entry_count == 1 else "notes"
        name = book.name + " " * (width - cells(book.name))
        lines.append(f"{name}  {book.entry_count:>6} {noun}{'  read-only' if book.read_only else ''}")
    return "\n".join(lines)


def notebooks_json(books: list[NotebookInfo]) -> str:
    return json.dumps([b.to_json() for b in books], ensure_ascii=False, indent=2)


def _highlighted(text: str, spans: tuple[tuple[int, int], ...], colour: bool) -> str:
    """The snippet made safe piece by piece (a control picture can be wider than what it shows, so the
    matched ranges are cut first), its matches in reverse video on a terminal."""
    from journal.text import visible_text

    out, last = [], 0
    for start, end in spans:
        match = visible_text(text[start:end])
        out += [visible_text(text[last:start]), f"\x1b[1;7m{match}\x1b[0m" if colour else match]
        last = end
    out.append(visible_text(text[last:]))
    return "".join(out)


def hits_text(hits: list[SearchHit], *, colour: bool = False) -> str:
    """Search results, already safe for a terminal (the CLI prints them as they are)."""
    from journal.text import visible_text

    lines = []
    for hit in hits:
        entry = hit.entry
        star = " ★" if entry.starred else ""
        lines.append(visible_text(f"#{entry.id}  {day_heading(entry)}{star}  [{entry.notebook}]"))
        lines.append(f"    {_highlighted(hit.snippet, hit.spans, colour)}")
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
    ]
    if figures.get("future_notes"):
        lines.append(f"future notes   {figures['future_notes']:,} (dated after today; counted when their day comes)")
    lines += [
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
