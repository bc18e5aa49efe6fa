"""What an export publishes and how to read it: one resource per entity and per view.

Resource schemas come from the SQLAlchemy models (types, keys, column comments), so the data
package, the data dictionary and every file agree with the database. The queries apply the
privacy rules (stages/export.py streams them): hidden requests and everything under them are left
out, requesters are pseudonymised unless names are asked for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ColumnElement,
    Date,
    Float,
    Integer,
    Numeric,
    Select,
    String,
    Table,
    Text,
    and_,
    cast,
    exists,
    false,
    func,
    or_,
    select,
)
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from db.base import UTCDateTime, table_of
from db.models import (
    Attachment,
    Authority,
    AuthorityChange,
    InternalReview,
    LetterAnalysis,
    Message,
    ProvisionCitation,
    Request,
    RequestAnalysis,
    Requester,
    RequestEvent,
    RequestSlug,
)
from db.view_tables import VIEW_TABLES
from pipeline.export.privacy import Pseudonymiser
from pipeline.export.schema import Field, FieldType, ForeignKey, ResourceSchema
from pipeline.visibility import LISTED
from stages.export_derived import derived_expression, with_derived
from stages.export_privacy import PRIVACY_NOTES, RowTransform, transform_for

VISIBLE = LISTED  # pipeline.visibility: the requests exports list
REQUESTS = table_of(Request)

# Columns that point into the pipeline's own bookkeeping, meaningless outside it.
INTERNAL_COLUMNS: dict[str, frozenset[str]] = {
    "requests": frozenset({"json_page_id", "html_page_id"}),
    "attachments": frozenset({"stored_path"}),
}
FACETS: dict[str, tuple[str, ...]] = {
    "authorities": ("is_school", "is_scottish", "defunct"),
    "requests": ("described_state", "law_used", "status"),
    "request_events": ("event_type",),
    "messages": ("kind", "purpose"),
    "attachments": ("content_type", "extraction_status"),
    "letter_analyses": ("kind", "outcome"),
    "provision_citations": ("regime", "citation", "role"),
    "internal_reviews": ("outcome", "original_outcome", "outcome_after_review"),
    "request_analyses": ("timeliness", "outcome", "regime"),
    "request_summary": ("year", "timeliness", "outcome"),
    "review_outcomes": ("outcome", "year", "original_refused"),
    "exemption_use": ("year", "regime"),
    "overdue_now": ("kind", "long_overdue"),
}
SEARCH_FIELDS: dict[str, tuple[str, ...]] = {
    "requests": ("title",),
    "messages": ("body_text",),
    "attachments": ("text", "filename"),
}
# Published rounded: shares to 4 decimal places, means to 1 (the counts they come from are
# published beside them, so nothing is lost).
ROUNDED: dict[tuple[str, str], int] = {
    **{
        ("authority_stats", column): 4
        for column in ("response_rate", "on_time_rate", "success_rate", "overturn_rate")
    },
    ("authority_stats", "mean_working_days"): 1,
}
UNITS: dict[tuple[str, str], str] = {
    ("attachments", "size_bytes"): "bytes",
    ("overdue_now", "days_overdue"): "days",
}

TOMBSTONES = ResourceSchema(
    name="tombstones",
    title="Tombstones",
    description="Rows of earlier exports that must be deleted: their request was hidden, "
    "embargoed or removed on the site since the previous export (incremental exports only).",
    fields=(
        Field("entity", "string", "The resource the row belonged to, e.g. messages."),
        Field(
            "key",
            "string",
            "The row's key: its key columns joined with '/', e.g. 'incoming/1398278'.",
        ),
        Field("removed_at", "datetime", "When the pipeline found the request hidden (UTC)."),
    ),
    primary_key=("entity", "key"),
    kind="bookkeeping",
)


class UnknownColumnType(TypeError):
    """A model column has a type the exporters do not know how to publish."""


def field_type(column_type: Any) -> FieldType:
    if isinstance(column_type, UTCDateTime):
        return "datetime"
    if isinstance(column_type, Date):
        return "date"
    if isinstance(column_type, Boolean):
        return "boolean"
    if isinstance(column_type, Integer):
        return "integer"
    if isinstance(column_type, Float):
        return "number"
    if isinstance(column_type, JSON):
        return "json"
    if isinstance(column_type, String | Text):
        return "string"
    raise UnknownColumnType(f"no export type for {column_type!r}")


def _title(name: str) -> str:
    return name.replace("_", " ").capitalize()


def resource_schema(table: Table, *, exported: frozenset[str]) -> ResourceSchema:
    """The published description of ``table``: its columns (less internal ones), described by
    their comments, with the privacy rule of each pseudonymised column appended."""
    skip = INTERNAL_COLUMNS.get(table.name, frozenset())
    fields = []
    for column in table.columns:
        if column.name in skip:
            continue
        note = PRIVACY_NOTES.get((table.name, column.name))
        description = (column.comment or "") + (f" {note}" if note else "")
        places = ROUNDED.get((table.name, column.name))
        if places is not None:
            description += f" Rounded to {places} decimal place{'s' if places > 1 else ''}."
        fields.append(
            Field(
                column.name,
                field_type(column.type),
                description,
                unit=UNITS.get((table.name, column.name)),
            )
        )
    foreign_keys = tuple(
        ForeignKey(
            tuple(e.parent.name for e in fk.elements),
            fk.referred_table.name,
            tuple(e.column.name for e in fk.elements),
        )
        for fk in sorted(table.foreign_key_constraints, key=lambda fk: fk.referred_table.name)
        if fk.referred_table.name in exported
    )
    is_view = bool(table.info.get("view"))
    return ResourceSchema(
        name=table.name,
        title=_title(table.name),
        description=table.comment or "",
        fields=tuple(with_derived(table.name, fields)),
        primary_key=tuple(c.name for c in table.primary_key.columns),
        foreign_keys=foreign_keys,
        kind="view" if is_view else "table",
        facets=FACETS.get(table.name, ()),
        search_fields=SEARCH_FIELDS.get(table.name, ()),
        notes=("Always a complete snapshot, in incremental exports too.",) if is_view else (),
    )


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How rows are chosen: since a watermark (incremental) or all; with names or not."""

    since: datetime | None = None
    include_names: bool = False


