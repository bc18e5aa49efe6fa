"""The site's JSON: ``/request/<slug>.json``, its events, ``/body/<slug>.json``, ``/user/<slug>.json``.

Shapes from ``InfoRequest#json_for_api``, ``InfoRequestEvent#json_for_api``,
``PublicBody#json_for_api`` and ``User#json_for_api``. JSON is the source of truth for ids,
states and event times; it carries no message text, senders or attachments.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal, overload

from pipeline.parse.errors import FieldError
from pipeline.parse.fields import (
    Obj,
    bool_field,
    opt_datetime,
    opt_int,
    opt_str,
    req_datetime,
    req_int,
    req_str,
    require,
    tag_pairs,
)
from pipeline.records import AuthorityRecord, EventRecord, RequestRecord, UserRecord
from pipeline.states import ALL_STATES, DESCRIBED_STATES, PROMINENCES

# The body JSON's request counts that ``authorities`` keeps (db.load.AUTHORITY_COLUMNS).
AUTHORITY_COUNTS = (
    "requests_count",
    "requests_successful_count",
    "requests_not_held_count",
    "requests_overdue_count",
)
_INFO_KEYS = (*AUTHORITY_COUNTS, "requests_visible_classified_count")


def load_json(data: bytes | str | Obj, source: str) -> Obj:
    """Decode a JSON document that must be an object."""
    if isinstance(data, Mapping):
        return data
    try:
        obj = json.loads(data)
    except (ValueError, TypeError) as exc:
        raise FieldError("(document)", str(exc), "a JSON document", source) from None
    except RecursionError:  # thousands of nested arrays: hostile or broken, never Alaveteli's
        raise FieldError("(document)", "nested too deeply", "a JSON document", source) from None
    if not isinstance(obj, dict):
        raise FieldError("(document)", type(obj).__name__, "a JSON object", source)
    # Alaveteli stores text in PostgreSQL, which cannot hold NUL, so a NUL means corruption
    # (and PostgreSQL would refuse it here too, while SQLite would store it).
    has_nul = "\\u0000" in data if isinstance(data, str) else b"\\u0000" in data
    if has_nul:
        raise FieldError("(document)", "\\u0000", "text without NUL characters", source)
    return obj


@overload
def _state(
    obj: Obj, key: str, source: str, allowed: Mapping[str, Any], optional: Literal[False]
) -> str: ...
@overload
def _state(
    obj: Obj, key: str, source: str, allowed: Mapping[str, Any], optional: Literal[True]
) -> str | None: ...
def _state(
    obj: Obj, key: str, source: str, allowed: Mapping[str, Any], optional: bool
) -> str | None:
    value = opt_str(obj, key, source) if optional else req_str(obj, key, source)
    if value is not None and value not in allowed:
        raise FieldError(key, value, "an Alaveteli state", source)
    return value


def _nested(obj: Obj, key: str, source: str) -> Obj | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, Mapping):
        raise FieldError(key, value, "a JSON object", source)
    return value


def parse_event(data: bytes | str | Obj, source: str = "event") -> EventRecord:
    obj = load_json(data, source)
    src = f"{source} {obj.get('id')!r}"
    return EventRecord(
        id=req_int(obj, "id", src),
        event_type=req_str(obj, "event_type", src),
        created_at=req_datetime(obj, "created_at", src),
        described_state=_state(obj, "described_state", src, ALL_STATES, True),
        calculated_state=_state(obj, "calculated_state", src, ALL_STATES, True),
        last_described_at=opt_datetime(obj, "last_described_at", src),
        incoming_message_id=opt_int(obj, "incoming_message_id", src),
        outgoing_message_id=opt_int(obj, "outgoing_message_id", src),
        comment_id=opt_int(obj, "comment_id", src),
        display_status=opt_str(obj, "display_status", src),
    )


def parse_user_json(data: bytes | str | Obj, source: str = "user") -> UserRecord:
    obj = load_json(data, source)
    return UserRecord(
        id=opt_int(obj, "id", source),
        url_name=req_str(obj, "url_name", source),
        name=req_str(obj, "name", source),
        ban_text=opt_str(obj, "ban_text", source) or None,
        about_me=opt_str(obj, "about_me", source) or None,
    )


def _info(obj: Obj, source: str) -> dict[str, int] | None:
    info = obj.get("info")
    if info is None:
        return None
    if not isinstance(info, Mapping):
        raise FieldError("info", info, "an object of counts", source)
    return {k: req_int(info, k, f"{source} info") for k in _INFO_KEYS if k in info}


def parse_body_json(data: bytes | str | Obj, source: str = "body") -> AuthorityRecord:
    obj = load_json(data, source)
    return AuthorityRecord(
        id=req_int(obj, "id", source),
        url_name=req_str(obj, "url_name", source),
        name=req_str(obj, "name", source),
        short_name=opt_str(obj, "short_name", source) or None,
        tags=tag_pairs(obj.get("tags", []), "tags", source),
        home_page=opt_str(obj, "home_page", source) or None,
        publication_scheme=opt_str(obj, "publication_scheme", source) or None,
        disclosure_log=opt_str(obj, "disclosure_log", source) or None,
        notes=opt_str(obj, "notes", source) or None,
        created_at=opt_datetime(obj, "created_at", source),
        updated_at=opt_datetime(obj, "updated_at", source),
        version=opt_int(obj, "version", source),
        info=_info(obj, source),
    )


def parse_request_json(data: bytes | str | Obj, source: str = "request") -> RequestRecord:
    """``/request/<url_title>.json`` → RequestRecord with its user, authority and events."""
    obj = load_json(data, source)
    src = f"{source} {obj.get('url_title') or obj.get('id')!r}"
    user = _nested(obj, "user", src)
    body = _nested(obj, "public_body", src)
    events = require(obj, "info_request_events", src)
    if not isinstance(events, list):
        raise FieldError("info_request_events", events, "a list of events", src)
    prominence = req_str(obj, "prominence", src)
    if prominence not in PROMINENCES:
        raise FieldError("prominence", prominence, f"one of {PROMINENCES}", src)
    return RequestRecord(
        id=req_int(obj, "id", src),
        url_title=req_str(obj, "url_title", src),
        title=req_str(obj, "title", src),
        created_at=req_datetime(obj, "created_at", src),
        updated_at=req_datetime(obj, "updated_at", src),
        described_state=_state(obj, "described_state", src, DESCRIBED_STATES, False),
        display_status=opt_str(obj, "display_status", src),
        awaiting_description=bool_field(obj, "awaiting_description", src),
        prominence=prominence,
        law_used=req_str(obj, "law_used", src),
        tags=tag_pairs(obj.get("tags", []), "tags", src),
        user=parse_user_json(user, f"{src} user") if user is not None else None,
        external_user_name=opt_str(obj, "user_name", src),
        authority=parse_body_json(body, f"{src} public_body") if body is not None else None,
        events=[parse_event(e, f"{src} event") for e in events],
    )
