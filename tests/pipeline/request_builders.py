"""Small RequestRecord / EventRecord builders for the request-level tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pipeline.records import AuthorityRecord, EventRecord, RequestRecord


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def event(
    id: int,
    event_type: str,
    day: date,
    *,
    described_state: str | None = None,
    calculated_state: str | None = None,
    incoming: int | None = None,
    outgoing: int | None = None,
    display_status: str | None = None,
) -> EventRecord:
    return EventRecord(
        id=id,
        event_type=event_type,
        created_at=at(day),
        described_state=described_state,
        calculated_state=calculated_state,
        incoming_message_id=incoming,
        outgoing_message_id=outgoing,
        display_status=display_status,
    )


def request(
    events: list[EventRecord],
    *,
    law_used: str = "foi",
    authority_tags: list[tuple[str, str | None]] | None = None,
    described_state: str = "waiting_response",
) -> RequestRecord:
    authority = AuthorityRecord(
        id=1, url_name="westbrook_council", name="Westbrook Council", tags=authority_tags or []
    )
    first = events[0].created_at
    return RequestRecord(
        id=100,
        url_title="parking_fines",
        title="Parking fines",
        created_at=first,
        updated_at=events[-1].created_at,
        described_state=described_state,
        display_status=None,
        awaiting_description=False,
        prominence="normal",
        law_used=law_used,
        authority=authority,
        events=events,
    )
