"""Idempotent writes keyed on natural ids, on SQLite and PostgreSQL alike.

``upsert`` inserts new rows and updates existing ones *only when a value differs*, so loading
the same records twice leaves every row, ``last_changed_at`` included, exactly as it was.
``first_seen_at`` is written on insert and never touched again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnDefault, Table, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.types import TypeEngine

from db.base import UTCDateTime, table_of, utcnow

TOUCH_COLUMN = "last_changed_at"
KEEP_COLUMNS = frozenset({"first_seen_at"})


def _insert(conn: Connection, table: Table) -> Any:
    name = conn.dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"upsert is not implemented for {name}")


def _connection(bind: Connection | Session) -> Connection:
    return bind.connection() if isinstance(bind, Session) else bind


def upsert(
    bind: Connection | Session,
    target: type[DeclarativeBase] | Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    keep: Iterable[str] = (),
    touch: Iterable[str] = (),
) -> None:
    """Insert ``rows`` or update the rows with the same primary key where anything differs.

    Every row must carry the same keys. Columns in ``keep`` (and ``first_seen_at``) are only
    written on insert. ``last_changed_at``, when the table has it, is set to now for inserted
    rows and for rows whose values changed; columns in ``touch`` (e.g. ``analysed_at``) are
    treated the same way with the rows' own values: written when the rest of the row changed,
    never compared.
    """
    if not rows:
        return
    conn = _connection(bind)
    table = table_of(target)
    now = utcnow()
    keys = list(rows[0])
    defaults = _python_defaults(table, keys)
    # The same for every row: now in last_changed_at, and in first_seen_at when neither the
    # rows nor a default give it.
    fixed = {c: now for c in KEEP_COLUMNS if c in table.c and c not in keys and c not in defaults}
    if TOUCH_COLUMN in table.c:
        fixed[TOUCH_COLUMN] = now
    prepared: list[dict[str, Any]] = []
    for row in rows:
        if list(row) != keys:
            raise ValueError(f"upsert into {table.name}: every row needs the same keys")
        values = dict(row)
        for column, default in defaults.items():
            values[column] = default()
        values.update(fixed)
        prepared.append(values)

    stmt = _upsert_statement(conn, table, tuple(keys), frozenset(keep), frozenset(touch))
    stmt.execute(conn, prepared)


def _python_defaults(table: Table, keys: Sequence[str]) -> dict[str, Any]:
    """Callables giving the Python-side default of every column the rows leave out (the
    prepared statement below names all its columns, so nothing is filled in behind it)."""
    defaults: dict[str, Any] = {}
    for column in table.c:
        default = column.default
        if column.name in keys or not isinstance(default, ColumnDefault):
            continue  # none, or a Sequence / server-side generator: nothing to call here
        if not (default.is_scalar or default.is_callable):
            continue
        if default.is_scalar:
            defaults[column.name] = lambda value=default.arg: value
        else:
            defaults[column.name] = lambda fn=default.arg: fn(None)
    return defaults


# Built statements, reused: building and compiling ON CONFLICT … WHERE anew for every call
# cost more than running it. Keyed on everything the statement depends on.
_STATEMENTS: dict[tuple[str, int, tuple[str, ...], frozenset[str], frozenset[str]], Prepared] = {}


def _upsert_statement(
    conn: Connection,
    table: Table,
    keys: tuple[str, ...],
    keep: frozenset[str],
    touch: frozenset[str] = frozenset(),
) -> Prepared:
    cache_key = (conn.dialect.name, id(table), keys, keep, touch)
    stmt = _STATEMENTS.get(cache_key)
    if stmt is not None:
        return stmt
    pk = [c.name for c in table.primary_key.columns]
    frozen = set(pk) | KEEP_COLUMNS | keep | touch
    compared = [k for k in keys if k not in frozen and k != TOUCH_COLUMN]
    stmt = _insert(conn, table)
    if compared:
        excluded = stmt.excluded
        set_ = {k: excluded[k] for k in compared}
        for column in (*sorted(touch & set(keys)), TOUCH_COLUMN):
            if column in table.c:
                set_[column] = excluded[column]
        changed = or_(*(table.c[k].is_distinct_from(excluded[k]) for k in compared))
        stmt = stmt.on_conflict_do_update(index_elements=pk, set_=set_, where=changed)
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=pk)
    stmt = Prepared(conn, stmt, _columns(table, keys))
    _STATEMENTS[cache_key] = stmt
    return stmt


def _columns(table: Table, keys: Sequence[str]) -> list[str]:
    """Every column an upsert writes: the rows' keys, defaults filled in, bookkeeping times."""
    extra = [*_python_defaults(table, keys), TOUCH_COLUMN, *sorted(KEEP_COLUMNS)]
    return [*keys, *(c for c in dict.fromkeys(extra) if c in table.c and c not in keys)]


_UNSEEN = object()


