from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.cli import main
from journal.clock import FixedClock
from journal.services import Journal

SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SEOUL)  # a Monday


@pytest.fixture(scope="session")
def _template_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated journal whose user removed the seed notebook: most tests start from this state.

    Tests of first-run behaviour (seeding, migrating) use a fresh folder instead (`new_home`).
    """
    path = tmp_path_factory.mktemp("template") / "home"
    with Journal(path, clock=FixedClock(NOW)) as journal:
        journal.seed.remove()
    return path


@pytest.fixture(autouse=True)
def _seoul_time_zone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, _template_home: Path) -> None:
    """Every test runs in Asia/Seoul with its own journal home, never the user's."""
    shutil.copytree(_template_home, tmp_path / "home")
    monkeypatch.setenv("TZ", "Asia/Seoul")
    time.tzset()
    monkeypatch.setenv("JOURNAL_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("JOURNAL_NOW", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def new_home(tmp_path: Path) -> Path:
    """A folder where no journal exists yet."""
    return tmp_path / "new-home"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def journal(home: Path, clock: FixedClock):
    with Journal(home, clock=clock) as j:
        yield j


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture
def cli(
    clock: FixedClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run `journal ARGS...` in-process with a fixed clock; `stdin=` feeds bytes or text."""

    def run(*args: str, stdin: str | bytes | None = None) -> Result:
        capsys.readouterr()
        if stdin is not None:
            data = stdin.encode() if isinstance(stdin, str) else stdin
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        else:
            monkeypatch.setattr(sys, "stdin", _Tty())
        try:
            code = main(list(args), clock=clock)
        except SystemExit as exc:  # argparse usage errors and --version
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@contextmanager
def time_zone(name: str | None) -> Iterator[None]:
    """The process's TZ while the block runs (set with time.tzset; None: no TZ), restored after: the
    clock's zone is fixed by injection, never by patching datetime."""
    before = os.environ.get("TZ")
    if name is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.fixture
def cli_in(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """`cli_in("America/New_York", "2026-12-01 12:00", "list", …)`: `journal ARGS…` in-process with TZ set to
    that zone and the clock fixed at that wall time there (both restored after)."""

    def run(zone: str, wall: str, *args: str) -> Result:
        clock = FixedClock(datetime.fromisoformat(wall).replace(tzinfo=ZoneInfo(zone)))
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", _Tty())
        with time_zone(zone):
            try:
                code = main(list(args), clock=clock)
            except SystemExit as exc:
                code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def db_dump(home: Path) -> list[tuple]:
    """Every row of every table: 'the journal is unchanged' means this is equal before and after."""
    path = home / "journal.db"
    if not path.exists():
        return []
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return [(t, *row) for t in tables for row in conn.execute(f"SELECT * FROM {t} ORDER BY 1")]
    finally:
        conn.close()
