"""`wdtk db upgrade`, `wdtk status` and the one-line database errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


def test_upgrade_then_status_json_lists_every_table(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WDTK_DATABASE_URL", db_url)
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    again = runner.invoke(app, ["db", "upgrade"])
    assert again.exit_code == 0, again.output
    result = runner.invoke(app, ["status", "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert counts["requests"] == 0
    assert counts["crawl_runs"] == 0
    assert "quarantine" in counts


def test_status_table_names_the_last_crawl_run(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.engine import make_engine
    from db.models import CrawlRun

    monkeypatch.setenv("WDTK_DATABASE_URL", db_url)
    runner.invoke(app, ["db", "upgrade"])
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(CrawlRun.__table__.insert(), {"spider": "threads", "pages": 12, "items": 40})
    engine.dispose()
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert "last crawl run: #1 threads running" in result.stdout
    assert "pages=12" in result.stdout


def test_downgrade_to_base(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WDTK_DATABASE_URL", db_url)
    runner.invoke(app, ["db", "upgrade"])
    result = runner.invoke(app, ["db", "downgrade", "base"])
    assert result.exit_code == 0
    assert "base" in result.stdout


@pytest.mark.parametrize(
    "url",
    [
        "not a url",
        "mysql://root@127.0.0.1/test",
        "postgresql+psycopg://postgres@127.0.0.1:1/test",
    ],
)
def test_bad_database_url_is_a_one_line_error_naming_the_variable(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WDTK_DATABASE_URL", url)
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("wdtk: error: ")
    assert "WDTK_DATABASE_URL" in lines[0]
    assert "Traceback" not in result.output


def test_status_prints_the_latest_data_quality_report(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.engine import make_engine
    from stages import quality

    monkeypatch.setenv("WDTK_DATABASE_URL", db_url)
    runner.invoke(app, ["db", "upgrade"])
    engine = make_engine(db_url)
    quality.record(engine)
    engine.dispose()
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert "data quality (" in result.stdout
    assert "passed" in result.stdout
