"""Internal reviews and our inferred outcome for a request, pure functions over records.

The request's decision is followed letter by letter (:func:`decide`): a letter that states an
outcome decides it; an internal review's answer decides by its verdict, so an upheld review
keeps the decision it reviewed and a review that changed the decision without saying to what
leaves the outcome unknown. The request's outcome is the decision after its last letter.

A review is requested by a follow-up that Alaveteli marks as one (event ``display_status``
"Internal review request", i.e. ``calculated_state`` internal_review) or whose text asks for
"an internal review"; further requests before it is answered are reminders of the same review,
one after its answer starts the next review. It is answered by the first later letter that
reads as a review response (kind internal_review_response, or a review verdict). What it
reviewed is the decision standing when it was asked for: the last letter before it that
decided the request. Time allowed: FOIA 20 working days, 40 at most (s45 Code / ICO); EIR 40
(reg 11(4), statutory); FOISA 20 (s21(1), statutory).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pipeline.letters.model import LetterAnalysis, Outcome, ReviewOutcome
from pipeline.records import EventRecord, RequestRecord
from pipeline.timeliness import SUBSTANTIVE_KINDS, regime_of, site_date
from pipeline.workdays import Calendar, add_working_days, working_days_between

_ASKS_FOR_REVIEW = re.compile(
    r"request(?:ing)?\s+an\s+internal\s+review|internal\s+review\s+request", re.I
)
REVIEW_DAYS: dict[str, tuple[int, int]] = {"FOIA": (20, 40), "EIR": (40, 40), "FOISA": (20, 20)}
CHANGED_VERDICTS = frozenset({"partly_upheld", "overturned"})

ReviewStatus = Literal["answered", "pending", "overdue"]


@dataclass(frozen=True, slots=True)
class Decision:
    """Where the request stands: its outcome (None: not decided, or changed to an outcome no
    letter states), how sure we are, and the incoming message whose letter decided it."""

    outcome: Outcome | None
    confidence: float
    message_id: int | None


UNDECIDED = Decision(None, 0.0, None)


@dataclass(frozen=True, slots=True)
class InternalReview:
    seq: int  # 1 for the request's first review, 2 for one asked for after its answer, …
    requested_on: date
    requested_event_id: int
    due: date
    latest_due: date
    original: Decision  # the decision reviewed (message_id: the response reviewed, if any)
    answered_on: date | None
    answered_by_message_id: int | None
    outcome: ReviewOutcome | None  # the verdict: upheld, partly_upheld, overturned
    outcome_confidence: float | None
    after_review: Decision  # UNDECIDED while unanswered
    working_days_taken: int | None
    status: ReviewStatus
    late: bool | None  # answered after ``due``


def decide(current: Decision, analysis: LetterAnalysis, message_id: int) -> Decision:
    """The request's decision once this letter has arrived."""
    verdict = analysis.review_outcome.value
    stated = analysis.outcome.value
    if verdict == "upheld" and current.outcome is not None:
        confidence = min(current.confidence, analysis.review_outcome.confidence)
        return Decision(current.outcome, confidence, message_id)
    if stated is not None:
        return Decision(stated, analysis.outcome.confidence, message_id)
    if verdict in CHANGED_VERDICTS and current.outcome is not None:
        return Decision(None, 0.0, message_id)  # changed, and the letter does not say to what
    return current


def _is_review_request(event: EventRecord, texts: Mapping[int, str]) -> bool:
    if event.event_type not in ("followup_sent", "followup_resent"):
        return False
    if (
        event.display_status == "Internal review request"
        or event.calculated_state == "internal_review"
    ):
        return True
    text = texts.get(event.outgoing_message_id or -1, "")
    return bool(_ASKS_FOR_REVIEW.search(text))


def _is_review_answer(analysis: LetterAnalysis) -> bool:
    return (
        analysis.kind.value == "internal_review_response"
        or analysis.review_outcome.value is not None
    )


def _ordered(request: RequestRecord) -> list[EventRecord]:
    return sorted(request.events, key=lambda e: (e.created_at, e.id))


def _letters(
    request: RequestRecord, analyses: Mapping[int, LetterAnalysis]
) -> list[tuple[EventRecord, int, LetterAnalysis]]:
    out = []
    for event in _ordered(request):
        analysis = analyses.get(event.incoming_message_id or -1)
        if event.event_type == "response" and analysis is not None:
            out.append((event, event.incoming_message_id or -1, analysis))
    return out


def final_decision(request: RequestRecord, analyses: Mapping[int, LetterAnalysis]) -> Decision:
    """The decision after the request's last letter."""
    decision = UNDECIDED
    for _event, message_id, analysis in _letters(request, analyses):
        decision = decide(decision, analysis, message_id)
    return decision


@dataclass(frozen=True, slots=True)
class _Asked:
    event: EventRecord
    original: Decision


