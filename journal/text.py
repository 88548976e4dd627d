"""Note text: NFC normalisation, validation, and `#tag` extraction."""

from __future__ import annotations

import unicodedata

from journal.errors import UsageError

MAX_BODY_CHARS = 100_000
"""The longest note we accept, in characters (about 30 pages). Documented in the README."""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


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


def tag_key(tag: str) -> str:
    """Tags are case-insensitive: `#TF-Lite` and `#tf-lite` are one tag."""
    return nfc(tag).lstrip("#").casefold()


def _is_hangul(ch: str) -> bool:
    code = ord(ch)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def _is_tag_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def extract_tags(body: str) -> list[str]:
    """`#tags` in order of first appearance, without `#`, de-duplicated case-insensitively.

    A tag starts after whitespace, the start of the text, or an opening bracket. A Latin tag stops
    where Hangul starts (`#work에서` is `work`: the rest is a Korean particle); a tag that starts with
    Hangul is kept whole (`#경량화`). A tag needs at least one letter, so `#1` and `# heading` are not tags.
    """
    text = nfc(body)
    tags: list[str] = []
    seen: set[str] = set()
    i = 0
    while i < len(text):
        if text[i] != "#" or (i > 0 and not (text[i - 1].isspace() or text[i - 1] in "([{\"'")):
            i += 1
            continue
        start = i + 1
        j = start
        hangul = j < len(text) and _is_hangul(text[j])
        while j < len(text) and _is_tag_char(text[j]) and (hangul or not _is_hangul(text[j])):
            j += 1
        tag = text[start:j].rstrip("-_")
        if any(ch.isalpha() for ch in tag) and tag_key(tag) not in seen:
            seen.add(tag_key(tag))
            tags.append(tag)
        i = max(j, i + 1)
    return tags