class Prepared:
    """A write statement compiled once for the connection's dialect, as SQLAlchemy would
    compile it (paramstyle, casts), and run by ``execute`` straight through the driver."""

    def __init__(self, conn: Connection, stmt: Any, columns: Sequence[str]) -> None:
        # SQLAlchemy cannot cache the compiled form of ``ON CONFLICT … WHERE`` (its cache key
        # is None), so it would be compiled again on every call; this compiles it once.
        compiled = stmt.compile(dialect=conn.dialect, column_keys=list(columns))
        self.sql = str(compiled)
        self.positional = bool(compiled.positional)
        names = tuple(compiled.positiontup or ()) if self.positional else tuple(compiled.binds)
        escaped = compiled.escaped_bind_names or {}
        self.names = names  # the rows' keys, in the driver's order
        self.params = tuple(escaped.get(name, name) for name in names)  # the driver's names
        self.types = [compiled.binds[name].type for name in names]
        self._converters: dict[tuple[type[Dialect], Any], list[Callable[[Any], Any] | None]] = {}

    def execute(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run the statement once per row, in one executemany. Values are converted here as
        SQLAlchemy's bind processing would convert them (same values, same stored text), so
        its per-row parameter handling, which cost more than the database's work, is skipped."""
        names = self.names
        values = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
        # Per converted column: its position, converter, and the last value and its result.
        # Rows share objects (every row's last_changed_at is the same ``now``): a value that
        # is the previous row's object is converted once (converters are pure).
        converted: list[list[Any]] = [
            [i, convert, _UNSEEN, None]
            for i, convert in enumerate(self._converters_for(conn.dialect))
            if convert is not None
        ]
        params: list[Any] = []
        try:
            for row in rows:
                value = list(values(row))
                for slot in converted:
                    given = value[slot[0]]
                    if given is not slot[2]:
                        slot[2], slot[3] = given, slot[1](given)
                    value[slot[0]] = slot[3]
                if self.positional:
                    params.append(tuple(value))
                else:
                    params.append(dict(zip(self.params, value, strict=True)))
        except Exception as exc:  # as SQLAlchemy reports a value its bind processing refuses
            cls = type(exc)
            raise StatementError(
                f"({cls.__module__}.{cls.__name__}) {exc}", self.sql, None, exc
            ) from exc
        conn.exec_driver_sql(self.sql, params)

    def _converters_for(self, dialect: Dialect) -> list[Callable[[Any], Any] | None]:
        key = (type(dialect), getattr(dialect, "_json_serializer", None))
        converters = self._converters.get(key)
        if converters is None:
            converters = [bind_converter(type_, dialect) for type_ in self.types]
            self._converters[key] = converters
        return converters


def bind_converter(type_: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """What SQLAlchemy does to a value of ``type_`` before the driver gets it (None: nothing);
    a UTC instant on SQLite takes a shortcut that stores the very same text."""
    processor: Callable[[Any], Any] | None = type_._cached_bind_processor(dialect)
    if isinstance(type_, UTCDateTime) and dialect.name == "sqlite" and processor is not None:
        return sqlite_instant(processor)
    return processor


def sqlite_instant(processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """UTCDateTime's bind processing on SQLite with a shortcut for values already in UTC (most
    are: utcnow): the text SQLite's DATETIME stores (``YYYY-MM-DD HH:MM:SS.ffffff``) is the
    ISO text before its "+00:00". Every other value (other zones, naive, None) goes through
    ``processor``, so the type keeps the one rule for them."""

    def convert(value: Any) -> Any:
        if isinstance(value, datetime) and value.tzinfo is UTC:
            return value.isoformat(" ", "microseconds")[:-6]
        return processor(value)

    return convert


def insert_missing(
    bind: Connection | Session,
    target: type[DeclarativeBase] | Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    conflict: Sequence[str] | None = None,
) -> None:
    """Insert rows whose key (primary key, or the ``conflict`` columns) is not there yet."""
    if not rows:
        return
    conn = _connection(bind)
    table = table_of(target)
    index = tuple(conflict) if conflict else tuple(c.name for c in table.primary_key.columns)
    keys = tuple(rows[0])
    if any(tuple(r) != keys for r in rows):  # mixed shapes: let SQLAlchemy sort them out
        stmt = _insert(conn, table).on_conflict_do_nothing(index_elements=list(index))
        conn.execute(stmt, [dict(r) for r in rows])
        return
    defaults = _python_defaults(table, keys)
    cache_key = (conn.dialect.name, id(table), keys, index)
    stmt = _NOTHING_STATEMENTS.get(cache_key)
    if stmt is None:
        built = _insert(conn, table).on_conflict_do_nothing(index_elements=list(index))
        stmt = _NOTHING_STATEMENTS[cache_key] = Prepared(conn, built, [*keys, *defaults])
    prepared = []
    for row in rows:
        values = dict(row)
        for column, default in defaults.items():
            values[column] = default()
        prepared.append(values)
    stmt.execute(conn, prepared)


_NOTHING_STATEMENTS: dict[tuple[str, int, tuple[str, ...], tuple[str, ...]], Prepared] = {}
