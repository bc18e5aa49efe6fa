"""The ``engine`` fixture's shortcut (tests/migrated.py) gives exactly the schema that running
the migrations on an empty database gives, on both engines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from db.engine import make_engine
from db.migrate import upgrade
from db.models import metadata
from tests import migrated

PG_CATALOG = {
    "columns": "SELECT table_name, column_name, data_type, is_nullable, column_default "
    "FROM information_schema.columns WHERE table_schema = current_schema()",
    "indexes": "SELECT tablename, indexname, replace(indexdef, current_schema() || '.', '') "
    "FROM pg_indexes WHERE schemaname = current_schema()",
    "views": "SELECT viewname, definition FROM pg_views WHERE schemaname = current_schema()",
    "constraints": "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
    "FROM pg_constraint WHERE connamespace = current_schema()::regnamespace",
    "triggers": "SELECT event_object_table, trigger_name, action_statement "
    "FROM information_schema.triggers WHERE trigger_schema = current_schema()",
    "functions": "SELECT proname, prosrc FROM pg_proc "
    "WHERE pronamespace = current_schema()::regnamespace",
}


def _snapshot(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            shape = {"sqlite_master": sorted(conn.exec_driver_sql(
                "SELECT type, name, tbl_name, sql FROM sqlite_master"
            ).all())}  # fmt: skip
        else:
            shape = {k: sorted(map(tuple, conn.execute(text(q)).all())) for k, q in PG_CATALOG.items()}
        names = inspect(conn).get_table_names()
        rows = {
            name: conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
            for name in names
        }
        version = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    return {**shape, "rows": rows, "version": version}


def _empty(engine: Engine) -> None:
    """Drop everything the migrations made in this PostgreSQL test schema."""
    with engine.begin() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))


def test_the_copied_or_replayed_schema_is_the_migrated_one(db_url: str, tmp_path: Path) -> None:
    sqlite = db_url.startswith("sqlite")
    # SQLite: migrate a file beside the test's; PostgreSQL: the test's schema, emptied after.
    reference = make_engine(f"sqlite:///{tmp_path / 'migrated.sqlite3'}" if sqlite else db_url)
    upgrade(reference)
    expected = _snapshot(reference)
    if not sqlite:
        _empty(reference)
    reference.dispose()
    shortcut = migrated.fresh_engine(db_url)
    try:
        assert _snapshot(shortcut) == expected
        assert set(expected["rows"]) >= {t.name for t in metadata.sorted_tables}
    finally:
        shortcut.dispose()
