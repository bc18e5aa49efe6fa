"""``analyse_letter(text)``: every fact a reader takes from one letter, rules first.

Order matters: the regime decides how citations read; the rights block is set aside before
the decision is looked for; the outcome decides the kind (a letter that decides something is
a response unless it reports a completed review); a letter that decides nothing relies on no
provision.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pipeline.letters import decide, parties, references, review
from pipeline.letters.citations import (
    distinct_citations,
    drop_ancestors,
    find_mentions,
    letter_regime,
)
from pipeline.letters.cues import EXTENSION, REVIEW_OFFER
from pipeline.letters.dates import letter_date
from pipeline.letters.model import Evidence, Finding, LetterAnalysis
from pipeline.letters.reading import reading_spans
from pipeline.letters.text import (
    Span,
    blank_before,
    clean,
    is_rights_paragraph,
    letter_span,
    paragraphs,
    rights_start,
)

# A letter's decision, references and rights block fit in far less; longer texts (reports sent
# as attachments) are read up to here so that one file cannot stall a run.
MAX_LETTER_CHARS = 200_000


def analyse_letter(original: str) -> LetterAnalysis:
    """Everything the rules find in one letter; offsets index ``original``."""
    original = original[:MAX_LETTER_CHARS]
    start, end = letter_span(original)
    original = original[:end]
    text = blank_before(clean(original), start)
    regime, regime_match = letter_regime(text)
    regime_finding = Finding(
        regime,
        0.9 if regime_match else 0.7,
        Evidence.of(original, regime_match.start(), regime_match.end()) if regime_match else None,
    )
    tail = rights_start(text)
    spans = reading_spans(text)
    mentions = find_mentions(text, regime, tail)
    citations = drop_ancestors(mentions)
    review_outcome = review.review_outcome(text, spans)
    outcome = decide.outcome(text, spans, citations, review_outcome.value == "overturned")
    kind = decide.kind(text, spans, outcome)
    if kind.value in ("response", "internal_review_response") and outcome.value is None:
        outcome = decide.answered(text, spans, kind)
    annex = kind.value == "other" and outcome.value is not None and decide.is_annex(text)
    if kind.value in ("acknowledgement", "clarification_request", "other") and not annex:
        outcome = Finding(None, kind.confidence)
        citations = [replace(c, relied_on=False) for c in citations]
    if kind.value != "internal_review_response":
        review_outcome = Finding(None, kind.confidence)
        requested: Finding[date | None] = Finding(None, 0.5)
        original_on: Finding[date | None] = Finding(None, 0.5)
        role: Finding[str | None] = Finding(None, 0.5)
    else:
        requested, original_on = review.review_dates(text)
        role = review.reviewer_role(text)
    dated = letter_date(text)
    signposted, regulator = references.regulator(text)
    return LetterAnalysis(
        kind=kind,
        regime=regime_finding,
        letter_date=Finding(
            dated.value if dated else None,
            0.85 if dated else 0.3,
            Evidence.of(original, dated.start, dated.end) if dated else None,
        ),
        wdtk_request_id=references.wdtk_request_id(text),
        references=references.references(text),
        outcome=outcome,
        information_held=decide.information_held(text, spans, outcome.value),
        citations=citations,
        cited=distinct_citations(mentions),
        public_interest_test=decide.public_interest_test(text, spans),
        review_outcome=review_outcome,
        review_requested_on=requested,
        original_response_on=original_on,
        reviewer_role=role,
        ico_signposted=signposted,
        regulator=regulator,
        regulator_case_refs=references.regulator_case_refs(text),
        internal_review_offered=_review_offered(text, kind.value),
        authority=parties.authority(text),
        addressed_to=parties.addressed_to(text),
        questions_in_request=parties.questions_in_request(text),
        extension_claimed=_extension(text, spans),
    )


def _extension(text: str, spans: list[Span]) -> Finding[bool]:
    match = decide.search(EXTENSION, text, spans)
    if match is None:
        return Finding(False, 0.7)
    return Finding(True, 0.85, Evidence.of(text, match.start(), match.end()))


def _review_offered(text: str, kind: str) -> Finding[bool]:
    if kind == "internal_review_response":
        return Finding(False, 0.8)
    for para in paragraphs(text):
        if is_rights_paragraph(para.text):
            match = REVIEW_OFFER.search(text, para.start, para.end)
            if match:
                return Finding(True, 0.9, Evidence.of(text, match.start(), match.end()))
    return Finding(False, 0.6)
