"""Kind, outcome, whether information is held, and whether a public-interest test was applied.

The outcome is a decision list, most specific first (foi-law.md §3.1 categories): a letter
that neither confirms nor denies may also mention personal data; a cost refusal also offers
advice; a partial disclosure also withholds. Only the decision paragraphs are read, never the
rights block every letter ends with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from pipeline.letters import cues
from pipeline.letters.citations import ADVICE
from pipeline.letters.model import Citation, Evidence, Finding, Kind, Outcome
from pipeline.letters.text import Span, sentences
from pipeline.provisions import lookup

T = TypeVar("T")

_SAR_PROVISIONS = frozenset({"FOIA s40(1)", "EIR reg5(3)", "FOISA s38(1)(a)"})
_NOT_HELD_PROVISIONS = frozenset({"EIR reg12(4)(a)"})
_NCND_PROVISIONS = re.compile(r"^(?:FOIA s\d+[A-Z]?\((?:5[AB]?|2|3|4)\)$|EIR reg12\(6\)|FOISA s18)")


def search(pattern: re.Pattern[str], text: str, spans: Sequence[Span]) -> re.Match[str] | None:
    for span in spans:
        match = pattern.search(text, span.start, span.end)
        if match:
            return match
    return None


def _found(
    value: T, confidence: float, text: str, match: re.Match[str] | Evidence | None
) -> Finding[T]:
    if isinstance(match, re.Match):
        return Finding(value, confidence, Evidence.of(text, match.start(), match.end()))
    return Finding(value, confidence, match)


def _provision_cue(citations: list[Citation], wanted: Callable[[str], bool]) -> Citation | None:
    return next((c for c in citations if c.relied_on and wanted(c.citation)), None)


def _is_exemption(citation: str) -> bool:
    if citation in ADVICE or citation in _SAR_PROVISIONS or citation in _NOT_HELD_PROVISIONS:
        return False
    row = lookup(citation)
    if row is None:
        return citation.startswith(("FOIA s2", "FOIA s3", "FOIA s4", "EIR reg12", "EIR reg13"))
    return row.kind in ("absolute", "qualified")


def outcome(
    text: str, spans: Sequence[Span], citations: list[Citation], overturned: bool
) -> Finding[Outcome | None]:
    def cited(test: Callable[[str], bool]) -> Evidence | None:
        citation = _provision_cue(citations, test)
        return citation.evidence if citation else None

    ncnd = search(cues.NCND, text, spans)
    if ncnd:
        return _found("neither_confirm_nor_deny", 0.95, text, ncnd)
    sar = cited(lambda c: c in _SAR_PROVISIONS) or search(cues.SUBJECT_ACCESS, text, spans)
    if sar:
        return _found("subject_access_redirect", 0.85, text, sar)
    unreasonable = cited(lambda c: c == "EIR reg12(4)(b)")
    vexatious = search(cues.VEXATIOUS, text, spans) or cited(
        lambda c: c.startswith(("FOIA s14", "FOISA s14"))
    )
    if vexatious:
        return _found("vexatious", 0.9, text, vexatious)
    cost = cited(lambda c: c.startswith(("FOIA s12", "FOISA s12"))) or search(
        cues.COST, text, spans
    )
    if cost or unreasonable:
        return _found("cost_limit", 0.85 if cost else 0.6, text, cost or unreasonable)
    disclose = search(cues.DISCLOSE, text, spans)
    if overturned and disclose:
        return _found("granted_in_full", 0.8, text, disclose)
    exemption = cited(_is_exemption)
    not_held = search(cues.NOT_HELD, text, spans) or cited(lambda c: c in _NOT_HELD_PROVISIONS)
    if not_held and not exemption:  # "the exception at 12(4)(a)" is a not-held finding
        return _found("not_held", 0.9, text, not_held)
    withhold = search(cues.WITHHOLD, text, spans)
    if exemption or withhold:
        evidence = exemption or withhold
        partial = search(cues.PARTIAL, text, spans)
        if disclose or partial:
            return _found("partly_withheld", 0.85, text, partial or disclose)
        return _found("withheld_in_full", 0.8 if exemption else 0.6, text, evidence)
    if not_held:
        return _found("not_held", 0.8, text, not_held)
    advice = cited(lambda c: c in ADVICE) or search(cues.ADVICE, text, spans)
    if advice and not disclose:
        return _found("advice_and_assistance", 0.7, text, advice)
    if disclose and not search(cues.COVERING, text, spans):
        return _found("granted_in_full", 0.8, text, disclose)
    return Finding(None, 0.5)  # includes a cover e-mail: its attachment decides


def information_held(
    text: str, spans: Sequence[Span], decided: Outcome | None
) -> Finding[bool | None]:
    if decided == "neither_confirm_nor_deny":
        return Finding(None, 0.9)
    not_held = search(cues.NOT_HELD, text, spans)
    if decided == "not_held" and not_held:
        return _found(False, 0.9, text, not_held)
    held = search(cues.HELD, text, spans)
    if held:
        return _found(True, 0.9, text, held)
    if decided in ("granted_in_full", "partly_withheld", "withheld_in_full"):
        return Finding(True, 0.7)
    if decided == "not_held":
        return Finding(False, 0.7)
    return Finding(None, 0.5)


def public_interest_test(text: str, spans: Sequence[Span]) -> Finding[bool]:
    for span in spans:
        for sentence in sentences(text, span.start, span.end):
            if cues.PUBLIC_INTEREST_DENIED.search(sentence.text):
                continue
            match = cues.PUBLIC_INTEREST.search(text, sentence.start, sentence.end)
            if match:
                return _found(True, 0.85, text, match)
    return Finding(False, 0.7)


def kind(text: str, spans: Sequence[Span], decided: Finding[Outcome | None]) -> Finding[Kind]:
    review = search(cues.REVIEW_DONE, text, spans)
    if review:
        return _found("internal_review_response", 0.9, text, review)
    holding = search(cues.HOLDING, text, spans)
    if (
        holding
        and not search(cues.DECIDED, text, spans)
        and decided.value
        not in (
            "not_held",
            "neither_confirm_nor_deny",
        )
    ):
        return _found("other", 0.7, text, holding)
    if decided.value is not None:
        return Finding("response", decided.confidence, decided.evidence)
    covering = search(cues.COVERING, text, spans)
    if covering:
        return _found("response", 0.6, text, covering)
    clarify = search(cues.CLARIFY, text, spans)
    if clarify:
        return _found("clarification_request", 0.8, text, clarify)
    acknowledge = search(cues.ACKNOWLEDGE, text, spans)
    if acknowledge:
        return _found("acknowledgement", 0.8, text, acknowledge)
    return Finding("other", 0.4)
