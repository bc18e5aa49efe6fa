"""Request-level analysis as pure functions over records: what the analyse stage writes.

``stages.analyse`` reads a request's rows, hands them here as records and stores what comes
back; the rules (which letter of a message speaks for it, which deadline rule applies, the
defaults a request row without a value stands for, the review and request-analysis rows)
live here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from pipeline.letters import LetterAnalysis
from pipeline.records import AuthorityRecord, EventRecord, RequestRecord, Tag
from pipeline.reviews import InternalReview, internal_reviews, request_outcome
from pipeline.timeliness import Deadlines, NoSentEventError, timeliness

# Which letter of a message speaks for it at request level: a review answer over a response
# over a holding letter.
KIND_RANK = {
    "internal_review_response": 4,
    "response": 3,
    "clarification_request": 2,
    "acknowledgement": 1,
    "other": 0,
}

# What a request row without a value stands for: Alaveteli's own column defaults
# (InfoRequest: described_state 'waiting_response', prominence 'normal', law_used 'foi').
REQUEST_DEFAULTS = {
    "described_state": "waiting_response",
    "prominence": "normal",
    "law_used": "foi",
}


def letter_rank(analysis: LetterAnalysis) -> tuple[int, bool, float]:
    """Order of the letters of one message: kind, then having an outcome, then confidence."""
    return (
        KIND_RANK[analysis.kind.value],
        analysis.outcome.value is not None,
        analysis.outcome.confidence,
    )


def deadline_rule(limits: Deadlines) -> str:
    """The rule a request's deadlines follow: ``school`` (the longer very-late limit) or the
    regime's (``foi``, ``eir``, ``foisa``)."""
    return "school" if limits.school else limits.regime.lower()


def _tags(tags: Sequence[Sequence[str | None]] | None) -> list[Tag]:
    return [(str(tag[0]), tag[1] if len(tag) > 1 else None) for tag in tags or []]


def request_record(
    row: Mapping[str, Any],
    authority: Mapping[str, Any] | None,
    events: Sequence[EventRecord],
    now: datetime,
) -> RequestRecord:
    """A stored request (its ``requests`` columns, its authority's, its events in id order) as
    the record the analysis takes; a missing value stands for ``REQUEST_DEFAULTS``, a
    missing creation time for the first event's (``now`` when there is none)."""
    created = row.get("created_at") or (events[0].created_at if events else now)
    return RequestRecord(
        id=row["id"],
        url_title=row.get("url_title") or str(row["id"]),
        title=row.get("title") or "",
        created_at=created,
        updated_at=row.get("updated_at") or created,
        described_state=row.get("described_state") or REQUEST_DEFAULTS["described_state"],
        display_status=row.get("display_status"),
        awaiting_description=bool(row.get("awaiting_description")),
        prominence=row.get("prominence") or REQUEST_DEFAULTS["prominence"],
        law_used=row.get("law_used") or REQUEST_DEFAULTS["law_used"],
        tags=_tags(row.get("tags")),
        authority=AuthorityRecord(
            id=authority["id"],
            url_name=authority["url_name"],
            name=authority["name"],
            tags=_tags(authority.get("tags")),
        )
        if authority
        else None,
        events=list(events),
    )


def review_rows(
    record: RequestRecord,
    reviews: Sequence[InternalReview],
    parts: Mapping[int, int],
    analyser_version: str,
) -> list[dict[str, Any]]:
    """The ``internal_reviews`` rows of a request's reviews (``parts``: the part of each
    message whose letter was read)."""
    asked_at = {e.id: e for e in record.events}
    answered_at = {e.incoming_message_id: e.created_at for e in record.events}
    rows = []
    for review in reviews:
        asked = asked_at[review.requested_event_id]
        original, after = review.original, review.after_review
        answer = review.answered_by_message_id
        rows.append(
            {
                "request_id": record.id,
                "seq": review.seq,
                "requested_at": asked.created_at,
                "request_message_id": asked.outgoing_message_id,
                "due_date": review.due,
                "latest_due_date": review.latest_due,
                "answered_at": answered_at.get(answer) if answer is not None else None,
                "answer_message_id": answer,
                "answer_part": parts.get(answer) if answer is not None else None,
                "original_message_id": original.message_id,
                "original_part": parts.get(original.message_id)
                if original.message_id is not None
                else None,
                "original_outcome": original.outcome,
                "original_outcome_confidence": original.confidence if original.outcome else None,
                "outcome": review.outcome,
                "outcome_confidence": review.outcome_confidence,
                "outcome_after_review": after.outcome,
                "outcome_after_review_confidence": after.confidence if after.outcome else None,
                "working_days_taken": review.working_days_taken,
                "analyser_version": analyser_version,
            }
        )
    return rows


def analyse_request(
    record: RequestRecord,
    as_of: date,
    analyses: Mapping[int, LetterAnalysis],
    parts: Mapping[int, int],
    followup_texts: Mapping[int, str],
    analyser_version: str,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A request's internal-review rows and its ``request_analyses`` row (without
    ``analysed_at``, the store's), from its record and the best letter of each message."""
    reviews = internal_reviews(record, as_of, analyses, followup_texts)
    outcome = request_outcome(record, analyses)
    row: dict[str, Any] = {
        "request_id": record.id,
        "regime": None,
        "deadline_rule": None,
        "clock_start_date": None,
        "due_date": None,
        "very_overdue_date": None,
        "first_response_at": None,
        "working_days_taken": None,
        "timeliness": None,
        "outcome": outcome.inferred,
        "outcome_confidence": outcome.confidence if outcome.inferred else None,
        "outcome_message_id": outcome.from_message_id,
        "outcome_part": parts.get(outcome.from_message_id)
        if outcome.from_message_id is not None
        else None,
        "requester_state": outcome.described_state,
        "disagrees": outcome.disagrees,
        "analyser_version": analyser_version,
    }
    try:
        timely = timeliness(record, as_of, analyses)
    except NoSentEventError:
        timely = None
    if timely is not None:
        events = {e.id: e for e in record.events}
        limits = timely.deadlines
        row |= {
            "regime": limits.regime,
            "deadline_rule": deadline_rule(limits),
            "clock_start_date": limits.clock_start,
            "due_date": limits.due,
            "very_overdue_date": limits.very_overdue_after,
            "first_response_at": events[timely.response_event_id].created_at
            if timely.response_event_id
            else None,
            "working_days_taken": timely.working_days_taken,
            "timeliness": timely.status,
        }
    return review_rows(record, reviews, parts, analyser_version), row