def _review(
    seq: int,
    asked: _Asked,
    regime: str,
    as_of: date,
    answer: tuple[EventRecord, LetterAnalysis, Decision] | None,
) -> InternalReview:
    """One review: asked for by ``asked``, answered by ``answer`` (the event, its letter and
    the decision it left) or not yet."""
    calendar: Calendar = "scotland" if regime == "FOISA" else "uk"
    days, most = REVIEW_DAYS[regime]
    requested_on = site_date(asked.event.created_at)
    due = add_working_days(requested_on, days, calendar)
    latest = add_working_days(requested_on, most, calendar)
    head = (seq, requested_on, asked.event.id, due, latest, asked.original)
    if answer is None:
        status: ReviewStatus = "overdue" if as_of > due else "pending"
        return InternalReview(*head, None, None, None, None, UNDECIDED, None, status, None)
    event, analysis, after = answer
    answered = site_date(event.created_at)
    verdict = analysis.review_outcome
    return InternalReview(
        *head, answered, event.incoming_message_id, verdict.value,
        verdict.confidence if verdict.value else None, after,
        working_days_between(requested_on, answered, calendar), "answered", answered > due,
    )  # fmt: skip


def internal_reviews(
    request: RequestRecord,
    as_of: date,
    analyses: Mapping[int, LetterAnalysis] = {},
    followup_texts: Mapping[int, str] = {},
) -> list[InternalReview]:
    """Every internal review asked for on this request, in order."""
    regime = regime_of(request, analyses)
    letters = {event.id: (message_id, a) for event, message_id, a in _letters(request, analyses)}
    decision, last_response = UNDECIDED, UNDECIDED
    asked: _Asked | None = None
    reviews: list[InternalReview] = []
    for event in _ordered(request):
        if _is_review_request(event, followup_texts):
            if asked is None:  # later ones before the answer are reminders
                reviewed = decision if decision.message_id is not None else last_response
                asked = _Asked(event, reviewed)
            continue
        if event.id not in letters:
            continue
        message_id, analysis = letters[event.id]
        decision = decide(decision, analysis, message_id)
        if analysis.kind.value in SUBSTANTIVE_KINDS:
            last_response = Decision(None, 0.0, message_id)
        if asked is not None and _is_review_answer(analysis):
            # A letter that neither states an outcome nor a verdict leaves it unknown.
            after = decision if decision.message_id == message_id else UNDECIDED
            reviews.append(
                _review(len(reviews) + 1, asked, regime, as_of, (event, analysis, after))
            )
            asked = None
    if asked is not None:
        reviews.append(_review(len(reviews) + 1, asked, regime, as_of, None))
    return reviews


def internal_review(
    request: RequestRecord,
    as_of: date,
    analyses: Mapping[int, LetterAnalysis] = {},
    followup_texts: Mapping[int, str] = {},
) -> InternalReview | None:
    """The first internal review asked for on this request, or None if none was."""
    reviews = internal_reviews(request, as_of, analyses, followup_texts)
    return reviews[0] if reviews else None


# The requester labels (described_state) consistent with each outcome we infer.
CONSISTENT_STATES: dict[str, frozenset[str]] = {
    "granted_in_full": frozenset({"successful"}),
    "partly_withheld": frozenset({"partially_successful"}),
    "withheld_in_full": frozenset({"rejected"}),
    "cost_limit": frozenset({"rejected"}),
    "neither_confirm_nor_deny": frozenset({"rejected"}),
    "vexatious": frozenset({"rejected", "vexatious"}),
    "not_held": frozenset({"not_held"}),
    "advice_and_assistance": frozenset({"not_held", "rejected", "partially_successful"}),
    "subject_access_redirect": frozenset({"rejected", "not_foi", "user_withdrawn"}),
}
FINAL_STATES = frozenset(
    {"successful", "partially_successful", "rejected", "not_held", "vexatious", "not_foi"}
)


@dataclass(frozen=True, slots=True)
class RequestOutcome:
    inferred: Outcome | None
    confidence: float
    from_message_id: int | None
    described_state: str
    disagrees: bool | None  # None when either side has not decided


def request_outcome(
    request: RequestRecord, analyses: Mapping[int, LetterAnalysis]
) -> RequestOutcome:
    """The request's decision after its last letter (see :func:`decide`: a review's answer
    decides by its outcome after review), beside the requester's own label."""
    decision = final_decision(request, analyses)
    label = request.described_state
    outcome = decision.outcome
    disagrees = None
    if outcome is not None and label in FINAL_STATES:
        disagrees = label not in CONSISTENT_STATES[outcome]
    if outcome is None:
        return RequestOutcome(None, 0.0, None, label, None)
    return RequestOutcome(outcome, decision.confidence, decision.message_id, label, disagrees)
