"""The files the app ships with, found through importlib.resources wherever the package is installed.

The repository keeps them in its top-level folders `migrations/` and `seeds/`; the build maps those into the
package as `journal._migrations` and `journal._seeds` (pyproject.toml, `[tool.setuptools.package-dir]`), so a
wheel carries them inside `journal/`, and an editable install finds them in the checkout. Nothing here looks for
a path relative to a checkout. importlib.resources costs ~10 ms to import: only a new or upgraded journal pays it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journal.errors import JournalError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

MIGRATIONS_PACKAGE = "journal._migrations"
SEEDS_PACKAGE = "journal._seeds"


def shipped(package: str) -> Traversable:
    """The folder of one of our data packages; a clear error if this installation lacks it."""
    from importlib.resources import files

    try:
        return files(package)
    except ModuleNotFoundError:
        raise JournalError(
            f"{package} is missing from this installation of journal; reinstall it "
            "('pip install .', or 'pip install -e .' again in a checkout)"
        ) from None


def migrations_dir() -> Path:
    """Alembic's script folder (env.py, script.py.mako, versions/): Alembic reads it from the file system."""
    folder = shipped(MIGRATIONS_PACKAGE)
    if not isinstance(folder, Path):  # a zipped install: Alembic cannot list versions inside an archive
        raise JournalError(f"journal must be installed as files, not zipped (its migrations are in {folder})")
    return folder


def read_seed(name: str) -> str:
    """The text of one file in seeds/ (UTF-8)."""
    return shipped(SEEDS_PACKAGE).joinpath(name).read_text(encoding="utf-8")
