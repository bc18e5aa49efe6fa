"""``wdtk doctor``: check that the site still serves what the pipeline reads.

wdtk doctor [--base-url URL] [--max-threads 5] [--json]

Exit 0 when every check passes, 1 when a selector, field or robots rule no longer matches
(each is printed), 2 when the check cannot run (no contact for a live site, bad settings).
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from flows.cli.common import fail, print_json, settings
from scraper.doctor import DoctorRefused, run_doctor


def doctor(
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Site to check (default WDTK_BASE_URL).")
    ] = None,
    max_threads: Annotated[
        int, typer.Option("--max-threads", min=1, max=10, help="Requests to sample.")
    ] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
) -> None:
    """Site-contract check: robots.txt, a list page, request JSON and thread selectors."""
    config = settings()
    if base_url:
        config = dataclasses.replace(config, base_url=base_url.rstrip("/"))
    try:
        report = run_doctor(config, max_threads=max_threads)
    except DoctorRefused as exc:
        fail(str(exc))
    if as_json:
        print_json(report.as_dict())
    else:
        for finding in report.failed:
            typer.echo(f"FAIL {finding.area}: {finding.name} — {finding.detail}")
        checked = sum(1 for f in report.findings if f.outcome != "skip")
        verdict = "ok" if report.ok else f"{len(report.failed)} failed"
        typer.echo(
            f"doctor {config.base_url}: {checked} checks, {verdict} "
            f"({len(report.fetched)} requests)"
        )
    if not report.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)
