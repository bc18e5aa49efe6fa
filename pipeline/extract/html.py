"""HTML (attachments and e-mail parts) to paragraphs, with BeautifulSoup over lxml.

Block elements (``p``, ``div``, headings, lists, ``blockquote`` …) end a paragraph; ``<br>``
ends a line and two in a row end a paragraph (how mail clients write them); each list item
and each table row is a line, a row's cells tab-separated; ``blockquote`` lines are prefixed
with ``> `` (the quoted mail under a reply); scripts, styles, the head, templates and
elements styled ``display:none`` are dropped. The tree is walked with an explicit stack, so
deeply nested markup cannot exhaust the interpreter's recursion limit.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString, PageElement

from pipeline.extract.result import ExtractionFailed
from pipeline.extract.text import decode

BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "center",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "summary",
        "details",
        "title",
        "ul",
    ]
)
LINES = frozenset({"li", "dt", "dd", "caption"})
SKIP = frozenset(
    [
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "object",
        "iframe",
        "select",
        "button",
    ]
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")


class _Writer:
    """Collects text as paragraphs of lines while the tree is walked."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.lines: list[str] = []
        self.words: list[str] = []
        self.quote = 0
        self.pre = 0
        self.row: list[str] | None = None
        self.cell: Tag | None = None  # inside a cell everything is inline text
        self.breaks = 0  # <br>s in a row with no text between

    def text(self, value: str) -> None:
        if self.pre:
            first, *rest = value.replace("\r\n", "\n").split("\n")
            self.words.append(first)
            for line in rest:
                self.end_line()
                self.words.append(line)
            return
        self.words.append(_SPACE.sub(" ", value))
        if value.strip():
            self.breaks = 0

    def _line_text(self) -> str:
        joined = "".join(self.words)
        return joined.rstrip() if self.pre else " ".join(joined.split())

    def end_line(self) -> None:
        line = self._line_text()
        self.words = []
        if line.strip():
            self.lines.append(line)

    def line_break(self) -> None:
        self.breaks += 1
        if self.breaks >= 2 and not self._line_text():
            self.end_paragraph()
        else:
            self.end_line()

    def end_paragraph(self) -> None:
        self.end_line()
        if self.lines:
            prefix = "> " * self.quote
            self.paragraphs.append("\n".join(prefix + line for line in self.lines))
        self.lines = []

    def end_cell(self) -> None:
        cell = " ".join("".join(self.words).split())
        self.words = []
        if self.row is not None:
            self.row.append(cell)

    def end_row(self) -> None:
        if self.row is not None:
            while self.row and not self.row[-1]:
                self.row.pop()
            if any(self.row):
                self.lines.append("\t".join(self.row))
        self.row = None


def _hidden(tag: Tag) -> bool:
    style = tag.get("style")
    return tag.has_attr("hidden") or (isinstance(style, str) and bool(_HIDDEN.search(style)))


def _structural(name: str) -> bool:
    return name in BLOCKS or name in LINES or name in ("br", "td", "th", "tr", "table", "pre")


def _enter(tag: Tag, out: _Writer) -> None:
    name = tag.name
    if out.cell is not None:
        if _structural(name):
            out.text(" ")
        return
    if name in BLOCKS or name == "table":
        out.end_paragraph()
    elif name == "blockquote":
        out.end_paragraph()
        out.quote += 1
    elif name == "pre":
        out.end_paragraph()
        out.pre += 1
    elif name in LINES:
        out.end_line()
    elif name == "tr":
        out.end_line()
        out.row = []
    elif name in ("td", "th") and out.row is not None:
        out.words = []
        out.cell = tag
    elif name == "br":
        out.line_break()
    elif name == "img" and isinstance(tag.get("alt"), str):
        out.text(f" {tag['alt']} ")


def _leave(tag: Tag, out: _Writer) -> None:
    name = tag.name
    if out.cell is not None:
        if tag is out.cell:
            out.end_cell()
            out.cell = None
        elif _structural(name):
            out.text(" ")
        return
    if name in BLOCKS or name == "table":
        out.end_paragraph()
    elif name == "blockquote":
        out.end_paragraph()
        out.quote = max(0, out.quote - 1)
    elif name == "pre":
        out.end_paragraph()
        out.pre = max(0, out.pre - 1)
    elif name in LINES:
        out.end_line()
    elif name == "tr":
        out.end_row()


def html_text(data: bytes | str, filename: str = "") -> str:
    """Visible text as paragraphs separated by blank lines."""
    if isinstance(data, bytes):
        data = decode(data)[0]
    if not data.strip():
        return ""
    try:
        soup = BeautifulSoup(data, "lxml")
    except (ValueError, TypeError, AssertionError) as exc:
        raise ExtractionFailed("corrupt", f"{filename!r}: unreadable HTML ({exc})") from exc
    out = _Writer()
    # Each entry: an element and its children still to visit, last child first.
    stack: list[tuple[Tag, list[PageElement]]] = [(soup, soup.contents[::-1])]
    while stack:
        tag, children = stack[-1]
        if not children:
            stack.pop()
            _leave(tag, out)
            continue
        child = children.pop()
        if isinstance(child, Comment) or not isinstance(child, NavigableString | Tag):
            continue
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a CDATA, doctype or processing instruction
                out.text(str(child))
            continue
        if child.name in SKIP or _hidden(child):
            continue
        _enter(child, out)
        stack.append((child, child.contents[::-1]))
    out.end_paragraph()
    return "\n\n".join(out.paragraphs)
