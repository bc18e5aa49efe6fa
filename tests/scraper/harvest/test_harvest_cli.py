"""`wdtk crawl`: registered on a fresh Typer app, run against the replica over loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from flows.cli import crawl as crawl_cli
from scraper.replica import ReplicaServer
from tests.scraper.harvest.support import replica


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test root, so that `crawl` stays a sub-command."""

    crawl_cli.register(app)
    return app


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WDTK_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("WDTK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("WDTK_CONTACT", raising=False)
    monkeypatch.delenv("WDTK_BASE_URL", raising=False)
    return tmp_path


def test_live_site_without_contact_is_a_one_line_error(app: typer.Typer, env: Path) -> None:
    result = CliRunner().invoke(app, ["crawl", "all"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "wdtk: error: set WDTK_CONTACT (an e-mail or URL for the User-Agent) before crawling "
        "https://www.whatdotheyknow.com"
    )


def test_rate_zero_off_loopback_is_refused(
    app: typer.Typer, env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WDTK_CONTACT", "ops@example.org")
    result = CliRunner().invoke(app, ["crawl", "discover", "--rate", "0"])
    assert result.exit_code == 2
    assert "only allowed on loopback" in result.output


def test_unknown_crawl_is_refused(app: typer.Typer, env: Path) -> None:
    result = CliRunner().invoke(app, ["crawl", "everything", "--base-url", "http://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "unknown crawl 'everything'" in result.output


def test_crawl_all_against_the_replica_prints_each_spiders_figures(
    app: typer.Typer, env: Path
) -> None:
    with ReplicaServer(replica(30)) as server:
        result = CliRunner().invoke(
            app,
            ["crawl", "all", "--base-url", server.url, "--rate", "0", "--since", "2008-01-01",
             "--json"],
        )  # fmt: skip
        listed = len(server.replica.listed_ids())
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert [f["spider"] for f in figures] == ["authorities", "discover", "threads", "attachments"]
    assert figures[1]["counters"]["threads_fetched"] == listed
    assert {f["status"] for f in figures} == {"finished"}
