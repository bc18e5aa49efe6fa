"""Publishing the dataset: read every resource once, write it in each format asked for.

One pass over the database inside one read transaction (a consistent snapshot), each batch
fanned out to every format's writer, so memory stays flat. The folder is written under a
temporary name, then published as ``DIR/<version>/`` with ``DIR/latest`` pointing at it, and
the run is recorded in ``export_runs`` (its start time is the next incremental export's
watermark).
"""

from __future__ import annotations

import gc
import queue
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, ColumnElement, Select, Text, cast, insert, select, type_coerce
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.types import NullType

from db.base import utcnow
from db.models import ExportRun
from db.provenance import crawled_sites
from db.settings_store import pseudonym_key
from pipeline.export import datapackage, datasette, versions
from pipeline.export.codecs import AWARE_DATETIME, DATE_TEXT, INT_BOOL, UTC_TEXT, Codec
from pipeline.export.parquet import ParquetWriter
from pipeline.export.privacy import Pseudonymiser
from pipeline.export.rights import license_from_setting
from pipeline.export.schema import FieldType, ResourceSchema
from pipeline.export.sqlite import SqliteWriter
from pipeline.export.writers import (
    Batch,
    CsvWriter,
    FormatWriter,
    JsonlWriter,
    PreparingSink,
    ResourceSink,
    Row,
)
from stages.export_query import TOMBSTONES, ReadOptions, Source, sources, tombstone_rows

WRITERS: dict[str, Callable[[Path], FormatWriter]] = {
    "csv": CsvWriter,
    "jsonl": JsonlWriter,
    "parquet": ParquetWriter,
    "sqlite": SqliteWriter,
}
FORMATS: tuple[str, ...] = tuple(WRITERS)
DEFAULT_BATCH_SIZE = 10_000


class ExportError(ValueError):
    """The export was asked for something it cannot do (unknown format, no format, …)."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    out_dir: Path
    formats: tuple[str, ...] = FORMATS
    incremental: bool = False
    include_names: bool = False
    pseudonym_key: str | None = None  # WDTK_PSEUDONYM_KEY; None: the key kept in the database
    batch_size: int = DEFAULT_BATCH_SIZE
    data_license: str | None = None  # WDTK_DATA_LICENSE; None: rights.default_license


@dataclass(slots=True)
class ExportResult:
    version: str
    path: Path
    incremental: bool
    since: datetime | None
    row_counts: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())


def parse_formats(values: Sequence[str]) -> tuple[str, ...]:
    """``["csv,parquet", "sqlite"]`` → ``("csv", "parquet", "sqlite")``, checked and deduplicated."""
    chosen: list[str] = []
    for value in values:
        for name in value.split(","):
            name = name.strip().lower()
            if not name:
                continue
            if name not in WRITERS:
                raise ExportError(
                    f"unknown export format {name!r}: choose from {', '.join(FORMATS)}"
                )
            if name not in chosen:
                chosen.append(name)
    if not chosen:
        raise ExportError(f"no export format given: choose from {', '.join(FORMATS)}")
    return tuple(chosen)


# How each engine's driver hands back a published type, when it is not already the value wanted.
# SQLite keeps times as naive UTC text and booleans as 0/1; psycopg gives aware datetimes in the
# session's time zone. JSON is read as text on both (cast on PostgreSQL, stored so on SQLite).
CODECS: dict[str, dict[FieldType, Codec]] = {
    "sqlite": {"datetime": UTC_TEXT, "date": DATE_TEXT, "boolean": INT_BOOL},
    "postgresql": {"datetime": AWARE_DATETIME},
}


def raw_select(stmt: Select[Any], dialect: str) -> Select[Any]:
    """``stmt`` with SQLAlchemy's per-value result processing switched off (the codecs above
    do the work column by column, several times faster), JSON cast to text on PostgreSQL."""
    columns: list[ColumnElement[Any]] = []
    for column in stmt.selected_columns:
        if dialect == "postgresql" and isinstance(column.type, JSON):
            columns.append(cast(column, Text))
        else:
            columns.append(type_coerce(column, NullType()))
    return stmt.with_only_columns(*columns, maintain_column_froms=True)


def _partitions(conn: Connection, stmt: Select[Any], batch_size: int) -> Iterator[Sequence[Any]]:
    """The driver's rows of ``stmt``, ``batch_size`` at a time, as the driver gives them."""
    if conn.dialect.name == "sqlite":
        # pysqlite has no server-side cursor: its own cursor steps through the result as it is
        # fetched. Reading that cursor directly saves building a SQLAlchemy Row for every row.
        result = conn.execute(stmt)
        cursor = result.cursor
        try:
            while part := cursor.fetchmany(batch_size):
                yield part
        finally:
            result.close()
        return
    result = conn.execution_options(stream_results=True, yield_per=batch_size).execute(stmt)
    for part in result.partitions(batch_size):
        yield [tuple(row) for row in part]


