"""`wdtk export` and `wdtk data-dictionary` through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from db.engine import make_engine
from db.migrate import upgrade
from flows.cli import export
from tests.export_fixtures import populate

runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    export.register(app)
    return app


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    populate(engine)
    engine.dispose()
    monkeypatch.setenv("WDTK_DATABASE_URL", url)
    monkeypatch.setenv("WDTK_PSEUDONYM_KEY", "cli-key")
    return url


def test_export_writes_the_formats_asked_for(
    app: typer.Typer, database: str, tmp_path: Path
) -> None:
    out = tmp_path / "exports"
    result = runner.invoke(app, ["export", "--format", "csv,parquet", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    folder = Path(summary["path"])
    assert sorted(p.name for p in folder.iterdir()) == ["csv", "datapackage.json", "parquet"]
    assert summary["row_counts"]["requests"] == 11


def test_export_defaults_to_every_format_in_the_export_dir(
    app: typer.Typer, database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WDTK_EXPORT_DIR", str(tmp_path / "default"))
    result = runner.invoke(app, ["export"])
    assert result.exit_code == 0, result.output
    latest = tmp_path / "default" / "latest"
    assert sorted(p.name for p in latest.iterdir()) == [
        "csv", "datapackage.json", "jsonl", "metadata.json", "parquet", "wdtk.sqlite",
    ]  # fmt: skip


def test_unknown_format_is_a_one_line_error(
    app: typer.Typer, database: str, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["export", "--format", "xlsx", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "wdtk: error: unknown export format 'xlsx'" in result.output


def test_data_dictionary_check_passes_on_the_repository_copy(app: typer.Typer) -> None:
    path = Path(__file__).resolve().parents[2] / "docs" / "data-dictionary.md"
    result = runner.invoke(app, ["data-dictionary", "--check", "--path", str(path)])
    assert result.exit_code == 0, result.output


def test_data_dictionary_check_fails_on_a_stale_file(app: typer.Typer, tmp_path: Path) -> None:
    stale = tmp_path / "dictionary.md"
    stale.write_text("# Data dictionary\n")
    result = runner.invoke(app, ["data-dictionary", "--check", "--path", str(stale)])
    assert result.exit_code == 1
    assert "run wdtk data-dictionary --write" in result.output


def test_data_dictionary_write_creates_the_file(app: typer.Typer, tmp_path: Path) -> None:
    target = tmp_path / "docs" / "dd.md"
    result = runner.invoke(app, ["data-dictionary", "--write", "--path", str(target)])
    assert result.exit_code == 0
    assert target.read_text().startswith("# Data dictionary")


def test_export_of_an_unmigrated_database_says_what_to_do(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WDTK_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    result = runner.invoke(app, ["export", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "run wdtk db upgrade" in result.output
