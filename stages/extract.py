"""Attachment text: run the extractor over downloaded files and store what it read.

Each file is read in a limited child process (``pipeline.extract``); a failure becomes a
quarantine row (stage ``extract``) and a later readable result resolves it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import quarantine
from db.base import utcnow
from db.models import Attachment
from db.quarantine import attachment_entity
from pipeline.extract import ExtractionResult, Limits, extract_text
from pipeline.extract.worker import ExtractionWorker

EXTRACT_STAGE = "extract"


def store_extraction(
    session: Session, message_id: int, part: int, result: ExtractionResult, at: datetime
) -> None:
    """Write one extraction result onto its attachment row."""
    row = session.get(Attachment, {"message_id": message_id, "part": part})
    if row is None:
        raise LookupError(f"no attachment {message_id}/{part}")
    row.text = result.text if result.readable else None
    row.text_method = result.method
    row.extraction_status = result.status
    row.extraction_error = result.error
    row.page_count = result.pages
    row.sniffed_type = result.content_type or row.sniffed_type
    row.extracted_at = at
    record_extraction_outcome(session, message_id, part, result, at)


def record_extraction_outcome(
    session: Session, message_id: int, part: int, result: ExtractionResult, at: datetime
) -> None:
    """A failed extraction becomes one open quarantine row per (attachment, status); a later
    readable result resolves every open extract row of that attachment."""
    entity = attachment_entity(message_id, part)
    if result.readable:
        quarantine.resolve(session, EXTRACT_STAGE, entity, at)
    else:
        quarantine.record(
            session, EXTRACT_STAGE, entity, result.status, result.error or result.status, at
        )


def extract_pending(
    session: Session, data_dir: Path, limits: Limits | None = None, *, redo: bool = False
) -> int:
    """Extract text from every downloaded attachment not yet read; returns how many."""
    query = select(Attachment).where(Attachment.download_status == "downloaded")
    if not redo:
        query = query.where(Attachment.extraction_status.is_(None))
    done = 0
    for row in session.scalars(query).all():
        if not row.stored_path:
            continue
        data = (data_dir / row.stored_path).read_bytes()
        result = extract_text(
            data, row.filename, row.content_type, limits, declared_size=row.size_bytes
        )
        store_extraction(session, row.message_id, row.part, result, utcnow())
        done += 1
    return done


def pending_extractions(session: Session, *, redo: bool = False) -> list[tuple[int, int]]:
    """(message_id, part) of downloaded attachments whose text has not been extracted."""
    query = select(Attachment.message_id, Attachment.part).where(
        Attachment.download_status == "downloaded", Attachment.stored_path.is_not(None)
    )
    if not redo:
        query = query.where(Attachment.extraction_status.is_(None))
    return [
        (m, p) for m, p in session.execute(query.order_by(Attachment.message_id, Attachment.part))
    ]


def extract_attachments(
    session: Session, data_dir: Path, keys: Iterable[tuple[int, int]], limits: Limits | None = None
) -> dict[str, int]:
    """Extract the text of the given attachments; returns counts by extraction status."""
    statuses: dict[str, int] = {}
    with ExtractionWorker(limits) as worker:
        for message_id, part in keys:
            row = session.get(Attachment, {"message_id": message_id, "part": part})
            if row is None or not row.stored_path:
                continue
            data = (data_dir / row.stored_path).read_bytes()
            result = worker.extract(
                data, row.filename, row.content_type, declared_size=row.size_bytes
            )
            store_extraction(session, message_id, part, result, utcnow())
            statuses[result.status] = statuses.get(result.status, 0) + 1
    return statuses
