"""Store what the analysis reads: letter analyses, provision citations, internal reviews and
request-level facts, in the tables ``db.models.analysis`` defines (attachment text: db.extract).

The analysis itself is pure (``pipeline.extract``, ``pipeline.letters``, ``pipeline.timeliness``,
``pipeline.reviews``); this module only loads rows into records, calls it, and writes results.
Every write is an upsert keyed on natural ids, so re-running changes nothing unless a result did.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import (
    Attachment,
    Authority,
    InternalReview,
    LetterAnalysis,
    Message,
    ProvisionCitation,
    Request,
    RequestAnalysis,
    RequestEvent,
)
from db.upsert import upsert
from pipeline import __version__
from pipeline.letters import LetterAnalysis as Analysis
from pipeline.letters import analyse_letter
from pipeline.provisions import lookup
from pipeline.records import AuthorityRecord, EventRecord, RequestRecord
from pipeline.reviews import internal_review, request_outcome
from pipeline.timeliness import NoSentEventError, timeliness

ANALYSER_VERSION = f"letters-{__version__}"
# Which letter of a message speaks for it at request level: a review answer over a response
# over a holding letter.
KIND_RANK = {
    "internal_review_response": 4,
    "response": 3,
    "clarification_request": 2,
    "acknowledgement": 1,
    "other": 0,
}


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


@dataclass(frozen=True, slots=True)
class Letter:
    message_id: int
    part: int  # 0 = message body
    text: str


def letters_of(session: Session, request_id: int) -> list[Letter]:
    """Each incoming message body and each readable attachment text of the request."""
    letters: list[Letter] = []
    messages = session.scalars(
        select(Message)
        .where(Message.request_id == request_id, Message.kind == "incoming")
        .order_by(Message.position)
    ).all()
    for message in messages:
        if message.body_text and message.body_text.strip():
            letters.append(Letter(message.id, 0, message.body_text))
    attachments = session.scalars(
        select(Attachment)
        .where(Attachment.request_id == request_id, Attachment.text.is_not(None))
        .order_by(Attachment.message_id, Attachment.part)
    ).all()
    letters += [
        Letter(a.message_id, a.part, a.text or "") for a in attachments if (a.text or "").strip()
    ]
    return letters


def _letter_row(request_id: int, letter: Letter, analysis: Analysis, at: datetime) -> dict:
    out = analysis.to_dict()
    return {
        "message_kind": "incoming",
        "message_id": letter.message_id,
        "part": letter.part,
        "request_id": request_id,
        "kind": analysis.kind.value,
        "kind_confidence": analysis.kind.confidence,
        "letter_date": analysis.letter_date.value,
        "wdtk_request_id": analysis.wdtk_request_id.value,
        "references": out["references"],
        "outcome": analysis.outcome.value,
        "outcome_confidence": analysis.outcome.confidence if analysis.outcome.value else None,
        "information_held": analysis.information_held.value,
        "public_interest_test": analysis.public_interest_test.value,
        "review_outcome": analysis.review_outcome.value,
        "review_outcome_confidence": analysis.review_outcome.confidence
        if analysis.review_outcome.value
        else None,
        "ico_signposted": analysis.regulator == "ICO",
        "sic_signposted": analysis.regulator == "SIC",
        "regulator_refs": out["regulator_case_refs"],
        "dates_mentioned": {
            name: value.isoformat()
            for name, value in (
                ("review_requested_on", analysis.review_requested_on.value),
                ("original_response_on", analysis.original_response_on.value),
            )
            if value is not None
        },
        "evidence": out["evidence"],
        "text_sha256": hashlib.sha256(letter.text.encode("utf-8")).hexdigest(),
        "analyser_version": ANALYSER_VERSION,
        "analysed_at": at,
    }


def _citation_rows(request_id: int, letter: Letter, analysis: Analysis) -> list[dict]:
    rows: dict[str, dict] = {}
    for citation in analysis.citations:
        if citation.citation in rows and not citation.relied_on:
            continue  # the relied-on mention wins over a rights-block repeat
        regime, _, provision = citation.citation.partition(" ")
        row = lookup(citation.citation)
        rows[citation.citation] = {
            "message_kind": "incoming",
            "message_id": letter.message_id,
            "part": letter.part,
            "citation": citation.citation,
            "request_id": request_id,
            "regime": regime,
            "provision": provision,
            "provision_kind": row.kind if row else None,
            "relied_on": citation.relied_on,
            "evidence_start": citation.evidence.start,
            "evidence_end": citation.evidence.end,
            "evidence_text": citation.evidence.text,
        }
    return list(rows.values())


def analyse_letters(session: Session, request_id: int) -> dict[int, tuple[int, Analysis]]:
    """Analyse and store every letter of the request; returns, per incoming message, the
    part that speaks for it (its most decisive letter) and that letter's analysis."""
    at = utcnow()
    per_message: dict[int, tuple[Letter, Analysis]] = {}
    for letter in letters_of(session, request_id):
        analysis = analyse_letter(letter.text)
        upsert(
            session,
            LetterAnalysis,
            [_letter_row(request_id, letter, analysis, at)],
            keep=("analysed_at",),
        )
        session.execute(
            delete(ProvisionCitation).where(
                ProvisionCitation.message_id == letter.message_id,
                ProvisionCitation.part == letter.part,
            )
        )
        upsert(session, ProvisionCitation, _citation_rows(request_id, letter, analysis))
        best = per_message.get(letter.message_id)
        if best is None or _rank(analysis) > _rank(best[1]):
            per_message[letter.message_id] = (letter, analysis)
    return {
        message_id: (letter.part, analysis)
        for message_id, (letter, analysis) in per_message.items()
    }


