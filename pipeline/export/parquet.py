"""``parquet/<resource>.parquet``: typed columns (int64, float64, bool, string, timestamp[us,
UTC], date32; JSON columns as JSON text), zstd-compressed, one row group per batch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.export.arrow_columns import PendingColumn, finish_column, start_columns
from pipeline.export.schema import FieldType, ResourceSchema
from pipeline.export.writers import Row

ARROW_TYPES: dict[FieldType, pa.DataType] = {
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "string": pa.string(),
    "datetime": pa.timestamp("us", tz="UTC"),
    "date": pa.date32(),
    "json": pa.string(),
}
COMPRESSION: Literal["zstd"] = "zstd"


def arrow_schema(schema: ResourceSchema) -> pa.Schema:
    """The Arrow schema, with each column's description kept as field metadata."""
    return pa.schema(
        [
            pa.field(
                f.name,
                ARROW_TYPES[f.type],
                nullable=f.name not in schema.primary_key,
                metadata={"description": f.description, "type": f.type},
            )
            for f in schema.fields
        ],
        metadata={"resource": schema.name, "description": schema.description},
    )


class _ParquetSink:
    def __init__(self, path: Path, schema: ResourceSchema) -> None:
        self._schema = arrow_schema(schema)
        self._writer = pq.ParquetWriter(path, self._schema, compression=COMPRESSION)

    def prepare(self, rows: Sequence[Row]) -> list[pa.Array[Any] | PendingColumn]:
        """The rows taken into Arrow: the part of this sink's work that holds the GIL."""
        return start_columns(rows, self._schema.types) if rows else []

    def write_prepared(self, prepared: list[pa.Array[Any] | PendingColumn]) -> None:
        """Decode, encode, compress and write prepared columns (mostly without the GIL)."""
        if prepared:
            arrays = [finish_column(column) for column in prepared]
            self._writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=self._schema))

    def write(self, rows: Sequence[Row]) -> None:
        self.write_prepared(self.prepare(rows))

    def close(self) -> None:
        self._writer.close()


class ParquetWriter:
    name = "parquet"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        (folder / "parquet").mkdir(parents=True, exist_ok=True)

    def path_of(self, schema: ResourceSchema) -> str:
        return f"parquet/{schema.name}.parquet"

    def open(self, schema: ResourceSchema) -> _ParquetSink:
        return _ParquetSink(self.folder / self.path_of(schema), schema)

    def finish(self, schemas: Sequence[ResourceSchema]) -> None:
        return None