def stream(
    conn: Connection,
    source: Source,
    options: ReadOptions,
    pseudonymiser: Pseudonymiser,
    batch_size: int,
) -> Iterator[Batch]:
    """Batches of published rows, read through a server-side cursor where the engine has one.

    The privacy transform runs on the driver's values, before decoding: it only reads and
    replaces text and JSON columns (and tests booleans, 0/1 on SQLite, for truth), so they are
    the same either way, and a writer that decodes columns itself (Parquet) still can."""
    dialect = conn.dialect.name
    stmt = raw_select(source.query(options), dialect)
    table = CODECS.get(dialect, {})
    codecs = [table.get(f.type) for f in source.schema.fields]
    transform = source.transform(options, pseudonymiser) if source.transform else None
    for part in _partitions(conn, stmt, batch_size):
        if not part:
            continue
        if transform is not None:
            part = [transform(row) for row in part]
        yield Batch(part, codecs)


def watermark(conn: Connection, out_dir: Path) -> datetime | None:
    """Start time of the last finished export into ``out_dir``: rows changed since then are new."""
    runs = conn.execute(
        select(ExportRun.path, ExportRun.started_at)
        .where(ExportRun.finished_at.is_not(None))
        .order_by(ExportRun.started_at.desc(), ExportRun.id.desc())
    ).tuples()
    root = out_dir.resolve()
    for path, started_at in runs:
        if Path(path).parent == root:
            return started_at
    return None


def _payloads(sinks: Sequence[ResourceSink], batch: Sequence[Row]) -> list[Any]:
    """What each sink is given for ``batch``: prepared now by the sinks that prepare."""
    return [sink.prepare(batch) if isinstance(sink, PreparingSink) else batch for sink in sinks]


def _deliver(sinks: Sequence[ResourceSink], payloads: Sequence[Any]) -> None:
    for sink, payload in zip(sinks, payloads, strict=True):
        if isinstance(sink, PreparingSink):
            sink.write_prepared(payload)
        else:
            sink.write(payload)


def _write_resource(
    schema: ResourceSchema, writers: Sequence[FormatWriter], batches: Iterable[Sequence[Row]]
) -> int:
    """Write every batch to every writer's sink, in this thread."""
    sinks = [w.open(schema) for w in writers]
    count = 0
    try:
        for batch in batches:
            _deliver(sinks, _payloads(sinks, batch))
            count += len(batch)
    finally:
        for sink in sinks:
            sink.close()
    return count


_END = object()


def _queued(items: queue.Queue[Any]) -> Iterator[Any]:
    while (item := items.get()) is not _END:
        yield item


def _write_resource_behind(
    schema: ResourceSchema, writers: Sequence[FormatWriter], batches: Iterable[Sequence[Row]]
) -> int:
    """:func:`_write_resource` with the writing in a second thread, a batch or two behind the
    reading. Sinks that prepare their input (Parquet: Python values into Arrow arrays, which
    holds the GIL) do it in this thread, so the second one mostly runs code that releases the
    GIL (compression, file writes) and overlaps the reading; two threads both wanting the GIL
    would instead take turns at every row, as the SQLite driver lets it go at each step.
    The queue is bounded, so memory stays flat; a failed writer keeps draining it so the reader
    never hangs."""
    pending: queue.Queue[Any] = queue.Queue(maxsize=2)
    outcome: dict[str, BaseException] = {}
    sinks = [w.open(schema) for w in writers]

    def write() -> None:
        items = _queued(pending)
        try:
            try:
                for payloads in items:
                    _deliver(sinks, payloads)
            finally:
                for sink in sinks:
                    sink.close()
        except BaseException as exc:
            outcome["error"] = exc
            for _ in items:  # nothing left if the failure came after the end
                pass

    thread = threading.Thread(target=write, name=f"export-{schema.name}")
    thread.start()
    count = 0
    try:
        for batch in batches:
            if "error" in outcome:
                break
            pending.put(_payloads(sinks, batch))
            count += len(batch)
    finally:
        pending.put(_END)
        thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return count


