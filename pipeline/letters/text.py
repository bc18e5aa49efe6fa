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
    first = len(text) - len(text.lstrip())  # a forwarded letter starts below a blanked cover
    half = first + (len(text) - first) * 0.35
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


# Where a quoted or forwarded message starts: "-----Original Message-----", "---------- Forwarded
# message ---------", "Begin forwarded message:", "On … wrote:" (wrapped onto two lines too), an
# Outlook "From: … / Sent: …" header (Welsh "Oddi wrth: … / Anfonwyd: …"), and the delimiters
# ``pipeline.extract.mail`` writes around an e-mail's attachments and attached messages.
_QUOTE_MARKER = re.compile(
    r"^[ \t>]*(?:-{2,}\s*Original\s+Message\s*-{2,}|-{2,}\s*Forwarded\s+(?:message|by)"
    r"|Begin\s+forwarded\s+message:|On\s[^\n]{5,120}(?:\n[ \t>]*[^\n]{1,80})?\swrote:\s*$"
    r"|(?:From|Oddi\s+wrth):\s.*\n[ \t>]*(?:Sent|Date|Anfonwyd|Dyddiad):\s"
    r"|--- (?:attachment|attached message): .* ---$)",
    re.I | re.M,
)
_SALUTATION_LINE = re.compile(r"^[ \t]*Dear\b", re.M)
_SEPARATOR_LINE = re.compile(r"^[ \t]*(?:[-_=*]{10,})[ \t]*$", re.M)
# The requester's own message: WhatDoTheyKnow's masked address ("[FOI #123 email]") or its
# request address, on the quoted header's From or "On … wrote:" line.
_REQUESTER = re.compile(
    r"\[FOI\s+#\d+\s+email\]|request-\d+-[0-9a-f]{6,}@|@whatdotheyknow\.com", re.I
)
_FROM_LINE = re.compile(
    r"^[ \t>]*(?:(?:From|Oddi\s+wrth):.*|On\s[^\n]{5,120}(?:\n[ \t>]*[^\n]{1,80})?\swrote:)[ \t]*$",
    re.I | re.M,
)
_HEADER_LINE = re.compile(
    r"^[ \t>]*(?:(?:From|To|Cc|Bcc|Sent|Date|Subject|Importance):.*|-{2,}.*-{2,}|--- .* ---"
    r"|On\s.{5,120}\swrote:|[-_=*]{10,})[ \t]*$",
    re.I | re.M,
)
# A cover note that only hands the letter on: "please see our response below", "forwarded",
# "sent to the wrong address … again below", "please find attached".
_COVER = re.compile(r"\b(?:below|forward(?:ed|ing)?|again|attached|enclosed|trail)\b", re.I)
COVER_CHARS = 500


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int
    end: int
    from_requester: bool


def _segments(text: str) -> list[_Segment]:
    starts = [0] + [m.start() for m in _QUOTE_MARKER.finditer(text) if m.start() > 0]
    segments = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        sender = _FROM_LINE.search(text, start, min(end, start + 400)) if index else None
        requester = bool(sender and _REQUESTER.search(sender.group(0)))
        segments.append(_Segment(start, end, requester))
    return segments


def _body(text: str, segment: _Segment) -> str:
    return _HEADER_LINE.sub("", text[segment.start : segment.end]).strip()


def _is_cover(body: str) -> bool:
    return len(body) < COVER_CHARS and (not body or bool(_COVER.search(body)))


def letter_span(text: str) -> tuple[int, int]:
    """Where the authority's letter is in a message that quotes or forwards others.

    The text is cut at each quoted message's header; the letter is the first part, from the
    top down to the requester's own quoted message, that is more than a cover note handing it
    on ("please see our response below"): a forwarded letter is found under its cover, a reply
    on top is kept with its quoted history dropped, and with no better part the top is the
    letter (it is never dropped). Within it, a separator line followed by a second salutation
    (the requester's e-mail quoted under the reply) ends it too."""
    segments = _segments(text)
    chosen = segments[0]
    for segment in segments:
        if segment.from_requester:
            break
        if not _is_cover(_body(text, segment)):
            chosen = segment
            break
    return chosen.start, _second_salutation(text, chosen.start, chosen.end)


def letter_end(text: str) -> int:
    """Where the letter stops and quoted correspondence starts (``letter_span``'s end)."""
    return letter_span(text)[1]


def _second_salutation(text: str, start: int, end: int) -> int:
    salutations = [m.start() for m in _SALUTATION_LINE.finditer(text, start, end)]
    for second in salutations[1:]:
        separator = None
        for candidate in _SEPARATOR_LINE.finditer(text, max(start, second - 300), second):
            separator = candidate
        if separator is not None and separator.start() > salutations[0]:
            return separator.start()
    return end


def blank_before(text: str, start: int) -> str:
    """``text`` with everything before ``start`` blanked (newlines kept): the cover note and
    forwarding headers above a forwarded letter, with every offset unchanged."""
    if start <= 0:
        return text
    return re.sub(r"[^\n]", " ", text[:start]) + text[start:]