# For each entity: the table, whether it hangs under a request (request_id), and the column
# (or correlated condition) that says it changed since the last export.
ChangedSince = Callable[[datetime], ColumnElement[bool]]


@dataclass(frozen=True, slots=True)
class Entity:
    table: Table
    under_request: bool
    changed: ChangedSince | None = None


def _column_since(table: Table, column: str) -> ChangedSince:
    return lambda since: table.c[column] >= since


def _letter_analysed_since(since: datetime) -> ColumnElement[bool]:
    la = LetterAnalysis.__table__
    pc = ProvisionCitation.__table__
    return exists().where(
        la.c.message_kind == pc.c.message_kind,
        la.c.message_id == pc.c.message_id,
        la.c.part == pc.c.part,
        la.c.analysed_at >= since,
    )


def _request_analysed_since(since: datetime) -> ColumnElement[bool]:
    ra = RequestAnalysis.__table__
    return exists().where(
        ra.c.request_id == InternalReview.__table__.c.request_id, ra.c.analysed_at >= since
    )


ENTITIES: tuple[Entity, ...] = (
    Entity(table_of(Authority), False, _column_since(table_of(Authority), "last_changed_at")),
    Entity(table_of(AuthorityChange), False, _column_since(table_of(AuthorityChange), "seen_at")),
    Entity(table_of(Requester), False, _column_since(table_of(Requester), "last_changed_at")),
    Entity(REQUESTS, False, _column_since(REQUESTS, "last_changed_at")),
    Entity(table_of(RequestSlug), True, _column_since(table_of(RequestSlug), "last_seen_at")),
    Entity(table_of(RequestEvent), True, None),
    Entity(table_of(Message), True, _column_since(table_of(Message), "last_changed_at")),
    Entity(table_of(Attachment), True, _column_since(table_of(Attachment), "last_changed_at")),
    Entity(table_of(LetterAnalysis), True, _column_since(table_of(LetterAnalysis), "analysed_at")),
    Entity(table_of(ProvisionCitation), True, _letter_analysed_since),
    Entity(table_of(InternalReview), True, _request_analysed_since),
    Entity(
        table_of(RequestAnalysis), True, _column_since(table_of(RequestAnalysis), "analysed_at")
    ),
)
EXPORTED = frozenset(e.table.name for e in ENTITIES)


@dataclass(frozen=True, slots=True)
class Source:
    """A resource and how to read it: a query, and a row transform applying the privacy rules."""

    schema: ResourceSchema
    query: Callable[[ReadOptions], Select[Any]]
    transform: Callable[[ReadOptions, Pseudonymiser], RowTransform] | None = field(default=None)


