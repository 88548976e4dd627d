"""Our query (journal.query.SearchQuery) as a Whoosh query."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from whoosh import query as wq

from journal.query import Clause, SearchQuery
from journal.search.analysis import HANGUL_START, WORD_RUN, analyze
from journal.search.schema import day_number
from journal.search.whoosh_changes import and_not_class
from journal.text import nfc, tag_key


@dataclass(frozen=True)
class CompiledQuery:
    query: wq.Query
    phrases: tuple[tuple[str, ...], ...] = ()
    """Token sequences every match must contain in a row: searched as all their terms (see
    SearchIndex.search), so each candidate's text is checked."""
    exact: wq.Query | None = None
    """With phrases: the query with them as Whoosh phrases, for when checking candidates finds too few
    (a phrase of common words that seldom stand together)."""
    scored: bool = True
    """Whether the query has words to rank by; one without (only #tags, filters, -words) lists newest
    first."""
    constant: bool = False
    """Whether every match scores the same: words only as English prefixes (`distill*`), which Whoosh
    scores as a constant (1). All tie, so the newest come first."""


def compile_query(query: SearchQuery) -> CompiledQuery:
    parts: list[wq.Query] = []
    exact: list[wq.Query] = []  # the same, phrases as phrases
    phrases: list[tuple[str, ...]] = []
    for group in query.groups:
        alternatives = [q for q in (_clause(c) for c in group) if q is not None]
        if len(alternatives) == 1:
            parts.extend(_required(alternatives[0], phrases))
            exact.append(alternatives[0])
        elif alternatives:
            parts.append(wq.Or(alternatives))
            exact.append(parts[-1])
    filters_from = len(parts)
    if query.start or query.end:
        parts.append(
            wq.NumericRange(
                "day",
                day_number(query.start) if query.start else None,
                day_number(query.end) if query.end else None,
            )
        )
    if query.notebooks:
        books = [wq.Term("notebook", nfc(n).casefold()) for n in query.notebooks]
        parts.append(books[0] if len(books) == 1 else wq.Or(books))
    for name in query.excluded_notebooks:
        parts.append(wq.Not(wq.Term("notebook", nfc(name).casefold())))
    if query.starred:
        parts.append(wq.Term("starred", True))
    exact.extend(parts[filters_from:])
    if not any(not isinstance(p, wq.Not) for p in parts):
        # Only exclusions: every note but those. (Not And([Every(), Not(x)]): normalize() makes it Every.)
        excluded = [p.query for p in parts if isinstance(p, wq.Not)]
        everything: wq.Query = wq.Every()
        if excluded:
            everything = wq.AndNot(everything, excluded[0] if len(excluded) == 1 else wq.Or(excluded))
        return CompiledQuery(everything, scored=False, constant=True)
    # normalize() keeps one flat intersection (~30% faster than nested ones: 슬럼프 질문)
    return CompiledQuery(
        (parts[0] if len(parts) == 1 else wq.And(parts)).normalize(),
        tuple(phrases),
        exact=(exact[0] if len(exact) == 1 else wq.And(exact)).normalize() if phrases else None,
        scored=any(clause.kind != "tag" for clause in query.positive),
        constant=all(
            clause.kind == "tag" or (clause.kind == "prefix" and not HANGUL_START.search(clause.text))
            for clause in query.positive
        ),
    )


def _required(query: wq.Query, phrases: list[tuple[str, ...]]) -> list[wq.Query]:
    """A clause every match must satisfy, as queries that must all match (a mixed word like `Lite로그` is
    an And of its runs). A phrase (a Korean word is the phrase of its bigrams) is added to `phrases`,
    to be checked on each candidate's text: the search looks for its rarest word alone (by_rarest_word)."""
    if isinstance(query, wq.Phrase):
        phrases.append(tuple(query.words))
        return [query]
    if isinstance(query, wq.And):
        return [part for sub in query.subqueries for part in _required(sub, phrases)]
    return [query]


def has_phrases(text: str, phrases: Iterable[tuple[str, ...]]) -> bool:
    """Whether every token sequence occurs in a row in the text, as Whoosh's Phrase would find it."""
    tokens = analyze(text)
    joined = "\x00" + "\x00".join(tokens) + "\x00"
    return all("\x00" + "\x00".join(phrase) + "\x00" in joined for phrase in phrases)


