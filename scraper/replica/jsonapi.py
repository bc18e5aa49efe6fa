"""JSON documents in Alaveteli's ``json_for_api`` shapes and key order (wdtk-site.md §4).

Timestamps are Rails ``TimeWithZone#as_json``: ISO 8601 with milliseconds in the server zone
(Europe/London), e.g. ``2019-06-16T10:57:21.000+01:00``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pipeline.states import display_status
from scraper.replica.history import LONDON
from scraper.replica.model import Event, Request
from scraper.replica.names import Authority, User


def rails_time(moment: datetime) -> str:
    local = moment.astimezone(LONDON)
    return (
        local.strftime("%Y-%m-%dT%H:%M:%S.")
        + f"{local.microsecond // 1000:03d}"
        + local.strftime("%z")[:3]
        + ":"
        + local.strftime("%z")[3:]
    )


def user_json(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "url_name": user.url_name,
        "name": user.name,
        "ban_text": user.ban_text,
        "about_me": user.about_me,
    }


def body_json(body: Authority, info: dict[str, int]) -> dict[str, Any]:
    return {
        "id": body.id,
        "url_name": body.url_name,
        "name": body.name,
        "short_name": body.short_name,
        "created_at": rails_time(body.created_at),
        "updated_at": rails_time(body.updated_at),
        "home_page": body.home_page,
        "notes": body.notes,
        "publication_scheme": "",
        "disclosure_log": "",
        "tags": [[name, value] for name, value in body.tags],
        "info": info,
    }


def event_display_status(event: Event) -> str | None:
    """Only events with a message carry display_status (InfoRequestEvent#display_status)."""
    if event.message is None or event.message.kind == "annotation":
        return None
    if event.message.kind == "incoming":
        return display_status(event.calculated_state) if event.calculated_state else "Response"
    return {"internal_review": "Internal review request", "waiting_response": "Clarification"}.get(
        event.calculated_state or "", "Follow up"
    )


def last_described_at(events: list[Event]) -> dict[int, datetime]:
    """Each classification's time, recorded on the events it classified."""
    out: dict[int, datetime] = {}
    for event in events:
        if event.described_state is not None:
            out[event.id] = event.at
    return out


def event_json(event: Event, described_at: dict[int, datetime]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": event.id,
        "event_type": event.type,
        "created_at": rails_time(event.at),
        "described_state": event.described_state,
        "calculated_state": event.calculated_state,
        "last_described_at": rails_time(described_at[event.id])
        if event.id in described_at
        else None,
        "incoming_message_id": event.incoming_id,
        "outgoing_message_id": event.outgoing_id,
        "comment_id": event.comment_id,
    }
    if event.message is not None and event.message.kind != "annotation":
        data["display_status"] = event_display_status(event)
    return data


def request_json(r: Request, body_info: dict[str, int]) -> dict[str, Any]:
    described_at = last_described_at(r.events)
    return {
        "id": r.id,
        "url_title": r.url_title,
        "title": r.title,
        "created_at": rails_time(r.created_at),
        "updated_at": rails_time(r.updated_at),
        "described_state": r.described_state,
        "display_status": display_status(r.status),
        "awaiting_description": r.awaiting_description,
        "prominence": r.prominence,
        "law_used": r.law_used,
        "tags": [[name, value] for name, value in r.tags],
        "user": user_json(r.user),
        "public_body": body_json(r.authority, body_info),
        "info_request_events": [event_json(e, described_at) for e in r.events],
    }


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
