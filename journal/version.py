"""`journal --version`: the installed distribution's version, looked up only when asked.

An installed wheel (pip, pipx) has its metadata beside the package, in site-packages: that file is read
directly. importlib.metadata finds it anywhere (an editable install keeps it in the venv, away from the
checkout), but costs ~30 ms to import, as much as the rest of `journal --version`: it is the fallback.
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
    beside = _metadata_beside_package()
    if beside is not None:
        return beside
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DIST_NAME)
    except PackageNotFoundError:
        from journal import __version__

        return __version__


def _metadata_beside_package() -> str | None:
    """`Version:` from site-packages/journal_tui-X.dist-info/METADATA, where a wheel puts it, if it is there."""
    import os

    site = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    prefix = DIST_NAME.replace("-", "_") + "-"
    try:
        names = [n for n in os.listdir(site) if n.startswith(prefix) and n.endswith(".dist-info")]
        if len(names) != 1:
            return None  # none (a checkout, an editable install) or several: let importlib.metadata decide
        with open(os.path.join(site, names[0], "METADATA"), encoding="utf-8") as metadata:
            for line in metadata:
                if not line.strip():
                    return None  # the end of the headers
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


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
