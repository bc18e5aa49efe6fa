"""Store what the analysis reads: letter analyses and provision citations (db.analyse_letters),
internal reviews and request-level facts, in the tables ``db.models.analysis`` defines
(attachment text: db.extract).

The analysis itself is pure (``pipeline.extract``, ``pipeline.letters``, ``pipeline.timeliness``,
``pipeline.reviews``); this module only loads rows into records, calls it, and writes results.
Every write is an upsert keyed on natural ids, so re-running changes nothing unless a result did.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.orm import Session

from db.analyse_letters import analyse_letters, analyser_version
from db.base import utcnow
from db.models import (
    Attachment,
    Authority,
    InternalReview,
    Message,
    Request,
    RequestAnalysis,
    RequestEvent,
)
from db.upsert import upsert
from pipeline.records import AuthorityRecord, EventRecord, RequestRecord
from pipeline.reviews import InternalReview as Review
from pipeline.reviews import internal_reviews, request_outcome
from pipeline.timeliness import NoSentEventError, timeliness


def request_record(session: Session, request_id: int) -> RequestRecord:
    """The request's rows as the records the pure analysis takes."""
    row = session.get(Request, request_id)
    if row is None:
        raise LookupError(f"no request {request_id}")
    authority = session.get(Authority, row.authority_id) if row.authority_id else None
    events = session.scalars(
        select(RequestEvent).where(RequestEvent.request_id == request_id).order_by(RequestEvent.id)
    ).all()
    created = row.created_at or (events[0].created_at if events else utcnow())
    return RequestRecord(
        id=row.id,
        url_title=row.url_title or str(row.id),
        title=row.title or "",
        created_at=created,
        updated_at=row.updated_at or created,
        described_state=row.described_state or "waiting_response",
        display_status=row.display_status,
        awaiting_description=bool(row.awaiting_description),
        prominence=row.prominence or "normal",
        law_used=row.law_used or "foi",
        tags=[tuple(tag) for tag in row.tags or []],  # type: ignore[misc]
        authority=AuthorityRecord(
            id=authority.id,
            url_name=authority.url_name,
            name=authority.name,
            tags=[tuple(tag) for tag in authority.tags or []],  # type: ignore[misc]
        )
        if authority
        else None,
        events=[
            EventRecord(
                id=e.id,
                event_type=e.event_type,
                created_at=e.created_at,
                described_state=e.described_state,
                calculated_state=e.calculated_state,
                last_described_at=e.last_described_at,
                incoming_message_id=e.incoming_message_id,
                outgoing_message_id=e.outgoing_message_id,
                comment_id=e.comment_id,
                display_status=e.display_status,
            )
            for e in events
        ],
    )


def _followup_texts(session: Session, request_id: int) -> Mapping[int, str]:
    rows = session.execute(
        select(Message.id, Message.body_text).where(
            Message.request_id == request_id, Message.kind == "outgoing"
        )
    ).all()
    return {message_id: text or "" for message_id, text in rows}


def _review_rows(
    request_id: int,
    reviews: list[Review],
    record: RequestRecord,
    parts: Mapping[int, int],
) -> list[dict]:
    asked_at = {e.id: e for e in record.events}
    answered_at = {e.incoming_message_id: e.created_at for e in record.events}
    rows = []
    for review in reviews:
        asked = asked_at[review.requested_event_id]
        original, after = review.original, review.after_review
        answer = review.answered_by_message_id
        rows.append(
            {
                "request_id": request_id,
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
                "analyser_version": analyser_version(),
            }
        )
    return rows


def analyse_request(session: Session, request_id: int, as_of: date) -> None:
    """Letters, internal reviews and request-level facts for one request."""
    best = analyse_letters(session, request_id)
    analyses = {message_id: analysis for message_id, (_, analysis) in best.items()}
    parts = {message_id: part for message_id, (part, _) in best.items()}
    record = request_record(session, request_id)
    events = {e.id: e for e in record.events}
    reviews = internal_reviews(record, as_of, analyses, _followup_texts(session, request_id))
    upsert(session, InternalReview, _review_rows(request_id, reviews, record, parts))
    session.execute(
        delete(InternalReview).where(
            InternalReview.request_id == request_id, InternalReview.seq > len(reviews)
        )
    )
    outcome = request_outcome(record, analyses)
    row: dict = {
        "request_id": request_id,
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
        "analyser_version": analyser_version(),
        "analysed_at": utcnow(),
    }
    try:
        timely = timeliness(record, as_of, analyses)
    except NoSentEventError:
        timely = None
    if timely is not None:
        limits = timely.deadlines
        row |= {
            "regime": limits.regime,
            "deadline_rule": "school" if limits.school else limits.regime.lower(),
            "clock_start_date": limits.clock_start,
            "due_date": limits.due,
            "very_overdue_date": limits.very_overdue_after,
            "first_response_at": events[timely.response_event_id].created_at
            if timely.response_event_id
            else None,
            "working_days_taken": timely.working_days_taken,
            "timeliness": timely.status,
        }
    upsert(session, RequestAnalysis, [row], touch=("analysed_at",))


def analyse_requests(session: Session, request_ids: Iterable[int], as_of: date) -> int:
    count = 0
    for request_id in request_ids:
        analyse_request(session, request_id, as_of)
        count += 1
    return count


# --- Work list, so orchestration can hand out batches (flows take these in chunks) ----------


def requests_to_analyse(session: Session, since: datetime | None = None) -> list[int]:
    """Public requests never analysed or analysed by another analyser version (a changed
    reader: see ``analyser_version``), plus (given ``since``, the start of the previous
    analysis run) those whose request row, messages or attachment text changed after it.
    Without ``since`` every public request is returned."""
    visible = Request.visibility.in_(("public", "backpage"))
    if since is None:
        return list(session.scalars(select(Request.id).where(visible).order_by(Request.id)))
    changed = or_(
        RequestAnalysis.request_id.is_(None),
        RequestAnalysis.analyser_version != analyser_version(),
        Request.last_changed_at > since,
        exists().where(Message.request_id == Request.id, Message.last_changed_at > since),
        exists().where(
            Attachment.request_id == Request.id,
            or_(Attachment.extracted_at > since, Attachment.last_changed_at > since),
        ),
    )
    stmt = (
        select(Request.id)
        .outerjoin(RequestAnalysis, RequestAnalysis.request_id == Request.id)
        .where(visible, changed)
        .order_by(Request.id)
    )
    return list(session.scalars(stmt))
