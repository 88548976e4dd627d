"""Substring search straight over SQLite: the TUI's search-as-you-type until the Whoosh index lands.

Substrings find Korean stems with particles attached (`슬럼프` finds `슬럼프가`), but there is no
ranking or stemming; the Whoosh index (see the search issue) replaces this module behind
`Journal.search`.
"""

from __future__ import annotations

import re
import shlex
import sqlite3
from dataclasses import dataclass

from journal import repository as repo
from journal.errors import UsageError
from journal.records import EntryFilter, SearchHit
from journal.text import nfc

SNIPPET_WIDTH = 80


@dataclass(frozen=True)
class Query:
    terms: tuple[str, ...]
    excluded: tuple[str, ...]
    tags: tuple[str, ...]


def parse_query(text: str) -> Query:
    try:
        words = shlex.split(nfc(text), posix=True)
    except ValueError:
        raise UsageError(f'unbalanced quote in the search {text!r}; close the "phrase"') from None
    terms, excluded, tags = [], [], []
    for word in words:
        if word.startswith("#") and len(word) > 1:
            tags.append(word[1:])
        elif word.startswith("-") and len(word) > 1:
            excluded.append(word[1:].casefold())
        elif word:
            terms.append(word.casefold())
    return Query(tuple(terms), tuple(excluded), tuple(tags))


def search(conn: sqlite3.Connection, text: str, *, limit: int = 50) -> list[SearchHit]:
    query = parse_query(text)
    if not query.terms and not query.tags:
        return []
    where = ["deleted_at IS NULL"]
    params: list[object] = []
    for term in query.terms:
        where.append("body LIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(term)}%")
    for term in query.excluded:
        where.append("body NOT LIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(term)}%")
    if query.tags:
        ids_sql = "SELECT et.entry_id FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE t.key = ?"
        for tag in query.tags:
            where.append(f"id IN ({ids_sql})")
            params.append(nfc(tag).casefold())
    rows = conn.execute(
        f"SELECT id FROM entries WHERE {' AND '.join(where)} ORDER BY day DESC, created_at DESC LIMIT ?",
        [*params, limit * 4],
    ).fetchall()
    candidates = repo.list_entries(conn, EntryFilter(ids=tuple(r[0] for r in rows)))
    hits = []
    for entry in reversed(candidates):  # newest first
        folded = entry.body.casefold()
        if any(t not in folded for t in query.terms) or any(t in folded for t in query.excluded):
            continue  # SQLite's LIKE folds ASCII only; Python decides for the rest of Unicode
        hits.append(_hit(entry, query))
        if len(hits) == limit:
            break
    return hits


def _escape_like(term: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", term)


def _hit(entry, query: Query) -> SearchHit:  # type: ignore[no-untyped-def]
    body = entry.body.replace("\n", " ")
    folded = body.casefold()
    needles = [*query.terms, *(f"#{t.casefold()}" for t in query.tags)]
    first = min((folded.find(n) for n in needles if folded.find(n) >= 0), default=0)
    start = max(0, first - SNIPPET_WIDTH // 3)
    snippet = body[start : start + SNIPPET_WIDTH]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + SNIPPET_WIDTH < len(body) else ""
    spans = []
    lowered = snippet.casefold()
    for needle in needles:
        for match in re.finditer(re.escape(needle), lowered):
            spans.append((match.start() + len(prefix), match.end() + len(prefix)))
    return SearchHit(entry, prefix + snippet + suffix, tuple(sorted(spans)))
