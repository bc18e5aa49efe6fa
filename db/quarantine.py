"""Quarantine rows for records a stage could not take: one open row per (stage, entity,
reason), reopened and counted again when a later run hits the same failure, resolved when a
later run succeeds. The run always goes on without the record."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from db.models import Quarantine
from db.upsert import insert_missing

DETAIL_LIMIT = 4000


def attachment_entity(message_id: int, part: int) -> str:
    """The quarantine key of an attachment, as the data dictionary spells it."""
    return f"attachment:{message_id}/{part}"


def record(
    bind: Connection | Session,
    stage: str,
    entity: str,
    reason: str,
    detail: str,
    at: datetime,
    raw_page_id: int | None = None,
) -> None:
    """Open (or reopen) the quarantine row of ``entity`` failing ``stage`` for ``reason``;
    ``raw_page_id`` links it to the stored page it came from, when there is one."""
    detail = detail[:DETAIL_LIMIT]
    insert_missing(
        bind,
        Quarantine,
        [
            {
                "stage": stage,
                "entity_key": entity,
                "reason": reason,
                "detail": detail,
                "raw_page_id": raw_page_id,
                "first_seen_at": at,
                "last_seen_at": at,
                "occurrences": 1,
                "resolved_at": None,
            }
        ],
        conflict=("stage", "entity_key", "reason"),
    )
    # Seen again (a rerun, or after it was once resolved): reopen it and keep the latest message.
    bind.execute(
        update(Quarantine)
        .where(
            Quarantine.stage == stage,
            Quarantine.entity_key == entity,
            Quarantine.reason == reason,
            Quarantine.last_seen_at < at,
        )
        .values(
            last_seen_at=at,
            detail=detail,
            resolved_at=None,
            occurrences=Quarantine.occurrences + 1,
        )
    )


def resolve(bind: Connection | Session, stage: str, entity: str, at: datetime) -> None:
    """Close every open quarantine row of ``entity`` at ``stage``: it went through this time."""
    bind.execute(
        update(Quarantine)
        .where(
            Quarantine.stage == stage,
            Quarantine.entity_key == entity,
            Quarantine.resolved_at.is_(None),
        )
        .values(resolved_at=at)
    )
