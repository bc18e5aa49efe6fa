"""`wdtk refresh`, `wdtk analyse`, `wdtk serve` and `wdtk demo`: the flows from the shell."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from flows import prefect_env
from flows.cli.common import fail, print_json, settings
from flows.cli.crawl import crawl_settings

DASK_HELP = "Spread attachment and letter batches over local processes (needs the dask extra)."


def _announce_prefect() -> None:
    note = prefect_env.startup_note()
    if note:
        typer.echo(f"wdtk: {note}", err=True)


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
        "csv,jsonl,parquet,sqlite", "--format", help="Export formats; '' for none."
    ),
    dask: bool = typer.Option(False, "--dask", help=DASK_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the flow's result as JSON."),
) -> None:
    """Run the main job: harvest, normalise, analyse, check quality, export.

    Example: wdtk refresh --base-url http://127.0.0.1:8800 --rate 0
    """
    crawl_settings(base_url, rate)  # refuse at once what the crawl would refuse
    prefect_env.configure()
    _announce_prefect()
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
    redo: bool = typer.Option(False, help="Analyse every request again, not only changed ones."),
    dask: bool = typer.Option(False, "--dask", help=DASK_HELP),
) -> None:
    """Extract attachment text and read the letters of changed requests.

    Example: wdtk analyse --dask
    """
    settings()
    prefect_env.configure()
    _announce_prefect()
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


def demo(
    requests: int = typer.Option(300, help="Requests in the replica's corpus."),
    seed: int = typer.Option(7, help="Corpus seed."),
    database: Path = typer.Option(Path("wdtk-demo.sqlite3"), help="SQLite file to build."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Offline, end to end: serve a replica of the site, refresh from it, show what was built.

    Example: wdtk demo
    """
    from flows.demo import DemoOptions, run_demo

    prefect_env.configure()
    _announce_prefect()
    started = datetime.now()
    result = run_demo(DemoOptions(requests=requests, seed=seed, database=database))
    result["seconds"] = round((datetime.now() - started).total_seconds(), 1)
    if as_json:
        print_json(result)
        return
    _print_demo(result)


def _print_demo(result: dict[str, Any]) -> None:
    console = Console()
    s = result["summary"]
    console.rule("wdtk demo: what was built")
    table = Table("what", "count", show_header=False)
    table.add_row("authorities", f"{s['authorities']:,}")
    table.add_row(
        "requests", f"{s['requests']:,} (replica shows {result['replica']['visible']:,} visible)"
    )
    table.add_row("messages", ", ".join(f"{k} {v:,}" for k, v in s["messages_by_kind"].items()))
    table.add_row(
        "attachments",
        f"{s['attachments']:,} listed, {s['attachments_downloaded']:,} downloaded, {s['attachments_with_text']:,} with text",
    )
    table.add_row("letters analysed", f"{s['letters_analysed']:,}")
    table.add_row("overdue now", f"{s['overdue_now']:,}")
    table.add_row("quarantined", f"{s['quarantined']:,}")
    console.print(table)
    for title, key in (
        ("requests by status", "requests_by_status"),
        ("outcomes (from the letters)", "outcomes"),
        ("timeliness", "timeliness"),
        ("top provisions cited", "top_provisions"),
    ):
        console.print(f"[bold]{title}[/]: " + ", ".join(f"{k} {v}" for k, v in s[key].items()))
    quality = result["quality"]
    console.print(
        f"[bold]data quality[/]: {'passed' if quality['passed'] else 'FAILED: ' + '; '.join(quality['failures'])} (coverage {quality['metrics'].get('coverage')})"
    )
    if result.get("export"):
        console.print(f"[bold]export[/]: {result['export']['path']}")
    for failure in result["failures"]:
        console.print(f"[yellow]stage failure[/]: {failure}")
    console.print(f"database: {result['database']}  (open it with: sqlite3 {result['database']})")
    console.print(f"took {result['seconds']} s")


def register(app: typer.Typer) -> None:
    app.command("refresh")(refresh)
    app.command("analyse")(analyse)
    app.command("serve")(serve)
    app.command("demo")(demo)
