"""Whoosh without two imports it never uses here, ~70 ms of every `journal search`.

- `whoosh.compat` re-exports `urllib.request.urlretrieve` (a leftover from Python 2; nothing calls it),
  which imports http.client, email and ssl;
- `whoosh.reading` takes `cached_property` from the package of that name, which imports `asyncio` to
  check each property for a coroutine (Whoosh has one plain property).

While those two modules run their own code, and only then, a stand-in answers for each import: an
`urlretrieve` that imports the real `urllib.request` when it is called, and the standard library's
`functools.cached_property` (the same for a plain method). Afterwards the stand-ins leave `sys.modules`,
so importing the real modules works as ever; one that is already imported (the TUI has `asyncio`) is used
as it is. `install()` runs when `journal.search` is first imported, before any of its modules imports
Whoosh; it costs a finder on `sys.meta_path`, which removes itself once both modules are loaded.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Sequence
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec, PathFinder


def _urllib_request() -> types.ModuleType:
    module = types.ModuleType("urllib.request", "stands in for urllib.request while whoosh.compat loads")

    def urlretrieve(*args, **kwargs):  # type: ignore[no-untyped-def]
        from urllib.request import urlretrieve as real

        return real(*args, **kwargs)

    def __getattr__(name: str) -> object:  # anything else, once the real module can be imported: its own
        if name.startswith("__") or sys.modules.get("urllib.request") is module:
            raise AttributeError(name)
        import importlib

        return getattr(importlib.import_module("urllib.request"), name)

    module.urlretrieve = urlretrieve  # type: ignore[attr-defined]
    module.__getattr__ = __getattr__  # type: ignore[attr-defined]
    return module


def _cached_property() -> types.ModuleType:
    import functools

    module = types.ModuleType("cached_property", "stands in for the cached_property package while whoosh loads")
    module.cached_property = functools.cached_property  # type: ignore[attr-defined]
    return module


# the Whoosh module -> (the import it makes that we answer, the costly module that import loads, how to
# make the stand-in)
STAND_INS: dict[str, tuple[str, str, Callable[[], types.ModuleType]]] = {
    "whoosh.compat": ("urllib.request", "urllib.request", _urllib_request),
    "whoosh.reading": ("cached_property", "asyncio", _cached_property),
}


class _WithStandIn(Loader):
    """The real loader of a Whoosh module, run with one stand-in in `sys.modules`."""

    def __init__(self, loader: Loader, name: str, costly: str, make: Callable[[], types.ModuleType]) -> None:
        self.loader, self.name, self.costly, self.make = loader, name, costly, make

    def create_module(self, spec: ModuleSpec) -> types.ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        if self.name in sys.modules or self.costly in sys.modules:  # already paid for: the real one
            self.loader.exec_module(module)
            return
        stand_in = sys.modules[self.name] = self.make()
        try:
            self.loader.exec_module(module)
        finally:
            if sys.modules.get(self.name) is stand_in:
                del sys.modules[self.name]

    def __getattr__(self, name: str) -> object:  # get_source, get_filename, …: the real loader's
        return getattr(self.loader, name)


class _Finder(MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: types.ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in STAND_INS:
            return None
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _WithStandIn(spec.loader, *STAND_INS[fullname])
        if all(name in sys.modules or name == fullname for name in STAND_INS):
            uninstall()
        return spec


_FINDER = _Finder()


def install() -> None:
    if not all(name in sys.modules for name in STAND_INS) and _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def uninstall() -> None:
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
