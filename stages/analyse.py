"""The analyse stage: read a request's rows, run the pure analysis, store what it says.

Letter analyses and provision citations come from ``stages.analyse_letters``; internal
reviews and request-level facts from ``pipeline.request_analysis`` (which applies
``pipeline.reviews`` and ``pipeline.timeliness``); attachment text is ``stages.extract``'s.
This module only loads rows into records, calls the rules and writes the results into the
tables ``db.models.analysis`` defines. Every write is an upsert keyed on natural ids, so
re-running changes nothing unless a result did.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.orm import Session

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
from pipeline import request_analysis
from pipeline.records import EventRecord, RequestRecord
from pipeline.visibility import LISTED
from stages.analyse_letters import analyse_letters, analyser_version

_EVENT_FIELDS = (
    "id",
    "event_type",
    "created_at",
    "described_state",
    "calculated_state",
    "last_described_at",
    "incoming_message_id",
    "outgoing_message_id",
    "comment_id",
    "display_status",
)


def request_record(session: Session, request_id: int) -> RequestRecord:
    """The request's rows as the records the pure analysis takes."""
    conn = session.connection()
    # Row._asdict(), not .mappings(): the same values by column name, typed dict[str, Any].
    found = conn.execute(select(Request.__table__).where(Request.id == request_id)).first()
    if found is None:
        raise LookupError(f"no request {request_id}")
    row = found._asdict()
    authority = None
    if row["authority_id"] is not None:
        of_authority = conn.execute(
            select(Authority.__table__).where(Authority.id == row["authority_id"])
        ).first()
        authority = of_authority._asdict() if of_authority is not None else None
    columns = [getattr(RequestEvent, name) for name in _EVENT_FIELDS]
    events = [
        EventRecord(**dict(zip(_EVENT_FIELDS, e, strict=True)))
        for e in conn.execute(
            select(*columns).where(RequestEvent.request_id == request_id).order_by(RequestEvent.id)
        )
    ]
    return request_analysis.request_record(row, authority, events, utcnow())


def _followup_texts(session: Session, request_id: int) -> Mapping[int, str]:
    rows = session.execute(
        select(Message.id, Message.body_text).where(
            Message.request_id == request_id, Message.kind == "outgoing"
        )
    ).all()
    return {message_id: text or "" for message_id, text in rows}


def analyse_request(session: Session, request_id: int, as_of: date) -> None:
    """Letters, internal reviews and request-level facts for one request."""
    best = analyse_letters(session, request_id)
    analyses = {message_id: analysis for message_id, (_, analysis) in best.items()}
    parts = {message_id: part for message_id, (part, _) in best.items()}
    record = request_record(session, request_id)
    reviews, row = request_analysis.analyse_request(
        record, as_of, analyses, parts, _followup_texts(session, request_id), analyser_version()
    )
    upsert(session, InternalReview, reviews)
    session.execute(
        delete(InternalReview).where(
            InternalReview.request_id == request_id, InternalReview.seq > len(reviews)
        )
    )
    upsert(session, RequestAnalysis, [{**row, "analysed_at": utcnow()}], touch=("analysed_at",))


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
    visible = Request.visibility.in_(LISTED)
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
