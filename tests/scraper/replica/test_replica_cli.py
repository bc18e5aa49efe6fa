"""``wdtk replica`` registered on a fresh Typer app."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from flows.cli.replica import register


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test root."""

    register(app)
    return app


def test_serve_dry_run_builds_the_replica(app):
    result = CliRunner().invoke(
        app, ["replica", "serve", "--requests", "40", "--seed", "3", "--port", "0", "--dry-run"]
    )
    assert (
        result.exit_code == 0
        and "40 requests, seed 3, clock 2026-11-01T12:00:00+00:00" in result.output
    )


def test_serve_now_and_advance_move_the_clock(app):
    result = CliRunner().invoke(
        app,
        [
            "replica",
            "serve",
            "--requests",
            "40",
            "--now",
            "2026-12-01T12:00:00+00:00",
            "--advance",
            "2",
            "--dry-run",
        ],
    )
    assert "clock 2026-12-03T12:00:00+00:00" in result.output


def test_serve_refuses_other_hosts(app):
    result = CliRunner().invoke(
        app, ["replica", "serve", "--host", "0.0.0.0", "--dry-run", "--requests", "40"]
    )
    assert result.exit_code == 2 and "127.0.0.1" in result.output


def test_serve_rejects_an_unknown_markup(app):
    result = CliRunner().invoke(
        app, ["replica", "serve", "--markup", "1999", "--dry-run", "--requests", "40"]
    )
    assert result.exit_code == 2


def test_truth_prints_a_request_as_json(app):
    result = CliRunner().invoke(app, ["replica", "truth", "599512", "--requests", "40"])
    assert json.loads(result.output)["record"]["id"] == 599512


def test_truth_of_a_missing_request_fails(app):
    result = CliRunner().invoke(app, ["replica", "truth", "1", "--requests", "40"])
    assert result.exit_code == 1


SERVE_SCRIPT = """
import sys, typer
from flows.cli.replica import register
app = typer.Typer()
@app.callback()
def main() -> None:
    pass
register(app)
app(sys.argv[1:])
"""


def test_serve_answers_over_http_until_stopped(tmp_path):
    import subprocess
    import sys
    import urllib.request
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE_SCRIPT, "replica", "serve", "--requests", "30", "--port", "0", "--log", str(tmp_path / "log.jsonl")],
        cwd=root, stdout=subprocess.PIPE, text=True, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    try:
        assert process.stdout is not None
        process.stdout.readline()
        url = process.stdout.readline().split()[2]
        with urllib.request.urlopen(url + "/robots.txt", timeout=30) as response:
            assert response.status == 200 and url.startswith("http://127.0.0.1:")
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert '"path": "/robots.txt"' in (tmp_path / "log.jsonl").read_text()


def test_serve_rejects_a_corpus_too_small_for_the_seed_requests(app):
    result = CliRunner().invoke(app, ["replica", "serve", "--requests", "5", "--dry-run"])
    assert result.exit_code == 2 and "at least 20" in result.output
