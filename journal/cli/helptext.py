"""The longer help texts: the date words and the search query language (a pipx user has no README)."""

from __future__ import annotations

DATES = """\
dates (for --date, --on, --from, --to, --until, and a 'WHEN:' prefix on the note):
  back:     today, yesterday, 3 days ago, a week ago, 2 months ago, last friday, friday (the past one),
            2021-03-19, 2021-03-19 14:05, yesterday 9pm, March 19, 19 March 2021, 03.19,
            오늘, 어제, 그제, 지난 금요일, 3일 전, 2021년 3월 19일
  forward:  tomorrow, next friday, this friday, in 3 days, 3 days from now, next week,
            내일, 모레, 다음 금요일, 이번 주 금요일, 3일 후, 다음 주  (where the option looks forward)
  A month and day without a year is the most recent such day that is not in the future."""

_QUERY_ROWS = (
    ("슬럼프 경량화", "every word must match (a Korean word matches inside longer words: 슬럼프가)"),
    ("models", "English is stemmed: model, models"),
    ('"standard routine"', "an exact phrase"),
    ("quant*", "words starting with quant"),
    ("양자화 OR quantization", "either"),
    ("-paper  NOT paper", "leave out notes with the word (only -words: the newest others)"),
    ("#경량화  @work", "tagged"),
    ("notebook:Work  -notebook:Work  is:starred", ""),
    ('on:2021-03-19  from:"last friday"  to:어제', "days, in the date words of journal add"),
    ("🍕  ^^", "emoji and symbols are found in the text"),
)


def _cells(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: tuple[tuple[str, str], ...], width: int = 26) -> str:
    lines = []
    for left, right in rows:
        gap = " " * max(2, width - _cells(left)) if right else ""
        lines.append(f"  {left}{gap}{right}")
    return "\n".join(lines)


QUERY_LANGUAGE = (
    "the query language:\n"
    + _table(_QUERY_ROWS)
    + "\nResults are ranked by relevance (rarer words, shorter notes first), ties newest first; a search with"
    "\nnothing to rank by (only #tags, filters or -words) lists the newest matches first."
)
