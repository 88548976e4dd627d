"""`journal search` does not pay for what Whoosh imports and never uses here (#22): urllib.request (with
http.client, email, ssl) and asyncio, ~70 ms of every search. Whoosh still gets what it asked for."""

from __future__ import annotations

import subprocess
import sys

SEARCH_PATH = """
import sys
from journal.search import compile, ranking, snippets, store  # every module a search imports
import whoosh.compat, whoosh.reading
print(sorted(m for m in ("urllib.request", "asyncio", "cached_property", "http.client") if m in sys.modules))
from journal.search import light_imports
print(light_imports._FINDER in sys.meta_path)
class Reader:
    @whoosh.reading.cached_property
    def value(self):
        self.calls = getattr(self, "calls", 0) + 1
        return self.calls
reader = Reader()
print(reader.value, reader.value)
print(whoosh.compat.urlretrieve.__module__)
import urllib.request, asyncio  # the real modules, afterwards and as ever
print(urllib.request.urlopen.__module__, asyncio.iscoroutinefunction.__module__)
"""


def test_whoosh_is_imported_without_urllib_and_asyncio() -> None:
    out = subprocess.run([sys.executable, "-c", SEARCH_PATH], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == [
        "[]",  # none of them, on the way to a search
        "False",  # the finder is gone once Whoosh's two modules are loaded
        "1 1",  # a cached property, computed once
        "journal.search.light_imports",  # urlretrieve would import the real one when called
        "urllib.request asyncio.coroutines",
    ]


def test_modules_already_imported_are_used_as_they_are() -> None:
    code = "import asyncio, urllib.request, sys\nimport journal.search.compile, whoosh.compat\n" + (
        "print(whoosh.compat.urlretrieve is urllib.request.urlretrieve, 'cached_property' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]
