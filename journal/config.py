"""Where the journal lives and the user's settings (`config.toml` in the journal home)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from journal.errors import JournalError, StorageError

CONFIG_NAME = "config.toml"
DB_NAME = "journal.db"

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Config:
    week_start: str = "monday"
    default_notebook: str = "Journal"
    editor: str = ""
    language: str = "both"  # prompt language: ko, en or both
    build_tags: str = "built, shipped, made, 만듦, 만든것"  # what counts as "what I built" in the digest
    default_time: str = "09:00"  # the time of a note dated by day only (`yesterday: …`, `--date 어제`), as jrnl

    @property
    def default_clock(self) -> time:
        return time.fromisoformat(self.default_time)

    @property
    def week_start_index(self) -> int:
        return WEEKDAY_NAMES.index(self.week_start.lower())

    @property
    def build_tag_keys(self) -> set[str]:
        from journal.text import tag_key

        return {tag_key(t.strip()) for t in self.build_tags.split(",") if t.strip()}


def resolve_home(cli_home: str | None = None) -> Path:
    """`--home` beats `JOURNAL_HOME`, which beats the platform's user data folder."""
    if cli_home:
        return Path(cli_home).expanduser()
    env_home = os.environ.get("JOURNAL_HOME")
    if env_home:
        return Path(env_home).expanduser()
    return _platform_home()


def _platform_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("journal", appauthor=False))


def ensure_home(home: Path, *, reading: bool = False) -> Path:
    """Create the journal home, private (0700), and check that we can write in it; with `reading`, a home
    that holds a journal but cannot be written (a read-only disk or folder) is accepted too."""
    try:
        if not home.exists():
            # The platform's data folder may need its parents made; a folder given with --home or
            # JOURNAL_HOME may not: a mistyped path must not make folders (and a journal) somewhere.
            if not home.parent.is_dir() and home != _platform_home():
                what = "is a file, not a folder" if home.parent.exists() else "does not exist"
                raise StorageError(
                    f"cannot create the journal home {home}: {home.parent} {what}; check --home or JOURNAL_HOME"
                )
            try:
                home.mkdir(mode=0o700, parents=True)
                os.chmod(home, 0o700)
            except FileExistsError:
                pass  # another journal process created it a moment ago; the checks below still apply
        if not home.is_dir():
            raise StorageError(f"the journal home {home} is not a folder; set JOURNAL_HOME or --home to a folder")
        writable = os.access(home, os.W_OK | os.X_OK)
        mode = home.stat().st_mode & 0o777
        if writable and mode & 0o077 and home.stat().st_uid == os.getuid():
            os.chmod(home, 0o700)  # a home made by hand (0755) is private from its first use
        if not writable and not (reading and (home / DB_NAME).is_file()):
            raise StorageError(
                f"cannot write to the journal home {home}; fix its permissions or set JOURNAL_HOME to a writable folder"
            )
    except OSError as exc:
        raise StorageError(
            f"cannot create the journal home {home}: {exc.strerror}; set JOURNAL_HOME or --home to a writable folder"
        ) from None
    return home


def load_config(home: Path) -> Config:
    """Missing file: defaults. Broken file: an error naming the file and the line."""
    path = home / CONFIG_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise JournalError(f"cannot read {path}: {exc.strerror}") from None
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise JournalError(f"{path} is not UTF-8 text; re-save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise JournalError(f"{path}: {exc}; fix that line or delete the file for defaults") from None
    return _config_from(data, path)


def _config_from(data: dict[str, object], path: Path) -> Config:
    defaults = Config()
    values: dict[str, str] = {}
    for key, value in data.items():
        if key not in Config.__dataclass_fields__:
            known = ", ".join(Config.__dataclass_fields__)
            raise JournalError(f"{path}: unknown setting {key!r}; known settings: {known}")
        if not isinstance(value, str):
            raise JournalError(f'{path}: {key} must be a string, e.g. {key} = "{getattr(defaults, key)}"')
        values[key] = value
    config = Config(**values)
    if config.week_start.lower() not in WEEKDAY_NAMES:
        raise JournalError(f'{path}: week_start must be a weekday name such as "monday" or "sunday"')
    if config.language not in ("ko", "en", "both"):
        raise JournalError(f'{path}: language must be "ko", "en" or "both"')
    if not config.default_notebook.strip():
        raise JournalError(f"{path}: default_notebook must not be empty")
    try:
        time.fromisoformat(config.default_time) if len(config.default_time) == 5 else time.fromisoformat("x")
    except ValueError:
        raise JournalError(f'{path}: default_time must be a 24-hour time such as "09:00"') from None
    return config


def is_read_only(home: Path) -> bool:
    """Whether the journal in `home` cannot be written (a read-only disk, folder or database file)."""
    db = home / DB_NAME
    return not os.access(home, os.W_OK | os.X_OK) or (db.exists() and not os.access(db, os.W_OK))
