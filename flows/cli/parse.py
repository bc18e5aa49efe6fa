"""``wdtk parse PAGE.html`` (check the parser on a saved page) and ``wdtk normalise``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from flows.cli.common import database_lost, fail, open_database, print_json, settings
from pipeline.parse.errors import ThreadParseError
from pipeline.parse.serialise import thread_to_dict
from pipeline.parse.thread import parse_thread
from stages.normalise import normalise_committed


def parse_page(
    page: Annotated[Path, typer.Argument(help="A saved /request/<slug> page (HTML).")],
    indent: Annotated[int, typer.Option(help="JSON indent; 0 prints one line.")] = 2,
) -> None:
    """Parse a saved thread page and print status, title, authority, requester and items.

    Example: wdtk parse request_page.html > thread.json
    """
    try:
        data = page.read_bytes()
    except OSError as exc:
        fail(f"cannot read {page}: {exc.strerror or exc}")
    try:
        thread = parse_thread(data, url=str(page))
    except ThreadParseError as exc:
        fail(f"{page} is not a WDTK thread page: {exc}")
    typer.echo(json.dumps(thread_to_dict(thread), indent=indent or None, ensure_ascii=False))


def normalise_pages(
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="Re-parse every stored page, not only new ones.")
    ] = False,
) -> None:
    """Parse stored raw pages into rows; failures go to the quarantine table.

    Prints the run's counts as JSON. Example: wdtk normalise --reprocess
    """
    config = settings()
    engine = open_database(config)
    with database_lost(engine), Session(engine) as session:
        report = normalise_committed(
            session,
            reprocess=reprocess,
            pseudonym_key=config.pseudonym_key,
            workers=config.parse_workers,
        )
    print_json(report.as_dict())


def register(app: typer.Typer) -> None:
    """Add ``parse`` and ``normalise`` to the ``wdtk`` app."""
    app.command("parse")(parse_page)
    app.command("normalise")(normalise_pages)
