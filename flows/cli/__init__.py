"""The `wdtk` command: a thin layer over the Python API.

Each module of this package registers its commands; this file only assembles them.
"""

from __future__ import annotations

import os

import typer

from flows.cli import (
    crawl,
    database,
    demo,
    doctor,
    export,
    importer,
    letter,
    orchestrate,
    parse,
    replica,
)

app = typer.Typer(
    name="wdtk",
    help="Harvest, normalise, analyse and publish WhatDoTheyKnow requests.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _global(
    database_url: str | None = typer.Option(
        None, "--database-url", help="Overrides WDTK_DATABASE_URL for this command."
    ),
) -> None:
    if database_url:
        os.environ["WDTK_DATABASE_URL"] = database_url


for module in (database, crawl, importer, parse, letter, replica, orchestrate, demo, export, doctor):
    module.register(app)


def main() -> None:
    app()
