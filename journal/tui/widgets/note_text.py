"""Note text for the screen: Markdown (bold, italics, lists, headings, quotes, code, links) as styled
Content, `#tags` highlighted, and every control character shown (journal.text.visible_text).

Rendering is line-faithful rather than CommonMark-faithful: a line break in a note stays a line break,
and blank lines between blocks are kept, so a note reads the way it was typed. Text with no Markdown in it
(most tiny notes) skips the parser altogether; markdown-it is imported on first need.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.style import Style

from journal.text import tag_spans, visible_text

if TYPE_CHECKING:
    from markdown_it.token import Token

TAG_STYLE = "bold $accent"
HEADING_STYLE = "bold $accent"
CODE_STYLE = "$text-muted"
QUOTE_STYLE = "$text-muted italic"
LINK_STYLE = "underline"

# Anything that could be Markdown: emphasis, code, links, or a block marker at a line start.
_MAYBE_MARKDOWN = re.compile(r"[*_`\[<~]|^ {0,3}(#{1,6}( |$)|[-+] |\d{1,9}[.)] |>|={3,}|-{3,})", re.MULTILINE)
# "2021. 3. 19." is how a Korean date is written: a list marker followed by a digit stays text.
_DATE_LIKE_LIST = re.compile(r"^( {0,3}\d{1,9})([.)])(?= +\d)", re.MULTILINE)


def highlight_tags(text: str) -> Content:
    """Plain text (made visible) with its #tags highlighted."""
    text = visible_text(text)
    content = Content(text)
    for start, end, _tag in tag_spans(text):
        content = content.stylize(TAG_STYLE, start, end)
    return content


def note_content(body: str, *, show_urls: bool = False) -> Content:
    """A note's body as it should look: Markdown rendered, tags highlighted, controls visible."""
    if not _MAYBE_MARKDOWN.search(body):
        return highlight_tags(body)
    return _render(body, show_urls)


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "breaks": True}).enable("strikethrough")


class _Renderer:
    def __init__(self, show_urls: bool) -> None:
        self.show_urls = show_urls
        self.parts: list[Content] = []
        self.prefixes: list[str] = []  # one per open list item or quote
        self.lists: list[list[int]] = []  # the next number of each open ordered list (empty: bullets)
        self.last_line: int | None = None  # the source line after the previous block
        self.block_style = ""
        self.first_in_item = False

    # -- blocks -------------------------------------------------------------------------------

    def block_start(self, token: Token) -> None:
        """Before a block's text: the line break (and blank line) from the previous block, the prefix."""
        if self.first_in_item:  # the first block of a list item or quote starts after its marker
            self.first_in_item = False
        elif self.parts:
            blank = token.map is not None and self.last_line is not None and token.map[0] > self.last_line
            self.parts.append(Content("\n\n" if blank and not self.prefixes else "\n"))
            self.parts.append(Content(self.continuation()))
        if token.map is not None:
            self.last_line = token.map[1]

    def continuation(self) -> str:
        return "".join(" " * len(prefix) if prefix not in ("▎ ",) else prefix for prefix in self.prefixes)

    def walk(self, tokens: list[Token]) -> Content:
        for token in tokens:
            kind = token.type
            if kind == "paragraph_open":
                self.block_start(token)
            elif kind == "heading_open":
                self.block_start(token)
                self.block_style = HEADING_STYLE
            elif kind == "heading_close":
                self.block_style = ""
            elif kind == "inline":
                self.inline(token.children or [])
            elif kind in ("paragraph_close",):
                pass
            elif kind == "bullet_list_open":
                self.lists.append([])
            elif kind == "ordered_list_open":
                self.lists.append([int(token.attrGet("start") or 1)])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.block_start(token)
                numbering = self.lists[-1] if self.lists else []
                if numbering:
                    marker = f"{numbering[0]}{token.markup or '.'} "
                    numbering[0] += 1
                else:
                    marker = "• "
                self.parts.append(Content.styled(marker, "$text-muted"))
                self.prefixes.append(marker)
                self.first_in_item = True
            elif kind == "list_item_close":
                self.prefixes.pop()
            elif kind == "blockquote_open":
                self.block_start(token)
                self.parts.append(Content.styled("▎ ", QUOTE_STYLE))
                self.prefixes.append("▎ ")
                self.first_in_item = True
                self.block_style = QUOTE_STYLE
            elif kind == "blockquote_close":
                self.prefixes.pop()
                self.block_style = ""
            elif kind in ("fence", "code_block"):
                self.block_start(token)
                self.text(token.content.rstrip("\n"), CODE_STYLE, tags=False)
            elif kind == "hr":
                self.block_start(token)
                self.parts.append(Content.styled("─" * 20, "$text-muted"))
            elif kind == "html_block":
                self.block_start(token)
                self.text(token.content.rstrip("\n"), "", tags=True)
        return Content("").join(self.parts) if self.parts else Content("")

    # -- inline -------------------------------------------------------------------------------

    def inline(self, children: list[Token]) -> None:
        styles: list[str | Style] = [self.block_style] if self.block_style else []
        link: str | None = None
        for child in children:
            kind = child.type
            if kind == "text":
                self.text(child.content, *styles)
            elif kind in ("softbreak", "hardbreak"):
                self.parts.append(Content("\n" + self.continuation()))
            elif kind == "code_inline":
                self.text(child.content, *styles, CODE_STYLE, tags=False)
            elif kind in ("strong_open", "em_open", "s_open"):
                styles.append({"strong_open": "bold", "em_open": "italic", "s_open": "strike"}[kind])
            elif kind in ("strong_close", "em_close", "s_close"):
                if styles:
                    styles.pop()
            elif kind == "link_open":
                link = str(child.attrGet("href") or "")
                styles.append(Style(underline=True, link=visible_text(link)) if link else LINK_STYLE)
            elif kind == "link_close":
                if styles:
                    styles.pop()
                if link and self.show_urls:
                    self.text(f" ({link})", "$text-muted", tags=False)
                link = None
            elif kind == "image":
                self.text(child.content or "image", *styles, "italic", tags=False)
            else:  # html_inline and anything new: as written
                self.text(child.content, *styles)

    def text(self, text: str, *styles: str | Style, tags: bool = True) -> None:
        if not text:
            return
        if "\n" in text:
            text = text.replace("\n", "\n" + self.continuation())
        content = highlight_tags(text) if tags else Content(visible_text(text))
        for style in styles:
            if style:
                content = content.stylize_before(style)
        self.parts.append(content)


def _render(body: str, show_urls: bool) -> Content:
    source = _DATE_LIKE_LIST.sub(r"\1\\\2", visible_text(body))  # a CR is shown, not a line end
    return _Renderer(show_urls).walk(_parser().parse(source))
