"""Data-quality report after a refresh: coverage, per-field null rates, failures, quarantine.

Users rely on the data not breaking silently, so every refresh measures itself, stores the
figures in ``data_quality_reports`` and fails past configurable thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection, Engine

from db.models import (
    Attachment,
    CrawlRun,
    DataQualityReport,
    Message,
    Quarantine,
    RawPage,
    Request,
    SiteStats,
)
from pipeline.visibility import LISTED


@dataclass(frozen=True, slots=True)
class Thresholds:
    min_coverage: float = 0.98  # known public requests / the site's visible_request_count
    max_null_rate: float = 0.02  # per checked field
    max_parse_failure_rate: float = 0.01  # unresolved parse quarantine / raw pages


@dataclass(slots=True)
class QualityReport:
    metrics: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


# (name, model, column, extra condition) — fields that should always be filled.
NULL_CHECKS: tuple[tuple[str, Any, Any, Any], ...] = (
    ("requests.title", Request, Request.title, Request.visibility.in_(LISTED)),
    ("requests.authority_id", Request, Request.authority_id, Request.visibility.in_(LISTED)),
    ("requests.described_state", Request, Request.described_state, Request.visibility.in_(LISTED)),
    ("requests.created_at", Request, Request.created_at, Request.visibility.in_(LISTED)),
    ("messages.sent_at", Message, Message.sent_at, Message.kind != "annotation"),
    ("messages.body_text", Message, Message.body_text, Message.prominence == "normal"),
    ("attachments.filename", Attachment, Attachment.filename, Attachment.hidden.is_(False)),
)


def _rate(conn: Connection, model: Any, column: Any, condition: Any) -> tuple[float | None, int]:
    total = conn.execute(select(func.count()).select_from(model).where(condition)).scalar_one()
    if not total:
        return None, 0
    missing = conn.execute(
        select(func.count()).select_from(model).where(condition, column.is_(None))
    ).scalar_one()
    return missing / total, total


def measure(conn: Connection, thresholds: Thresholds = Thresholds()) -> QualityReport:
    report = QualityReport()
    m = report.metrics
    site = conn.execute(
        select(SiteStats.visible_request_count).order_by(SiteStats.fetched_at.desc()).limit(1)
    ).scalar()
    known = conn.execute(
        select(func.count()).select_from(Request).where(Request.visibility.in_(LISTED))
    ).scalar_one()
    m["site_visible_request_count"] = site
    m["known_public_requests"] = known
    m["coverage"] = round(known / site, 4) if site else None
    if m["coverage"] is not None and m["coverage"] < thresholds.min_coverage:
        report.failures.append(f"coverage {m['coverage']:.2%} < {thresholds.min_coverage:.0%}")

    nulls: dict[str, float | None] = {}
    for name, model, column, condition in NULL_CHECKS:
        rate, total = _rate(conn, model, column, condition)
        nulls[name] = None if rate is None else round(rate, 4)
        if rate is not None and rate > thresholds.max_null_rate:
            report.failures.append(f"{name} null in {rate:.1%} of {total} rows")
    m["null_rates"] = nulls

    raw_pages = conn.execute(select(func.count()).select_from(RawPage)).scalar_one()
    open_q = Quarantine.resolved_at.is_(None)
    by_stage = dict(
        conn.execute(
            select(Quarantine.stage, func.count()).where(open_q).group_by(Quarantine.stage)
        )
        .tuples()
        .all()
    )
    by_reason = dict(
        conn.execute(
            select(Quarantine.reason, func.count()).where(open_q).group_by(Quarantine.reason)
        )
        .tuples()
        .all()
    )
    m["quarantine_by_stage"] = by_stage
    m["quarantine_by_reason"] = by_reason
    parse_failures = by_stage.get("parse", 0) + by_stage.get("normalise", 0)
    m["parse_failure_rate"] = round(parse_failures / raw_pages, 4) if raw_pages else None
    if m["parse_failure_rate"] and m["parse_failure_rate"] > thresholds.max_parse_failure_rate:
        report.failures.append(
            f"parse failures {m['parse_failure_rate']:.1%} of raw pages > "
            f"{thresholds.max_parse_failure_rate:.0%}"
        )
    m["fetch_errors"] = _fetch_errors(conn)
    return report


def _fetch_errors(conn: Connection) -> dict[str, int]:
    """Errors of the newest run of each spider, by kind: HTTP status (not 2xx/3xx) or exception."""
    errors: dict[str, int] = {}
    newest = (
        select(CrawlRun.spider, func.max(CrawlRun.id).label("id"))
        .group_by(CrawlRun.spider)
        .subquery()
    )
    for (stats,) in conn.execute(select(CrawlRun.stats).join(newest, CrawlRun.id == newest.c.id)):
        stats = stats or {}
        for status, count in (stats.get("responses_by_status") or {}).items():
            if not str(status).startswith(("2", "3")):
                errors[f"http_{status}"] = errors.get(f"http_{status}", 0) + int(count)
        for name, count in (stats.get("exceptions") or {}).items():
            errors[name] = errors.get(name, 0) + int(count)
    return dict(sorted(errors.items()))


def record(
    engine: Engine, crawl_run_id: int | None = None, thresholds: Thresholds = Thresholds()
) -> QualityReport:
    """Measure, store a data_quality_reports row, and return the report."""
    with engine.begin() as conn:
        report = measure(conn, thresholds)
        conn.execute(
            insert(DataQualityReport),
            {
                "crawl_run_id": crawl_run_id,
                "passed": report.passed,
                "metrics": report.metrics,
                "failures": report.failures,
            },
        )
    return report


def latest(engine: Engine) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = (
            conn.execute(
                select(DataQualityReport.__table__).order_by(DataQualityReport.id.desc()).limit(1)
            )
            .mappings()
            .first()
        )
    return dict(row) if row else None
