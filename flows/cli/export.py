"""`wdtk export` (the published dataset) and `wdtk data-dictionary` (its documentation)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from db import migrate
from flows.cli.common import console as make_console
from flows.cli.common import fail, open_database, print_json, settings
from pipeline.export.dictionary import render_dictionary
from stages.export import FORMATS, ExportError, ExportOptions, export_dataset, parse_formats
from stages.export_query import all_schemas

DICTIONARY_PATH = Path("docs/data-dictionary.md")
_ALL = ", ".join(FORMATS)


def export(
    formats: Annotated[
        list[str] | None,
        typer.Option("--format", "-f", help=f"Formats, repeatable or comma-separated: {_ALL}."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Folder for versioned exports (default: WDTK_EXPORT_DIR)."
        ),
    ] = None,
    incremental: bool = typer.Option(
        False, "--incremental", help="Only rows changed since the last export into --out."
    ),
    include_names: bool = typer.Option(
        False, "--include-names", help="Keep requester names instead of pseudonyms."
    ),
    batch_size: int = typer.Option(10_000, "--batch-size", min=1, help="Rows per batch."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Export the dataset to DIR/<version>/ and point DIR/latest at it.

    Example: wdtk export --format csv,parquet --format sqlite --out exports
    """
    config = settings()
    try:
        chosen = parse_formats(formats or list(FORMATS))
    except ExportError as exc:
        fail(str(exc))
    engine = open_database(config)
    revision, head = migrate.current_revision(engine), migrate.head_revision()
    if revision != head:
        fail(
            f"the database schema is at {revision or 'nothing'}, exports need {head}: run wdtk db upgrade"
        )
    result = export_dataset(
        engine,
        ExportOptions(
            out_dir=out or config.export_dir,
            formats=chosen,
            incremental=incremental,
            include_names=include_names,
            pseudonym_key=config.pseudonym_key,
            batch_size=batch_size,
            data_license=config.data_license,
        ),
    )
    if as_json:
        print_json(
            {
                "version": result.version,
                "path": str(result.path),
                "incremental": result.incremental,
                "since": result.since,
                "row_counts": result.row_counts,
            }
        )
        return
    console = make_console()
    kind = f"incremental since {result.since.isoformat()}" if result.since else "full"
    console.print(f"exported {result.version} ({kind}) to {result.path}")
    table = Table("resource", "rows")
    for name, count in result.row_counts.items():
        table.add_row(name, f"{count:,}")
    console.print(table)


def data_dictionary(
    write: bool = typer.Option(False, "--write", help="Write the file instead of printing it."),
    check: bool = typer.Option(
        False, "--check", help="Exit 1 if the file differs from the models."
    ),
    path: Annotated[Path, typer.Option("--path", help="The Markdown file.")] = DICTIONARY_PATH,
) -> None:
    """Print, write or check the data dictionary generated from the models.

    Example: wdtk data-dictionary --write
    """
    text = render_dictionary(all_schemas())
    if check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            typer.echo(f"{path} is stale: run wdtk data-dictionary --write", err=True)
            raise typer.Exit(1)
        typer.echo(f"{path} is up to date")
        return
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {path}")
        return
    typer.echo(text, nl=False)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("data-dictionary")(data_dictionary)


if __name__ == "__main__":  # until the lead wires it in: python -m flows.cli.export …
    standalone = typer.Typer(no_args_is_help=True, add_completion=False)
    register(standalone)
    standalone()
