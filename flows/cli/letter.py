"""``wdtk letter FILE``: what an authority's letter says, as JSON.

FILE may be plain text, a PDF, a Word or OpenDocument file, an e-mail, or any saved WDTK
attachment; anything that is not plain text goes through ``extract_text`` first (sandboxed,
with the same limits as the pipeline).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from flows.cli.common import fail
from pipeline.extract import extract_text, sniff
from pipeline.extract.filetypes import TEXT
from pipeline.extract.text import decode, normalise_newlines
from pipeline.letters import analyse_letter


def letter_text(path: Path) -> str:
    """The letter's text; stops with a one-line error (exit 2) when the file yields none: an
    empty file, only blank space, or a document with no readable text is no letter to read."""
    data = path.read_bytes()
    if not data:
        fail(f"{path}: the file is empty; give a letter as text, PDF, DOCX, ODT or e-mail")
    if sniff(data, path.name) == TEXT:
        text = normalise_newlines(decode(data)[0])
    else:
        result = extract_text(data, path.name)
        if not result.readable:
            fail(f"{path}: no text could be read ({result.status}: {result.error})")
        text = result.text if result.status != "empty" else ""
    if not text.strip():
        fail(f"{path}: the file holds no readable text")
    return text


def letter(
    file: Annotated[
        Path,
        typer.Argument(exists=True, dir_okay=False, readable=True, help="Letter file."),
    ],
    evidence: Annotated[
        bool, typer.Option("--evidence/--no-evidence", help="Include evidence spans.")
    ] = True,
) -> None:
    """Analyse one letter: kind, date, references, outcome, provisions, review outcome.

    Example: wdtk letter response.pdf --no-evidence
    """
    analysis = analyse_letter(letter_text(file)).to_dict()
    if not evidence:
        analysis.pop("evidence")
    typer.echo(json.dumps(analysis, indent=2, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    app.command("letter")(letter)
