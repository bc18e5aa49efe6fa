"""HTTP plumbing shared by the routes and the server: responses and conditional GET."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"
TEXT = "text/plain; charset=utf-8"


@dataclass(slots=True)
class Response:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    last_modified: datetime | None = None
    conditional: bool = True  # may answer 304


def html_response(status: int, text: str, **headers: str) -> Response:
    return Response(status, text.encode("utf-8"), {"Content-Type": HTML, **headers})


def redirect(status: int, location: str) -> Response:
    return Response(status, b"", {"Location": location, "Content-Type": HTML}, conditional=False)


def etag_for(body: bytes) -> str:
    return '"' + hashlib.md5(body).hexdigest() + '"'


def not_modified(
    response: Response, if_none_match: str | None, if_modified_since: str | None
) -> bool:
    if not response.conditional or response.status != 200:
        return False
    if if_none_match is not None:
        return etag_for(response.body) in [tag.strip() for tag in if_none_match.split(",")]
    if if_modified_since and response.last_modified is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        return response.last_modified.replace(microsecond=0) <= since
    return False


def http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=True)
