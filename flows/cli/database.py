"""`wdtk db …` (schema) and `wdtk status` (what the database holds)."""

from __future__ import annotations

from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from db import migrate
from db.status import last_crawl_run, table_counts
from flows import reaping
from flows.cli.common import console as make_console
from flows.cli.common import open_database, print_json
from scraper.runs import troubled_runs
from stages import quality

db_app = typer.Typer(help="Create and migrate the pipeline database.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head", help="Target revision.")) -> None:
    """Create or migrate the schema (idempotent). Example: wdtk db upgrade"""
    engine = open_database(create=True)
    migrate.upgrade(engine, revision)
    typer.echo(f"database at revision {migrate.current_revision(engine)}")


@db_app.command("downgrade")
def db_downgrade(revision: str = typer.Argument(..., help="Target revision, e.g. base.")) -> None:
    """Migrate the schema down. Example: wdtk db downgrade base"""
    engine = open_database()
    migrate.downgrade(engine, revision)
    typer.echo(f"database at revision {migrate.current_revision(engine) or 'base'}")


@db_app.command("current")
def db_current() -> None:
    """Print the schema revision. Example: wdtk db current"""
    engine = open_database()
    typer.echo(migrate.current_revision(engine) or "base (empty database: run wdtk db upgrade)")


def status(
    as_json: bool = typer.Option(
        False,
        "--json",
        help="Table name to row count, as JSON, plus prefect_flow_runs (runs marked Crashed "
        "and runs still open).",
    ),
) -> None:
    """Row counts per table, the last crawl run and Prefect runs that crashed or still run.

    Example: wdtk status --json
    """
    engine = open_database()
    counts = table_counts(engine)
    flow_runs = reaping.status()
    if as_json:
        print_json({**counts, "prefect_flow_runs": flow_runs})
        return
    console = make_console()
    revision = migrate.current_revision(engine)
    console.print(f"database: {engine.url.render_as_string(hide_password=True)}")
    console.print(f"schema revision: {revision or 'none (run wdtk db upgrade)'}")
    table = Table("table", "rows")
    for name, count in counts.items():
        table.add_row(name, "-" if count is None else f"{count:,}")
    console.print(table)
    run = last_crawl_run(engine)
    if run is None:
        console.print("last crawl run: none")
    else:
        console.print(
            f"last crawl run: #{run['id']} {run['spider']} {run['status']} "
            f"started {run['started_at']} pages={run['pages']} items={run['items']} "
            f"errors={run['errors']}"
        )
    _print_troubled_runs(console, engine)
    _print_flow_runs(console, flow_runs)
    report = quality.latest(engine) if counts.get("data_quality_reports") else None
    if report is not None:
        verdict = "passed" if report["passed"] else "FAILED: " + "; ".join(report["failures"])
        metrics = report["metrics"]
        console.print(
            f"data quality ({report['created_at']:%Y-%m-%d %H:%M}): {verdict}; "
            f"coverage {metrics.get('coverage')}, parse failures {metrics.get('parse_failure_rate')}, "
            f"quarantine {metrics.get('quarantine_by_stage')}"
        )


def _print_troubled_runs(console: Console, engine: Engine) -> None:
    """Runs still open and runs that died: a crash is news, not something to hide."""
    inspector = inspect(engine)
    if not inspector.has_table("crawl_runs") or "heartbeat_at" not in {
        c["name"] for c in inspector.get_columns("crawl_runs")
    }:
        return  # no schema yet, or an older one: wdtk db upgrade adds the heartbeat
    for run in troubled_runs(engine):
        beat = run["heartbeat_at"] or run["started_at"]
        where = f"on {run['host']} pid {run['pid']}" if run["host"] else "on an unknown host"
        if run["status"] == "crashed":
            state = "[red]crashed[/]"
        elif run["dead"]:
            state = "[red]running, but its process is gone[/] (the next run marks it crashed)"
        else:
            state = "running"
        started = f"{run['started_at']:%Y-%m-%d %H:%M}"
        console.print(
            f"crawl run #{run['id']} {run['spider']}: {state}; started {started}, "
            f"last heartbeat {beat:%Y-%m-%d %H:%M:%S} {where}, pages={run['pages']}"
        )


def _print_flow_runs(console: Console, flow_runs: dict[str, Any] | None) -> None:
    """Prefect runs of our flows marked Crashed (their process died) and those still open."""
    if flow_runs is None:
        return
    if not flow_runs["marked_crashed"] and not flow_runs["running"]:
        console.print("prefect flow runs: none open")
        return
    if flow_runs["marked_crashed"]:
        console.print(
            f"prefect flow runs marked crashed (their process died): "
            f"{flow_runs['marked_crashed']}, last check {flow_runs['last_check']}"
        )
    for run in flow_runs["marked"]:
        console.print(f"  {run['flow']} run {run['name']} [red]crashed[/]: {run['reason']}")
    for run in flow_runs["running"]:
        where = f"on {run['host']} pid {run['pid']}" if run["host"] else "owner unknown"
        state = (
            f"[red]{run['state']}, but {run['reason']}[/] (the next run marks it crashed)"
            if run["dead"]
            else run["state"].lower()
        )
        console.print(f"prefect {run['flow']} run {run['name']}: {state}; {where}")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
    app.command("status")(status)