def _rank(analysis: Analysis) -> tuple[int, bool, float]:
    return (
        KIND_RANK[analysis.kind.value],
        analysis.outcome.value is not None,
        analysis.outcome.confidence,
    )


def _followup_texts(session: Session, request_id: int) -> Mapping[int, str]:
    rows = session.execute(
        select(Message.id, Message.body_text).where(
            Message.request_id == request_id, Message.kind == "outgoing"
        )
    ).all()
    return {message_id: text or "" for message_id, text in rows}


def analyse_request(session: Session, request_id: int, as_of: date) -> None:
    """Letters, internal review and request-level facts for one request."""
    best = analyse_letters(session, request_id)
    analyses = {message_id: analysis for message_id, (_, analysis) in best.items()}
    record = request_record(session, request_id)
    events = {e.id: e for e in record.events}
    review = internal_review(record, as_of, analyses, _followup_texts(session, request_id))
    if review is not None:
        asked = events[review.requested_event_id]
        answered_at = next(
            (
                e.created_at
                for e in record.events
                if review.answered_by_message_id is not None
                and e.incoming_message_id == review.answered_by_message_id
            ),
            None,
        )
        upsert(
            session,
            InternalReview,
            [
                {
                    "request_id": request_id,
                    "seq": 1,
                    "requested_at": asked.created_at,
                    "request_message_id": asked.outgoing_message_id,
                    "due_date": review.due,
                    "latest_due_date": review.latest_due,
                    "answered_at": answered_at,
                    "answer_message_id": review.answered_by_message_id,
                    "answer_part": best[review.answered_by_message_id][0]
                    if review.answered_by_message_id in best
                    else None,
                    "outcome": review.outcome,
                    "outcome_confidence": analyses[
                        review.answered_by_message_id
                    ].review_outcome.confidence
                    if review.answered_by_message_id in analyses and review.outcome
                    else None,
                    "working_days_taken": review.working_days_taken,
                    "analyser_version": ANALYSER_VERSION,
                }
            ],
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
        "requester_state": outcome.described_state,
        "disagrees": outcome.disagrees,
        "analyser_version": ANALYSER_VERSION,
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
    upsert(session, RequestAnalysis, [row], keep=("analysed_at",))


def analyse_requests(session: Session, request_ids: Iterable[int], as_of: date) -> int:
    count = 0
    for request_id in request_ids:
        analyse_request(session, request_id, as_of)
        count += 1
    return count


# --- Work list, so orchestration can hand out batches (flows take these in chunks) ----------


def requests_to_analyse(session: Session, since: datetime | None = None) -> list[int]:
    """Public requests never analysed, plus (given ``since``, the start of the previous
    analysis run) those whose request row, messages or attachment text changed after it.
    Without ``since`` every public request is returned."""
    from sqlalchemy import exists, or_

    visible = Request.visibility.in_(("public", "backpage"))
    if since is None:
        return list(session.scalars(select(Request.id).where(visible).order_by(Request.id)))
    changed = or_(
        RequestAnalysis.request_id.is_(None),
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
