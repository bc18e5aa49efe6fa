"""Write parsed records into the schema, keyed on the site's ids, without churn.

Every write goes through ``db.upsert``: a row changes (and its ``last_changed_at`` moves) only
when a value differs, so loading the same records twice leaves the database identical.

Who owns what:
- ``authorities``: all-authorities.csv and /body/<url_name>.json each write the columns they
  provide (``AUTHORITY_COLUMNS``: only the CSV has ``version``, only the JSON the request
  counts), so neither blanks what only the other has; a request's embedded ``public_body`` only
  makes sure the row exists (the sources format a few fields differently, and letting it write
  would flip the row on every reprocess).
- ``requests``/``request_events``: the request JSON (ids, states, times); the thread page adds
  the calculated ``status``, ``batch_id`` and ``due_date_shown``.
- ``messages``/``attachments``: the thread page (text, senders, files), tied to the JSON event.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from db.base import chunked, utcnow
from db.models import (
    Attachment,
    Authority,
    Message,
    Request,
    Requester,
    RequestEvent,
    RequestSlug,
)
from db.upsert import insert_missing, upsert
from pipeline.authority_tags import authority_facts
from pipeline.parse.merge import MergedThread
from pipeline.parse.request_json import AUTHORITY_COUNTS
from pipeline.pseudonym import pseudonym
from pipeline.purpose import message_purpose
from pipeline.records import (
    AttachmentRef,
    AuthorityRecord,
    EventRecord,
    RequestRecord,
    ThreadItem,
    UserRecord,
)
from pipeline.visibility import visibility_of

# Which ``authorities`` columns each page kind provides. A source writes only its own columns,
# so one that lacks a field never blanks it: the body JSON (Alaveteli's ``json_for_api``) has no
# ``version``, the CSV has no request counts, and a request's embedded ``public_body`` (the same
# JSON) only makes sure the row exists.
_AUTHORITY_COUNTS = AUTHORITY_COUNTS
_AUTHORITY_SHARED = (
    "id",
    "url_name",
    "name",
    "short_name",
    "tags",
    "home_page",
    "publication_scheme",
    "disclosure_log",
    "notes",
    "created_at",
    "updated_at",
    *authority_facts(()),
)
AUTHORITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "authority_csv": (*_AUTHORITY_SHARED, "version"),
    "body_json": (*_AUTHORITY_SHARED, *_AUTHORITY_COUNTS),
    "request_json": _AUTHORITY_SHARED,
}


@dataclass(slots=True)
class LoadCounts:
    """Rows offered to each table (written or confirmed unchanged), and what could not be."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


def _tags(tags: Iterable[tuple[str, str | None]]) -> list[list[str | None]]:
    return [[name, value] for name, value in tags]


def authority_row(a: AuthorityRecord, source: str) -> dict[str, Any]:
    """The ``authorities`` columns that ``source`` (a page kind of ``AUTHORITY_COLUMNS``)
    provides for the record, and no others."""
    info = a.info or {}
    values: dict[str, Any] = {
        "id": a.id,
        "url_name": a.url_name,
        "name": a.name,
        "short_name": a.short_name,
        "tags": _tags(a.tags),
        "home_page": a.home_page,
        "publication_scheme": a.publication_scheme,
        "disclosure_log": a.disclosure_log,
        "notes": a.notes,
        "created_at": a.created_at,
        "updated_at": a.updated_at,
        "version": a.version,
        **authority_facts(a.tags),
        **{key: info.get(key) for key in _AUTHORITY_COUNTS},
    }
    try:
        columns = AUTHORITY_COLUMNS[source]
    except KeyError:
        raise ValueError(f"no authority columns known for source {source!r}") from None
    return {column: values[column] for column in columns}


def _grouped(
    write: Callable[..., None], session: Session, model: Any, rows: Sequence[Mapping[str, Any]]
) -> None:
    """upsert and insert_missing need one key set per call; rows from different sources (or
    requests with and without a thread page) may differ."""
    groups: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    for group in groups.values():
        write(session, model, group)


def load_authorities(session: Session, authorities: Iterable[AuthorityRecord], source: str) -> int:
    """Upsert authorities from ``source``, ``authority_csv`` (the CSV export) or ``body_json``
    (/body JSON), writing only the columns it provides; returns how many were offered."""
    rows = [authority_row(a, source) for a in authorities]
    _grouped(upsert, session, Authority, rows)
    return len(rows)


def requester_row(user: UserRecord, key: str) -> dict[str, Any]:
    return {
        "url_name": user.url_name,
        "wdtk_user_id": user.id,
        "name": user.name,
        "pseudonym": pseudonym(key, user.url_name),
        "ban_text": user.ban_text,
    }


