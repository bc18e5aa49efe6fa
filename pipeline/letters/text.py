"""Text helpers that keep offsets: evidence spans must index the caller's text.

Letters arrive as PDF text, e-mail bodies or the seeds' markdown-ish rendering (``[Section
16](#)``, ``<sup>1</sup>``, ``**bold**``); ``clean`` blanks that markup with spaces so the
rules see words and every offset still points into the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_LINK = re.compile(r"\[([^\]\n]{0,200})\]\([^)\n]{0,300}\)")
_TAG = re.compile(r"</?[a-zA-Z][^>\n]{0,100}>")
_EMPHASIS = re.compile(r"\*{1,3}|^#{1,6}(?=\s)", re.M)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(\[])|\n\s*\n")

# A rights block: the paragraph that tells the requester how to complain.
_RIGHTS_OPENER = re.compile(
    r"\b(?:if\s+you\s+(?:are|remain|were|feel)|you\s+(?:may|can|have\s+the\s+right|are\s+(?:free|entitled))|your\s+right|complaint\s+rights|review\s+rights|next\s+steps|should\s+you\s+(?:wish|then))",
    re.I,
)
_RIGHTS_TOPIC = re.compile(
    r"\b(?:review|complain|commissioner|appeal|ICO|representations|reconsider|dissatisfied|unhappy)",
    re.I,
)
_REGULATOR_ADDRESS = re.compile(
    r"Wycliffe\s+House|SK9\s*5AF|Kinburn\s+Castle|KY16\s*9DS|foi\.scot|itspublicknowledge", re.I
)


def clean(text: str) -> str:
    """The same text with markdown links, tags and emphasis blanked, offsets unchanged."""

    def link(match: re.Match[str]) -> str:
        label = match.group(1)
        return " " + label + " " * (len(match.group(0)) - len(label) - 1)

    text = _LINK.sub(link, text)
    text = _TAG.sub(lambda m: " " * len(m.group(0)), text)
    return _EMPHASIS.sub(lambda m: " " * len(m.group(0)), text)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


def paragraphs(text: str) -> Iterator[Span]:
    start = 0
    for match in re.finditer(r"\n\s*\n", text):
        if match.start() > start:
            yield Span(start, match.start(), text[start : match.start()])
        start = match.end()
    if start < len(text):
        yield Span(start, len(text), text[start:])


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    end = len(text) if end is None else end
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.start() > position:
            yield Span(position, match.start(), text[position : match.start()])
        position = match.end()
    if position < end:
        yield Span(position, end, text[position:end])


def is_rights_paragraph(paragraph: str) -> bool:
    return bool(
        _REGULATOR_ADDRESS.search(paragraph)
        or (_RIGHTS_OPENER.search(paragraph) and _RIGHTS_TOPIC.search(paragraph))
    )


def rights_start(text: str) -> int:
    """Where the rights block (and everything after it: addresses, sign-off) begins.

    The first rights paragraph in the second half of the letter starts the tail; one in the
    first half (a short letter's only paragraph) marks just itself.
    """
    paras = list(paragraphs(text))
    half = len(text) * 0.35
    for para in paras:
        if para.start >= half and is_rights_paragraph(para.text):
            return para.start
    return len(text)


def decision_spans(text: str) -> list[Span]:
    """The paragraphs that can carry the decision: before the rights tail, minus any rights
    paragraph of their own."""
    tail = rights_start(text)
    return [
        para
        for para in paragraphs(text)
        if para.start < tail and not is_rights_paragraph(para.text)
    ]


_QUOTE_MARKER = re.compile(
    r"^[ \t>]*(?:-{2,}\s*Original\s+Message\s*-{2,}|-{2,}\s*Forwarded\s+(?:message|by)"
    r"|On\s.{5,120}\swrote:\s*$|From:\s.*\n[ \t]*(?:Sent|Date):\s)",
    re.I | re.M,
)
_SALUTATION_LINE = re.compile(r"^[ \t]*Dear\b", re.M)
_SEPARATOR_LINE = re.compile(r"^[ \t]*(?:[-_=*]{10,})[ \t]*$", re.M)


def letter_end(text: str) -> int:
    """Where the letter stops and quoted correspondence starts: an "Original Message" or
    "On … wrote:" header, or a separator line followed by a second salutation (the
    requester's own e-mail, quoted under the reply)."""
    end = len(text)
    marker = _QUOTE_MARKER.search(text)
    if marker and marker.start() > 0:
        end = marker.start()
    salutations = [m.start() for m in _SALUTATION_LINE.finditer(text, 0, end)]
    for second in salutations[1:]:
        separator = None
        for candidate in _SEPARATOR_LINE.finditer(text, max(0, second - 300), second):
            separator = candidate
        if separator is not None and separator.start() > salutations[0]:
            return separator.start()
    return end
