"""The data the app ships with: the masterclass notebook and the reflection prompt set (seeds/ in the
repository, installed as the package `journal._seeds`; read through `journal.resources`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from journal.resources import read_seed

MASTERCLASS_FILE = "masterclass-week8.md"
PROMPTS_FILE = "prompts.toml"
MASTERCLASS_DAY = date(2021, 3, 19)
MASTERCLASS_NOTEBOOK = "Masterclass · 2021-03-19"

# Section headings become tags; the content decides the rest.
SECTION_TAGS = {"Q&A": "질의응답", "캠퍼분들께 마지막으로 꼭 하고싶은 이야기가 있다면?": "마지막당부"}
CONTENT_TAGS = {
    "경량화": ("경량화", "양자화", "distillation", "TinyML", "MCUNet", "TF Lite", "압축"),
    "슬럼프": ("슬럼프",),
    "커리어": ("취업", "회사", "박사", "이력서", "포트폴리오", "창업", "대학원", "장사", "성적표"),
    "질문": ("질문",),
    "공부": ("공부", "기본기", "학점"),
    "습관": ("매일", "습관", "일상"),
    "생산자": ("생산자", "소비자"),
    "멘토": ("멘토",),
}


@dataclass(frozen=True)
class SeedEntry:
    body: str
    section: str
    tags: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class SeedNotebook:
    name: str
    description: str
    day: date
    entries: tuple[SeedEntry, ...]


def parse_masterclass(text: str) -> SeedNotebook:
    """One entry per top-level `- ` bullet, with its tab-indented answers; stray lines are dropped."""
    title = ""
    intro: list[str] = []
    section = ""
    entries: list[SeedEntry] = []
    current: list[str] | None = None

    def finish() -> None:
        nonlocal current
        if current:
            entries.append(_entry(current, section))
        current = None

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            finish()
            section = line[3:].strip()
        elif line.startswith("- "):
            finish()
            current = [line[2:].strip()]
        elif line.startswith("\t") and current is not None:
            depth = len(line) - len(line.lstrip("\t"))
            current.append("  " * depth + line.lstrip("\t"))
        elif line.strip():
            finish()  # a line outside any bullet ends the entry and is not part of one
            if not section:
                intro.append(line.strip())
            # after the notes begin, a bare line (the web page's "Select a repo") is not a note
    finish()
    description = " — ".join(part for part in [title, *intro] if part)
    return SeedNotebook(MASTERCLASS_NOTEBOOK, description, MASTERCLASS_DAY, tuple(entries))


def _entry(lines: list[str], section: str) -> SeedEntry:
    body_text = "\n".join(lines)
    tags = ["마스터클래스"]
    if section in SECTION_TAGS:
        tags.append(SECTION_TAGS[section])
    folded = body_text.casefold()
    tags += [tag for tag, words in CONTENT_TAGS.items() if any(w.casefold() in folded for w in words)]
    tag_line = " ".join(f"#{t}" for t in dict.fromkeys(tags))
    return SeedEntry(f"{body_text}\n\n{tag_line}", section, tuple(dict.fromkeys(tags)))


def load_masterclass() -> SeedNotebook:
    return parse_masterclass(read_seed(MASTERCLASS_FILE))


@dataclass(frozen=True)
class PromptSpec:
    id: str
    ko: str
    en: str
    rrule: str
    slot: str = "any"
    kind: str = "reflect"


def load_prompt_specs() -> list[PromptSpec]:
    import tomllib

    data = tomllib.loads(read_seed(PROMPTS_FILE))
    return [PromptSpec(**item) for item in data["prompt"]]


_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


def is_prompt_id(text: str) -> bool:
    return bool(_ID.match(text))
