"""What a database holds, in the terms a reader cares about (for `wdtk demo` and flow results).

Overdue is counted the one way ``pipeline.timeliness`` defines it (request_analyses.timeliness
= 'overdue', judged on the analysis date); beside it, labelled as such, the site's own overdue
status and the ``overdue_now`` view, which applies the same rule as of today."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Connection, Engine

from db.base import Base
from db.models import (
    Attachment,
    Authority,
    CrawlRun,
    LetterAnalysis,
    Message,
    ProvisionCitation,
    Quarantine,
    Request,
    RequestAnalysis,
)
from db.provenance import CRAWL_SPIDERS

# The calculated status the site itself shows on a request page past its due date.
SITE_OVERDUE_STATES = ("waiting_response_overdue", "waiting_response_very_overdue")


def _grouped(conn: Connection, column: Any, *where: Any) -> dict[str, int]:
    stmt = select(column, func.count()).where(*where).group_by(column).order_by(func.count().desc())
    return {str(key): count for key, count in conn.execute(stmt)}


def _count(conn: Connection, model: type[Base], *where: Any) -> int:
    return conn.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def build_summary(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        return {
            "authorities": _count(conn, Authority),
            "requests": _count(conn, Request),
            "requests_by_status": _grouped(conn, Request.status),
            "requests_by_visibility": _grouped(conn, Request.visibility),
            "messages_by_kind": _grouped(conn, Message.kind),
            "attachments": _count(conn, Attachment),
            "attachments_downloaded": _count(
                conn, Attachment, Attachment.download_status == "downloaded"
            ),
            "attachments_with_text": _count(conn, Attachment, Attachment.extraction_status == "ok"),
            "letters_analysed": _count(conn, LetterAnalysis),
            "letters_by_kind": _grouped(conn, LetterAnalysis.kind),
            "outcomes": _grouped(
                conn, RequestAnalysis.outcome, RequestAnalysis.outcome.is_not(None)
            ),
            "timeliness": _grouped(
                conn, RequestAnalysis.timeliness, RequestAnalysis.timeliness.is_not(None)
            ),
            "overdue": _count(conn, RequestAnalysis, RequestAnalysis.timeliness == "overdue"),
            "site_shows_overdue": _count(conn, Request, Request.status.in_(SITE_OVERDUE_STATES)),
            "overdue_now_view": _overdue_now_view(conn),
            "crawl": _last_crawls(conn),
            "top_provisions": dict(
                list(
                    _grouped(
                        conn, ProvisionCitation.citation, ProvisionCitation.role == "relied_on"
                    ).items()
                )[:10]
            ),
            "quarantined": _count(conn, Quarantine, Quarantine.resolved_at.is_(None)),
        }


def _overdue_now_view(conn: Any) -> dict[str, int]:
    """Rows of the overdue_now view by kind (response, internal_review), as of today."""
    if "overdue_now" not in inspect(conn).get_view_names():
        return {}
    rows = conn.execute(text("SELECT kind, COUNT(*) FROM overdue_now GROUP BY kind ORDER BY kind"))
    return {str(kind): int(n) for kind, n in rows}


def _last_crawls(conn: Any) -> dict[str, dict[str, Any]]:
    """Each spider's latest run: pages fetched, items written, and how many requests were
    due (the threads spider fetches only requests whose re-check has come round)."""
    out: dict[str, dict[str, Any]] = {}
    for spider in CRAWL_SPIDERS:
        row = conn.execute(
            select(CrawlRun.status, CrawlRun.pages, CrawlRun.items, CrawlRun.stats)
            .where(CrawlRun.spider == spider)
            .order_by(CrawlRun.id.desc())
            .limit(1)
        ).first()
        if row is not None:
            counters = (row.stats or {}).get("counters") or {}
            out[spider] = {
                "status": row.status,
                "pages": row.pages,
                "items": row.items,
                "due": counters.get("due"),
            }
    return out
