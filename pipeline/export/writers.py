"""The writer protocol and the two plain-text formats (CSV and JSON Lines).

Every format writes one file per resource, fed batch by batch so memory stays constant whatever
the corpus size. Rows are tuples in the order of the resource's fields, holding Python values
(int, float, bool, str, aware datetime, date, list/dict for JSON columns, or None).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Protocol, overload, runtime_checkable

from pipeline.export.codecs import Codec, decode_column
from pipeline.export.schema import ResourceSchema, to_json_value, to_text

Row = Sequence[Any]


# Rows transposed at a time: a few hundred tuples stay in the CPU cache while each is read once
# per column; a whole batch of 10 000 does not (zip(*rows) on it takes 1.5 times as long).
TRANSPOSE_ROWS = 500


def _transpose(rows: Sequence[Sequence[Any]], width: int) -> list[Sequence[Any]]:
    """The first ``width`` columns of ``rows``."""
    columns: list[Any] = [[] for _ in range(width)]
    for start in range(0, len(rows), TRANSPOSE_ROWS):
        piece = zip(*rows[start : start + TRANSPOSE_ROWS], strict=True)
        for column, values in zip(columns, piece, strict=False):
            column.extend(values)
    return columns


class Batch(Sequence[tuple[Any, ...]]):
    """Rows of one resource as the database driver gave them, each column tagged with the codec
    that makes its published values (None: already published). Writers take rows or columns;
    only what they ask for is built, so a columnar writer alone never pays for decoded rows.

    ``raw`` rows may be wider than ``codecs`` (helper columns a transform used); the extra
    columns are not published. Not thread-safe: the export hands a batch to one thread at a
    time (the reading thread prepares it, then the writing thread writes it)."""

    __slots__ = ("_columns", "_raw", "_raw_columns", "_rows", "codecs")

    def __init__(self, raw: Sequence[Sequence[Any]], codecs: Sequence[Codec | None]) -> None:
        self._raw = raw
        self.codecs = tuple(codecs)
        self._raw_columns: list[Sequence[Any]] | None = None
        self._columns: list[Sequence[Any]] | None = None
        self._rows: list[tuple[Any, ...]] | None = None

    @property
    def raw_columns(self) -> list[Sequence[Any]]:
        """The driver's values column by column (published columns only)."""
        if self._raw_columns is None:
            self._raw_columns = _transpose(self._raw, len(self.codecs))
        return self._raw_columns

    @property
    def columns(self) -> list[Sequence[Any]]:
        """The published values column by column."""
        if self._columns is None:
            self._columns = [
                decode_column(codec, values)
                for codec, values in zip(self.codecs, self.raw_columns, strict=True)
            ]
        return self._columns

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        """The published values row by row."""
        if self._rows is None:
            raw = self._raw
            width = len(self.codecs)
            if not any(self.codecs) and (not raw or len(raw[0]) == width):
                # Nothing to decode or drop: the driver's rows are the published rows.
                self._rows = [row if type(row) is tuple else tuple(row) for row in raw]
            else:
                self._rows = list(zip(*self.columns, strict=True))
        return self._rows

    def __len__(self) -> int:
        return len(self._raw)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)

    @overload
    def __getitem__(self, index: int) -> tuple[Any, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[Any, ...]]: ...

    def __getitem__(self, index: int | slice) -> tuple[Any, ...] | list[tuple[Any, ...]]:
        return self.rows[index]


class ResourceSink(Protocol):
    def write(self, rows: Sequence[Row]) -> None: ...

    def close(self) -> None: ...


@runtime_checkable
class PreparingSink(ResourceSink, Protocol):
    """A sink whose ``write`` comes in two parts, so the export can run them in two threads:
    ``prepare`` (the part that holds the GIL; may run while the previous batch is still being
    written, so it must not touch what ``write_prepared`` uses) and ``write_prepared``."""

    def prepare(self, rows: Sequence[Row]) -> Any: ...

    def write_prepared(self, prepared: Any) -> None: ...


class FormatWriter(Protocol):
    """One output format of one export folder."""

    name: str

    def open(self, schema: ResourceSchema) -> ResourceSink: ...

    def finish(self, schemas: Sequence[ResourceSchema]) -> None: ...

    def path_of(self, schema: ResourceSchema) -> str:
        """The resource's file, relative to the export folder."""
        ...


class _TextSink:
    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle

    def close(self) -> None:
        self._handle.close()


class _CsvSink(_TextSink):
    def __init__(self, handle: IO[str], schema: ResourceSchema) -> None:
        super().__init__(handle)
        self._types = [f.type for f in schema.fields]
        self._writer = csv.writer(handle, lineterminator="\n")
        self._writer.writerow(schema.field_names)

    def write(self, rows: Sequence[Row]) -> None:
        types = self._types
        self._writer.writerows(
            [
                [
                    "" if value is None else to_text(value, type_)
                    for value, type_ in zip(row, types, strict=True)
                ]
                for row in rows
            ]
        )


class CsvWriter:
    """``csv/<resource>.csv``: UTF-8, a header row, empty cell for null, ISO 8601 UTC times
    (``…Z``), ``true``/``false``, JSON columns as JSON text."""

    name = "csv"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        (folder / "csv").mkdir(parents=True, exist_ok=True)

    def path_of(self, schema: ResourceSchema) -> str:
        return f"csv/{schema.name}.csv"

    def open(self, schema: ResourceSchema) -> _CsvSink:
        handle = (self.folder / self.path_of(schema)).open("w", encoding="utf-8", newline="")
        return _CsvSink(handle, schema)

    def finish(self, schemas: Sequence[ResourceSchema]) -> None:
        return None


class _JsonlSink(_TextSink):
    def __init__(self, handle: IO[str], schema: ResourceSchema) -> None:
        super().__init__(handle)
        self._fields = [(f.name, f.type) for f in schema.fields]

    def write(self, rows: Sequence[Row]) -> None:
        fields = self._fields
        dumps = json.dumps
        self._handle.writelines(
            dumps(
                {
                    name: to_json_value(value, type_)
                    for (name, type_), value in zip(fields, row, strict=True)
                },
                ensure_ascii=False,
            )
            + "\n"
            for row in rows
        )


class JsonlWriter:
    """``jsonl/<resource>.jsonl``: one JSON object a line; JSON columns nest as JSON."""

    name = "jsonl"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        (folder / "jsonl").mkdir(parents=True, exist_ok=True)

    def path_of(self, schema: ResourceSchema) -> str:
        return f"jsonl/{schema.name}.jsonl"

    def open(self, schema: ResourceSchema) -> _JsonlSink:
        handle = (self.folder / self.path_of(schema)).open("w", encoding="utf-8")
        return _JsonlSink(handle, schema)

    def finish(self, schemas: Sequence[ResourceSchema]) -> None:
        return None
