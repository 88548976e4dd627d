"""What Obsidian and Logseq daily notes share: file names made from a date pattern, one page per day."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

_MOMENT_TOKENS = {  # moment.js (Obsidian): token → (regex, strftime)
    "YYYY": (r"(?P<Y>\d{4})", "%Y"),
    "MMMM": (r"(?P<B>[A-Za-z]+)", "%B"),
    "MMM": (r"(?P<b>[A-Za-z]{3})", "%b"),
    "MM": (r"(?P<m>\d{2})", "%m"),
    "M": (r"(?P<m>\d{1,2})", "%-m"),
    "DD": (r"(?P<d>\d{2})", "%d"),
    "D": (r"(?P<d>\d{1,2})", "%-d"),
    "dddd": (r"[A-Za-z]+", "%A"),
    "ddd": (r"[A-Za-z]{3}", "%a"),
}
_JAVA_TOKENS = {  # Logseq's :journal/file-name-format (Java-style)
    "yyyy": "YYYY", "MMMM": "MMMM", "MMM": "MMM", "MM": "MM", "M": "M", "dd": "DD", "d": "D", "EEEE": "dddd",
    "EEE": "ddd",
}  # fmt: skip


class DatePattern:
    """A file-name pattern such as `YYYY-MM-DD` (moment.js; `[text]` is literal): which names it matches,
    the day a name stands for, and the name of a day."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        regex, strf = [], []
        for token in re.findall(r"\[[^\]]*\]|YYYY|MMMM|MMM|MM|M|DD|D|dddd|ddd|.", pattern, re.DOTALL):
            if token in _MOMENT_TOKENS:
                group, fmt = _MOMENT_TOKENS[token]
                if group.startswith("(?P<") and f"(?P<{group[4]}>" in "".join(regex):
                    group = re.sub(r"\(\?P<\w>", "(?:", group)
                regex.append(group)
                strf.append(fmt)
            else:
                literal = token[1:-1] if token.startswith("[") and len(token) > 1 else token
                regex.append(re.escape(literal))
                strf.append(literal.replace("%", "%%"))
        self.regex = re.compile("".join(regex))
        self.strftime = "".join(strf)

    def day(self, name: str) -> date | None:
        match = self.regex.fullmatch(name)
        if match is None:
            return None
        parts = match.groupdict()
        try:
            if parts.get("m"):
                month = int(parts["m"])
            elif parts.get("B") or parts.get("b"):
                text = parts.get("B") or parts.get("b") or ""
                month = datetime.strptime(text[:3].title(), "%b").month
            else:
                return None
            return date(int(parts["Y"]), month, int(parts["d"]))
        except (KeyError, TypeError, ValueError):
            return None

    def name(self, day: date) -> str:
        text = self.strftime.replace("%-m", str(day.month)).replace("%-d", str(day.day))
        return day.strftime(text)


def java_pattern(pattern: str) -> DatePattern:
    tokens = re.findall(r"'[^']*'|yyyy|MMMM|MMM|MM|M|dd|d|EEEE|EEE|.", pattern)
    moment = "".join(f"[{t[1:-1]}]" if t.startswith("'") else _JAVA_TOKENS.get(t, f"[{t}]") for t in tokens)
    return DatePattern(moment)


def pages(folder: Path) -> list[Path]:
    """Every Markdown page below a folder, leaving out hidden folders (`.obsidian`, `.trash`, `logseq/bak`)."""
    found = (p for p in folder.rglob("*.md") if p.is_file())
    return sorted(p for p in found if not any(part.startswith(".") for part in p.relative_to(folder).parts))


def page_day(pattern: DatePattern, folder: Path, page: Path) -> date | None:
    """The day a page stands for: its path below the folder, without `.md`, read by the pattern."""
    relative = page.relative_to(folder).with_suffix("").as_posix()
    return pattern.day(relative) or (pattern.day(page.stem) if "/" not in pattern.pattern else None)
