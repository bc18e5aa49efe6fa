"""`wdtk demo`: build the database offline from the replica, then say what is in it.

Every figure is labelled with what it counts, so numbers that look alike (the site's overdue
status, our overdue rule, the overdue_now view as of today) are not read as one another.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from flows.cli.common import announce_prefect, fail, print_json
from flows.cli.common import console as make_console


def demo(
    requests: int = typer.Option(300, help="Requests in the replica's corpus."),
    seed: int = typer.Option(7, help="Corpus seed."),
    database: Path | None = typer.Option(
        None,
        help="SQLite file to build (default: the one WDTK_DATABASE_URL names, else "
        "wdtk.sqlite3, so wdtk status and wdtk export see it).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Offline, end to end: serve a replica of the site, refresh from it, show what was built.

    Example: wdtk demo
    """
    from flows.demo import DemoOptions, DemoRefused, run_demo

    announce_prefect()
    started = datetime.now()
    try:
        result = run_demo(DemoOptions(requests=requests, seed=seed, database=database))
    except DemoRefused as exc:
        fail(str(exc))
    result["seconds"] = round((datetime.now() - started).total_seconds(), 1)
    if as_json:
        print_json(result)
        return
    print_demo(result)


def _counts(values: dict[str, int]) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in values.items()) or "none"


def _requests_line(s: dict[str, Any], replica: dict[str, Any]) -> str:
    by_visibility = s["requests_by_visibility"]
    line = f"{s['requests']:,} ({_counts(by_visibility)})"
    line += f"; the replica serves {replica['visible']:,}: {replica['listed']:,} listed in /list"
    if replica["unlisted"]:
        line += (
            f" and {replica['unlisted']:,} unlisted (backpage: readable by URL but never in "
            "/list, so found only by probing ids, which discover does when /list falls short "
            "of /version.json's count; the replica's count, like the site's, leaves them out, "
            "so coverage can be 1.0 without them)"
        )
    return line


def _crawl_line(crawl: dict[str, dict[str, Any]]) -> str:
    parts = []
    for spider, run in crawl.items():
        part = f"{spider} {run['pages']:,} pages, {run['items']:,} items"
        if spider == "threads" and not run["pages"]:
            part += (
                f" ({run['due'] or 0} due: discover fetched every new request itself; threads "
                "re-fetches known requests when their re-check comes round)"
            )
        parts.append(part)
    return "; ".join(parts)


def print_demo(result: dict[str, Any]) -> None:
    console = make_console()
    s = result["summary"]
    console.rule("wdtk demo: what was built")
    table = Table("what", "count", show_header=False)
    table.add_row("authorities", f"{s['authorities']:,}")
    table.add_row("requests", _requests_line(s, result["replica"]))
    table.add_row("messages", _counts(s["messages_by_kind"]))
    table.add_row(
        "attachments",
        f"{s['attachments']:,} listed, {s['attachments_downloaded']:,} downloaded, "
        f"{s['attachments_with_text']:,} with text",
    )
    table.add_row("letters analysed", f"{s['letters_analysed']:,}")
    table.add_row(
        f"overdue (as of {result['as_of']})",
        f"{s['overdue']:,} requests still waiting for a reply past the legal due date, none "
        "substantive in the letters (request_analyses.timeliness = 'overdue')",
    )
    table.add_row(
        "site shows overdue", f"{s['site_shows_overdue']:,} (the status on the request pages)"
    )
    view = s["overdue_now_view"]
    if view:
        table.add_row(
            "overdue_now view (today)",
            f"{_counts(view)}: the same rule as of today's date, plus internal reviews",
        )
    table.add_row("quarantined", f"{s['quarantined']:,}")
    console.print(table)
    if s.get("crawl"):
        console.print(f"[bold]crawl[/]: {_crawl_line(s['crawl'])}")
    for title, key in (
        ("requests by status", "requests_by_status"),
        ("outcomes (from the letters)", "outcomes"),
        ("timeliness", "timeliness"),
        ("top provisions cited", "top_provisions"),
    ):
        console.print(f"[bold]{title}[/]: " + ", ".join(f"{k} {v}" for k, v in s[key].items()))
    quality = result["quality"]
    verdict = "passed" if quality["passed"] else "FAILED: " + "; ".join(quality["failures"])
    coverage = quality["metrics"].get("coverage")
    console.print(
        f"[bold]data quality[/]: {verdict} (coverage {coverage}: public requests held / the "
        "site's visible_request_count)"
    )
    if result.get("export"):
        console.print(f"[bold]export[/]: {result['export']['path']}")
    for failure in result["failures"]:
        console.print(f"[yellow]stage failure[/]: {failure}")
    console.print(f"database: {result['database']}")
    if result["seen_by_default"]:
        console.print("next, in this directory: wdtk status; wdtk export; wdtk db current")
    else:
        console.print(
            f"to use it: export WDTK_DATABASE_URL={result['database_url']} (or pass "
            f"--database-url), then wdtk status, wdtk export"
        )
    console.print(f"took {result['seconds']} s")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
