"""``wdtk.sqlite``: the whole dataset in one standalone SQLite file, ready for Datasette.

Times are ISO 8601 UTC text (``2019-03-01T12:00:00Z``), booleans 0/1, JSON columns JSON text.
Resources with search fields get an FTS5 index (``<resource>_fts``, external content, porter
stemming) that Datasette finds by itself; foreign keys are declared and, with facet columns,
indexed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.export.schema import FieldType, ResourceSchema, to_text
from pipeline.export.writers import Row

FILENAME = "wdtk.sqlite"
SQL_TYPES: dict[FieldType, str] = {
    "integer": "INTEGER",
    "number": "REAL",
    "boolean": "INTEGER",
    "string": "TEXT",
    "datetime": "TEXT",
    "date": "TEXT",
    "json": "TEXT",
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(schema: ResourceSchema) -> str:
    """The table, with its primary key and foreign keys declared (so Datasette links an
    authority id to the authority's row and shows its name; not enforced, as an incremental
    export holds changed rows whose parents may be in an earlier one)."""
    columns = [f"{_quote(f.name)} {SQL_TYPES[f.type]}" for f in schema.fields]
    if schema.primary_key:
        columns.append(f"PRIMARY KEY ({', '.join(map(_quote, schema.primary_key))})")
    for key in schema.foreign_keys:
        columns.append(
            f"FOREIGN KEY ({', '.join(map(_quote, key.fields))}) REFERENCES "
            f"{_quote(key.resource)} ({', '.join(map(_quote, key.reference_fields))})"
        )
    return f"CREATE TABLE {_quote(schema.name)} (\n  " + ",\n  ".join(columns) + "\n)"


def _cell(value: Any, type_: FieldType) -> Any:
    if value is None or type_ in ("integer", "number", "string", "json"):
        return value
    if type_ == "boolean":
        return 1 if value else 0
    return to_text(value, type_)


class _SqliteSink:
    def __init__(self, conn: sqlite3.Connection, schema: ResourceSchema) -> None:
        self._conn = conn
        self._types = [f.type for f in schema.fields]
        self._plain = all(t in ("integer", "number", "string", "json") for t in self._types)
        marks = ", ".join("?" for _ in schema.fields)
        self._sql = f"INSERT INTO {_quote(schema.name)} VALUES ({marks})"
        conn.execute(create_table_sql(schema))

    def write(self, rows: Sequence[Row]) -> None:
        if self._plain:
            self._conn.executemany(self._sql, rows)
            return
        types = self._types
        self._conn.executemany(
            self._sql,
            [[_cell(v, t) for v, t in zip(row, types, strict=True)] for row in rows],
        )

    def close(self) -> None:
        self._conn.commit()


def fts_sql(schema: ResourceSchema) -> list[str]:
    """FTS5 table over the resource's search fields, filled from the table itself."""
    fts = _quote(f"{schema.name}_fts")
    columns = ", ".join(map(_quote, schema.search_fields))
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({columns}, content={_quote(schema.name)}, "
        "content_rowid='rowid', tokenize='porter unicode61')",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def index_sql(schema: ResourceSchema) -> list[str]:
    columns: list[str] = []
    for key in schema.foreign_keys:
        columns.extend(key.fields[:1])
    columns.extend(schema.facets)
    seen = set(schema.primary_key[:1])
    statements = []
    for column in columns:
        if column in seen:
            continue
        seen.add(column)
        statements.append(
            f"CREATE INDEX {_quote(f'ix_{schema.name}_{column}')} "
            f"ON {_quote(schema.name)} ({_quote(column)})"
        )
    return statements


class SqliteWriter:
    name = "sqlite"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / FILENAME
        self.path.unlink(missing_ok=True)
        # Written from the export's writer thread, finished from the main one: never both at once.
        self._conn = sqlite3.connect(self.path, check_same_thread=False)
        # A fresh file nobody reads until the export is published: no journal needed.
        self._conn.execute("PRAGMA journal_mode=OFF")
        self._conn.execute("PRAGMA synchronous=OFF")

    def path_of(self, schema: ResourceSchema) -> str:
        return FILENAME

    def open(self, schema: ResourceSchema) -> _SqliteSink:
        return _SqliteSink(self._conn, schema)

    def finish(self, schemas: Sequence[ResourceSchema]) -> None:
        for schema in schemas:
            for statement in index_sql(schema):
                self._conn.execute(statement)
            if schema.search_fields:
                for statement in fts_sql(schema):
                    self._conn.execute(statement)
        self._conn.commit()
        self._conn.execute("ANALYZE")
        self._conn.close()
