"""`journal --version`: the installed distribution's version, looked up only when asked.

importlib.metadata costs ~30 ms to import, more than a third of `journal add`: the parser holds this action,
not the version string, so no other command pays for it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

DIST_NAME = "journal-tui"
"""Our name on the package index (`journal` there is an unrelated project); the command is still `journal`."""


def installed_version() -> str:
    """The version in the installed metadata, or this source's when it runs from a checkout never installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DIST_NAME)
    except PackageNotFoundError:
        from journal import __version__

        return __version__


class VersionAction(argparse.Action):
    """Like argparse's "version" action, with the version looked up when the option is given."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show the version and exit")
        super().__init__(option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        sys.stdout.write(f"{parser.prog} {installed_version()}\n")
        parser.exit()
