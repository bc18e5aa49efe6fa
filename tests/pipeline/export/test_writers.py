"""Each format writes the same rows; readers get the values and types back."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.export.parquet import ParquetWriter
from pipeline.export.schema import parse_text
from pipeline.export.sqlite import SqliteWriter
from pipeline.export.writers import CsvWriter, FormatWriter, JsonlWriter
from tests.pipeline.export.schemas import LETTERS

ROWS = [
    (1, "Dear Sir,\n\nThe information is withheld, under s40(2).", 0.9, False,
     datetime(2019, 1, 31, 9, 30, tzinfo=UTC), date(2019, 1, 31), '[{"role": "ours", "value": "CAF 18-172"}]'),
    (2, None, None, None, None, None, "[]"),
]  # fmt: skip


def _write(writer: FormatWriter) -> None:
    sink = writer.open(LETTERS)
    sink.write(ROWS[:1])
    sink.write(ROWS[1:])
    sink.close()
    writer.finish([LETTERS])


def test_csv_round_trips_every_type(tmp_path: Path) -> None:
    _write(CsvWriter(tmp_path))
    with (tmp_path / "csv" / "letters.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        assert next(reader) == list(LETTERS.field_names)
        back = [
            tuple(parse_text(cell, f.type) for cell, f in zip(row, LETTERS.fields, strict=True))
            for row in reader
        ]
    assert back == [
        (*ROWS[0][:-1], [{"role": "ours", "value": "CAF 18-172"}]),
        (2, None, None, None, None, None, []),
    ]


def test_jsonl_writes_one_object_a_line(tmp_path: Path) -> None:
    _write(JsonlWriter(tmp_path))
    lines = (tmp_path / "jsonl" / "letters.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {
        "id": 1,
        "body": "Dear Sir,\n\nThe information is withheld, under s40(2).",
        "confidence": 0.9,
        "held": False,
        "sent_at": "2019-01-31T09:30:00Z",
        "letter_date": "2019-01-31",
        "refs": [{"role": "ours", "value": "CAF 18-172"}],
    }
    assert len(lines) == 2


def test_parquet_columns_are_typed(tmp_path: Path) -> None:
    _write(ParquetWriter(tmp_path))
    table = pq.read_table(tmp_path / "parquet" / "letters.parquet")
    assert [str(t) for t in table.schema.types] == [
        "int64", "string", "double", "bool", "timestamp[us, tz=UTC]", "date32[day]", "string",
    ]  # fmt: skip


def test_parquet_values_round_trip(tmp_path: Path) -> None:
    _write(ParquetWriter(tmp_path))
    row = pq.read_table(tmp_path / "parquet" / "letters.parquet").to_pylist()[0]
    assert row["sent_at"] == datetime(2019, 1, 31, 9, 30, tzinfo=UTC)
    assert json.loads(row["refs"]) == [{"role": "ours", "value": "CAF 18-172"}]


def test_parquet_is_zstd_compressed(tmp_path: Path) -> None:
    _write(ParquetWriter(tmp_path))
    meta = pq.ParquetFile(tmp_path / "parquet" / "letters.parquet").metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"


def test_parquet_keeps_column_descriptions(tmp_path: Path) -> None:
    _write(ParquetWriter(tmp_path))
    schema = pq.read_schema(tmp_path / "parquet" / "letters.parquet")
    assert schema.field("held").metadata[b"description"] == b"Information held."


def test_empty_resource_still_has_a_typed_parquet_file(tmp_path: Path) -> None:
    writer = ParquetWriter(tmp_path)
    writer.open(LETTERS).close()
    table = pq.read_table(tmp_path / "parquet" / "letters.parquet")
    assert table.num_rows == 0
    assert table.schema.field("sent_at").type == pa.timestamp("us", tz="UTC")


def test_sqlite_stores_text_times_and_integer_booleans(tmp_path: Path) -> None:
    _write(SqliteWriter(tmp_path))
    conn = sqlite3.connect(tmp_path / "wdtk.sqlite")
    assert conn.execute("SELECT held, sent_at, refs FROM letters WHERE id = 1").fetchone() == (
        0,
        "2019-01-31T09:30:00Z",
        '[{"role": "ours", "value": "CAF 18-172"}]',
    )


def test_sqlite_full_text_search_is_stemmed(tmp_path: Path) -> None:
    _write(SqliteWriter(tmp_path))
    conn = sqlite3.connect(tmp_path / "wdtk.sqlite")
    hits = conn.execute(
        "SELECT letters.id FROM letters_fts JOIN letters ON letters.rowid = letters_fts.rowid "
        "WHERE letters_fts MATCH 'informed'"
    ).fetchall()
    assert hits == [(1,)]
