"""What an internal-review letter says about the review: its outcome, the dates it names and
who conducted it.

"Upheld" inverts with its object (foi-law.md §4.2): "the decision is upheld" means the
authority's decision stands (``upheld``); "your complaint is upheld" means the requester won
(``overturned``). Sentences that only describe what a reviewer may do ("can either uphold or
overturn") decide nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from pipeline.letters import cues
from pipeline.letters.dates import find_dates
from pipeline.letters.model import Evidence, Finding, ReviewOutcome
from pipeline.letters.text import Span, sentences

_ORDER: tuple[tuple[ReviewOutcome, re.Pattern[str], float], ...] = (
    ("partly_upheld", cues.REVIEW_PARTLY, 0.85),
    ("overturned", cues.REVIEW_OVERTURNED, 0.85),
    ("upheld", cues.REVIEW_UPHELD, 0.85),
)
_RESPONSE_BEFORE = re.compile(
    r"(?:response|reply|decision|responded|letter)\b[^.]{0,80}?\b(?:sent|issued|dated|of|on|provided)\s+(?:to\s+you\s+)?(?:on\s+)?$",
    re.I,
)
_REQUEST_BEFORE = re.compile(
    r"(?:(?:your|the)\s+(?:e-?mail|letter|request|message|correspondence)\s+(?:of|dated|received\s+on)|requested\s+(?:on|an\s+internal\s+review\s+on))\s+$",
    re.I,
)
_REVIEW_WORD = re.compile(r"\breview\b", re.I)
_ROLE = re.compile(
    r"[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+)+,\s+(?P<role>[A-Z][A-Za-z&]*(?:\s+(?:of|and|for|the|[A-Z][A-Za-z&]*))*?),?\s+(?:who|as\s+someone\s+who)\s+(?:was|had|has)\s+not\s+(?:been\s+)?(?:party|involved)"
)


# The review's verdict in the words of the review duty itself (FOISA s21(4): confirm the
# decision, with or without modifications, or substitute a different one), or a complaint
# declared partly upheld: said outright, it outweighs what the rest of the letter goes on to do.
_VERDICTS: tuple[tuple[ReviewOutcome, re.Pattern[str]], ...] = (
    (
        "partly_upheld",
        re.compile(
            r"\b(?:decision|response)\s+(?:should\s+be|is\s+to\s+be|is|was|has\s+been|be)\s+confirmed\s*,?\s+with\s+(?:some\s+|minor\s+)?modifications?"
            r"|\bconfirm(?:s|ed|ing)?\s+(?:the|our)\s+(?:original\s+|initial\s+)?(?:decision|response)\s*,?\s+with\s+(?:some\s+|minor\s+)?modifications?"
            r"|\b(?:complaint|appeal)\s+(?:is|has\s+been|was)\s+(?:partially|partly)\s+upheld",
            re.I,
        ),
    ),
    (
        "upheld",
        re.compile(
            r"\b(?:decision|response)\s+(?:should\s+be|is\s+to\s+be|is|was|has\s+been|be)\s+confirmed\s*,?\s+without\s+(?:any\s+)?modifications?",
            re.I,
        ),
    ),
    (
        "overturned",
        re.compile(
            r"\b(?:different|fresh|new)\s+decision\s+(?:should|will|must|is\s+to)\s+be\s+substituted"
            r"|\b(?:have|has)\s+substituted\s+a\s+(?:different|fresh|new)\s+decision"
            r"|\b(?:I|we)\s+(?:will|shall|am|are)\s+(?:now\s+)?substitut(?:e|ing)\s+a\s+(?:different|fresh|new)\s+decision",
            re.I,
        ),
    ),
)


def _verdict(text: str, spans: Sequence[Span]) -> Finding[ReviewOutcome | None] | None:
    for span in spans:
        for sentence in sentences(text, span.start, span.end):
            if cues.REVIEW_MODAL.search(sentence.text):
                continue
            for value, pattern in _VERDICTS:
                match = pattern.search(text, sentence.start, sentence.end)
                if match:
                    return Finding(value, 0.9, Evidence.of(text, match.start(), match.end()))
    return None


def review_outcome(text: str, spans: Sequence[Span]) -> Finding[ReviewOutcome | None]:
    verdict = _verdict(text, spans)
    if verdict is not None:
        return verdict
    candidates: list[tuple[int, ReviewOutcome, float, Evidence]] = []
    for span in spans:
        for sentence in sentences(text, span.start, span.end):
            if cues.REVIEW_MODAL.search(sentence.text):
                continue
            kept = cues.REVIEW_NO_CHANGE.search(sentence.text)
            for rank, (value, pattern, confidence) in enumerate(_ORDER):
                if kept and value == "overturned":  # "no reason to overturn" keeps it
                    continue
                match = pattern.search(text, sentence.start, sentence.end)
                if match:
                    evidence = Evidence.of(text, match.start(), match.end())
                    candidates.append((rank, value, confidence, evidence))
                    break
    if not candidates:
        return Finding(None, 0.5)
    _, value, confidence, evidence = min(candidates, key=lambda c: c[0])
    return Finding(value, confidence, evidence)


def review_dates(text: str) -> tuple[Finding[date | None], Finding[date | None]]:
    """(review requested on, original response on), each from the words just before a date."""
    requested: Finding[date | None] = Finding(None, 0.5)
    original: Finding[date | None] = Finding(None, 0.5)
    mentions = find_dates(text)
    for mention in mentions:
        before = text[max(0, mention.start - 120) : mention.start]
        sentence_start = max(before.rfind(". "), before.rfind("\n\n"))
        local = before[sentence_start + 1 :] if sentence_start >= 0 else before
        evidence = Evidence.of(text, mention.start, mention.end)
        if (
            original.value is None
            and _RESPONSE_BEFORE.search(local)
            and not _REQUEST_BEFORE.search(local)
        ):
            original = Finding(mention.value, 0.75, evidence)
            continue
        if requested.value is None and _REQUEST_BEFORE.search(local):
            following = text[mention.end : mention.end + 250]
            near = local + following
            if _REVIEW_WORD.search(near):
                requested = Finding(mention.value, 0.75, evidence)
    return requested, original


def reviewer_role(text: str) -> Finding[str | None]:
    match = _ROLE.search(text)
    if match is None:
        return Finding(None, 0.5)
    return Finding(
        match.group("role"), 0.7, Evidence.of(text, match.start("role"), match.end("role"))
    )
