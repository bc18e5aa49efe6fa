"""Crawl runs (table ``crawl_runs``): one row per spider run, with its figures.

A row is opened as ``running`` before the spider starts, so a killed run stays visible as such
(its ``finished_at`` is null); the spider's closing figures are written at the end.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from db.base import utcnow
from db.models import CrawlRun


def start_run(engine: Engine, spider: str, base_url: str) -> int:
    with engine.begin() as conn:
        result = conn.execute(
            insert(CrawlRun).values(
                spider=spider,
                base_url=base_url,
                started_at=utcnow(),
                status="running",
                pages=0,
                items=0,
                errors=0,
                retries=0,
                stats={},
            )
        )
        return int(result.inserted_primary_key[0])


def finish_run(engine: Engine, run_id: int, status: str, summary: dict[str, Any]) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id)
            .values(
                finished_at=utcnow(),
                status=status,
                pages=int(summary.get("pages", 0)),
                items=int(summary.get("items", 0)),
                errors=int(summary.get("errors", 0)),
                retries=int(summary.get("retries", 0)),
                stats=summary,
            )
        )


def last_finished_stats(engine: Engine, spider: str, base_url: str) -> dict[str, Any] | None:
    """Figures of the newest run of ``spider`` on ``base_url`` that finished normally."""
    with engine.connect() as conn:
        row = conn.execute(
            select(CrawlRun.stats)
            .where(
                CrawlRun.spider == spider,
                CrawlRun.base_url == base_url,
                CrawlRun.status == "finished",
            )
            .order_by(CrawlRun.id.desc())
            .limit(1)
        ).first()
    return dict(row[0]) if row and row[0] else None
