"""Full-text search with Whoosh, derived from SQLite and rebuildable at any time.

analysis    the mixed-script analyzer (Hangul bigrams, stemmed English) and token counts
schema      the index's fields, and a note as a document
store       the index on disk: identity and generation, updates, rebuilds swapped in, the open searcher
rebuild     a rebuild's two passes and its worker processes
writer      the fast segment writer a rebuild uses
compile     our query as a Whoosh query
ranking     running it: top matches by relevance, or the newest
tails       one-syllable Korean words as the terms they stand for
whoosh_changes  every change we make to Whoosh's matchers, collector and weighting
snippets    highlights and snippets
light_imports  Whoosh without the imports it never uses here (installed here, before any module imports it)
"""

from journal.search import light_imports

light_imports.install()