class likely(FunctionElement[bool]):
    """A condition most rows meet (a request is rarely hidden), said so to SQLite's planner.

    Without statistics, SQLite reads the visible requests through the visibility index, then
    sorts every row of the result before returning the first; told the condition is likely, it
    reads the table in key order, which needs no sort and streams from the first row. Other
    engines get the condition unchanged."""

    # No Boolean type, or SQLAlchemy would write ``likely(…) = 1`` for SQLite.
    name = "likely"
    inherit_cache = True


@compiles(likely)
def _condition_only(element: likely, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(likely, "sqlite")
def _sqlite_likely(element: likely, compiler: SQLCompiler, **kw: Any) -> str:
    return f"likely({compiler.process(element.clauses, **kw)})"


def _published_column(table: Table, name: str) -> ColumnElement[Any]:
    """One published field: the table's column, or the derived expression of that name."""
    if name in table.c:
        return table.c[name]
    expression = derived_expression(table.name, name)
    if expression is None:  # unreachable: the schema is the table's columns and derived fields
        raise LookupError(f"{table.name}.{name} is neither a column nor a derived field")
    return expression


def _entity_query(entity: Entity, schema: ResourceSchema) -> Callable[[ReadOptions], Select[Any]]:
    table = entity.table
    extra = transform_for(table.name)

    def build(options: ReadOptions) -> Select[Any]:
        stmt = select(*(_published_column(table, name) for name in schema.field_names))
        if extra is not None:
            stmt = stmt.add_columns(*extra.helper_columns(table))
            stmt = extra.join(stmt, table)
        if table is REQUESTS:
            stmt = stmt.where(likely(REQUESTS.c.visibility.in_(VISIBLE)))
        elif entity.under_request:
            if extra is None or not extra.joins_requests:
                stmt = stmt.join(REQUESTS, REQUESTS.c.id == table.c.request_id)
            stmt = stmt.where(likely(REQUESTS.c.visibility.in_(VISIBLE)))
        if options.since is not None:
            changed = [entity.changed(options.since)] if entity.changed else []
            if entity.under_request:
                changed.append(REQUESTS.c.last_changed_at >= options.since)
            stmt = stmt.where(or_(*changed) if changed else false())
        return stmt.order_by(*table.primary_key.columns)

    return build


def _view_query(table: Table) -> Callable[[ReadOptions], Select[Any]]:
    order = list(table.primary_key.columns) or list(table.columns)
    columns = [
        # PostgreSQL rounds only NUMERIC to a number of places.
        cast(func.round(cast(c, Numeric), ROUNDED[(table.name, c.name)]), Float).label(c.name)
        if (table.name, c.name) in ROUNDED
        else c
        for c in table.columns
    ]
    return lambda options: select(*columns).select_from(table).order_by(*order)


def sources() -> list[Source]:
    """Every resource of an export, entities first, then views (tombstones are separate)."""
    out = []
    for entity in ENTITIES:
        schema = resource_schema(entity.table, exported=EXPORTED)
        extra = transform_for(entity.table.name)
        transform = None
        if extra is not None:
            transform = functools.partial(extra.row_transform, names=schema.field_names)
        out.append(Source(schema, _entity_query(entity, schema), transform))
    for view in VIEW_TABLES:
        out.append(Source(resource_schema(view, exported=frozenset()), _view_query(view)))
    return out


def all_schemas() -> list[ResourceSchema]:
    """Every published resource's schema, in export order (for the dictionary and package)."""
    return [s.schema for s in sources()] + [TOMBSTONES]


def tombstone_rows(conn: Connection, since: datetime) -> Iterator[tuple[str, str, datetime]]:
    """(entity, key, removed_at) for every row under a request hidden since ``since``."""
    gone = and_(REQUESTS.c.visibility.notin_(VISIBLE), REQUESTS.c.last_changed_at >= since)
    for entity in ENTITIES:
        table = entity.table
        if table is not REQUESTS and not entity.under_request:
            continue
        keys = list(table.primary_key.columns)
        stmt = select(*keys, REQUESTS.c.hidden_at, REQUESTS.c.last_changed_at)
        if table is not REQUESTS:
            stmt = stmt.join(REQUESTS, REQUESTS.c.id == table.c.request_id)
        stmt = stmt.where(gone).order_by(*keys)
        for row in conn.execute(stmt):
            *key, hidden_at, changed_at = row
            yield table.name, "/".join(str(k) for k in key), hidden_at or changed_at
