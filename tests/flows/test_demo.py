"""`wdtk demo` builds the database the next commands in the same directory read, and labels
every figure; reading commands never create an empty database to report on."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.cli.demo import print_demo

runner = CliRunner()
DEMO_ENV = ("WDTK_DATABASE_URL", "WDTK_BASE_URL", "WDTK_RATE", "WDTK_DATA_DIR", "WDTK_EXPORT_DIR")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh directory, with the WDTK_* variables the demo sets restored afterwards."""
    monkeypatch.chdir(tmp_path)
    for name in DEMO_ENV:
        monkeypatch.delenv(name, raising=False)
    yield tmp_path
    for name in DEMO_ENV:  # run_demo sets them for its own flows
        os.environ.pop(name, None)


def test_status_on_a_missing_sqlite_file_says_so_and_creates_nothing(workdir: Path) -> None:
    for command in (["status"], ["status", "--json"], ["export"], ["db", "current"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, (command, result.output)
        assert "no database at wdtk.sqlite3" in result.stderr
        assert "run wdtk db upgrade" in result.stderr and "wdtk demo" in result.stderr
    assert not (workdir / "wdtk.sqlite3").exists()
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    assert (workdir / "wdtk.sqlite3").exists()


@pytest.mark.slow
def test_status_and_export_after_the_demo_see_its_data(prefect_api: str, workdir: Path) -> None:
    demo = runner.invoke(app, ["demo", "--requests", "20", "--json"])
    assert demo.exit_code == 0, demo.output
    built = json.loads(demo.stdout)
    assert (built["database"], built["seen_by_default"]) == (
        str(workdir / "wdtk.sqlite3"),
        True,
    )
    for name in DEMO_ENV:  # a new shell in the same directory
        os.environ.pop(name, None)

    status = runner.invoke(app, ["status", "--json"])
    assert status.exit_code == 0, status.output
    assert json.loads(status.stdout)["requests"] == built["summary"]["requests"] > 0

    export = runner.invoke(app, ["export", "--format", "csv", "--json"])
    assert export.exit_code == 0, export.output
    folder = Path(json.loads(export.stdout)["path"])
    with (folder / "csv" / "authorities.csv").open(encoding="utf-8") as f:
        authorities = list(csv.DictReader(f))
    assert authorities and all(row["version"] for row in authorities)

    text = runner.invoke(app, ["status"])
    assert "crashed" not in text.stdout


def _result() -> dict:
    summary = {
        "authorities": 29,
        "requests": 277,
        "requests_by_status": {"successful": 44},
        "requests_by_visibility": {"public": 277},
        "messages_by_kind": {"incoming": 406},
        "attachments": 209,
        "attachments_downloaded": 209,
        "attachments_with_text": 209,
        "letters_analysed": 599,
        "letters_by_kind": {},
        "outcomes": {"not_held": 13},
        "timeliness": {"overdue": 36},
        "overdue": 36,
        "site_shows_overdue": 33,
        "overdue_now_view": {"internal_review": 14, "response": 49},
        "crawl": {
            "discover": {"status": "finished", "pages": 588, "items": 279, "due": None},
            "threads": {"status": "finished", "pages": 0, "items": 0, "due": 0},
        },
        "top_provisions": {"FOIA s40(1)": 20},
        "quarantined": 0,
    }
    return {
        "database": "/tmp/x/wdtk.sqlite3",
        "database_url": "sqlite:////tmp/x/wdtk.sqlite3",
        "seen_by_default": True,
        "as_of": "2026-11-01",
        "replica": {
            "url": "http://127.0.0.1:1",
            "requests": 300,
            "visible": 282,
            "listed": 277,
            "unlisted": 5,
        },
        "summary": summary,
        "quality": {"passed": True, "failures": [], "metrics": {"coverage": 1.0}},
        "export": None,
        "failures": [],
        "seconds": 1.0,
    }


def test_the_summary_labels_each_number_and_does_not_wrap_when_piped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    print_demo(_result())
    out = capsys.readouterr().out
    assert "5 unlisted (backpage" in out
    assert "overdue (as of 2026-11-01)" in out and "timeliness = 'overdue'" in out
    assert "site shows overdue" in out and "33" in out
    assert "internal_review 14, response 49" in out
    assert "threads 0 pages, 0 items (0 due: discover fetched every new request itself" in out
    assert max(len(line) for line in out.splitlines()) > 80  # whole lines, not wrapped at 80
    assert "next, in this directory: wdtk status; wdtk export" in out
