"""The rebuild's segment writer: Whoosh's, cut to our schema (measured in docs/search.md)."""

from __future__ import annotations

from functools import lru_cache

from whoosh.util.numeric import length_to_byte

from journal.search.analysis import PRIMARY, SECONDARY, index_tokens, weight
from journal.search.tails import tails_of


class _TermPool:
    """Postings gathered per term in memory, in place of Whoosh's sorting pool for a rebuild segment.

    Whoosh's pool keeps one tuple per posting and sorts them all when the segment is written (and spills
    to disk past `limitmb`); here only the distinct terms are sorted, and a term's postings are already
    in document order because documents are added in order.
    """

    def __init__(self) -> None:
        # body term -> its documents, and its tokens in each: one int if once (most words), else a list;
        # each token coded as `position << 1 | starts a word` (analysis.index_tokens)
        self.body: dict[str, tuple[list[int], list[int | list[int]]]] = {}
        # field -> term -> its documents, weights and encoded values, for the fields other than body
        self.terms: dict[str, dict[bytes, tuple[list[int], list[float], list[bytes]]]] = {}

    def cleanup(self) -> None:
        self.body.clear()
        self.terms.clear()


def _add_body_postings(pool: dict[str, tuple[list[int], list[int | list[int]]]], docnum: int, text: str) -> int:
    """Note `docnum`'s body terms into the pool (documents come in order); its number of tokens."""
    terms, codes = index_tokens(text)
    for term, code in zip(terms, codes, strict=True):
        postings = pool.get(term)
        if postings is None:
            pool[term] = ([docnum], [code])
        elif postings[0][-1] != docnum:
            postings[0].append(docnum)
            postings[1].append(code)
        else:  # a word this note has already had
            found = postings[1][-1]
            if found.__class__ is int:
                postings[1][-1] = [found, code]  # type: ignore[list-item]
            else:
                found.append(code)  # type: ignore[union-attr]
    return len(terms)


@lru_cache(maxsize=65536)
def _encoded_positions(positions: tuple[int, ...]) -> bytes:
    from whoosh.formats import Positions

    return Positions().encode(positions)


@lru_cache(maxsize=4)
def _once_positions(longest: int) -> list[bytes]:
    """Whoosh's encoding of a word found once, at each position up to `longest` (a list to index)."""
    return [_encoded_positions((pos,)) for pos in range(longest + 1)]


@lru_cache(maxsize=1)
def rebuild_writer_class():  # type: ignore[no-untyped-def]
    from whoosh.util.numeric import byte_to_length
    from whoosh.writing import SegmentWriter

    class RebuildWriter(SegmentWriter):
        """Whoosh's segment writer for one rebuild segment, cut to what our schema needs (measured in
        docs/search.md): a note's body postings straight from the tokenizer, postings gathered per term
        (_TermPool), and lengths kept in memory for writing the postings (Whoosh reads a byte back from
        the file per posting). A test checks the index is the one Whoosh's own writer makes."""

        def __init__(self, ix) -> None:  # type: ignore[no-untyped-def]
            super().__init__(ix, _lk=False)  # a segment of a folder being built; its commit takes the lock
            self.pool = _TermPool()
            self._lengths: list[int] = []
            self._longest = 0
            self._indexed: dict[tuple[str, object], list[tuple[bytes, int, float, bytes]]] = {}

        def add_document(self, **fields: object) -> None:
            docnum = self.docnum
            per_doc = self.perdocwriter
            per_doc.start_doc(docnum)
            for name in sorted(fields):
                field = self.schema[name]
                value = fields[name]
                length = 0
                if name == "body":
                    length = _add_body_postings(self.pool.body, docnum, value)  # type: ignore[arg-type]
                    self._longest = max(self._longest, length)
                    self._lengths.append(byte_to_length(length_to_byte(length)))
                elif field.indexed:
                    if name == "id":
                        items = field.index(value)
                    else:  # a day, a notebook, tags, starred: few values, each indexed once
                        items = self._indexed.get((name, value))
                        if items is None:
                            items = self._indexed[name, value] = list(field.index(value))
                    pool = self.pool.terms.setdefault(name, {})
                    for term, count, weight, encoded in items:
                        if field.scorable:
                            length += count
                        postings = pool.get(term)
                        if postings is None:
                            pool[term] = postings = ([], [], [])
                        postings[0].append(docnum)
                        postings[1].append(weight)
                        postings[2].append(encoded)
                per_doc.add_field(name, field, value if field.stored else None, length)
                if field.column_type and value is not None:
                    per_doc.add_column_value(name, field.column_type, field.to_column_value(value))
            per_doc.finish_doc()
            self._added = True
            self.docnum += 1

        def _flush_segment(self) -> None:
            self.perdocwriter.close()
            writer = self.fieldwriter
            lengths = self._lengths.__getitem__
            body = self.pool.body
            body_terms = sorted(body)  # a str's order is its UTF-8 bytes' order
            names = [name for name, terms in self.pool.terms.items() if terms] + (["body"] if body else [])
            for name in sorted(names):  # in Whoosh's order: fields, then terms, by name
                writer.start_field(name, self.schema[name])
                if name == "body":
                    once = _once_positions(self._longest)
                    for term in body_terms:
                        docnums, found = body[term]
                        weights = [
                            (PRIMARY if p & 1 else SECONDARY) if p.__class__ is int else weight(p)  # type: ignore[operator]
                            for p in found
                        ]
                        values = [
                            once[p >> 1] if p.__class__ is int else _encoded_positions(tuple([c >> 1 for c in p]))  # type: ignore[operator, union-attr]
                            for p in found
                        ]
                        writer.start_term(term.encode("utf-8"))
                        _buffer_blocks(writer._postwriter, docnums, weights, values, list(map(lengths, docnums)))
                        writer.finish_term()
                else:
                    terms = self.pool.terms[name]
                    for term in sorted(terms):
                        writer.start_term(term)
                        _buffer_blocks(writer._postwriter, *terms[term], None)
                        writer.finish_term()
                writer.finish_field()
            writer.close()
            self.tails = tails_of(body_terms)  # saved once the segment is whole

    return RebuildWriter


def _buffer_blocks(  # type: ignore[no-untyped-def]
    postings, docnums: list[int], weights: list[float], values: list[bytes], lengths: list[int] | None
) -> None:
    """A term's postings into Whoosh's posting writer a block at a time: what its add_posting() does one
    posting at a time (full blocks written as the next one starts; the last left for finish_term to
    write or inline), with the same block statistics. Whoosh encodes and writes the blocks."""
    from array import array

    limit = postings._blocklimit
    for start in range(0, len(docnums), limit):
        if start:
            postings._write_block()
        end = start + limit
        postings._ids = array("I", docnums[start:end])
        block_weights = weights[start:end]
        postings._weights = array("f", block_weights)
        postings._values = [value for value in values[start:end] if value]
        postings._maxweight = max(0, *block_weights)
        if lengths is not None:
            known = [length for length in lengths[start:end] if length]
            if known:
                postings._minlength = min(known)
                postings._maxlength = max(known)
