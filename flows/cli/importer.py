"""``wdtk import PATH…``: WARC files and folders of saved pages into the database.

Pages are stored as raw pages with source ``import`` (scraper.importer), then normalised into
rows like fetched ones (``--no-normalise`` to leave that for later). Each unreadable record is
quarantined and named; the import goes on. Run it again after a kill: it resumes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from db.migrate import upgrade
from flows.cli.common import database_lost, fail, open_database, print_json, settings
from scraper.importer import Importer, ImportPathError


def import_pages(
    paths: Annotated[
        list[Path], typer.Argument(help="WARC / WARC.gz files, saved pages, folders.")
    ],
    normalise: Annotated[
        bool, typer.Option("--normalise/--no-normalise", help="Turn the pages into rows after.")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Import pages you already hold. Example: wdtk import crawl.warc.gz saved-pages/"""
    config = settings()
    engine = open_database(config)
    with database_lost(engine):
        upgrade(engine)
        importer = Importer(engine, progress=lambda line: typer.echo(line, err=True))
        try:
            report = importer.run(paths)
        except (ImportPathError, OSError) as exc:
            fail(str(exc))
        figures = report.as_dict()
        if normalise:
            from stages.crawl_plan import normalise_stored

            figures["normalised"] = normalise_stored(config)["pages"]
    engine.dispose()
    if as_json:
        print_json(figures)
        return
    typer.echo(
        f"imported {report.records:,} page(s) from {report.files} file(s): {report.stored:,} new, "
        f"{report.unchanged:,} already stored, {report.skipped:,} not pages the pipeline reads, "
        f"{report.quarantined:,} quarantined; frontier seeded for {report.frontier_seeded:,} "
        f"request(s)" + (f"; normalised {figures['normalised']:,} raw page(s)" if normalise else "")
    )


def register(app: typer.Typer) -> None:
    app.command("import")(import_pages)
