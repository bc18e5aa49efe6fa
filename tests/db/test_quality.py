"""The data-quality report: coverage against /version.json, null rates, failures, thresholds."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.engine import Engine

from db.models import CrawlRun, Quarantine, RawPage, Request, SiteStats
from stages import quality
from stages.summary import build_summary

NOW = datetime(2026, 11, 1, 12, tzinfo=UTC)


def _fill(engine: Engine, *, known: int, site: int, untitled: int = 0) -> None:
    with engine.begin() as conn:
        conn.execute(SiteStats.__table__.insert(), {"visible_request_count": site, "data": {}})
        conn.execute(
            Request.__table__.insert(),
            [
                {
                    "id": 1000 + i,
                    "title": None if i < untitled else f"Request {i}",
                    "authority_id": None,
                    "described_state": "successful",
                    "status": "successful",
                    "created_at": NOW,
                    "visibility": "public",
                    "tags": [],
                }
                for i in range(known)
            ],
        )


def test_full_coverage_and_clean_fields_pass(engine: Engine) -> None:
    _fill(engine, known=50, site=50)
    with engine.connect() as conn:
        report = quality.measure(conn, quality.Thresholds(max_null_rate=1.0))
    assert report.metrics["coverage"] == 1.0
    assert report.metrics["null_rates"]["requests.title"] == 0.0
    assert report.passed


def test_low_coverage_fails_with_a_reason(engine: Engine) -> None:
    _fill(engine, known=90, site=100)
    with engine.connect() as conn:
        report = quality.measure(conn, quality.Thresholds(max_null_rate=1.0))
    assert report.metrics["coverage"] == 0.9
    assert report.failures == ["coverage 90.00% < 98%"]


def test_null_rate_past_threshold_fails(engine: Engine) -> None:
    _fill(engine, known=10, site=10, untitled=3)
    with engine.connect() as conn:
        report = quality.measure(conn, quality.Thresholds(max_null_rate=0.1))
    assert report.metrics["null_rates"]["requests.title"] == 0.3
    assert any(f.startswith("requests.title null in 30.0%") for f in report.failures)


def test_quarantine_and_fetch_errors_are_counted_and_recorded(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            RawPage.__table__.insert(),
            {
                "url": "/request/x",
                "kind": "thread_html",
                "http_status": 200,
                "content_sha256": "0" * 64,
                "body": b"",
                "body_size": 0,
            },
        )
        conn.execute(
            Quarantine.__table__.insert(),
            {
                "stage": "parse",
                "entity_key": "raw_page:1",
                "reason": "thread_parse_error",
                "raw_page_id": 1,
            },
        )
        conn.execute(
            CrawlRun.__table__.insert(),
            {
                "spider": "threads",
                "stats": {
                    "responses_by_status": {"200": 40, "304": 3, "503": 4},
                    "exceptions": {"ConnectionLost": 2},
                },
            },
        )
    report = quality.record(engine)
    assert report.metrics["quarantine_by_reason"] == {"thread_parse_error": 1}
    assert report.metrics["parse_failure_rate"] == 1.0
    assert report.metrics["fetch_errors"] == {"ConnectionLost": 2, "http_503": 4}
    assert not report.passed
    stored = quality.latest(engine)
    assert stored is not None and stored["passed"] is False
    assert build_summary(engine)["quarantined"] == 1
