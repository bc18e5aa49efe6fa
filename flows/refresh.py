"""The pipeline as Prefect flows: ``refresh`` (the main job) and the stages that also run alone.

refresh = harvest → normalise → analyse → quality report → export. Work is handed out in
batches (never a task per request), and a batch or stage that still fails after its retries is
reported in the flow's result and logs without failing the refresh: the rest of the data
still moves. Only a failed data-quality threshold fails the flow, on purpose.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, TypedDict

from prefect import flow, get_run_logger
from prefect.client.schemas.objects import State

from db.provenance import CRAWL_SPIDERS
from flows import reaping, tasks
from scraper.politeness import check_allowed
from stages.crawl_plan import crawl_plan
from stages.export import FORMATS

SPIDERS = CRAWL_SPIDERS
DEFAULT_FORMATS = FORMATS


class _CrawlArgs(TypedDict):
    """What refresh passes to both of its harvests."""

    base_url: str | None
    rate: float | None
    limit: int | None
    since: date | None


class QualityGateFailed(RuntimeError):
    """The refresh produced data past the data-quality thresholds."""


def dask_task_runner() -> Any:
    """A Dask runner over local processes for the CPU-heavy batches (the ``dask`` extra)."""
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as exc:
        raise ImportError(
            "the Dask runner needs prefect-dask: python3 -m uv sync --extra dask"
        ) from exc
    return DaskTaskRunner(
        cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True}
    )


def _chunks(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _outcome(state: State[Any], label: str, failures: list[str]) -> Any:
    """The task's result, or None with the failure recorded (after its retries)."""
    if state.is_completed():
        return state.result()
    message = state.message or state.name
    failures.append(f"{label}: {message}")
    get_run_logger().error("%s failed after retries: %s", label, message)
    return None


@flow(name="harvest", log_prints=True)
def harvest(
    base_url: str | None = None,
    rate: float | None = None,
    limit: int | None = None,
    since: date | None = None,
    spiders: Sequence[str] = SPIDERS,
    full: bool = False,
) -> dict[str, Any]:
    """Crawl the site: authorities, discovery, threads, attachments (each in a child process).

    A crawl that may not run as configured (a live site without WDTK_CONTACT, no rate limit
    off loopback) fails the flow at once: retrying cannot fix a setting.
    """
    check_allowed(tasks.settings_for(base_url, rate))
    failures: list[str] = []
    figures: dict[str, Any] = {}
    for spider in spiders:
        state = tasks.crawl(
            spider,
            base_url=base_url,
            rate=rate,
            limit=limit,
            since=since.isoformat() if since else None,
            full=full,
            return_state=True,
        )
        figures[spider] = _outcome(state, f"crawl {spider}", failures)
    return {"spiders": figures, "failures": failures}


@flow(name="normalise")
def normalise(reprocess: bool = False) -> dict[str, Any]:
    """Parse stored raw pages into rows; failures are quarantined, not fatal."""
    failures: list[str] = []
    report = _outcome(tasks.normalise(reprocess, return_state=True), "normalise", failures)
    return {"report": report, "failures": failures}


def _analyse(as_of: date, batch_size: int, redo: bool, failures: list[str]) -> dict[str, Any]:
    """The analyse flow's work, between opening and closing its crawl_runs row."""
    since = None if redo else tasks.last_run_start("analyse")

    keys = tasks.list_work("extract", redo=redo)
    extract_futures = [tasks.extract_batch.submit(batch) for batch in _chunks(keys, 20)]
    statuses: dict[str, int] = {}
    for n, future in enumerate(extract_futures):
        future.wait()
        result = _outcome(future.state, f"extract batch {n}", failures)
        for status, count in (result or {}).items():
            statuses[status] = statuses.get(status, 0) + count

    request_ids = tasks.list_work("analyse", since)
    futures = [tasks.analyse_batch.submit(b, as_of) for b in _chunks(request_ids, batch_size)]
    analysed = 0
    for n, analyse_future in enumerate(futures):
        analyse_future.wait()
        analysed += _outcome(analyse_future.state, f"analyse batch {n}", failures) or 0
    summary = {
        "attachments": len(keys),
        "extraction": statuses,
        "requests": analysed,
        "batches": len(extract_futures) + len(futures),
        "failures": failures,
    }
    return summary


@flow(name="analyse")
def analyse(as_of: date | None = None, batch_size: int = 200, redo: bool = False) -> dict[str, Any]:
    """Attachment text, then letters, reviews, timeliness and outcomes, in batches.

    Only what is stored is read: attachment files already downloaded, message bodies already
    parsed. ``redo`` extracts every stored attachment file again and reads every request's
    letters again (after a change to the extractor or the reader); without it, new
    attachments are extracted and new, changed or older-analyser requests are read.
    Pass a Dask task runner (``wdtk refresh --dask``) to spread the batches over processes.
    """
    as_of = as_of or datetime.now(UTC).date()
    failures: list[str] = []
    run_id = tasks.start_run("analyse")
    try:
        summary = _analyse(as_of, batch_size, redo, failures)
    except BaseException as exc:
        tasks.finish_run(run_id, "failed", {"error": str(exc) or type(exc).__name__})
        raise
    status = "failed" if failures else "finished"
    tasks.finish_run(run_id, status, {"items": summary["requests"], **summary})
    return summary


@flow(name="export")
def export(
    formats: Sequence[str] = DEFAULT_FORMATS, out_dir: str | None = None, incremental: bool = False
) -> dict[str, Any]:
    """Write the versioned dataset (pseudonymised, hidden requests left out)."""
    failures: list[str] = []
    result = _outcome(
        tasks.export(formats, out_dir, incremental, return_state=True), "export", failures
    )
    return {"result": result, "failures": failures}


@flow(name="refresh", log_prints=True)
def refresh(
    base_url: str | None = None,
    rate: float | None = None,
    limit: int | None = None,
    since: date | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    export_dir: str | None = None,
    as_of: date | None = None,
    enforce_quality: bool = True,
    dask: bool = False,
) -> dict[str, Any]:
    """The main job: bring the database up to date with the site and publish it.

    Attachment rows come from the normalised thread pages, so the attachments spider runs
    after a first normalise (``stages.crawl_plan``, the rule ``wdtk crawl all`` follows too).
    """
    check_allowed(tasks.settings_for(base_url, rate))  # before any stage, not after retries
    logger = get_run_logger()
    crawl: _CrawlArgs = {"base_url": base_url, "rate": rate, "limit": limit, "since": since}
    (fetch, downloads) = crawl_plan(SPIDERS)
    result: dict[str, Any] = {
        "harvest": harvest(spiders=fetch, **crawl),
        "normalise": normalise(),
        "attachments": harvest(spiders=downloads, **crawl),
    }
    analyse_flow = analyse.with_options(task_runner=dask_task_runner()) if dask else analyse
    result["analyse"] = analyse_flow(as_of=as_of)
    result["quality"] = tasks.quality_report()
    if formats:
        result["export"] = export(formats=formats, out_dir=export_dir)
    result["failures"] = [
        f for stage in ("harvest", "normalise", "attachments", "analyse", "export")
        for f in (result.get(stage) or {}).get("failures", [])
    ]  # fmt: skip
    logger.info("refresh finished with %d stage failure(s)", len(result["failures"]))
    if enforce_quality and not result["quality"]["passed"]:
        raise QualityGateFailed("; ".join(result["quality"]["failures"]))
    return result


reaping.track(harvest, normalise, analyse, export, refresh)  # label runs; mark dead ones
