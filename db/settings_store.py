"""Settings the pipeline keeps beside its data (the ``pipeline_settings`` table)."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from db.models import PipelineSetting
from db.upsert import insert_missing

PSEUDONYM_KEY = "pseudonym_key"


def pseudonym_key(conn: Connection | Session, configured: str | None = None) -> str:
    """The key for requester pseudonyms: ``configured`` (WDTK_PSEUDONYM_KEY) when given, else a
    random key generated on first use and kept in the database, so pseudonyms stay stable from
    one export to the next without anyone having to manage a secret."""
    if configured:
        return configured
    insert_missing(conn, PipelineSetting, [{"key": PSEUDONYM_KEY, "value": secrets.token_hex(32)}])
    return conn.execute(
        select(PipelineSetting.value).where(PipelineSetting.key == PSEUDONYM_KEY)
    ).scalar_one()
