"""`wdtk refresh`, `wdtk analyse` and `wdtk serve`: the flows from the shell (`wdtk demo`:
flows/cli/demo.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import typer

from flows import prefect_env
from flows.cli.common import announce_prefect, fail, print_json, settings
from flows.cli.crawl import crawl_settings
from stages.export import FORMATS

DASK_HELP = "Spread attachment and letter batches over local processes (needs the dask extra)."


def _dask_runner() -> Any:
    from flows.refresh import dask_task_runner

    try:
        return dask_task_runner()
    except ImportError as exc:
        fail(str(exc))


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} must be a date like 2026-11-01, got {value!r}")


def refresh(
    base_url: str | None = typer.Option(None, help="Alaveteli site (default WDTK_BASE_URL)."),
    rate: float | None = typer.Option(
        None, help="Requests per second (0: no limit, loopback only)."
    ),
    limit: int | None = typer.Option(None, help="At most this many items per spider."),
    since: str | None = typer.Option(None, help="Discover activity from this date (YYYY-MM-DD)."),
    formats: str = typer.Option(
        ",".join(FORMATS), "--format", help="Export formats; '' for none."
    ),
    dask: bool = typer.Option(False, "--dask", help=DASK_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the flow's result as JSON."),
) -> None:
    """Run the main job: harvest, normalise, analyse, check quality, export.

    Example: wdtk refresh --base-url http://127.0.0.1:8800 --rate 0
    """
    crawl_settings(base_url, rate)  # refuse at once what the crawl would refuse
    prefect_env.configure()
    announce_prefect()
    from flows.refresh import refresh as refresh_flow

    if dask:
        _dask_runner()  # one clear error before anything starts
    result = refresh_flow(
        base_url=base_url,
        rate=rate,
        limit=limit,
        since=_date(since, "--since"),
        formats=[f for f in formats.split(",") if f],
        dask=dask,
    )
    if as_json:
        print_json(result)


def analyse(
    as_of: str | None = typer.Option(None, help="Judge deadlines as of this date (default today)."),
    redo: bool = typer.Option(
        False,
        help="Extract every stored attachment again and read every request's letters again "
        "(after an extractor or reader change); fetches nothing.",
    ),
    dask: bool = typer.Option(False, "--dask", help=DASK_HELP),
) -> None:
    """Extract attachment text and read the letters of changed requests.

    Example: wdtk analyse --dask
    """
    settings()
    prefect_env.configure()
    announce_prefect()
    from flows.refresh import analyse as analyse_flow

    flow = analyse_flow.with_options(task_runner=_dask_runner()) if dask else analyse_flow
    print_json(flow(as_of=_date(as_of, "--as-of"), redo=redo))


def serve(
    interval: float | None = typer.Option(
        None, help="Run every N seconds instead of the cron schedules (for trying it out)."
    ),
    only: list[str] = typer.Option(
        [], "--only", help="Serve only this schedule (repeatable), e.g. daily-refresh."
    ),
) -> None:
    """Serve the scheduled deployments (daily refresh, weekly authorities, monthly export).

    Starts a local Prefect server when PREFECT_API_URL is unset. Example: wdtk serve
    """
    settings()
    from flows.deployments import serve_all

    try:
        serve_all(interval, only)
    except ValueError as exc:
        fail(str(exc))


def register(app: typer.Typer) -> None:
    app.command("refresh")(refresh)
    app.command("analyse")(analyse)
    app.command("serve")(serve)
