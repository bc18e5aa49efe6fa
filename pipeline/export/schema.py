"""What a published resource looks like, independent of any database: fields, types, keys.

The database layer builds these from the SQLAlchemy models and their column comments; every
writer (CSV, JSON Lines, Parquet, SQLite, the data package, the data dictionary, Datasette's
metadata) reads them, so one description serves every output.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

FieldType = Literal["integer", "number", "boolean", "string", "datetime", "date", "json"]
FIELD_TYPES: tuple[FieldType, ...] = (
    "integer",
    "number",
    "boolean",
    "string",
    "datetime",
    "date",
    "json",
)


class SchemaError(ValueError):
    """A resource description is inconsistent (unknown type, key naming a missing field, …)."""


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: FieldType
    description: str
    unit: str | None = None

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise SchemaError(f"field {self.name!r}: unknown type {self.type!r}")
        if not self.description.strip():
            raise SchemaError(f"field {self.name!r} has no description")


@dataclass(frozen=True, slots=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ResourceSchema:
    """One published table: an entity of the schema or a derived view."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    kind: Literal["table", "view", "bookkeeping"] = "table"
    facets: tuple[str, ...] = ()
    search_fields: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        names = self.field_names
        if len(set(names)) != len(names):
            raise SchemaError(f"resource {self.name!r} repeats a field name")
        for key in (*self.primary_key, *self.facets, *self.search_fields):
            if key not in names:
                raise SchemaError(f"resource {self.name!r}: {key!r} is not one of its fields")

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def iso_datetime(value: datetime) -> str:
    """``2019-03-01T12:00:00Z`` (microseconds only when there are some); always UTC."""
    if value.tzinfo is None:
        raise SchemaError(f"naive datetime {value!r} cannot be published")
    text = value.astimezone(UTC).isoformat()
    return text.removesuffix("+00:00") + "Z"


def to_text(value: Any, type_: FieldType) -> str | None:
    """The text form every text-based output uses (CSV cells, SQLite TEXT columns)."""
    if value is None:
        return None
    if type_ == "datetime":
        return iso_datetime(value)
    if type_ == "date":
        day: date = value
        return day.isoformat()
    if type_ == "boolean":
        return "true" if value else "false"
    return str(value)


def to_json_value(value: Any, type_: FieldType) -> Any:
    """The JSON form (JSON Lines): numbers and booleans stay native, JSON columns nest."""
    if value is None:
        return None
    if type_ == "json":
        return json.loads(value)
    if type_ == "datetime":
        return iso_datetime(value)
    if type_ == "date":
        return value.isoformat()
    if type_ == "boolean":
        return bool(value)
    return value


def parse_text(text: str | None, type_: FieldType) -> Any:
    """A text cell read back as a Python value, JSON decoded (used when reading exports back)."""
    if text is None or text == "":
        return None
    if type_ == "integer":
        return int(text)
    if type_ == "number":
        return float(text)
    if type_ == "boolean":
        return text == "true"
    if type_ == "datetime":
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    if type_ == "date":
        return date.fromisoformat(text)
    if type_ == "json":
        return json.loads(text)
    return text