@contextmanager
def _collector_skips_older_objects() -> Iterator[None]:
    """Keep the cyclic garbage collector off the objects that exist when a resource starts.

    Exporting allocates a tuple or more per row, so the collector runs a full collection about
    twenty times per million rows, each walking every object of the process (some 100 000 once
    SQLAlchemy, pyarrow and pandas, which pyarrow imports on its first array, are loaded; 60 ms
    each here): over a second per million rows. Exporting a resource does not make those older
    objects garbage, so they are set aside (``gc.freeze``) while it runs, then handed back to
    the collector (``gc.unfreeze``); the export's own objects are collected as usual."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _write_all(
    conn: Connection,
    writers: Sequence[FormatWriter],
    read: ReadOptions,
    pseudonymiser: Pseudonymiser,
    batch_size: int,
) -> dict[str, int]:
    counts: dict[str, int] = {}
    for source in sources():
        batches = stream(conn, source, read, pseudonymiser, batch_size)
        with _collector_skips_older_objects():
            counts[source.schema.name] = _write_resource_behind(source.schema, writers, batches)
    tombstones = list(tombstone_rows(conn, read.since)) if read.since is not None else []
    chunks = [tombstones[i : i + batch_size] for i in range(0, len(tombstones), batch_size)]
    counts[TOMBSTONES.name] = _write_resource(TOMBSTONES, writers, chunks)
    return counts


def export_dataset(engine: Engine, options: ExportOptions) -> ExportResult:
    """Write one versioned export folder under ``options.out_dir`` and record the run."""
    formats = parse_formats(options.formats)
    out_dir = options.out_dir.resolve()
    started_at = utcnow()
    with engine.begin() as conn:
        key = pseudonym_key(conn, options.pseudonym_key)
        since = watermark(conn, out_dir) if options.incremental else None
        crawled = crawled_sites(conn)  # the source is what was crawled, not a setting
    read = ReadOptions(since=since, include_names=options.include_names)
    version, partial = versions.prepare(out_dir, started_at)
    try:
        writers = [WRITERS[name](partial) for name in formats]
        reader = engine.connect()
        if engine.dialect.name == "postgresql":
            reader = reader.execution_options(isolation_level="REPEATABLE READ")
        with reader, reader.begin():
            if engine.dialect.name == "sqlite":
                # pysqlite opens no transaction for reads, so each query would see the database
                # as of its own start; an explicit BEGIN makes the whole export one snapshot.
                reader.exec_driver_sql("BEGIN")
            counts = _write_all(reader, writers, read, Pseudonymiser(key), options.batch_size)
        schemas = [s.schema for s in sources()] + [TOMBSTONES]
        for writer in writers:
            writer.finish(schemas)
        info = datapackage.PackageInfo(
            version=version,
            created=started_at,
            incremental=since is not None,
            since=since,
            pseudonymised=not options.include_names,
            sources=crawled,
            license=license_from_setting(options.data_license) if options.data_license else None,
        )
        files = {s.name: {w.name: w.path_of(s) for w in writers} for s in schemas}
        datapackage.write_datapackage(partial, datapackage.descriptor(schemas, files, counts, info))
        if "sqlite" in formats:
            datasette.write_metadata(partial, datasette.metadata(schemas, info))
        final = versions.publish(out_dir, partial, version)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    with engine.begin() as conn:
        conn.execute(
            insert(ExportRun).values(
                started_at=started_at,
                finished_at=utcnow(),
                formats=list(formats),
                path=str(final),
                version=version,
                incremental=since is not None,
                since=since,
                row_counts=counts,
            )
        )
    return ExportResult(version, final, since is not None, since, counts)
