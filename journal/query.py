"""The search query language, parsed into plain data (no Whoosh here).

슬럼프 경량화            every word must match (Korean words match inside longer words)
"exact phrase"          words in this order
quant*                  words starting with quant
A OR B                  either
-word  -"a phrase"  -#tag   exclude (NOT word is -word; a search of only exclusions lists the newest
                        notes without them)
#tag  @tag              tagged
notebook:NAME  is:starred  on:WHEN  from:WHEN  to:WHEN   (WHEN as in the CLI: from:"last friday")
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from journal.dates import parse_day
from journal.errors import DateParseError, UsageError
from journal.text import TAG_MARKERS, fold, nfc

FILTERS = ("notebook", "is", "on", "from", "to")


class QueryError(UsageError):
    pass


@dataclass(frozen=True)
class Clause:
    kind: str  # "word", "phrase", "prefix" or "tag"
    text: str
    negated: bool = False


@dataclass(frozen=True)
class SearchQuery:
    groups: tuple[tuple[Clause, ...], ...] = ()  # every group must match; a group is an OR of clauses
    start: date | None = None
    end: date | None = None
    notebooks: tuple[str, ...] = ()
    starred: bool = False
    excluded_notebooks: tuple[str, ...] = field(default=())

    @property
    def positive(self) -> list[Clause]:
        return [c for group in self.groups for c in group if not c.negated]


def parse_query(text: str, today: date) -> SearchQuery:
    tokens = _lex(fold(nfc(text)))  # full-width ＃태그 or ＂a phrase＂ as typed on a CJK keyboard
    if not tokens:
        raise QueryError('the search is empty; type a word, a "phrase", a #tag or a filter such as on:어제')
    groups: list[list[Clause]] = []
    start = end = None
    notebooks: list[str] = []
    excluded_notebooks: list[str] = []
    starred = False
    join_next = False
    negate_next = False
    for negated, name, value, quoted in tokens:
        if name is None and not quoted and value == "NOT" and not negated:
            if negate_next:
                raise QueryError("NOT needs a word after it, e.g. 경량화 NOT 양자화")
            negate_next = True
            continue
        if negate_next:
            if negated:
                raise QueryError(f"NOT -{value} excludes twice; write {value} or -{value}")
            negated, negate_next = True, False
        if name is None and not quoted and value == "OR" and not negated:
            if not groups or join_next:
                raise QueryError("OR needs a word on each side, e.g. 양자화 OR quantization")
            join_next = True
            continue
        if name is not None:
            if join_next:
                raise QueryError(f"OR cannot join the filter {name}:")
            if name == "notebook":
                (excluded_notebooks if negated else notebooks).append(value)
            elif name == "is":
                if value.lower() != "starred" or negated:
                    raise QueryError(f"is:{value} is not a filter; use is:starred")
                starred = True
            else:
                day = _day(name, value, today)
                if name in ("on", "from"):
                    start = day if start is None or name == "on" else max(start, day)
                if name in ("on", "to"):
                    end = day if end is None or name == "on" else min(end, day)
            continue
        clause = _clause(value, quoted, negated)
        if join_next:
            groups[-1].append(clause)
            join_next = False
        else:
            groups.append([clause])
    if join_next:
        raise QueryError("OR needs a word on each side, e.g. 양자화 OR quantization")
    if negate_next:
        raise QueryError("NOT needs a word after it, e.g. 경량화 NOT 양자화")
    if start and end and start > end:
        raise QueryError(f"the search asks for days from {start} to {end}, which is no day at all")
    return SearchQuery(
        tuple(tuple(g) for g in groups), start, end, tuple(notebooks), starred, tuple(excluded_notebooks)
    )


def _clause(value: str, quoted: bool, negated: bool) -> Clause:
    if quoted:
        return Clause("phrase", value, negated)
    if value[:1] in TAG_MARKERS and len(value) > 1:
        return Clause("tag", value[1:], negated)
    if value.endswith("*") and len(value.rstrip("*")) > 0:
        return Clause("prefix", value.rstrip("*"), negated)
    return Clause("word", value, negated)


def _day(name: str, value: str, today: date) -> date:
    try:
        return parse_day(value, today)
    except DateParseError as exc:
        raise QueryError(f"{name}:{value!s} — {exc.message}") from None


def _lex(text: str) -> list[tuple[bool, str | None, str, bool]]:
    """(negated, filter name or None, value, quoted) for each item of the query."""
    items: list[tuple[bool, str | None, str, bool]] = []
    i = 0
    n = len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = text[i] == "-" and i + 1 < n and not text[i + 1].isspace()
        if negated:
            i += 1
        name = None
        j = i
        while j < n and (text[j].isascii() and text[j].isalpha()):
            j += 1
        ends_after_colon = j < n and text[j] == ":" and (j + 1 == n or text[j + 1].isspace())
        if ends_after_colon and j > i and text[i:j].lower() in FILTERS:
            raise QueryError(f"{text[i:j]}: needs a value, e.g. on:어제 or notebook:Work")
        if j < n and text[j] == ":" and j > i and j + 1 < n and not text[j + 1].isspace():
            candidate = text[i:j].lower()
            if candidate not in FILTERS:
                raise QueryError(
                    f"unknown filter {text[i:j]}: — use notebook:, is:starred, on:, from: or to:"
                    f" (to search for {text[i : j + 1]!r} itself, put it in quotes)"
                )
            name = candidate
            i = j + 1
        if i < n and text[i] == '"':
            close = text.find('"', i + 1)
            if close == -1:
                raise QueryError(f'unbalanced quote in {text!r}; close the "phrase"')
            value = text[i + 1 : close]
            i = close + 1
            if value.strip():
                items.append((negated, name, value.strip(), True))
            elif name:
                raise QueryError(f"{name}: needs a value")
            continue
        j = i
        while j < n and not text[j].isspace():
            j += 1
        value = text[i:j]
        i = j
        if '"' in value:
            raise QueryError(f'unbalanced quote in {text!r}; close the "phrase"')
        if name is not None and not value:
            raise QueryError(f"{name}: needs a value")
        if value:
            items.append((negated, name, value, False))
    return items
