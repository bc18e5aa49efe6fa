"""Helpers for the load/normalise tests: saved files, raw pages, whole-database snapshots."""

from __future__ import annotations

import hashlib
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.models import RawPage, metadata

FILES = Path(__file__).resolve().parents[1] / "files"
FETCHED = datetime(2024, 1, 21, 12, 0, tzinfo=UTC)


def read(name: str) -> bytes:
    return (FILES / name).read_bytes()


def add_raw_page(
    session: Session,
    url: str,
    kind: str,
    body: bytes,
    *,
    request_id: int | None = None,
    status: int = 200,
    fetched_at: datetime = FETCHED,
) -> int:
    """Store a page the way the crawler does (zlib-compressed, hashed); returns its id."""
    page = RawPage(
        url=url,
        kind=kind,
        request_id=request_id,
        http_status=status,
        fetched_at=fetched_at,
        last_fetched_at=fetched_at,
        content_sha256=hashlib.sha256(body).hexdigest(),
        body=zlib.compress(body),
        body_size=len(body),
        compression="zlib",
    )
    session.add(page)
    session.flush()
    return page.id


def snapshot(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, in primary-key order: equal snapshots mean nothing changed."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            order = list(table.primary_key.columns)
            tables[table.name] = [
                dict(r) for r in conn.execute(select(table).order_by(*order)).mappings()
            ]
    return tables
