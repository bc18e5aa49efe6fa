"""Positioned lines to paragraphs: blank lines between paragraphs, a paragraph's lines joined.

Between two lines of a page the break is decided from the layout, in this order:

* a vertical gap clearly wider than the document's usual line gap, or a change of text size
  (a heading) → new paragraph;
* either line a table or form row (cells apart), or the lower one a list item → new line;
* both lines set off the left margin and aligned right or centred on each other (a
  letterhead, an address or a date block set to the right) → new line;
* the upper line *wrapped* — the lower line's first word would not have fitted after it
  within the text's right edge — → same paragraph, joined by a space (or by repairing a
  hyphenated word, below); unless the upper line ends a sentence and the lower one is
  indented (a first-line indent) → new paragraph;
* otherwise a hard line break: after a sentence's end → new paragraph, else → new line
  (address blocks, signatures and headings keep their lines).

Across a page break a wrapped last line that ends mid-sentence continues on the next page.
A line-end hyphen is removed only when the joined word occurs elsewhere in the document
(``infor-``/``mation`` where "information" is written whole somewhere); otherwise it is a
compound (``decision-``/``making``) and stays. Soft hyphens are always removed.

``reflow_plain`` applies the same rules to plain text, with characters as the unit.
"""

from __future__ import annotations

import re
from itertools import pairwise
from statistics import median

from pipeline.extract.furniture import remove_furniture
from pipeline.extract.layout import Line, Page

SENTENCE_END = (".", "!", "?", ".)", '."', ".\u201d", "?\u201d")
_BULLET = re.compile(r"^\s*(?:[•▪●◦·‣∙\-–*]\s|\(?\d{1,2}[.)]\s|\(?[a-z]{1,2}\)\s|\([ivx]{1,5}\)\s)")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_HYPHENATED_END = re.compile(r"([^\W\d_]+)[-\u2010]$")
_FIRST_WORD = re.compile(r"^([^\W\d_]+)")
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
     "\ufb05": "st", "\ufb06": "st"}
)  # fmt: skip

PARAGRAPH_GAP = 0.4  # line heights beyond the usual gap that make a paragraph break
SIZE_CHANGE = 0.3  # relative height difference that marks a heading
INDENT = 1.0  # line heights of first-line indent
PLAIN_COLUMNS = 72
MIN_TEXT_WIDTH = 0.6  # a line shorter than this share of the text width is never wrapped


def fix_ligatures(text: str) -> str:
    return text.translate(_LIGATURES)


def pages_text(
    pages: list[Page], *, join_wrapped: bool = True, usual_gap: float | None = None
) -> str:
    """The text of a document's pages, furniture removed, as paragraphs. Without
    ``join_wrapped`` no line is taken as wrapped (text that was never hard-wrapped);
    ``usual_gap`` gives the gap between lines of a paragraph when it is known."""
    pages = remove_furniture(pages)
    heights = [line.height for page in pages for line in page.lines if not line.table]
    if not heights and not any(page.lines for page in pages):
        return ""
    height = median(heights) if heights else 1.0
    usual = _usual_gap(pages, height) if usual_gap is None else usual_gap
    vocabulary = _vocabulary(pages)
    paragraphs: list[str] = []
    current: str | None = None
    previous: Line | None = None
    previous_edge = 0.0
    for page in pages:
        edge = _right_edge(page, height)
        left = _left_margin(page)
        for number, line in enumerate(page.lines):
            if line.table:
                if current is not None:
                    paragraphs.append(current)
                paragraphs.append(line.text)
                current, previous = None, None
                continue
            if current is None or previous is None:
                joiner = "\n\n"
            elif number == 0:
                joiner = _across_pages(previous, line, previous_edge, height, join_wrapped)
            else:
                joiner = _joiner(previous, line, edge, usual, height, join_wrapped, left)
            if joiner == "\n\n":
                if current is not None:
                    paragraphs.append(current)
                current = line.text
            elif joiner == "\n":
                current = f"{current}\n{line.text}"
            else:
                current = join_words(current or "", line.text, vocabulary)
            previous, previous_edge = line, edge
    if current is not None:
        paragraphs.append(current)
    cleaned = ("\n".join(part.rstrip() for part in p.strip("\n").split("\n")) for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p.strip())


def _usual_gap(pages: list[Page], height: float) -> float:
    """The gap between lines of one paragraph: the 20th percentile of the gaps between
    consecutive lines of about the same size (a low percentile, not the mode, because a
    short letter of one-line paragraphs has more paragraph gaps than line gaps)."""
    gaps: list[float] = []
    for page in pages:
        for above, below in pairwise(page.lines):
            if above.table or below.table or _size_changes(above, below):
                continue
            gap = below.top - above.bottom
            if -0.5 * height <= gap < 3 * height:
                gaps.append(gap)
    if not gaps:
        return 0.3 * height
    gaps.sort()
    return gaps[int(0.2 * (len(gaps) - 1))]


def _size_changes(above: Line, below: Line) -> bool:
    return abs(above.height - below.height) > SIZE_CHANGE * max(above.height, below.height)


