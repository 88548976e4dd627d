"""A deterministic journal generator: 1–3 notes a day going back from a fixed date, or N notes spread
over Y years (the heavy writer: 1,000,000 notes over 50 years, ~55 a day; its small twin 10,000 over the
same 50 years, a note every other day or so).

About 60% Korean sentences (from the seed notes), 40% English, ~30% with one or two tags, some starred,
some multi-line. Loaded in one transaction through the repository (the bulk path); the notes are made
as they are written, so a million of them never sit in memory at once.

    python -m bench.generate --home /tmp/j100k --notes 100000
    python -m bench.generate --home /tmp/j1m --notes 1000000 --years 50
    python -m bench.generate --jrnl /tmp/j36500.txt --notes 36500     # the same notes for jrnl / import
"""

from __future__ import annotations

import argparse
import random
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

from journal.config import DB_NAME, ensure_home
from journal.db import open_database, write_transaction
from journal.repository import day_rows, entry_rows, notebook_rows
from journal.text import extract_tags

SEED_NOTES = Path(__file__).resolve().parent.parent / "seeds" / "masterclass-week8.md"
END_DAY = date(2026, 11, 22)
ENGLISH = [
    "Read a paper on knowledge distillation and tried the temperature trick",
    "Took the toy model apart end to end and rebuilt the training loop",
    "Kept a standard routine today: walk, code, dishes, sleep",
    "Shipped the search index and measured it against the baseline",
    "Asked a question from my own experiment instead of a general one",
    "Quantization was one line in the library, the hard part was the data",
    "Balanced medicine study with rice study this week",
    "Compared myself with yesterday, not with anyone else",
]
TAGS = ["경량화", "슬럼프", "질문", "커리어", "built", "paper", "routine", "TF-Lite", "양자화", "distillation"]


def korean_sentences() -> list[str]:
    if not SEED_NOTES.exists():
        return ["오늘은 양자화를 공부했다", "슬럼프가 와도 죽지 않는다", "경량화를 직접 해봤다"]
    lines = SEED_NOTES.read_text(encoding="utf-8").splitlines()
    sentences = [re.sub(r"^[\s\-#]+", "", line).strip() for line in lines]
    return [s for s in sentences if len(s) >= 10 and re.search("[가-힣]", s)]


@dataclass(frozen=True)
class Note:
    uuid: str
    day: date
    created: datetime
    body: str
    starred: bool


def notes(count: int, seed: int = 8, years: int | None = None) -> Iterator[Note]:
    """The same `count` notes for the same seed, newest day first: 1–3 a day back from END_DAY, or
    (`years`) spread at random over that many years up to END_DAY (a day can have none)."""
    rng = random.Random(seed)
    korean = korean_sentences()
    tz = timezone(timedelta(hours=9))
    for day, many in per_day(count, rng, years):
        for _ in range(many):
            body = _body(rng, korean)
            created = datetime.combine(day, time(rng.randint(6, 23), rng.randint(0, 59)), tz)
            yield Note(str(uuid.UUID(int=rng.getrandbits(128), version=4)), day, created, body, rng.random() < 0.05)


def per_day(count: int, rng: random.Random, years: int | None) -> Iterator[tuple[date, int]]:
    """(day, how many notes), newest day first, `count` notes in all."""
    if years is None:
        day, left = END_DAY, count
        while left > 0:
            many = min(rng.randint(1, 3), left)
            yield day, many
            left -= many
            day -= timedelta(days=1)
        return
    first = END_DAY.replace(year=END_DAY.year - years) + timedelta(days=1)
    span = (END_DAY - first).days + 1
    counts = [0] * span
    for _ in range(count):
        counts[rng.randrange(span)] += 1
    for back, many in enumerate(counts):
        if many:
            yield END_DAY - timedelta(days=back), many


def generate(home: Path, count: int, seed: int = 8, years: int | None = None) -> int:
    """Load the notes straight through the repository, in one transaction (the bulk path)."""
    load(home, notes(count, seed, years))
    return count


def load(home: Path, made: Iterable[Note]) -> None:
    """Write these notes into the journal at `home` in one transaction (the bulk path)."""
    conn = open_database(ensure_home(home) / DB_NAME)
    with write_transaction(conn):
        book = notebook_rows.notebook_by_name(conn, "Journal")
        book_id = book.id if book else notebook_rows.insert_notebook(conn, "Journal", datetime.now(UTC))
        for note in made:
            entry_id = entry_rows.insert_entry(
                conn,
                uuid=note.uuid,
                notebook_id=book_id,
                day=note.day,
                created_at=note.created,
                body=note.body,
                starred=note.starred,
            )
            entry_rows.set_entry_tags(conn, entry_id, extract_tags(note.body))
        day_rows.recount_days(conn, None)  # the per-day aggregates every write keeps, here all at once
    conn.close()


def write_jrnl(path: Path, count: int, seed: int = 8, years: int | None = None) -> int:
    """The same notes as a jrnl text journal (oldest first), with times in Asia/Seoul as written."""
    blocks = []
    for note in sorted(notes(count, seed, years), key=lambda n: n.created):
        title, _, rest = note.body.partition("\n")
        head = f"[{note.created:%Y-%m-%d %H:%M}] {title}" + (" *" if note.starred else "")
        blocks.append(head + (f"\n{rest}" if rest else "") + "\n")
    path.write_text("\n".join(blocks), encoding="utf-8")
    return count


def _body(rng: random.Random, korean: list[str]) -> str:
    target = rng.randint(20, 300)
    source = korean if rng.random() < 0.6 else ENGLISH
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < target:
        parts.append(rng.choice(source))
    body = " ".join(parts)[:target].strip()
    if rng.random() < 0.15:
        body = body.replace(" ", "\n", 1)
    if rng.random() < 0.3:
        body += " " + " ".join(f"#{t}" for t in rng.sample(TAGS, rng.randint(1, 2)))
    return body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="load the notes into this journal home")
    parser.add_argument("--jrnl", type=Path, help="write the same notes as a jrnl text journal")
    parser.add_argument("--notes", type=int, default=3650)
    parser.add_argument("--years", type=int, help="spread the notes over this many years (default: 1–3 a day)")
    args = parser.parse_args()
    if not args.home and not args.jrnl:
        parser.error("give --home, --jrnl or both")
    if args.home:
        print(f"wrote {generate(args.home, args.notes, years=args.years)} notes to {args.home}")
    if args.jrnl:
        print(f"wrote {write_jrnl(args.jrnl, args.notes, years=args.years)} notes to {args.jrnl} (jrnl format)")


if __name__ == "__main__":
    main()
