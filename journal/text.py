"""Note text: NFC normalisation, counted nouns, validation, `#tag` extraction, and showing control characters safely."""

from __future__ import annotations

import re
import unicodedata

from journal.errors import UsageError

MAX_BODY_CHARS = 100_000
"""The longest note we accept, in characters (about 30 pages). Documented in the README."""


def plural(count: int, word: str) -> str:
    """`1 note`, `2 notes`, `1,000 notes`."""
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_COMPATIBILITY_JAMO = re.compile("([\u3130-\u318f]+)")
"""Kept as typed by fold(): NFKC would make ㅋㅋ conjoining jamo, and `ㄱㅏ` the syllable 가."""


def _fold_table() -> dict[int, str]:
    # Variation selectors go (❤️ is ❤); half-width Hangul letters become the compatibility jamo they stand for.
    table = {0xFE0E: "", 0xFE0F: ""}
    for code in range(0xFFA0, 0xFFDD):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition.startswith("<narrow> "):
            table[code] = chr(int(decomposition.split()[1], 16))
    return table


_FOLD_TABLE = _fold_table()


def fold(text: str) -> str:
    """`text` as search compares it: NFKC (full-width `ＧＰＵ` is `GPU`, `１２３` is `123`, half-width `ｶﾀｶﾅ` is
    `カタカナ`, `…` is `...`), without emoji variation selectors, Hangul compatibility jamo kept. For matching
    only: a note's text stays as typed."""
    if text.isascii() or (unicodedata.is_normalized("NFKC", text) and "\ufe0f" not in text and "\ufe0e" not in text):
        return text
    parts = _COMPATIBILITY_JAMO.split(text.translate(_FOLD_TABLE))
    return "".join(part if odd else unicodedata.normalize("NFKC", part) for odd, part in enumerate(parts) if part)


def _cluster_ends(text: str) -> list[int]:
    """Where each cluster ends: a character with the combining marks after it (folded together)."""
    ends = []
    for index, char in enumerate(text):
        if index and (unicodedata.combining(char) or char in "\uff9e\uff9f\ufe0e\ufe0f\u3099\u309a"):
            ends[-1] = index + 1
        else:
            ends.append(index + 1)
    return ends