def _right_edge(page: Page, height: float) -> float:
    """Where the text's lines end: the 90th percentile of the right ends of lines that start
    at the left margin (right-aligned dates and centred headings do not count), and at least
    ``MIN_TEXT_WIDTH`` of the width between the margins (taken as equal), so that a page of
    short lines (an address, a signature) is not read as wrapped at their length."""
    text_lines = [line for line in page.lines if not line.table]
    if not text_lines:
        return 0.0
    left = min(line.x0 for line in text_lines)
    ends = sorted(line.x1 for line in text_lines if line.x0 <= left + 2 * height)
    edge = ends[int(0.9 * (len(ends) - 1) + 0.5)]
    return max(edge, left + MIN_TEXT_WIDTH * (page.width - 2 * left))


def _left_margin(page: Page) -> float:
    text_lines = [line.x0 for line in page.lines if not line.table]
    return min(text_lines) if text_lines else 0.0


def _set_apart(above: Line, below: Line, left: float, height: float) -> bool:
    """Two lines that both start well in from the left margin, at different places, and end
    (right-aligned) or centre (centred) at the same place: lines of a block such as a
    letterhead, never a paragraph wrapped at the margin."""
    indent = 2 * height
    if above.x0 < left + indent or below.x0 < left + indent:
        return False
    if abs(above.x0 - below.x0) < 0.5 * height:
        return False
    right = abs(above.x1 - below.x1) < 0.5 * height
    centred = abs((above.x0 + above.x1) - (below.x0 + below.x1)) < height
    return right or centred


def _wrapped(above: Line, below: Line, edge: float, height: float) -> bool:
    """The lower line's first word would not have fitted after the upper line; or the upper
    line is long, stops mid-sentence and the lower one goes on in lower case (the edge of a
    ragged-right text is only estimated)."""
    if above.x1 + 0.25 * height + below.first_word > edge:
        return True
    long = above.x1 - above.x0 >= MIN_TEXT_WIDTH * (edge - above.x0)
    return long and below.text[:1].islower() and not _ends_sentence(above.text)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(SENTENCE_END)


def _joiner(
    above: Line,
    below: Line,
    edge: float,
    usual: float,
    height: float,
    join_wrapped: bool,
    left: float = 0.0,
) -> str:
    gap = below.top - above.bottom
    if gap > usual + PARAGRAPH_GAP * height or gap < -0.5 * height:
        return "\n\n"
    if _size_changes(above, below):
        return "\n\n"
    if above.cells > 1 or below.cells > 1 or _BULLET.match(below.text):
        return "\n"
    if _set_apart(above, below, left, height):
        return "\n"
    if join_wrapped and _wrapped(above, below, edge, height):
        if _ends_sentence(above.text) and below.x0 > above.x0 + INDENT * height:
            return "\n\n"
        return " "
    return "\n\n" if _ends_sentence(above.text) else "\n"


def _across_pages(above: Line, below: Line, edge: float, height: float, join_wrapped: bool) -> str:
    if above.cells > 1 or below.cells > 1 or _BULLET.match(below.text) or not join_wrapped:
        return "\n\n"
    if _wrapped(above, below, edge, height) and not _ends_sentence(above.text):
        return " "
    return "\n\n"


def _vocabulary(pages: list[Page]) -> set[str]:
    """Lower-cased words written whole (not split at a line end) anywhere in the document."""
    words: set[str] = set()
    for page in pages:
        for line in page.lines:
            tokens = line.text.split()
            for index, token in enumerate(tokens):
                if index == len(tokens) - 1 and token.endswith(("-", "\u2010", "\u00ad")):
                    continue
                words.update(w.lower() for w in _WORD.findall(token))
    return words


def join_words(text: str, following: str, vocabulary: set[str]) -> str:
    """``text`` continued by the next line of its paragraph, repairing a split word."""
    if text.endswith("\u00ad"):
        return text[:-1] + following.lstrip()
    split = _HYPHENATED_END.search(text)
    first = _FIRST_WORD.match(following.lstrip())
    if split and first and first.group(1)[0].islower():
        if (split.group(1) + first.group(1)).lower() in vocabulary:
            return text[:-1] + following.lstrip()
        return text + following.lstrip()  # a compound: keep its hyphen, no space
    return f"{text} {following.lstrip()}"


def reflow_plain(text: str) -> str:
    """Plain text with its paragraphs joined by the same rules, a character as the unit.

    Only hard-wrapped text (lines wrapped at ≤ 100 characters) has lines joined; quoted
    lines (``>``) and lines with runs of spaces (tables) are kept as they are.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    placed: list[Line] = []
    width = 0
    for number, raw in enumerate(lines):
        content = raw.rstrip().replace("\f", "")
        if not content.strip():
            continue
        indent = len(content) - len(content.lstrip())
        first = content.split(maxsplit=1)[0]
        width = max(width, len(content))
        keep = content.lstrip().startswith(">") or "\t" in content or "   " in content.strip()
        placed.append(
            Line(content, indent, len(content), number, number + 0.8, len(first), 2 if keep else 1)
        )
    if not placed:
        return ""
    # A page as wide as 72-column mail (so short lines never count as wrapped), no height
    # (no header or footer bands), lines one unit apart: a blank line is a paragraph gap.
    page = Page(width=max(width, PLAIN_COLUMNS), height=0.0, lines=placed)
    hard_wrapped = _right_edge(page, 1.0) <= 100  # else keep the author's line breaks
    return pages_text([page], join_wrapped=hard_wrapped, usual_gap=0.2)