def write_requesters(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Upsert requester rows in order. A renamed account keeps its id under a new url_name;
    the id is unique, so a row whose id another url_name already holds goes in without it
    rather than failing the whole request."""
    if not rows:
        return
    ids = {row["wdtk_user_id"] for row in rows if row["wdtk_user_id"] is not None}
    holders: dict[int, str] = {}
    for chunk in chunked(sorted(ids), 500):
        found = session.connection().execute(
            select(Requester.wdtk_user_id, Requester.url_name).where(
                Requester.wdtk_user_id.in_(chunk)
            )
        )
        holders.update((user_id, url_name) for user_id, url_name in found)
    for row in rows:
        user_id = row["wdtk_user_id"]
        if user_id is None:
            continue
        holder = holders.setdefault(user_id, row["url_name"])
        if holder != row["url_name"]:
            row["wdtk_user_id"] = None
    upsert(session, Requester, rows)


def load_requester(session: Session, user: UserRecord, key: str) -> str:
    """Upsert one requester; returns the url_name the request row should point at."""
    write_requesters(session, [requester_row(user, key)])
    return user.url_name


def event_row(request_id: int, e: EventRecord, parser_version: str) -> dict[str, Any]:
    return {
        "id": e.id,
        "request_id": request_id,
        "event_type": e.event_type,
        "created_at": e.created_at,
        "described_state": e.described_state,
        "calculated_state": e.calculated_state,
        "last_described_at": e.last_described_at,
        "incoming_message_id": e.incoming_message_id,
        "outgoing_message_id": e.outgoing_message_id,
        "comment_id": e.comment_id,
        "display_status": e.display_status,
        "parser_version": parser_version,
    }


@dataclass(slots=True)
class RequestRows:
    """Every row one request contributes, built without touching the database."""

    request_id: int
    request: dict[str, Any]
    events: list[dict[str, Any]]
    authority: dict[str, Any] | None = None
    requester: dict[str, Any] | None = None
    messages: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    counts: LoadCounts = field(default_factory=LoadCounts)
    seen_at: datetime | None = None  # when the site was seen serving the JSON (its slug)


def request_rows(
    request: RequestRecord,
    *,
    parser_version: str,
    key: str,
    json_page_id: int | None = None,
    page_fields: Mapping[str, Any] | None = None,
) -> RequestRows:
    """The rows of a request from its JSON (plus ``page_fields`` from its thread page): the
    request, its events, its authority (made sure to exist) and its requester."""
    counts = LoadCounts()
    authority = None
    if request.authority is not None:
        # Only made sure to exist: the catalogue's columns are not a request's to write.
        authority = authority_row(request.authority, "request_json")
    requester = None
    if request.user is not None:
        requester = requester_row(request.user, key)
        counts.add("requesters")
    row: dict[str, Any] = {
        "id": request.id,
        "url_title": request.url_title,
        "title": request.title,
        "authority_id": request.authority.id if request.authority else None,
        "requester_url_name": request.user.url_name if request.user else None,
        "external_requester_name": request.external_user_name,
        "law_used": request.law_used,
        "described_state": request.described_state,
        "display_status": request.display_status,
        "awaiting_description": request.awaiting_description,
        "prominence": request.prominence,
        "visibility": visibility_of(request.prominence),
        "tags": _tags(request.tags),
        "created_at": request.created_at,
        "updated_at": request.updated_at,
        "json_page_id": json_page_id,
        "parser_version": parser_version,
        **(page_fields or {}),
    }
    events = [event_row(request.id, e, parser_version) for e in request.events]
    counts.add("requests")
    counts.add("events", len(events))
    return RequestRows(request.id, row, events, authority, requester, counts=counts)


def write_requests(session: Session, batch: Sequence[RequestRows]) -> None:
    """Write the rows of many requests with one statement per table and key set. Rows go in
    the order given, so the result is the one loading them one request at a time gives."""
    authorities = [r.authority for r in batch if r.authority is not None]
    _grouped(insert_missing, session, Authority, authorities)
    write_requesters(session, [r.requester for r in batch if r.requester is not None])
    _grouped(upsert, session, Request, [r.request for r in batch])
    write_slugs(session, batch)
    upsert(session, RequestEvent, [e for r in batch for e in r.events])
    _grouped(upsert, session, Message, [m for r in batch for m in r.messages])
    upsert(session, Attachment, [a for r in batch for a in r.attachments], keep=("size_bytes",))


_SLUG_SEEN = (
    update(RequestSlug)
    .where(
        RequestSlug.request_id == bindparam("rid"),
        RequestSlug.url_title == bindparam("slug"),
        RequestSlug.last_seen_at < bindparam("seen"),
    )
    .values(last_seen_at=bindparam("seen"))
)


def write_slugs(session: Session, batch: Sequence[RequestRows]) -> None:
    """Every slug a request's JSON has been served under (the site keeps no history), first
    and last seen at the capture times of the pages that carried it (rows loaded without a
    page, ``seen_at`` None, only make sure the slug is recorded)."""
    now = utcnow()
    rows = [
        {
            "request_id": r.request_id,
            "url_title": r.request["url_title"],
            "first_seen_at": r.seen_at or now,
            "last_seen_at": r.seen_at or now,
        }
        for r in batch
    ]
    if not rows:
        return
    insert_missing(session, RequestSlug, rows)
    seen = [
        {"rid": r.request_id, "slug": r.request["url_title"], "seen": r.seen_at}
        for r in batch
        if r.seen_at is not None
    ]
    if seen:
        session.connection().execute(_SLUG_SEEN, seen)


def message_row(
    request_id: int, position: int, item: ThreadItem, event: EventRecord | None, parser_version: str
) -> dict[str, Any]:
    offset = item.sent_at.utcoffset() if item.sent_at else None
    return {
        "kind": item.kind,
        "id": item.id,
        "request_id": request_id,
        "event_id": event.id if event else None,
        "position": position,
        "purpose": message_purpose(item, event),
        "author": item.author,
        "author_organisation": item.author_organisation,
        "author_url_name": item.author_url_name,
        "sent_at": item.sent_at,
        "utc_offset_minutes": int(offset.total_seconds() // 60) if offset is not None else None,
        "body_text": item.body,
        "quoted_text": item.quoted,
        "prominence": item.prominence,
        "hidden_notice": item.hidden_notice,
        "delivery_status": item.delivery_status,
        "resent_at": [t.isoformat() for t in item.resent_at],
        "parser_version": parser_version,
    }


def attachment_row(
    request_id: int, message_id: int, a: AttachmentRef, parser_version: str
) -> dict[str, Any]:
    # Only the listing columns: download and extraction columns belong to later stages.
    # size_bytes is the estimate from the label, written on insert only (load_thread keeps
    # it): once the file is downloaded it holds the exact size, which must not be replaced.
    return {
        "message_id": message_id,
        "part": a.part,
        "request_id": request_id,
        "wdtk_attachment_id": a.wdtk_id,
        "filename": a.name,
        "content_type": a.content_type,
        "size_label": a.size_label,
        "size_bytes": a.size_bytes,
        "url": a.url,
        "html_url": a.html_url,
        "hidden": a.hidden,
        "erased": a.erased,
        "parser_version": parser_version,
    }


def thread_rows(
    merged: MergedThread,
    *,
    parser_version: str,
    key: str,
    json_page_id: int | None = None,
    html_page_id: int | None = None,
) -> RequestRows:
    """The rows of a request JSON and its thread page, paired by ``merge_thread``."""
    page, request = merged.page, merged.request
    rows = request_rows(
        request,
        parser_version=parser_version,
        key=key,
        json_page_id=json_page_id,
        page_fields={
            "status": page.status,
            "batch_id": page.batch_id,
            "due_date_shown": page.due_date,
            "html_page_id": html_page_id,
        },
    )
    counts = rows.counts
    events = {(m.item.kind, m.item.id): m.event for m in merged.items}
    rows.messages = [
        message_row(request.id, pos, item, events.get((item.kind, item.id)), parser_version)
        for pos, item in enumerate(page.items)
    ]
    if not page.unfolded:
        # A page served without ?unfold=1 (an archive's capture) has no quoted sections:
        # unknown, so a fuller copy's quoted_text is kept.
        for message in rows.messages:
            del message["quoted_text"]
    counts.add("messages", len(rows.messages))
    for item in page.items:
        for a in item.attachments:
            if a.part is None:  # hidden or erased: no link, so no part number to key the row on
                counts.add("attachments_without_part")
                continue
            rows.attachments.append(attachment_row(request.id, item.id, a, parser_version))
    counts.add("attachments", len(rows.attachments))
    counts.add("html_only_items", len(merged.html_only))
    counts.add("json_only_events", len(merged.json_only))
    counts.add("merge_conflicts", len(merged.conflicts))
    return rows


def load_thread(
    session: Session,
    merged: MergedThread,
    *,
    parser_version: str,
    key: str,
    json_page_id: int | None = None,
    html_page_id: int | None = None,
) -> LoadCounts:
    """Load a request JSON and its thread page, paired by ``merge_thread``."""
    rows = thread_rows(
        merged,
        parser_version=parser_version,
        key=key,
        json_page_id=json_page_id,
        html_page_id=html_page_id,
    )
    write_requests(session, [rows])
    return rows.counts
