"""Migrated test databases without running Alembic for every test.

Running the migrations is the slow part of the ``engine`` fixture (2-3 s on SQLite, 4-6 s on
PostgreSQL on two busy cores, for each of ~170 test legs). Here they run once per test process
and engine:

- SQLite: the migrations run on a template file, which each test gets a copy of;
- PostgreSQL: the migrations run on a template schema while every statement Alembic sends is
  recorded; each test's schema (its own ``search_path``) gets the same statements, in order,
  in one transaction. The migrations never name a schema, so the statements land in the
  test's schema; their reads (Alembic's version check, reflection) are sent again harmlessly.

What a test gets is what running the migrations on an empty database gives;
tests/test_migrated.py compares the two.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url

from db.engine import make_engine
from db.migrate import upgrade

Statement = tuple[str, Any, bool]  # SQL, its parameters as the driver got them, executemany


@cache
def sqlite_template() -> Path:
    """A migrated SQLite file for this process (removed with the temporary folder at exit)."""
    folder = Path(tempfile.mkdtemp(prefix="wdtk-test-template-"))
    path = folder / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as conn:  # everything into the main file, so one copy is whole
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    _CLEAN.append(folder)
    return path


def record_migrations(engine: Engine) -> list[Statement]:
    """Run the migrations on ``engine``, returning every statement sent, with its parameters."""
    sent: list[Statement] = []

    def keep(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        if not parameters and getattr(context, "no_parameters", False):
            parameters = None  # SQLAlchemy calls cursor.execute(statement) alone for these
        sent.append((statement, parameters, many))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        upgrade(engine)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    return sent


@cache
def postgres_statements(server_url: str) -> tuple[Statement, ...]:
    """The statements migrating an empty PostgreSQL schema sends (recorded once a process)."""
    schema = f"tmpl_{uuid.uuid4().hex[:16]}"
    admin = make_engine(server_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(f"{server_url}?options=-csearch_path%3D{schema}")
    try:
        return tuple(record_migrations(engine))
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def fresh_engine(url: str) -> Engine:
    """An engine on ``url`` (an empty database of either engine) holding the migrated schema."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        assert parsed.database
        shutil.copyfile(sqlite_template(), parsed.database)
        return make_engine(url)
    server = parsed.difference_update_query(["options"]).render_as_string(hide_password=False)
    engine = make_engine(url)
    with engine.begin() as conn:  # the driver gets exactly the calls Alembic made
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        for statement, parameters, many in postgres_statements(server):
            if many:
                cursor.executemany(statement, parameters)
            elif parameters is None:
                cursor.execute(statement)
            else:
                cursor.execute(statement, parameters)
        cursor.close()
    return engine


_CLEAN: list[Path] = []


def clean() -> None:
    for folder in _CLEAN:
        shutil.rmtree(folder, ignore_errors=True)