def fold_with_spans(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """fold(text), and for each of its characters the span of `text` it came from; None when the text folds
    to itself. A cluster (a character and its combining marks) is folded as one: `ｶﾞ` is `ガ`."""
    folded = fold(text)
    if folded == text:
        return text, None
    spans: list[tuple[int, int]] = []
    out: list[str] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        piece = fold(line)
        if piece == line:
            spans.extend((offset + i, offset + i + 1) for i in range(len(line)))
            out.append(line)
        else:
            start = 0
            for end in _cluster_ends(line):
                cluster = fold(line[start:end])
                spans.extend([(offset + start, offset + end)] * len(cluster))
                out.append(cluster)
                start = end
        offset += len(line)
    return "".join(out), spans


def clean_body(text: str) -> str:
    """Normalise a note body and reject what we cannot store faithfully."""
    if "\x00" in text:
        raise UsageError("the note contains a NUL byte (\\0); remove it and try again")
    body = nfc(text).replace("\r\n", "\n").strip()
    if not body:
        raise UsageError('the note is empty; write some text, e.g. journal add "shipped the index"')
    if len(body) > MAX_BODY_CHARS:
        raise UsageError(
            f"the note is {len(body):,} characters; the limit is {MAX_BODY_CHARS:,}. Split it into smaller notes"
        )
    return body


TAG_MARKERS = "#@"
"""`#tag`, and `@tag` as jrnl writes them (jrnl's default tag symbols are `#@`): one tag either way."""


def tag_key(tag: str) -> str:
    """Tags are case-insensitive: `#TF-Lite`, `#tf-lite` and `@tf-lite` are one tag."""
    return nfc(tag).lstrip(TAG_MARKERS).casefold()


HANGUL = "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"
"""Hangul syllables, jamo and compatibility jamo, as a regex character-class body."""
_HANGUL_CHAR = re.compile(f"[{HANGUL}]")


def _is_hangul(ch: str) -> bool:
    return _HANGUL_CHAR.match(ch) is not None


def has_hangul(text: str) -> bool:
    return _HANGUL_CHAR.search(text) is not None


TAG_CHARS = "-_+#/"
"""What a tag may hold besides letters and digits: jrnl's characters, so `#c++`, `@c#`, `#os/2` and `#tf-lite`
are tags as jrnl reads them."""


def _is_tag_char(ch: str) -> bool:
    return ch.isalnum() or ch in TAG_CHARS


def _starts_tag(body: str, j: int) -> bool:
    """A tag's first character is a letter, a digit or `_` (`##heading` and `#+x` are not tags)."""
    return j < len(body) and (body[j].isalnum() or body[j] == "_")


_MARKER = re.compile(f"[{TAG_MARKERS}]")


def tag_spans(body: str) -> list[tuple[int, int, str]]:
    """Every `#tag` (or jrnl-style `@tag`) in `body` as (start, end, tag); start is the index of the
    marker, tag has no marker.

    A tag starts after whitespace, the start of the text, or an opening bracket. A Latin tag stops
    where Hangul starts (`#work에서` is `work`: the rest is a Korean particle); a tag that starts with
    Hangul is kept whole (`#경량화`). A tag needs at least one letter, so `#1` and `# heading` are not tags.
    """
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(body):
        if body[i] not in TAG_MARKERS:
            marker = _MARKER.search(body, i)
            if marker is None:
                break
            i = marker.start()
        if (i > 0 and not (body[i - 1].isspace() or body[i - 1] in "([{\"'")) or not _starts_tag(body, i + 1):
            i += 1
            continue
        j = i + 1
        hangul = j < len(body) and _is_hangul(body[j])
        while j < len(body) and _is_tag_char(body[j]) and (hangul or not _is_hangul(body[j])):
            j += 1
        tag = body[i + 1 : j].rstrip("-_")
        if any(ch.isalpha() for ch in tag):
            spans.append((i, i + 1 + len(tag), tag))
        i = max(j, i + 1)
    return spans


def extract_tags(body: str) -> list[str]:
    """Tags in order of first appearance, without their marker, de-duplicated case-insensitively."""
    tags: list[str] = []
    seen: set[str] = set()
    for _start, _end, tag in tag_spans(nfc(body)):
        if tag_key(tag) not in seen:
            seen.add(tag_key(tag))
            tags.append(tag)
    return tags


def _visible_table() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
    table[0x7F] = "\u2421"  # ␡
    table.update({code: f"⟨U+{code:04X}⟩" for code in range(0x80, 0xA0)})
    return table


_VISIBLE = _visible_table()
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible_text(text: str) -> str:
    """`text` with every control character replaced by a visible stand-in, safe to write to a terminal.

    A note may hold terminal escape sequences (an OSC 52 clipboard write, an OSC 2 window title, a
    clear-screen): written as they are, the terminal would obey them. Shown instead:

    - C0 controls (U+0000–U+001F) other than newline and tab: their Unicode Control Picture, U+2400 plus
      the code: ESC → ␛, BEL → ␇, CR → ␍, NUL → ␀;
    - DEL (U+007F) → ␡;
    - C1 controls (U+0080–U+009F, e.g. the one-byte CSI U+009B) → ``⟨U+009B⟩``.

    Newline and tab are kept. Nothing in the result is a control character (category Cc) except those
    two, and the stand-ins are not controls, so applying it again changes nothing. Text without
    controls is returned unchanged. For display only: the stored note keeps its characters.
    """
    # Most text has none: finding that out is ~30 times faster than translating (a digest of a busy week).
    return text.translate(_VISIBLE) if _CONTROLS.search(text) else text
