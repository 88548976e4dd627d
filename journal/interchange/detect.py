"""Which format a file or folder is in, from its name, its layout and its first bytes (never all of it)."""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path

from journal.interchange import FORMAT_NAMES, ImportFormatError

_PEEK = 64 * 1024
_OUR_DAY = re.compile(rb"^## \d{4}-\d{2}-\d{2}(?: \([^)\n]*\))?[ \t]*\r?$", re.MULTILINE)
_OUR_NOTE = re.compile(rb"^### \d{1,2}:\d{2}", re.MULTILINE)
_DATED_MD = re.compile(r"\d{4}-\d{2}-\d{2}\.md")
_LOGSEQ_MD = re.compile(r"\d{4}_\d{2}_\d{2}\.md")
_JRNL_HEADER = re.compile(rb"^\[[^\]\n]+\] ", re.MULTILINE)
_JRNL_1 = re.compile(rb"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2} ")


def require_format(path: Path) -> str:
    """The format of `path`, or an error saying to give --format."""
    if not path.exists():
        raise ImportFormatError(f"{path}: no such file or folder; check the path")
    found = detect(path)
    if found is None:
        raise ImportFormatError(
            f"{path}: cannot tell which format this is; give --format (one of: {', '.join(FORMAT_NAMES)})"
        )
    return found


def detect(path: Path) -> str | None:
    if path.is_dir():
        return _folder(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe or a device: never opened (it could block)
            return None
        with path.open("rb") as handle:
            head = handle.read(_PEEK)
    except OSError:
        return None
    return _file(path, head.removeprefix(b"\xef\xbb\xbf"))


def _folder(path: Path) -> str | None:
    if path.suffix.lower() == ".dayone" or any((path / "entries").glob("*.doentry")):
        return "dayone"
    if (path / "journals").is_dir() and ((path / "logseq").is_dir() or _any(path / "journals", _LOGSEQ_MD)):
        return "logseq"
    if path.name == "journals" and _any(path, _LOGSEQ_MD):
        return "logseq"
    if (path / ".obsidian").is_dir():
        return "obsidian"
    if any(re.fullmatch(r"\d{4}", p.name) for p in path.iterdir() if p.is_dir()):
        for month in sorted(p for p in path.glob("[0-9][0-9][0-9][0-9]/[01][0-9]") if p.is_dir())[:3]:
            if any(month.glob("[0-3][0-9].txt")):
                return "jrnl"
            mds = sorted(month.glob("*.md"))
            if mds:
                return _file(mds[0], mds[0].read_bytes()[:_PEEK]) or "md"
    if _any(path, _DATED_MD, deep=False):
        return "obsidian"
    mds = sorted(path.rglob("*.md"))[:20]
    for md in mds:
        found = _file(md, md.read_bytes()[:_PEEK])
        if found in ("md", "obsidian"):
            return found
    return None


def _any(folder: Path, pattern: re.Pattern[str], *, deep: bool = True) -> bool:
    files = folder.rglob("*.md") if deep else folder.glob("*.md")
    return any(pattern.fullmatch(p.name) for p in files)


def _file(path: Path, head: bytes) -> str | None:
    name = path.name.lower()
    if head.startswith(b"PK"):
        return _zip(path)
    text = head.lstrip()
    if text.startswith(b"BEGIN:VCALENDAR") or name.endswith(".ics"):
        return "ics"
    if text.startswith(b"<?xml") or text.startswith(b"bplist") or name.endswith(".doentry"):
        return "dayone" if b"Creation Date" in head or name.endswith(".doentry") else None
    if text.startswith((b"{", b"[{", b"[\n", b"[ ")) and not _JRNL_HEADER.match(text):
        return _json(head)
    if _OUR_DAY.search(head) and _OUR_NOTE.search(head):
        return "md"
    if _DATED_MD.fullmatch(path.name):
        return "obsidian"
    if _LOGSEQ_MD.fullmatch(path.name):
        return "logseq"
    if _JRNL_HEADER.match(text) or _JRNL_1.match(text):
        return "jrnl"
    return None


def _json(head: bytes) -> str | None:
    if re.search(rb'"format"\s*:\s*"journal"', head):
        return "json"
    if b'"creationDate"' in head:
        return "dayone"
    if b'"entries"' in head and (b'"title"' in head or b'"date"' in head):
        return "jrnl-json"
    return None


def _zip(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError):
        return "dayone"  # the only zip read here: its reader says the zip is broken (truncated, say)
    if any(n.lower().endswith(".json") for n in names):
        return "dayone"
    return None


def looks_like(path: Path, fmt: str) -> str:
    """`; it looks like Obsidian daily notes: try --format obsidian`, or "" when it does not look like another."""
    try:
        found = detect(path)
    except OSError:
        return ""
    if found is None or found == fmt:
        return ""
    return f"; {path.name} looks like {FORMAT_NAMES[found]}: try --format {found}"
