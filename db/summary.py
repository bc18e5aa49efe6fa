"""What a database holds, in the terms a reader cares about (for `wdtk demo` and flow results)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from db.models import (
    Attachment,
    Authority,
    LetterAnalysis,
    Message,
    ProvisionCitation,
    Quarantine,
    Request,
    RequestAnalysis,
)

OVERDUE_STATES = ("waiting_response_overdue", "waiting_response_very_overdue")


def _grouped(conn: Any, column: Any, *where: Any) -> dict[str, int]:
    stmt = select(column, func.count()).where(*where).group_by(column).order_by(func.count().desc())
    return {str(key): count for key, count in conn.execute(stmt)}


def _count(conn: Any, model: Any, *where: Any) -> int:
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
            "overdue_now": _count(conn, Request, Request.status.in_(OVERDUE_STATES)),
            "top_provisions": dict(
                list(
                    _grouped(
                        conn, ProvisionCitation.citation, ProvisionCitation.role == "relied_on"
                    ).items()
                )[:10]
            ),
            "quarantined": _count(conn, Quarantine, Quarantine.resolved_at.is_(None)),
        }
