"""`wdtk crawl [authorities|discover|threads|attachments|all]`: harvest an Alaveteli site."""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from flows.cli.common import fail, print_json, settings
from pipeline.config import ConfigError, Settings
from scraper.botwall import wall_line
from scraper.launch import (
    CrawlFailed,
    describe_rate,
    run_spider,
    spiders_for,
)
from scraper.politeness import CrawlConfigError, check_allowed, check_archive_allowed
from stages.crawl_plan import crawl_plan, normalise_stored

HEADLINE = ("pages", "items", "errors", "retries", "left")


def _progress_text(figures: dict[str, Any]) -> str:
    parts = []
    for key in HEADLINE:
        value = figures.get(key)
        if value is not None:
            parts.append(f"{key} {value:,}" if isinstance(value, int) else f"{key} {value}")
    return " · ".join(parts)


PROGRESS_EVERY = 15.0  # seconds between progress lines when stderr is not a terminal


class ProgressLines:
    """Progress as plain lines for logs and pipes (no terminal): the first figures a spider
    reports, then at most one line every ``every`` seconds."""

    def __init__(self, spider: str, write: Callable[[str], None], every: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.spider, self.write, self.clock = spider, write, clock
        self.every = PROGRESS_EVERY if every is None else every
        self.started = clock()
        self.last: float | None = None

    def __call__(self, figures: dict[str, Any]) -> None:
        now = self.clock()
        if self.last is not None and now - self.last < self.every:
            return
        self.last = now
        self.write(f"{self.spider}: {_progress_text(figures)} ({now - self.started:.0f} s)")


def _summary_table(results: list[dict[str, Any]]) -> Table:
    table = Table("spider", "status", *HEADLINE, "seconds")
    for r in results:
        table.add_row(
            str(r.get("spider")),
            str(r.get("status")),
            *["-" if r.get(k) is None else f"{r.get(k):,}" for k in HEADLINE],
            f"{r.get('elapsed_seconds', 0):.1f}",
        )
    return table


def archive_options(
    config: Any, archive: str, archive_url: str | None, archive_rate: float | None = None
) -> list[str]:
    """``--set`` options for the archive spider, after the politeness checks on its host."""
    from scraper.spiders.archive import ARCHIVES, DEFAULT_URLS

    if archive not in ARCHIVES:
        raise ValueError(f"--archive must be one of {', '.join(ARCHIVES)}, got {archive!r}")
    url = (archive_url or DEFAULT_URLS[archive]).rstrip("/")
    check_archive_allowed(config, url)
    options = [f"WDTK_ARCHIVE={archive}", f"WDTK_ARCHIVE_URL={url}"]
    if archive_rate is not None:
        if archive_rate <= 0:
            raise ValueError(f"--archive-rate must be above 0, got {archive_rate}")
        options.append(f"WDTK_ARCHIVE_RATE={archive_rate}")
    return options


def crawl_settings(base_url: str | None, rate: float | None) -> Settings:
    """The settings a crawl of ``base_url`` at ``rate`` would use, refused with one
    ``wdtk: error:`` line when the crawl may not run (e.g. a live site without WDTK_CONTACT).
    ``wdtk crawl`` and ``wdtk refresh`` both start here, before anything else starts."""
    config = settings()
    try:
        if base_url:
            config = dataclasses.replace(config, base_url=base_url.rstrip("/"))
        if rate is not None:
            if rate < 0:
                raise ConfigError(f"--rate must be 0 or more, got {rate}")
            config = dataclasses.replace(config, rate=rate)
        check_allowed(config)
    except (ConfigError, CrawlConfigError) as exc:
        fail(str(exc))
    return config


def crawl(
    what: str = typer.Argument(
        "all",
        help="authorities, discover, threads, attachments, or all (in that order); "
        "archive: backfill from a web archive's captures instead of the site.",
    ),
    base_url: str | None = typer.Option(
        None, "--base-url", help="Site to crawl (default WDTK_BASE_URL), e.g. the replica."
    ),
    rate: float | None = typer.Option(
        None,
        "--rate",
        help="Requests per second (default WDTK_RATE=1); 0 = no limit, loopback only.",
    ),
    limit: int | None = typer.Option(
        None, "--limit", help="At most this many threads / attachments / bodies in a run."
    ),
    full: bool = typer.Option(False, "--full", help="discover: walk every date window again."),
    since: str | None = typer.Option(
        None, "--since", help="discover: first day of the first walk (YYYY-MM-DD)."
    ),
    archive: str = typer.Option(
        "wayback", "--archive", help="crawl archive: wayback or commoncrawl."
    ),
    archive_url: str | None = typer.Option(
        None,
        "--archive-url",
        help="crawl archive: another service of the same kind, e.g. the replica's --archive.",
    ),
    archive_rate: float | None = typer.Option(
        None, "--archive-rate", help="crawl archive: requests/s to the archive (default --rate)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Harvest requests from an Alaveteli site. Example: wdtk crawl all --base-url http://127.0.0.1:8800 --rate 0"""
    config = crawl_settings(base_url, rate)
    try:
        spiders = spiders_for(what)
        options = (
            archive_options(config, archive, archive_url, archive_rate) if what == "archive" else []
        )
    except (ConfigError, CrawlConfigError, ValueError) as exc:
        fail(str(exc))
    console = Console(stderr=True)
    interactive = sys.stderr.isatty() and not as_json
    results: list[dict[str, Any]] = []
    console.print(f"crawling {config.base_url} at {describe_rate(config)}")
    runs = crawl_plan(spiders)
    first_of_run = {run[0] for run in runs[1:]}
    for spider in spiders:
        if spider in first_of_run:
            # Attachment rows come from normalised thread pages (stages.crawl_plan).
            normalised = normalise_stored(config)
            console.print(f"normalised {normalised['pages']:,} raw page(s)")
        try:
            if interactive:
                with Progress(
                    TextColumn("[bold]{task.description}"),
                    BarColumn(),
                    TextColumn("{task.fields[figures]}"),
                    TimeElapsedColumn(),
                    console=console,
                    transient=True,
                ) as progress:
                    task: TaskID = progress.add_task(spider, total=None, figures="starting")

                    def update(figures: dict[str, Any], _task: TaskID = task) -> None:
                        left = figures.get("left")
                        done = figures.get("items") or 0
                        total = done + left if isinstance(left, int) else None
                        progress.update(
                            _task, completed=done, total=total, figures=_progress_text(figures)
                        )

                    result = run_spider(spider, config, limit=limit, full=full, since=since,
                                        options=options, on_progress=update)  # fmt: skip
            else:
                lines = ProgressLines(spider, lambda line: typer.echo(line, err=True))
                result = run_spider(spider, config, limit=limit, full=full, since=since,
                                    options=options, on_progress=lines)  # fmt: skip
        except (CrawlFailed, CrawlConfigError) as exc:
            fail(str(exc))
        results.append(result)
        if result.get("status") == "failed":
            break
        if spider == "archive":
            # The captures become rows now, as pages fetched from the site would.
            normalised = normalise_stored(config)
            if interactive:
                console.print(f"normalised {normalised['pages']:,} raw page(s)")
    for result in results:
        line = wall_line(result)
        if line:
            typer.echo(line, err=True)
    if as_json:
        print_json(results if len(results) > 1 else results[0])
    else:
        Console().print(_summary_table(results))
    if any(r.get("status") != "finished" for r in results):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("crawl")(crawl)