def _clause(clause: Clause) -> wq.Query | None:
    if clause.kind == "tag":
        q: wq.Query | None = wq.Term("tags", tag_key(clause.text))
    elif clause.kind == "phrase":
        q = _tokens_query(analyze(clause.text))
    elif clause.kind == "prefix":
        q = _prefix(clause.text)
    else:
        # A word is matched run by run: `Lite로` is `lite` and `로`, each as a substring where Hangul.
        runs = [_run_query(m.group()) for m in WORD_RUN.finditer(nfc(clause.text))]
        runs = [r for r in runs if r is not None]
        q = None if not runs else runs[0] if len(runs) == 1 else wq.And(runs)
    if q is None:
        return None
    return wq.Not(q) if clause.negated else q


def _run_query(run: str) -> wq.Query | None:
    if HANGUL_START.match(run) and len(run) == 1:
        # One syllable: any bigram that starts or ends with it, or the syllable standing alone.
        return wq.Or([wq.Prefix("body", run), wq.Wildcard("body", "*" + run)])
    return _tokens_query(analyze(run))


def _tokens_query(tokens: list[str]) -> wq.Query | None:
    if not tokens:
        return None
    if len(tokens) == 1:
        return wq.Term("body", tokens[0])
    return wq.Phrase("body", tokens)


def _prefix(text: str) -> wq.Query | None:
    if HANGUL_START.search(text):
        return _clause(Clause("word", text))
    lowered = nfc(text).lower()
    stems = {lowered, *analyze(lowered)}
    # `distill*` is `distil*` (its stem) or `distill*`: the first holds the second, search it alone.
    needed = sorted(s for s in stems if not any(s != other and s.startswith(other) for other in stems))
    return wq.Or([wq.Prefix("body", s) for s in needed]) if len(needed) > 1 else wq.Prefix("body", needed[0])


def exclusions_apart(query: wq.Query) -> wq.Query:
    """`And([a, b, Not(x), Not(y)])` as `AndNot(And([a, b]), Or([x, y]))`. Whoosh intersects the matches
    with the inverse of each excluded word, which cannot skip a block, so every match was scored
    (`슬럼프 -질문` 55 ms at 100,000 notes) and each exclusion added 1.0 to every score; AndNot skips
    blocks by the wanted words alone and scores by them."""
    if not isinstance(query, wq.And):
        return query
    wanted = [sub for sub in query.subqueries if not isinstance(sub, wq.Not)]
    excluded = [sub.query for sub in query.subqueries if isinstance(sub, wq.Not)]
    if not wanted or not excluded:
        return query
    return and_not_class()(
        wanted[0] if len(wanted) == 1 else wq.And(wanted, boost=query.boost),
        excluded[0] if len(excluded) == 1 else wq.Or(excluded),
    )


def replace_day_range(query: wq.Query, days: wq.Query) -> wq.Query:
    if isinstance(query, wq.NumericRange) and query.fieldname == "day":
        return days
    if isinstance(query, wq.CompoundQuery | wq.Not):
        return query.apply(lambda sub: replace_day_range(sub, days))
    return query


def by_rarest_word(query: wq.Query, searcher) -> wq.Query:  # type: ignore[no-untyped-def]
    """Each phrase every match must contain (a Korean word is the phrase of its bigrams) as its rarest
    word alone; the caller checks the phrase in each candidate's text. A phrase's other words add work
    (an intersection, for `슬럼프` of two lists that nearly coincide) and, for a Korean word, count the
    same occurrence again. At 100,000 notes `슬럼프` 34 -> 20 ms, `"standard routine"` 55 -> 25 ms.
    Under OR and after - a phrase stays a phrase, matched by Whoosh."""

    def rarest(phrase: wq.Phrase) -> wq.Term:
        words = phrase.words
        return wq.Term(phrase.fieldname, min(words, key=lambda w: searcher.doc_frequency(phrase.fieldname, w)))

    if isinstance(query, wq.Phrase):
        return rarest(query)
    if isinstance(query, wq.And):
        return wq.And([rarest(sub) if isinstance(sub, wq.Phrase) else sub for sub in query.subqueries])
    return query


QUERY_SYNTAX = '()*-"'
"""Characters that are the query language's own; a search of only these has nothing to look for."""


def literal_clauses(query: SearchQuery) -> list[Clause]:
    """The clauses the index holds no terms for (emoji, symbols such as `^^`): matched as text instead."""
    return [
        clause
        for group in query.groups
        for clause in group
        if clause.kind in ("word", "phrase", "prefix") and not analyze(clause.text)
    ]
