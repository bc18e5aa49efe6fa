"""Which parts of a letter can carry its decision, at sentence grain.

``text.decision_spans`` drops whole paragraphs that read as a rights block. Text extracted
from a PDF often has no blank lines at all, so the whole letter is one "paragraph" and, since
it ends with the rights block, all of it was dropped. Here a long rights paragraph is split
into sentences and only its rights sentences are dropped; a rights sentence past the first
third of the letter ends the reading, as the rights block does in a letter with paragraphs.

Sentences that only say what *could* happen ("if any exemption applies you will be told",
"even if we were required to create the information, section 12 would apply") decide
nothing: ``decisive`` leaves them out, so holding letters and acknowledgements are not read as
refusals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.letters.text import Span, is_rights_paragraph, paragraphs, rights_start, sentences

# A paragraph longer than this that reads as a rights block is split into sentences.
LONG_PARAGRAPH = 400
# A rights sentence this far into a flattened letter starts the tail.
TAIL_SHARE = 0.35

HYPOTHETICAL = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:even\s+if|if(?!\s+you\s+(?:could|would|can)\s+(?:please\s+)?(?:narrow|refine|reduce|limit|specify|clarify|confirm|let\s+us\s+know|tell\s+us)\b)|unless|should\s+(?:we|you|the|it|any|this)|in\s+the\s+event"
    r"|where\s+(?:we|the|an?|any|information)|whether|occasionally|sometimes|in\s+some\s+cases"
    r"|in\s+most\s+cases|please\s+note\s+that\s+if|there\s+(?:may|might)\s+be)\b"
    r"|\b(?:if|where|unless)\s+(?:any\s+(?:of\s+)?(?:the\s+)?|an?\s+)?(?:exemptions?|exceptions?|fees?)\b"
    r"|\b(?:if|where|unless)\s+(?:we|the\s+(?:council|authority|information))\s+(?:do(?:es)?\s+not|cannot|can\s*not|are\s+unable|need|require|hold|decide)"
    r"|\b(?:if|where|unless)\s+(?:the\s+|any\s+|this\s+)?information\s+(?:is|was|would\s+be|you\s+have\s+requested\s+is)\s+(?:not\s+held|exempt|withheld)"
    r"|\b(?:informed|told|advised|notified|let\s+you\s+know|tell\s+you|inform\s+you|advise\s+you)\s+(?:of\s+this\s+)?(?:if|when|whether|should)\b"
    r"|\bmay\s+(?:be\s+)?(?:exempt|withheld|apply|prevent|not\s+be\s+(?:released|disclosed|provided))"
    r"|\bthe\s+(?:act|regulations)\s+(?:defines|contains|provides\s+for|sets\s+out)\b"
    r"|\bif\s+you\s+were\s+to\b|\bwould\s+be\s+able\s+to\s+(?:provide|supply|disclose|release)\b"
    r"|\bmay\s+be\s+(?:published|made\s+available|placed)\b|\bdisclosure\s+log\b",
    re.I,
)


RESTATED_LENGTH = 200
# The requester's own words, restated: a subject line, "You asked: ...", a quoted question,
# a request line ("Please provide ..."). What they ask about is not what the letter decides.
RESTATED = re.compile(
    r"^\W*(?:re|subject|title|request(?:\s+detail)?|your\s+request)\s*[:\-–]"
    r"|^\W*(?:\d+[.)]\s*)?(?:you\s+(?:asked|requested|wrote|said|wanted)|in\s+your\s+(?:request|e-?mail|letter)\s+you"
    r"|your\s+request\s+(?:was|read|asked|stated|is\s+as\s+follows)|you\s+have\s+(?:asked|requested))\b"
    r"|^\W*(?:\d+[.)]\s*)?(?:please\s+(?:provide|send|supply|tell\s+me|disclose|confirm|could\s+you)"
    r"|i\s+(?:would\s+like|am\s+requesting|request|wish\s+to)|could\s+you\s+(?:please\s+)?(?:provide|tell|send|confirm)"
    r"|can\s+you\s+(?:please\s+)?(?:provide|tell|send|confirm)|how\s+many|what\s+(?:is|was|are|were))\b"
    r"|\?[\W]*$",
    re.I,
)


def reading_spans(text: str) -> list[Span]:
    """The decision paragraphs, long rights paragraphs reduced to their other sentences."""
    tail = rights_start(text)
    out: list[Span] = []
    for para in paragraphs(text):
        if para.start >= tail:
            break
        if not is_rights_paragraph(para.text):
            out.append(para)
            continue
        if len(para.text) < LONG_PARAGRAPH and "\n" not in para.text.strip():
            continue
        for sentence in sentences(text, para.start, para.end):
            if is_rights_paragraph(sentence.text):
                if sentence.start >= len(text) * TAIL_SHARE:
                    return out
                continue
            out.append(sentence)
    return out


def is_hypothetical(sentence: str) -> bool:
    return bool(HYPOTHETICAL.search(sentence))


def decisive(text: str, spans: Sequence[Span]) -> list[Span]:
    """Every sentence of ``spans`` that states something rather than a possibility."""
    return [
        sentence
        for span in spans
        for sentence in sentences(text, span.start, span.end)
        if not is_hypothetical(sentence.text)
    ]


def statements(text: str, spans: Sequence[Span]) -> list[Span]:
    """``decisive`` sentences that are the letter's own: restated requests and questions out."""
    return [s for s in decisive(text, spans) if not is_restated(s.text)]


def is_restated(sentence: str) -> bool:
    """A restated request or question. A long sentence that starts by restating ("You
    requested X and, having searched, we confirm ...") usually goes on to decide, so it stays."""
    match = RESTATED.search(sentence)
    if match is None:
        return False
    return len(sentence) < RESTATED_LENGTH or match.group(0).endswith("?")


def within(position: int, spans: Sequence[Span]) -> bool:
    return any(span.start <= position < span.end for span in spans)
