"""Internal reviews and our inferred outcome for a request, pure functions over records.

A review is requested by a follow-up that Alaveteli marks as one (event ``display_status``
"Internal review request", i.e. ``calculated_state`` internal_review) or whose text asks for
"an internal review". It is answered by the first later letter that reads as a review
response. Time allowed: FOIA 20 working days, 40 at most (s45 Code / ICO); EIR 40 (reg 11(4),
statutory); FOISA 20 (s21(1), statutory).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pipeline.letters.model import LetterAnalysis, Outcome, ReviewOutcome
from pipeline.records import EventRecord, RequestRecord
from pipeline.timeliness import regime_of, site_date
from pipeline.workdays import Calendar, add_working_days, working_days_between

_ASKS_FOR_REVIEW = re.compile(
    r"request(?:ing)?\s+an\s+internal\s+review|internal\s+review\s+request", re.I
)
REVIEW_DAYS: dict[str, tuple[int, int]] = {"FOIA": (20, 40), "EIR": (40, 40), "FOISA": (20, 20)}

ReviewStatus = Literal["answered", "pending", "overdue"]


@dataclass(frozen=True, slots=True)
class InternalReview:
    requested_on: date
    requested_event_id: int
    due: date
    latest_due: date
    answered_on: date | None
    answered_by_message_id: int | None
    outcome: ReviewOutcome | None
    working_days_taken: int | None
    status: ReviewStatus
    late: bool | None  # answered after ``due``


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


def internal_review(
    request: RequestRecord,
    as_of: date,
    analyses: Mapping[int, LetterAnalysis] = {},
    followup_texts: Mapping[int, str] = {},
) -> InternalReview | None:
    """The first internal review asked for on this request, or None if none was."""
    events = sorted(request.events, key=lambda e: (e.created_at, e.id))
    asked = next((e for e in events if _is_review_request(e, followup_texts)), None)
    if asked is None:
        return None
    regime = regime_of(request, analyses)
    calendar: Calendar = "scotland" if regime == "FOISA" else "uk"
    requested_on = site_date(asked.created_at)
    days, most = REVIEW_DAYS[regime]
    due = add_working_days(requested_on, days, calendar)
    latest = add_working_days(requested_on, most, calendar)
    for event in events:
        if event.event_type != "response" or (event.created_at, event.id) <= (
            asked.created_at,
            asked.id,
        ):
            continue
        analysis = analyses.get(event.incoming_message_id or -1)
        if analysis is None or analysis.kind.value != "internal_review_response":
            continue
        answered = site_date(event.created_at)
        return InternalReview(
            requested_on, asked.id, due, latest, answered, event.incoming_message_id,
            analysis.review_outcome.value,
            working_days_between(requested_on, answered, calendar),
            "answered", answered > due,
        )  # fmt: skip
    status: ReviewStatus = "overdue" if as_of > due else "pending"
    return InternalReview(requested_on, asked.id, due, latest, None, None, None, None, status, None)


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
    """The outcome the latest deciding letter gives (a review's decision replaces the
    original's), beside the requester's own label."""
    latest: tuple[int, LetterAnalysis] | None = None
    for event in sorted(request.events, key=lambda e: (e.created_at, e.id)):
        analysis = analyses.get(event.incoming_message_id or -1)
        if event.event_type == "response" and analysis and analysis.outcome.value is not None:
            latest = (event.incoming_message_id or -1, analysis)
    label = request.described_state
    if latest is None:
        return RequestOutcome(None, 0.0, None, label, None)
    message_id, analysis = latest
    outcome = analysis.outcome.value
    disagrees = None
    if outcome is not None and label in FINAL_STATES:
        disagrees = label not in CONSISTENT_STATES[outcome]
    return RequestOutcome(outcome, analysis.outcome.confidence, message_id, label, disagrees)
