"""Our jrnl import and export against the real jrnl 4.6 (its own venv, as the bench installs it).

    python -m bench.jrnl_interop [--jrnl PATH/TO/jrnl]

1. jrnl writes journals in three time formats (its default, `%d.%m.%Y %H:%M`, `%m/%d/%Y %I:%M %p`): entries
   added with `jrnl DATE: TEXT`, with tags such as @c++ and @os/2, a star, a body line that looks like a
   date; `journal import` reads each and must find what `jrnl --export json` finds (entries, date and
   time, text, star, tags).
2. Our export of notes made to trip jrnl up (header-like body lines, titles ending in `*`) is read by jrnl,
   as a file and as a folder journal: jrnl must find our notes, one entry each, with our text and stars.

Not part of the test suite (it installs jrnl from the package index once). Prints a table; exit code 1
if anything differs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.run import JRNL_VENV, ensure_jrnl

FORMATS = ("%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M", "%m/%d/%Y %I:%M %p")
ADDS = [
    "2021-03-04 14:05: Learning @c++ and @os/2. The body follows",
    "2021-03-19 07:30: Shipped it *",
    "2021-03-19 23:10: A long day\nwith a second line\n[2019-07 14:23] and a line jrnl reads as an entry",
    "2020-12-25 09:00: 크리스마스 #휴일 @family",
]
OURS = [
    ("Notes from the meeting\n[2019-07 14:23] The third entry\n[see you tomorrow] later\n[x] done", False),
    ("**Good morning**\nbody", False),
    ("**Bold and starred**", True),
    ("*emphasis* at both ends *", True),
    ("tags @c++ #os/2 #경량화", False),
]


def _config(folder: Path, journal: Path, timeformat: str) -> Path:
    config = folder / f"jrnl-{abs(hash(timeformat))}.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        f"indent_character: '|'\njournals: {{default: {{journal: '{journal}'}}}}\n"
        f"linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '{timeformat}'\nversion: v4.6\n",
        encoding="utf-8",
    )
    return config


def _jrnl(jrnl: str, config: Path, *args: str) -> str:
    env = {**os.environ, "TZ": "Asia/Seoul"}
    done = subprocess.run([jrnl, "--config-file", str(config), *args], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"jrnl {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def _journal(home: Path, *args: str) -> str:
    env = {**os.environ, "TZ": "Asia/Seoul", "JOURNAL_HOME": str(home), "JOURNAL_NOW": "2026-11-23T09:00:00+09:00"}
    done = subprocess.run([sys.executable, "-m", "journal", *args], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"journal {' '.join(args)} failed: {done.stderr}")
    return done.stdout + done.stderr


def _words(text: str) -> str:
    return " ".join(text.split())


def _tags(tags: list[str]) -> list[str]:
    return sorted(t.lstrip("@#").casefold() for t in tags)


def _theirs(exported: str) -> list[tuple[str, str, bool, list[str]]]:
    entries = json.loads(exported)["entries"]
    return [
        (f"{e['date']} {e['time']}", _words(f"{e['title']} {e['body']}"), e["starred"], _tags(e["tags"]))
        for e in entries
    ]


def _ours(listed: str) -> list[tuple[str, str, bool, list[str]]]:
    notes = json.loads(listed)
    return [(f"{n['date']} {n['created_at'][11:16]}", _words(n["body"]), n["starred"], _tags(n["tags"])) for n in notes]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jrnl", help=f"the jrnl to run (default: {JRNL_VENV}/bin/jrnl, installed once)")
    args = parser.parse_args()
    jrnl = args.jrnl
    if jrnl is None:
        ensure_jrnl()
        jrnl = str(JRNL_VENV / "bin" / "jrnl")
    version = subprocess.run([jrnl, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    print(f"{version}\n")
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(
            "| jrnl wrote, in its timeformat | entries jrnl reads | we import | the same (time, text, star, tags) "
            "| our jrnl export of them, read by jrnl: the same |"
        )
        print("| --- | --- | --- | --- | --- |")
        for i, timeformat in enumerate(FORMATS):
            journal = work / f"written-{i}.txt"
            config = _config(work, journal, timeformat)
            for text in ADDS:
                _jrnl(jrnl, config, text)
            theirs = _theirs(_jrnl(jrnl, config, "--export", "json"))
            home = work / f"home-{i}"
            _journal(home, "import", str(journal))  # no --format: told from the file
            ours = _ours(_journal(home, "list", "--format", "json", "--notebook", "Journal"))
            same = theirs == ours
            back = work / f"back-{i}.txt"
            _journal(home, "export", "--format", "jrnl", "-o", str(back))
            again = _theirs(_jrnl(jrnl, _config(work, back, FORMATS[0]), "--export", "json"))
            round_trip = [(at, text.replace("\\", ""), star, tags) for at, text, star, tags in again] == theirs
            failures += (not same) + (not round_trip)
            print(
                f"| `{timeformat}` | {len(theirs)} | {len(ours)} | {'yes' if same else 'NO'} "
                f"| {'yes' if round_trip else 'NO'} |"
            )
            if not same:
                print(f"\n    jrnl: {theirs}\n    ours: {ours}\n")
        home = work / "ours"
        for n, (body, starred) in enumerate(OURS):
            _journal(home, "add", body, "--date", f"2021-04-0{n + 1} 10:00", *(["--star"] if starred else []))
        ours = _ours(_journal(home, "list", "--format", "json", "--notebook", "Journal"))
        print("\n| our export | notes | entries jrnl reads | the same (time, text, star, tags) |")
        print("| --- | --- | --- | --- |")
        exported = work / "export.txt"
        _journal(home, "export", "--format", "jrnl", "-o", str(exported))
        folder = work / "folder"
        folder.mkdir()
        _journal(home, "export", "--format", "jrnl", "-o", f"{folder}/")
        for label, target in (("a file", exported), ("a folder journal", Path(f"{folder}/"))):
            config = _config(work, Path(f"{target}/") if target.is_dir() else target, FORMATS[0])
            theirs = _theirs(_jrnl(jrnl, config, "--export", "json"))
            escapes = sum(text.count("\\") for _at, text, _star, _tags in theirs)
            unescaped = [(at, text.replace("\\", ""), star, tags) for at, text, star, tags in theirs]
            same = unescaped == ours
            failures += not same
            shown = f"yes, but for {escapes} escape backslashes" if same else "NO"
            print(f"| {label} | {len(ours)} | {len(theirs)} | {shown} |")
            if not same:
                print(f"\n    jrnl: {theirs}\n    ours: {ours}\n")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
