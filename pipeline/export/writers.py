"""The writer protocol and the two plain-text formats (CSV and JSON Lines).

Every format writes one file per resource, fed batch by batch so memory stays constant whatever
the corpus size. Rows are tuples in the order of the resource's fields, holding Python values
(int, float, bool, str, aware datetime, date, list/dict for JSON columns, or None).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, Protocol

from pipeline.export.schema import ResourceSchema, to_json_value, to_text

Row = Sequence[Any]


class Batch(list[tuple[Any, ...]]):
    """Rows, plus the same values column by column when the reader already had them that way
    (saves the columnar writers a transpose)."""

    __slots__ = ("columns",)

    def __init__(self, rows: Any = (), columns: Sequence[Sequence[Any]] | None = None) -> None:
        super().__init__(rows)
        self.columns = columns


def columns_of(rows: Sequence[Row]) -> Sequence[Sequence[Any]]:
    cached = getattr(rows, "columns", None)
    return cached if cached is not None else list(zip(*rows, strict=True))


class ResourceSink(Protocol):
    def write(self, rows: Sequence[Row]) -> None: ...

    def close(self) -> None: ...


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
