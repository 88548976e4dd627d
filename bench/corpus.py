"""A corpus of real, openly licensed Korean (and Japanese) text for the recall bench, read from packages.

- **Korean law and bills** from the KoNLPy package on PyPI (`konlpy==0.6.0`, GPLv3): the Constitution of the
  Republic of Korea (`kolaw`) and ten National Assembly bills (`kobill`), public works (laws and bills are
  not protected by Korean copyright, Copyright Act art. 7). The bills mix Hanja (`任用權者는`) and numbers
  (`제44조제1항`) into Korean. Read from an installed konlpy, else from its wheel, fetched once with
  `pip download --no-deps` into `bench/.corpus/` (gitignored); the package itself is never imported.
- **Program messages** in Korean and Japanese: the gettext catalogs Debian's packages install under
  `/usr/share/locale/{ko,ja}/LC_MESSAGES` (git, coreutils, apt, dpkg, ...; GPL and LGPL translations).
  Real Korean with English words and particles (`HEAD를`, `URL을`, `ID가`), and real Japanese.

`sample_notes()` is a small corpus written for the test suite (no download, no system files).
"""

from __future__ import annotations

import gettext
import importlib.util
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".corpus"
KONLPY = "konlpy==0.6.0"
LOCALES = Path("/usr/share/locale")
EMOJI = ["🍕", "😂", "❤️", "👍", "🎉", "☕", "🙂", "✨", "😭", "🔥"]
SYMBOLS = ["^^", "~", "→", "★", "♡", "+", "$", "♪"]


