"""``wdtk letter``: text and PDF letters print the analysis as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from flows.cli.letter import register
from tests.pipeline.extract import builders

LETTER = (
    "12 September 2023\n\nOur ref: FOI 2023/3390\n\nDear Mr Turner,\n\n"
    "We estimate that the cost of complying with your request would exceed the appropriate "
    "limit of £450. Section 12(1) of the Freedom of Information Act therefore applies.\n\n"
    "Email: request-771204-9f8e7d6c@whatdotheyknow.com\n"
)


def _run(*args: str) -> tuple[int, str]:
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # a second command keeps "letter" a subcommand
    result = CliRunner().invoke(app, ["letter", *args])
    return result.exit_code, result.output


def test_text_letter_prints_the_required_fields(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, "utf-8")
    code, output = _run(str(path), "--no-evidence")
    data = json.loads(output)
    assert (code, data["kind"], data["letter_date"], data["wdtk_request_id"]) == (
        0,
        "response",
        "2023-09-12",
        771204,
    )


def test_text_letter_outcome_and_provisions(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, "utf-8")
    data = json.loads(_run(str(path), "--no-evidence")[1])
    assert (data["outcome"], data["provisions"], data["references"]) == (
        "cost_limit",
        ["FOIA s12(1)"],
        [{"role": "ours", "value": "FOI 2023/3390"}],
    )


def test_output_has_every_documented_key(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, "utf-8")
    data = json.loads(_run(str(path))[1])
    assert {
        "kind", "letter_date", "wdtk_request_id", "references", "outcome", "provisions",
        "review_outcome", "ico_signposted", "information_held", "evidence",
    } <= set(data)  # fmt: skip


def test_pdf_letter_is_extracted_first(tmp_path: Path) -> None:
    path = tmp_path / "reply.pdf"
    path.write_bytes(
        builders.pdf(["Dear Ms Hughes,", "", "The Council does not hold the information."])
    )
    data = json.loads(_run(str(path), "--no-evidence")[1])
    assert (data["outcome"], data["information_held"]) == ("not_held", False)


def test_unreadable_file_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(builders.pdf(encrypt="secret"))
    code, output = _run(str(path))
    assert code == 2 and "encrypted" in output


def test_an_empty_file_is_an_error_not_a_letter(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, output = _run(str(path))
    assert (code, output.count("\n")) == (2, 1)
    assert output.startswith("wdtk: error: ") and "empty" in output


def test_blank_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t \n", "utf-8")
    code, output = _run(str(path))
    assert code == 2 and "no readable text" in output


def test_a_pdf_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    path.write_bytes(builders.pdf([]))
    code, output = _run(str(path))
    assert code == 2 and output.startswith("wdtk: error: ") and "kind" not in output
