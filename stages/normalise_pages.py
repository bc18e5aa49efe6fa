"""The raw pages the normalise stage works through, as light references (no bodies)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from db.base import UTCDateTime
from db.models import RawPage
from pipeline.parse import CsvHeaderError, FieldError, ListPageError, ThreadParseError

REQUEST_KINDS = ("request_json", "thread_html")  # the two pages a request loads from
STAGE = "normalise"
_REASONS: dict[type[Exception], str] = {
    ThreadParseError: "thread_parse_error",
    FieldError: "field_error",
    CsvHeaderError: "csv_header_error",
    ListPageError: "list_page_error",
}


class UnitError(Exception):
    """A unit of work that cannot be loaded for a reason that is not a parse error."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


def failure_reason(exc: Exception) -> str:
    """The quarantine reason for a parse or unit error."""
    reason = getattr(exc, "reason", None)
    if isinstance(reason, str) and reason:
        return reason
    return next((r for cls, r in _REASONS.items() if isinstance(exc, cls)), "parse_error")


@dataclass(slots=True)
class PageRef:
    id: int
    url: str
    kind: str
    request_id: int | None
    http_status: int
    first_fetched: datetime  # when this content was first fetched
    fetched: datetime  # when it was last fetched or confirmed
    observed: datetime  # when the site was last seen serving it (capture time); newest wins
    source: str  # live, archive or import
    site_url: str  # the site URL it is a copy of (the fetched URL for live pages)


_COLUMNS = (
    RawPage.id,
    RawPage.url,
    RawPage.kind,
    RawPage.request_id,
    RawPage.http_status,
    RawPage.fetched_at,
    RawPage.last_fetched_at,
    # coalesce() would lose the column type; UTCDateTime reads it back timezone-aware.
    type_coerce(func.coalesce(RawPage.captured_at, RawPage.last_fetched_at), UTCDateTime()),
    RawPage.source,
    func.coalesce(RawPage.original_url, RawPage.url),
)


def page_refs(session: Session, where: Any = None) -> list[PageRef]:
    """References to the raw pages matching ``where`` (all of them if None), oldest id first."""
    stmt = select(*_COLUMNS)
    if where is not None:
        stmt = stmt.where(where)
    # Core rows, not ORM entities: this runs once per batch over thousands of pages.
    rows = session.connection().execute(stmt.order_by(RawPage.id))
    return [PageRef(*row) for row in rows]


def newest(pages: Sequence[PageRef]) -> PageRef:
    """The copy the site served last: by capture time, so an archive capture older than a
    stored page never replaces it, and a newer one (live or archived) does."""
    return max(pages, key=lambda p: (p.observed, p.id))
