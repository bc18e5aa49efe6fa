"""The attachments frontier: which files are due a download, and what each download gave.

Like ``db.crawl_state`` for request pages, this is the fetch stage's own bookkeeping: the
download columns of ``attachments`` (``download_status``, ``download_attempts``, ``sha256``,
``stored_path``, ``sniffed_type``, ``size_bytes`` once downloaded, ``downloaded_at``) have no
other writer. Normalise writes the listing columns from thread pages and never these.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.engine import Connection

from db import quarantine
from db.base import utcnow
from db.models import Attachment
from db.quarantine import attachment_entity

MAX_ATTEMPTS = 5
FETCH_STAGE = "fetch"


def due_files(conn: Connection, max_attempts: int = MAX_ATTEMPTS) -> list[tuple[int, int, str]]:
    """(message_id, part, url) of every file to download: pending, masked last time
    (``wait``), or failed with attempts left; in request and message order."""
    stmt = (
        select(Attachment.message_id, Attachment.part, Attachment.url)
        .where(
            Attachment.url.is_not(None),
            Attachment.hidden.is_(False),
            Attachment.erased.is_(False),
            or_(
                Attachment.download_status.in_(("pending", "wait")),
                and_(
                    Attachment.download_status == "failed",
                    Attachment.download_attempts < max_attempts,
                ),
            ),
        )
        .order_by(Attachment.request_id, Attachment.message_id, Attachment.part)
    )
    return [(m, p, u) for m, p, u in conn.execute(stmt)]


def record_download(
    conn: Connection,
    key: tuple[int, int],
    status: str,
    *,
    attempt: bool,
    detail: str | None = None,
    **values: Any,
) -> None:
    """Record a download outcome; a file over the cap is also quarantined (stage fetch),
    and a later successful download resolves that."""
    message_id, part = key
    now: datetime = utcnow()
    changes = {k: v for k, v in values.items() if v is not None}
    stmt = (
        update(Attachment)
        .where(Attachment.message_id == message_id, Attachment.part == part)
        .values(download_status=status, last_changed_at=now, **changes)
    )
    if attempt:
        stmt = stmt.values(download_attempts=Attachment.download_attempts + 1)
    entity = attachment_entity(message_id, part)
    conn.execute(stmt)
    if status == "too_large":
        quarantine.record(conn, FETCH_STAGE, entity, "too_large", detail or status, now)
    elif status == "downloaded":
        quarantine.resolve(conn, FETCH_STAGE, entity, now)
