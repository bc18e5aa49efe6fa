"""``wdtk parse`` through typer's CliRunner on a fresh app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from db.engine import make_engine
from db.migrate import upgrade
from flows.cli.parse import register
from tests.db.loading import add_raw_page, read

FILES = Path(__file__).resolve().parents[2] / "files"


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    return app


def run(app: typer.Typer, *args: str):
    return CliRunner().invoke(app, ["parse", *args])


def test_prints_the_thread_as_json(app: typer.Typer) -> None:
    result = run(app, str(FILES / "thread_current.html"))
    data = json.loads(result.stdout)
    assert (result.exit_code, data["status"], data["title"], data["requester"]) == (
        0,
        "waiting_response",
        "Air quality monitoring near schools",
        "Priya Shah",
    )


def test_authority_key(app: typer.Typer) -> None:
    data = json.loads(run(app, str(FILES / "thread_current.html")).stdout)
    assert data["authority"] == "Borough Council of King's Lynn & West Norfolk, Norfolk"


def test_items_have_kind_id_author_and_iso_time(app: typer.Typer) -> None:
    items = json.loads(run(app, str(FILES / "thread_current.html")).stdout)["items"]
    assert [(i["kind"], i["id"], i["author"], i["sent_at"]) for i in items[:2]] == [
        ("outgoing", 1500001, "Priya Shah", "2024-01-04T09:15:02+00:00"),
        ("incoming", 2600001, "Information Governance Team", "2024-01-10T16:42:11+00:00"),
    ]


def test_items_carry_body_quoted_and_attachment_names(app: typer.Typer) -> None:
    incoming = json.loads(run(app, str(FILES / "thread_current.html")).stdout)["items"][1]
    assert (
        incoming["body"].startswith("Dear Ms Shah,"),
        incoming["quoted"].startswith("-----Original Message-----"),
        [a["name"] for a in incoming["attachments"]],
    ) == (
        True,
        True,
        ["Monitor locations 2023.xlsx", "", "Officer notes.docx", "EIR response.pdf"],
    )


def test_missing_file_is_a_one_line_error(app: typer.Typer, tmp_path: Path) -> None:
    result = run(app, str(tmp_path / "nope.html"))
    expected = f"wdtk: error: cannot read {tmp_path / 'nope.html'}: "
    assert (result.exit_code, result.stderr.count("\n"), result.stderr.startswith(expected)) == (
        2,
        1,
        True,
    )


def test_non_thread_page_is_a_one_line_error(app: typer.Typer, tmp_path: Path) -> None:
    page = tmp_path / "list.html"
    page.write_bytes((FILES / "list.html").read_bytes())
    result = run(app, str(page))
    assert (result.exit_code, result.stderr.count("\n"), "div#left_column" in result.stderr) == (
        2,
        1,
        True,
    )


def test_normalise_loads_stored_pages_and_prints_counts(app: typer.Typer, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'wdtk.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session, session.begin():
        add_raw_page(
            session, "http://127.0.0.1:8800/version.json", "version_json", read("version.json")
        )
    result = CliRunner().invoke(app, ["normalise"], env={"WDTK_DATABASE_URL": url})
    report = json.loads(result.stdout)
    assert (result.exit_code, report["pages"], report["rows"]) == (0, 1, {"site_stats": 1})


def test_normalise_twice_finds_nothing_new(app: typer.Typer, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'wdtk.sqlite3'}"
    upgrade(make_engine(url))
    runner = CliRunner()
    runner.invoke(app, ["normalise"], env={"WDTK_DATABASE_URL": url})
    second = json.loads(runner.invoke(app, ["normalise"], env={"WDTK_DATABASE_URL": url}).stdout)
    assert second["pages"] == 0
