"""Opening a segment without 256 reads: Whoosh's hash files end in a directory of 256 (position, slots)
pairs, which `HashReader.__init__` reads one pair at a time, each a seek and a read through the compound
file. Every searcher opens every segment's term file that way: at 1,000,000 notes (201 segments of a
rebuild) that was ~80% of opening a searcher, ~0.1 s of every `journal search` (bench/README.md).

`install()` gives HashReader an `__init__` that reads the directory in one read and unpacks it at once;
everything else is Whoosh's own (whoosh-reloaded 2.7.5, filedb/filetables.py), and a test checks that it
reads every hash file of an index exactly as Whoosh does. Called by store.SearchIndex before it opens an
index; a Whoosh whose internals differ is left as it is.
"""

from __future__ import annotations

import os

_INSTALLED = False
WHOOSH_INIT = None  # Whoosh's own HashReader.__init__, once replaced (the tests compare the two)


def install() -> None:
    global _INSTALLED, WHOOSH_INIT
    if _INSTALLED:
        return
    _INSTALLED = True
    from whoosh.filedb import filetables

    names = ("_INT_SIZE", "_dir_entry", "_directory_size", "_hash_functions", "FileFormatError")
    if not all(hasattr(filetables, name) for name in names) or filetables._directory_size != 256 * 12:
        return  # not the Whoosh this was written for: its own reader is used
    WHOOSH_INIT = filetables.HashReader.__init__
    filetables.HashReader.__init__ = _hash_reader_init


def _hash_reader_init(self, dbfile, length=None, magic=b"HSH3", startoffset=0):  # type: ignore[no-untyped-def]
    """Whoosh's HashReader.__init__, with the directory read in one go (the last lines)."""
    from whoosh.filedb import filetables

    self.dbfile = dbfile
    self.startoffset = startoffset
    self.is_closed = False
    if length is None:
        dbfile.seek(0, os.SEEK_END)
        length = dbfile.tell() - startoffset
    dbfile.seek(startoffset)
    filemagic = dbfile.read(4)
    if filemagic != magic:
        raise filetables.FileFormatError(f"Unknown file header {filemagic!r}")
    self.hashtype = dbfile.read_byte()
    self.hashfn = filetables._hash_functions[self.hashtype]
    dbfile.read_int()  # two ints reserved for future use
    dbfile.read_int()
    self.startofdata = dbfile.tell()
    exptr = startoffset + length - filetables._INT_SIZE
    exlen = dbfile.get_int(exptr)
    expos = exptr - exlen
    dbfile.seek(expos)
    self._read_extras()
    dbfile.seek(expos - filetables._directory_size)
    directory = dbfile.read(filetables._directory_size)
    self.tables = list(filetables._dir_entry.iter_unpack(directory))
    self.endofdata = self.tables[0][0]
