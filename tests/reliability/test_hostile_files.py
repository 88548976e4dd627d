"""The promise: a hostile file — nested a thousand deep, a zip bomb, endless, a device, a pipe — or an
editor setting that does not parse is refused with one line naming the file and what is wrong, in
bounded time and memory, and the journal is unchanged (notes lost or added: 0)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

MEMORY_LIMIT = 1024 * 1024 * 1024  # address space for the journal process: the bomb below would need far more


def _journal(home: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(
        [sys.executable, "-m", "journal", *args],
        env={**os.environ, "JOURNAL_HOME": str(home), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_memory,
    )


def _digest(home: Path) -> str:
    return hashlib.sha256((home / "journal.db").read_bytes()).hexdigest()


def _refused(home: Path, result: subprocess.CompletedProcess[str], before: str, fragment: str) -> None:
    assert result.returncode in (1, 2), result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert fragment in lines[0], lines[0]
    assert _digest(home) == before, "the journal changed"


def _deep(depth: int) -> bytes:
    return b'{"entries": ' + b"[" * depth + b"]" * depth + b"}"


@pytest.mark.parametrize("fmt", ["json", "jrnl-json", "dayone"])
def test_json_nested_a_thousand_deep_is_refused(home: Path, tmp_path: Path, fmt: str) -> None:
    before = _digest(home)
    path = tmp_path / "deep.json"
    path.write_bytes(_deep(100_000))
    _refused(home, _journal(home, "import", str(path), "--format", fmt), before, "nested too deeply")


def test_deep_json_inside_a_day_one_zip_is_refused(home: Path, tmp_path: Path) -> None:
    before = _digest(home)
    path = tmp_path / "deep.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Journal.json", _deep(50_000))
    _refused(home, _journal(home, "import", str(path), "--format", "dayone"), before, "nested too deeply")


def test_a_zip_bomb_is_refused_quickly_and_in_bounded_memory(home: Path, tmp_path: Path) -> None:
    """600 MB of spaces squeezed into about 1 MB: refused by its ratio, never unpacked (the process may
    use at most MEMORY_LIMIT of address space)."""
    before = _digest(home)
    path = tmp_path / "bomb.zip"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("Journal.json", "w", force_zip64=True) as member,
    ):
        member.write(b'{"entries": [')
        block = b" " * (1024 * 1024)
        for _ in range(600):
            member.write(block)
        member.write(b"]}")
    assert path.stat().st_size < 8 * 1024 * 1024
    _refused(home, _journal(home, "import", str(path), "--format", "dayone"), before, "zip bomb")


def test_a_zip_whose_header_lies_about_its_size_is_read_with_bounds(home: Path, tmp_path: Path) -> None:
    """A member that claims to be small but unpacks to far more is cut off at the bound, not read whole."""
    before = _digest(home)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("Journal.json", b" " * (300 * 1024 * 1024))
    raw = bytearray(buffer.getvalue())
    # Patch the uncompressed size (local header offset 22, central directory entry offset 24) to 10 bytes.
    raw[22:26] = (10).to_bytes(4, "little")
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 24 : central + 28] = (10).to_bytes(4, "little")
    path = tmp_path / "liar.zip"
    path.write_bytes(bytes(raw))
    result = _journal(home, "import", str(path), "--format", "dayone")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _digest(home) == before


@pytest.mark.parametrize("fmt", ["jrnl", "md", "json", "dayone"])
def test_an_endless_device_is_refused(home: Path, fmt: str) -> None:
    before = _digest(home)
    _refused(home, _journal(home, "import", "/dev/zero", "--format", fmt), before, "not a regular file")


def test_a_pipe_is_refused(home: Path, tmp_path: Path) -> None:
    before = _digest(home)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _refused(home, _journal(home, "import", str(fifo), "--format", "jrnl"), before, "not a regular file")


def test_a_file_larger_than_an_import_reads_is_refused(home: Path, tmp_path: Path) -> None:
    from journal.interchange.source import MAX_FILE_BYTES

    before = _digest(home)
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    _refused(home, _journal(home, "import", str(path), "--format", "jrnl-json"), before, "too large")


def test_a_text_import_streams_any_size_but_refuses_a_line_longer_than_a_note_could_be(
    home: Path, tmp_path: Path
) -> None:
    """#20: text formats are read a line at a time (no file-size cap); a line of megabytes is not a journal."""
    from journal.interchange.source import MAX_LINE_BYTES

    before = _digest(home)
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_LINE_BYTES * 2)  # sparse: no disk used
    _refused(home, _journal(home, "import", str(path), "--format", "jrnl"), before, "line 1 is longer than 4 MB")


@pytest.mark.parametrize("editor", ['vim "', "'unclosed", "   "])
def test_an_editor_setting_that_does_not_parse_is_one_line(home: Path, editor: str) -> None:
    from journal.services import Journal

    with Journal(home) as journal:
        note = journal.entries.add("to be edited")
    before = _digest(home)
    result = _journal(home, "edit", str(note.id), env={"EDITOR": editor, "VISUAL": ""})
    _refused(home, result, before, "editor")


def test_an_editor_setting_in_the_config_that_does_not_parse_names_the_config(home: Path) -> None:
    from journal.config import Config
    from journal.editor import edit_text
    from journal.errors import UsageError

    with pytest.raises(UsageError, match=r"config\.toml"):
        edit_text("x", home=home, configured='vim "')
    assert Config().editor == ""


def test_an_ordinary_export_still_round_trips(home: Path, tmp_path: Path) -> None:
    """Sanity for the JSON bound: an ordinary export still round-trips."""
    path = tmp_path / "all.json"
    assert _journal(home, "export", "--format", "json", "-o", str(path)).returncode == 0
    assert json.loads(path.read_text(encoding="utf-8"))["entries"] == []
