"""Opening the search index costs the same whatever the journal's size, as far as it can (#22): a segment's
hash directory is read in one read, a field's total length is summed once per searcher, and the searcher
that checks the index is the one the search then uses."""

from __future__ import annotations

from pathlib import Path

from journal.services import Journal


def test_hash_files_read_in_one_go_read_as_whoosh_reads_them(tmp_path: Path) -> None:
    from whoosh.filedb import filetables
    from whoosh.filedb.filestore import FileStorage

    from journal.search import segment_open

    segment_open.install()
    assert filetables.HashReader.__init__ is not segment_open.WHOOSH_INIT
    storage = FileStorage(str(tmp_path))
    writer = filetables.OrderedHashWriter(storage.create_file("terms"))
    keys = sorted(f"{word}{n}".encode() for n in range(300) for word in ("슬럼프", "model", "x"))
    for key in keys:
        writer.add(key, key[::-1])
    writer.close()
    ours = filetables.OrderedHashReader.open(storage, "terms")
    theirs = filetables.OrderedHashReader.__new__(filetables.OrderedHashReader)
    segment_open.WHOOSH_INIT(theirs, storage.open_file("terms"), storage.file_length("terms"))
    for name in ("tables", "extras", "startofdata", "endofdata", "hashtype", "indexbase", "indexlen"):
        assert getattr(ours, name) == getattr(theirs, name), name
    assert len(ours.tables) == 256
    assert all(ours[key] == key[::-1] for key in keys)
    assert list(ours.keys_from(b"model")) == list(theirs.keys_from(b"model"))


def test_the_searcher_that_checks_the_index_is_the_one_the_search_uses(journal: Journal) -> None:
    for n in range(30):
        journal.entries.add(f"슬럼프 note {n} about models #built")
    journal.index.search("슬럼프")  # builds the index
    journal.close()
    index = journal.index.open()
    searcher = index._current_searcher()
    assert [hit.entry.body for hit in journal.index.search("models", limit=1)]
    assert index._current_searcher() is searcher  # one searcher opened, not two
    total = sum(reader.field_length("body") for reader, _ in searcher.reader().leaf_readers())
    assert searcher.field_length("body") == total
    assert searcher.avg_field_length("body") == total / searcher.doc_count_all()
