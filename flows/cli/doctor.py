"""``wdtk doctor``: check that the site still serves what the parsers read.

wdtk doctor [--base-url URL] [--rate R] [--max-threads 5] [--json]

Fetches through the crawl's own Scrapy settings and runs the real parsers (scraper.doctor).
Exit 0 when every check passes (warnings are printed, but pass), 1 when a selector, field,
robots rule or bot wall fails (each is printed, named as the parser names it), 2 when the
check cannot run (no contact for a live site, no limit off loopback, bad settings).
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from flows.cli.common import fail, print_json, settings
from scraper.doctor import DoctorFailed, DoctorRefused, run_doctor


def doctor(
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Site to check (default WDTK_BASE_URL).")
    ] = None,
    rate: Annotated[
        float | None,
        typer.Option(
            "--rate",
            min=0,
            help="Requests per second (default WDTK_RATE=1); 0 = no limit, loopback only.",
        ),
    ] = None,
    max_threads: Annotated[
        int, typer.Option("--max-threads", min=1, max=10, help="Requests to sample.")
    ] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
) -> None:
    """Site-contract check: robots.txt, version JSON, authorities CSV, a list page, request
    JSON and thread pages, read by the pipeline's own parsers."""
    config = settings()
    if base_url:
        config = dataclasses.replace(config, base_url=base_url.rstrip("/"))
    if rate is not None:
        config = dataclasses.replace(config, rate=rate)
    try:
        report = run_doctor(config, max_threads=max_threads)
    except (DoctorRefused, DoctorFailed) as exc:
        fail(str(exc))
    if as_json:
        print_json(report.as_dict())
    else:
        for finding in report.failed + report.warnings:
            label = "FAIL" if finding.failed else "WARN"
            typer.echo(f"{label} {finding.area}: {finding.name} — {finding.detail}")
        checked = sum(1 for f in report.findings if f.outcome != "skip")
        verdict = "ok" if report.ok else f"{len(report.failed)} failed"
        if report.warnings:
            verdict += f", {len(report.warnings)} warnings"
        typer.echo(
            f"doctor {config.base_url}: {checked} checks, {verdict} "
            f"({len(report.fetched)} requests)"
        )
    if not report.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)