def konlpy_texts() -> dict[str, str]:
    """The Constitution and the bills, by file name."""
    spec = importlib.util.find_spec("konlpy")
    if spec is not None and spec.submodule_search_locations:
        folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "corpus"
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*/*.txt"))}
    wheels = sorted(CACHE.glob("konlpy-*.whl"))
    if not wheels:
        CACHE.mkdir(exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(CACHE), KONLPY]
        subprocess.run(command, check=True)
        wheels = sorted(CACHE.glob("konlpy-*.whl"))
    with zipfile.ZipFile(wheels[-1]) as wheel:
        names = sorted(n for n in wheel.namelist() if n.startswith("konlpy/data/corpus/") and n.endswith(".txt"))
        return {Path(n).name: wheel.read(n).decode("utf-8") for n in names}


_PLACEHOLDER = re.compile(
    r"%(\d+\$)?[-#0 +']*\d*(\.\d+)?(hh|h|ll|l|L|q|j|z|t|I64)?[diouxXeEfgGcsSpn%]|\{\d*\}|\$\{?\w+\}?"
)


def gettext_messages(language: str) -> list[str]:
    """The translated messages of the installed programs, placeholders (`%s`, `%1$d`) taken out."""
    messages = []
    for catalog in sorted((LOCALES / language / "LC_MESSAGES").glob("*.mo")):
        try:
            with catalog.open("rb") as handle:
                found = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        except (OSError, gettext.error):  # type: ignore[attr-defined]
            continue
        for key, value in found.items():
            if not key or not isinstance(value, str):
                continue
            text = re.sub(r"\s+", " ", _PLACEHOLDER.sub("", value.replace("&", ""))).strip()
            if len(text) >= 8 and not text.startswith(("Project-Id", "Content-Type")):
                messages.append(text)
    return sorted(set(messages))


def law_sentences(texts: dict[str, str]) -> list[str]:
    """The law and bill texts as lines of at least ten characters (a clause, a sentence)."""
    lines = []
    for text in texts.values():
        for line in text.splitlines():
            line = re.sub(r"\s+", " ", line).strip()
            if len(line) >= 10 and re.search("[가-힣]", line) and not re.fullmatch(r"[-\d\s]+", line):
                lines.append(line)
    return lines


def assemble(sources: list[list[str]], count: int, seed: int = 21) -> list[str]:
    """`count` notes of one to three lines each, drawn from the sources in turn; about one in eight gets an
    emoji or a symbol (attached to a word or standing alone) and one in twenty its Latin words in full width
    (`ＨＥＡＤ를`), as people type them: the corpora have few of either."""
    rng = random.Random(seed)
    pools = [list(lines) for lines in sources if lines]
    for pool in pools:
        rng.shuffle(pool)
    notes: list[str] = []
    turn = 0
    while len(notes) < count and any(pools):
        pool = pools[turn % len(pools)]
        turn += 1
        if not pool:
            continue
        note = " ".join(pool.pop() for _ in range(min(len(pool), rng.randint(1, 3))))
        roll = rng.random()
        if roll < 0.06:
            note = f"{note} {rng.choice(EMOJI)}"
        elif roll < 0.10:
            words = note.split(" ")
            at = rng.randrange(len(words))
            words[at] = rng.choice(EMOJI + SYMBOLS) + words[at]
            note = " ".join(words)
        elif roll < 0.13:
            note = f"{note}{rng.choice(SYMBOLS)}"
        elif roll < 0.18:
            note = re.sub("[A-Za-z0-9]", lambda m: chr(ord(m.group()) + 0xFEE0), note)
        notes.append(note)
    return notes


def real_notes(count: int) -> tuple[list[str], list[str]]:
    """`count` notes from the corpus, and a line per source saying what was read."""
    law = law_sentences(konlpy_texts())
    korean = gettext_messages("ko")
    japanese = gettext_messages("ja")
    said = [
        f"KoNLPy {KONLPY.split('==')[1]} kolaw + kobill: {len(law):,} lines",
        f"gettext catalogs, Korean: {len(korean):,} messages; Japanese: {len(japanese):,}",
    ]
    # Korean first: law and messages, with Japanese as one source in four
    return assemble([law, korean, korean, japanese], count), said


SAMPLE = """\
대한민국은 민주공화국이다. 모든 권력은 국민으로부터 나온다.
任用權者는 本人의 意思에 反하여 休職을 命할 수 없다.
敎育公務員이 休職을 願하는 경우에는 第44條에 따른다.
중국어를 배우려고 中國語로 된 책을 샀다. 大學校 도서관에서 빌렸다.
HEAD를 새 커밋으로 옮길 수 없습니다. URL을 확인하십시오.
파일 ID가 올바르지 않습니다. diff를 만들 수 없습니다. 원격 HEAD가 없습니다.
CUDA를 설치하고 CUDA 버전을 확인했다. 속도를 재 보니 3배 빨라졌다.
Python으로 스크립트를 짰다. JSON에서 값을 읽는다. 2011년에 개정되었다.
GPU 없이 돌렸다. 속도를 다시 쟀다, CUDA 없이.
日本語を勉強するのは楽しい。カタカナで名前を書く。
ファイルを開けません。ディレクトリが見つかりません。
ｶﾀｶﾅの入力も試した。全角のＧＰＵとＵＲＬを書いた。
오늘은 산에 갔다. 등산로가 험했다. 눈이 와서 눈물이 났다.
주말에 말을 타고 밤에 차를 마셨다. 산책도 했다.
국제연합 본부에 갔다. 국제선을 타고 돌아왔다.
질문이 많았다. 재질문도 받았다. 질문을 정리했다.
피자 🍕 먹었다 ^^ 그냥 웃었다 ^^ 사랑해 ❤️
🍕피자가 최고였다. 커피 ☕ 한 잔 → 일 시작.
The models were fine after training. One model was left.
Read a paper on distillation and tried the temperature trick.
Committed the files and pushed the commits. The file was large.
ㅋㅋㅋ 웃겼다. ㅠㅠ 슬펐다.
"""


def sample_notes(count: int, seed: int = 21) -> list[str]:
    """A small corpus written for the test suite: the sentences above, combined into `count` notes."""
    lines = [line for line in SAMPLE.splitlines() if line]
    sentences = [part.strip() for line in lines for part in re.split(r"(?<=[.。])\s*", line) if part.strip(" .")]
    return assemble([lines, sentences], count, seed)
