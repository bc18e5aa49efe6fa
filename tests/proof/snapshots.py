"""Whole-database comparison on natural keys, ignoring bookkeeping times and surrogate ids."""

from __future__ import annotations

import hashlib
import zlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.models import RawPage, metadata

# When a row was written, not what it says: differs between two runs that agree on the data.
BOOKKEEPING = frozenset(
    {
        "first_seen_at",
        "last_changed_at",
        "last_seen_at",
        "analysed_at",
        "extracted_at",
        "resolved_at",
        "started_at",
        "finished_at",
        "created_on",
        "downloaded_at",
        "captured_at",  # when our copy was fetched: a live crawl's own clock, not the site's
    }
)
# Tables about runs rather than about the site (their rows are one per run by design).
RUN_TABLES = frozenset({"crawl_runs", "data_quality_reports", "export_runs"})
# Tables whose integer id is a surrogate (no meaning on the site).
SURROGATE = frozenset({"quarantine", "site_stats", "authority_changes"})


def _key(value: Any) -> tuple[str, str]:
    return (type(value).__name__, repr(value))


def content(engine: Engine, ignore: frozenset[str] = frozenset()) -> dict[str, list[tuple]]:
    """Every table but the run logs, as sorted tuples of its non-bookkeeping columns (and
    not the ``ignore`` ones)."""
    out: dict[str, list[tuple]] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            if table.name in RUN_TABLES:
                continue
            columns = [
                c
                for c in table.columns
                if c.name not in BOOKKEEPING | ignore
                and not (c.name == "id" and table.name in SURROGATE)
                and not (table.name == "raw_pages" and c.name == "crawl_run_id")
            ]
            rows = [tuple(r) for r in conn.execute(select(*columns))]
            out[table.name] = sorted(rows, key=lambda row: [_key(v) for v in row])
    return out


def add_page(session: Session, url: str, kind: str, body: bytes, request_id: int | None) -> None:
    from datetime import UTC, datetime

    at = datetime(2026, 11, 1, 12, tzinfo=UTC)
    session.add(
        RawPage(
            url=url, kind=kind, request_id=request_id, http_status=200, fetched_at=at,
            last_fetched_at=at, content_sha256=hashlib.sha256(body).hexdigest(),
            body=zlib.compress(body), body_size=len(body), compression="zlib",
        )
    )  # fmt: skip
