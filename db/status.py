"""What is in the database: per-table row counts and the latest crawl run."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Engine

from db.models import CrawlRun, metadata


def table_counts(engine: Engine) -> dict[str, int | None]:
    """Row count per table of the schema; None for a table the database does not have yet."""
    present = set(inspect(engine).get_table_names())
    counts: dict[str, int | None] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            if table.name in present:
                counts[table.name] = conn.execute(
                    select(func.count()).select_from(table)
                ).scalar_one()
            else:
                counts[table.name] = None
    return dict(sorted(counts.items()))


def last_crawl_run(engine: Engine) -> dict[str, Any] | None:
    if "crawl_runs" not in inspect(engine).get_table_names():
        return None
    with engine.connect() as conn:
        row = (
            conn.execute(
                select(CrawlRun.__table__)
                .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
                .limit(1)
            )
            .mappings()
            .first()
        )
    if row is None:
        return None
    run = dict(row)
    return {
        key: (value.isoformat() if hasattr(value, "isoformat") else value)
        for key, value in run.items()
    }
