"""A deterministic journal generator: 1–3 notes a day going back from a fixed date.

About 60% Korean sentences (from the seed notes), 40% English, ~30% with one or two tags, some starred,
some multi-line. Loaded in one transaction through the repository (the bulk path).

    python -m bench.generate --home /tmp/j100k --notes 100000
"""

from __future__ import annotations

import argparse
import random
import re
import uuid
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from journal import repository as repo
from journal.config import DB_NAME, ensure_home
from journal.db import open_database, write_transaction
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


def generate(home: Path, notes: int, seed: int = 8) -> int:
    rng = random.Random(seed)
    korean = korean_sentences()
    conn = open_database(ensure_home(home) / DB_NAME)
    tz = timezone(timedelta(hours=9))
    with write_transaction(conn):
        book = repo.notebook_by_name(conn, "Journal")
        book_id = book.id if book else repo.insert_notebook(conn, "Journal", datetime.now(tz))
        written = 0
        day = END_DAY
        while written < notes:
            for _ in range(min(rng.randint(1, 3), notes - written)):
                body = _body(rng, korean)
                created = datetime.combine(day, time(rng.randint(6, 23), rng.randint(0, 59)), tz)
                entry_id = repo.insert_entry(
                    conn,
                    uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    notebook_id=book_id,
                    day=day,
                    created_at=created,
                    body=body,
                    starred=rng.random() < 0.05,
                )
                repo.set_entry_tags(conn, entry_id, extract_tags(body))
                written += 1
            day -= timedelta(days=1)
    conn.close()
    return written


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
    parser.add_argument("--home", required=True, type=Path)
    parser.add_argument("--notes", type=int, default=3650)
    args = parser.parse_args()
    print(f"wrote {generate(args.home, args.notes)} notes to {args.home}")


if __name__ == "__main__":
    main()
