"""The export's fast paths end to end, on both engines: the files are those of the generic path."""

from __future__ import annotations

import csv
import gc
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine

from db.models import Authority, Message
from pipeline.export import arrow_columns
from pipeline.export.schema import parse_text
from stages.export import ExportOptions, export_dataset
from stages.export_query import all_schemas
from tests.export_fixtures import BIRMINGHAM, outgoing_id, populate

KEY = "export-test-key"
WELSH = "Cyngor Sir Ynys Môn — ŵ ŷ ☃ 日本"


@pytest.fixture
def corpus(engine: Engine) -> Engine:
    populate(engine)
    with engine.begin() as conn:
        conn.execute(update(Authority).where(Authority.id == BIRMINGHAM).values(name=WELSH))
        conn.execute(
            update(Message)
            .where(Message.id == outgoing_id(100001))
            .values(body_text=f"Annwyl {WELSH},\n\nJoe Bloggs")
        )
    return engine


def _export(engine: Engine, out: Path, **kwargs: Any) -> Path:
    options = ExportOptions(out_dir=out, pseudonym_key=KEY, **kwargs)
    return export_dataset(engine, options).path


def _parquet_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "parquet").glob("*.parquet"))}


@pytest.mark.parametrize("include_names", [False, True])
def test_fast_path_writes_the_generic_paths_files(
    corpus: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, include_names: bool
) -> None:
    fast = _export(corpus, tmp_path / "fast", formats=("parquet",), include_names=include_names)
    monkeypatch.setattr(arrow_columns, "ARROW_DECODERS", {})
    generic = _export(
        corpus, tmp_path / "generic", formats=("parquet",), include_names=include_names
    )
    files = _parquet_files(fast)
    assert len(files) == len(all_schemas())
    assert files == _parquet_files(generic)


def test_parquet_is_the_same_beside_row_wise_formats(corpus: Engine, tmp_path: Path) -> None:
    alone = _export(corpus, tmp_path / "alone", formats=("parquet",))
    beside = _export(corpus, tmp_path / "beside", formats=("csv", "parquet", "jsonl", "sqlite"))
    assert _parquet_files(alone) == _parquet_files(beside)


def test_parquet_values_equal_the_csv_values(corpus: Engine, tmp_path: Path) -> None:
    folder = _export(corpus, tmp_path, formats=("parquet", "csv"))
    checked = 0
    for schema in all_schemas():
        table = pq.read_table(folder / "parquet" / f"{schema.name}.parquet")
        with (folder / "csv" / f"{schema.name}.csv").open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))[1:]
        from_csv = [
            tuple(
                parse_text(cell, field.type) if field.type != "json" else (cell or None)
                for cell, field in zip(row, schema.fields, strict=True)
            )
            for row in rows
        ]
        from_parquet = [tuple(r.values()) for r in table.to_pylist()]
        # CSV cannot tell an empty string from a null: compare those as null.
        from_parquet = [tuple(None if v == "" else v for v in r) for r in from_parquet]
        assert from_parquet == from_csv, schema.name
        checked += len(rows)
    assert checked > 0
    names = pq.read_table(folder / "parquet" / "authorities.parquet").column("name").to_pylist()
    assert WELSH in names


def test_objects_set_aside_from_the_collector_are_handed_back(
    corpus: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _export(corpus, tmp_path / "ok", formats=("parquet",))
    assert gc.get_freeze_count() == 0

    def fail(*args: Any) -> None:
        raise RuntimeError("writer failed")

    monkeypatch.setattr("pipeline.export.parquet.start_columns", fail)
    with pytest.raises(RuntimeError, match="writer failed"):
        _export(corpus, tmp_path / "failed", formats=("parquet",))
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("step", ["write_prepared", "close"])
def test_a_failure_in_the_writing_thread_reaches_the_caller(
    corpus: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    def fail(*args: Any) -> None:
        raise RuntimeError(f"{step} failed")

    monkeypatch.setattr(f"pipeline.export.parquet._ParquetSink.{step}", fail)
    with pytest.raises(RuntimeError, match=f"{step} failed"):
        _export(corpus, tmp_path, formats=("parquet", "csv"))
    assert gc.get_freeze_count() == 0
