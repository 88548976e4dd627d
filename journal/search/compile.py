"""Our query (journal.query.SearchQuery) as a Whoosh query."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from whoosh import query as wq

from journal.query import Clause, SearchQuery
from journal.search.analysis import CHARACTER, SURFACE, analyze
from journal.search.patterns import Pattern, holds, pattern_of
from journal.search.schema import day_number
from journal.search.tails import Syllable
from journal.search.whoosh_changes import TIER, ScoredTerm, and_not_class
from journal.text import fold, tag_key


@dataclass(frozen=True)
class CompiledQuery:
    query: wq.Query
    phrases: tuple[Pattern, ...] = ()
    """Patterns every match must have that one term does not say (a word of three characters or more, a
    phrase, a mixed word): searched as their rarest term (by_rarest_word), so each candidate's text is
    checked."""
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
    phrases: list[Pattern] = []
    for group in query.groups:
        compiled = [found for found in (_clause(c) for c in group) if found[0] is not None]
        alternatives = [q for q, _ in compiled]
        if len(alternatives) == 1:
            pattern = compiled[0][1]
            if pattern is not None and pattern.checked:
                phrases.append(pattern)
            parts.extend(alternatives[0].subqueries if isinstance(alternatives[0], wq.And) else alternatives)
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
        books = [wq.Term("notebook", n.casefold()) for n in query.notebooks]
        parts.append(books[0] if len(books) == 1 else wq.Or(books))
    for name in query.excluded_notebooks:
        parts.append(wq.Not(wq.Term("notebook", name.casefold())))
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
            clause.kind == "tag" or (clause.kind == "prefix" and not CHARACTER.search(fold(clause.text)))
            for clause in query.positive
        ),
    )


def has_phrases(text: str, phrases: Iterable[Pattern]) -> bool:
    """Whether the text has every pattern, as the index would find it."""
    return holds(text, phrases)


def nothing_to_find(query: SearchQuery) -> bool:
    """Whether a query asks for nothing the index holds: only punctuation (`(`, `*`, `""`) and no filter."""
    filters = query.start or query.end or query.notebooks or query.excluded_notebooks or query.starred
    return not filters and all(_clause(clause)[0] is None for group in query.groups for clause in group)


def _clause(clause: Clause) -> tuple[wq.Query | None, Pattern | None]:
    """A clause as a Whoosh query, with its pattern (None for a tag or an English prefix); no query for one
    that has nothing the index holds (only punctuation)."""
    pattern = None
    if clause.kind == "tag":
        q: wq.Query | None = wq.Term("tags", tag_key(clause.text))
    elif clause.kind == "prefix" and not CHARACTER.search(fold(clause.text)):
        q = _prefix(clause.text)
    else:  # a word, a phrase, or a prefix of Korean, Japanese or Chinese (a word: it matches inside words)
        pattern = pattern_of(clause.text)
        q = None if pattern is None else pattern_query(pattern)
    if q is None:
        return None, None
    return (wq.Not(q), None) if clause.negated else (q, pattern)


def pattern_query(pattern: Pattern) -> wq.Query | None:
    """The Whoosh query of a pattern. One term is a term (tiered: a note with it at a word's start first;
    `models` first where the note says `models`); a one-character word a Syllable; anything longer a
    Phrase of a term a step, with what a phrase cannot say (a second junction, an edge character) left to
    the text check."""
    if pattern.syllable:
        return Syllable("body", pattern.syllable)
    term = pattern.one_term
    if term is not None:
        if pattern.surface:
            return wq.AndMaybe(
                ScoredTerm("body", term, TIER), ScoredTerm("body", pattern.surface, 1 - TIER, idf_of=term)
            )
        return ScoredTerm("body", term, tiered=pattern.tiered)
    row = [sorted(step.terms)[0] for step in pattern.steps if step.terms]
    extra = [wq.Term("body", t) for step in pattern.steps for t in sorted(step.terms)[1:]]
    edges = [Syllable("body", step.starts or step.ends) for step in pattern.steps if not step.terms]
    if not row:
        return edges[0] if len(edges) == 1 else wq.And(edges)
    main: wq.Query = wq.Term("body", row[0]) if len(row) == 1 else wq.Phrase("body", row)
    return main if not extra else wq.And([main, *extra])


def _prefix(text: str) -> wq.Query | None:
    lowered = fold(text).lower()
    stems = {lowered, *(t for t in analyze(lowered) if not t.startswith(SURFACE))}
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
