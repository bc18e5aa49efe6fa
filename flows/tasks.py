"""Prefect tasks: each wraps one library call, retries only what is worth retrying (I/O),
and logs the figures it returns. No business logic lives here."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from prefect import get_run_logger, task
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.engine import make_engine
from pipeline.config import Settings


def settings_for(base_url: str | None = None, rate: float | None = None) -> Settings:
    config = Settings.from_env()
    if base_url:
        config = replace(config, base_url=base_url.rstrip("/"))
    if rate is not None:
        config = replace(config, rate=rate)
    return config


@contextmanager
def database(config: Settings | None = None) -> Iterator[Engine]:
    """An engine on the configured database for one task, disposed of however it ends."""
    engine = make_engine((config or settings_for()).database_url)
    try:
        yield engine
    finally:
        engine.dispose()


class _ProgressLog:
    """Log a crawl's PROGRESS figures at most every ``every`` seconds."""

    def __init__(self, spider: str, every: float = 5.0) -> None:
        self.spider, self.every, self.last = spider, every, 0.0

    def __call__(self, figures: dict[str, Any]) -> None:
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            shown = ", ".join(f"{k}={v}" for k, v in figures.items() if isinstance(v, int | float))
            get_run_logger().info("%s: %s", self.spider, shown)


def _retry_crawl(task: Any, task_run: Any, state: Any) -> bool:
    """Retry crawls that failed for passing reasons, never one the site stopped (403 breaker)."""
    try:
        state.result()
    except BlockedBySite:
        return False
    except Exception:
        return True
    return False


class BlockedBySite(RuntimeError):
    """The crawl's circuit breaker tripped on repeated 403s: retrying would be impolite."""


@task(
    name="crawl",
    retries=2,
    retry_delay_seconds=20,
    retry_condition_fn=_retry_crawl,
    timeout_seconds=12 * 3600,
)
def crawl(
    spider: str,
    base_url: str | None = None,
    rate: float | None = None,
    limit: int | None = None,
    since: str | None = None,
    full: bool = False,
) -> dict[str, Any]:
    """One spider in a child process (Twisted's reactor cannot restart inside a worker)."""
    from scraper.launch import run_spider

    config = settings_for(base_url, rate)
    result = run_spider(
        spider, config, limit=limit, since=since, full=full, on_progress=_ProgressLog(spider)
    )
    get_run_logger().info("%s finished: %s", spider, _figures(result))
    if result.get("finish_reason") == "circuit_breaker_403":
        raise BlockedBySite(f"crawl {spider} stopped by repeated 403s: {_figures(result)}")
    if result.get("exit_code"):
        raise RuntimeError(f"crawl {spider} exited with {result['exit_code']}: {_figures(result)}")
    return result


def _figures(result: dict[str, Any]) -> str:
    keys = ("pages", "items", "errors", "retries", "left", "finish_reason")
    return ", ".join(f"{k}={result[k]}" for k in keys if k in result)


@task(name="normalise", retries=1, retry_delay_seconds=5)
def normalise(reprocess: bool = False) -> dict[str, Any]:
    """Raw pages to rows; a page that fails goes to quarantine and the rest carry on."""
    from stages.normalise import normalise_committed

    config = settings_for()
    with database(config) as engine, Session(engine) as session:
        report = normalise_committed(
            session,
            reprocess=reprocess,
            pseudonym_key=config.pseudonym_key,
            workers=config.parse_workers,
        ).as_dict()
    get_run_logger().info("normalised: %s", report)
    return report


@task(name="list-work")
def list_work(kind: str, since: datetime | None = None, redo: bool = False) -> list[Any]:
    """The keys a stage has to process, read once so they can be handed out in batches
    (``redo``: every downloaded attachment's stored file, extracted again)."""
    from stages.analyse import requests_to_analyse
    from stages.extract import pending_extractions

    with database() as engine, Session(engine) as session:
        if kind == "extract":
            return [list(key) for key in pending_extractions(session, redo=redo)]
        return requests_to_analyse(session, since)


# No timeout_seconds on the batch tasks: they are submitted to Prefect's thread pool, where a
# timeout cannot interrupt blocking work, and Prefect warned so once per batch ("Timeout of
# 3600.0 seconds configured … worker thread"). Each file is read in a child process with its
# own time limit (pipeline.extract), and the letter rules are plain regular expressions.
@task(name="extract-batch", retries=1, retry_delay_seconds=5)
def extract_batch(keys: Sequence[Sequence[int]]) -> dict[str, int]:
    """Text of a batch of attachments (each file in its own limited worker process)."""
    from stages.extract import extract_attachments

    config = settings_for()
    with database(config) as engine, Session(engine) as session, session.begin():
        statuses = extract_attachments(
            session, Path(config.data_dir), [(int(m), int(p)) for m, p in keys]
        )
    get_run_logger().info("extracted %d attachments: %s", len(keys), statuses)
    return statuses


@task(name="analyse-batch", retries=1, retry_delay_seconds=5)
def analyse_batch(request_ids: Sequence[int], as_of: date) -> int:
    """Letters, internal reviews, timeliness and outcome for a batch of requests."""
    from stages.analyse import analyse_requests

    with database() as engine, Session(engine) as session, session.begin():
        done = analyse_requests(session, request_ids, as_of)
    get_run_logger().info("analysed %d requests", done)
    return done


@task(name="quality-report")
def quality_report(crawl_run_id: int | None = None) -> dict[str, Any]:
    from stages import quality

    with database() as engine:
        report = quality.record(engine, crawl_run_id)
    logger = get_run_logger()
    logger.info("data quality: %s", report.metrics)
    for failure in report.failures:
        logger.warning("data quality: %s", failure)
    return {"passed": report.passed, "metrics": report.metrics, "failures": report.failures}


@task(name="export", retries=1, retry_delay_seconds=10)
def export(
    formats: Sequence[str], out_dir: str | None = None, incremental: bool = False
) -> dict[str, Any]:
    from stages.export import ExportOptions, export_dataset

    config = settings_for()
    with database(config) as engine:
        result = export_dataset(
            engine,
            ExportOptions(
                out_dir=Path(out_dir) if out_dir else config.export_dir,
                formats=tuple(formats),
                incremental=incremental,
                pseudonym_key=config.pseudonym_key,
                data_license=config.data_license,
            ),
        )
    get_run_logger().info("exported %s to %s: %s", result.version, result.path, result.row_counts)
    return {"version": result.version, "path": str(result.path), "row_counts": result.row_counts}


@task(name="start-run")
def start_run(stage: str, base_url: str | None = None) -> int:
    from scraper.runs import start_run as start

    with database() as engine:
        return start(engine, stage, base_url or settings_for().base_url)


@task(name="finish-run")
def finish_run(run_id: int, status: str, summary: dict[str, Any]) -> None:
    from scraper.runs import finish_run as finish

    with database() as engine:
        finish(engine, run_id, status, summary)


@task(name="last-run-start")
def last_run_start(stage: str) -> datetime | None:
    """When the last finished run of ``stage`` started: the watermark for incremental work."""
    from sqlalchemy import select

    from db.models import CrawlRun

    with database() as engine, engine.connect() as conn:
        return conn.execute(
            select(CrawlRun.started_at)
            .where(CrawlRun.spider == stage, CrawlRun.status == "finished")
            .order_by(CrawlRun.id.desc())
            .limit(1)
        ).scalar()
