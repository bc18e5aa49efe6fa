"""The published folder as its users meet it: a valid data package, and Datasette serving it."""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from db.engine import make_engine
from db.migrate import upgrade
from stages.export import ExportOptions, export_dataset
from tests.export_fixtures import populate


@pytest.fixture
def exported(engine: Engine, tmp_path: Path) -> Path:
    populate(engine)
    options = ExportOptions(out_dir=tmp_path / "out", pseudonym_key="k")
    return export_dataset(engine, options).path


def test_data_package_validates_with_frictionless(exported: Path) -> None:
    from frictionless import Package

    report = Package(str(exported / "datapackage.json")).validate()
    assert report.flatten(["type", "note"]) == []
    assert report.valid


def test_every_column_of_every_resource_is_described(exported: Path) -> None:
    package = json.loads((exported / "datapackage.json").read_text())
    undescribed = [
        f"{r['name']}.{f['name']}"
        for r in package["resources"]
        for f in r["schema"]["fields"]
        if not f.get("description")
    ]
    assert undescribed == []


def test_package_points_at_each_format(exported: Path) -> None:
    package = json.loads((exported / "datapackage.json").read_text())
    messages = next(r for r in package["resources"] if r["name"] == "messages")
    assert messages["path"] == "csv/messages.csv"
    assert messages["wdtk:files"] == {
        "csv": "csv/messages.csv",
        "jsonl": "jsonl/messages.jsonl",
        "parquet": "parquet/messages.parquet",
        "sqlite": "wdtk.sqlite",
    }


# --- Datasette ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
        return response.read()


@pytest.fixture(scope="module")
def datasette_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if importlib.util.find_spec("datasette") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("datasette must be installed under CI=true (dev extra)")
        pytest.skip("datasette is not installed")
    folder = tmp_path_factory.mktemp("datasette")
    engine = make_engine(f"sqlite:///{folder / 'db.sqlite3'}")
    upgrade(engine)
    populate(engine)
    export = export_dataset(engine, ExportOptions(out_dir=folder / "out", formats=("sqlite",)))
    engine.dispose()
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(export.path / "wdtk.sqlite"),
         "-m", str(export.path / "metadata.json"), "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            if process.poll() is not None:
                pytest.fail(f"datasette exited: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                _get(f"{url}/-/versions.json")
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("datasette did not answer within 30 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_datasette_serves_the_table_page_with_its_description(datasette_url: str) -> None:
    page = _get(f"{datasette_url}/wdtk/authority_stats").decode()
    assert "Birmingham City Council" in page
    assert "null below 5" in page


def test_datasette_full_text_search(datasette_url: str) -> None:
    rows = json.loads(_get(f"{datasette_url}/wdtk/messages.json?_search=sprinkler&_shape=array"))
    assert [row["id"] for row in rows] == [9002]


def test_datasette_canned_query_answers_the_council_question(datasette_url: str) -> None:
    rows = json.loads(_get(f"{datasette_url}/wdtk/councils_overturning_reviews.json?_shape=array"))
    assert [(r["authority_name"], r["reviews_decided"], r["reviews_overturned"]) for r in rows] == [
        ("Birmingham City Council", 6, 2)
    ]


def test_incremental_package_validates_without_foreign_keys(engine: Engine, tmp_path: Path) -> None:
    from frictionless import Package

    populate(engine)
    options = ExportOptions(out_dir=tmp_path / "out", formats=("csv",), pseudonym_key="k")
    export_dataset(engine, options)
    second = export_dataset(
        engine,
        ExportOptions(
            out_dir=tmp_path / "out", formats=("csv",), pseudonym_key="k", incremental=True
        ),
    )
    package = json.loads((second.path / "datapackage.json").read_text())
    assert package["wdtk:incremental"] is True
    assert all("foreignKeys" not in r["schema"] for r in package["resources"])
    assert Package(str(second.path / "datapackage.json")).validate().valid
