"""Shared fixtures: a clean database on SQLite and on the real PostgreSQL, and ../shared.

Every data-layer test runs on both engines. PostgreSQL is the server on 127.0.0.1:5432
(database ``test``); each test gets its own schema, dropped afterwards. Without CI the
PostgreSQL leg is skipped when the server does not answer; with ``CI=true`` it must run.

Prefect never writes into the checkout or the user's home during tests: before anything
imports Prefect, each test process (each xdist worker too) gets a PREFECT_HOME of its own in
a temporary folder, and a PREFECT_API_URL from the caller's shell is dropped so no test talks
to a real Prefect server.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

_PREFECT_HOME = Path(tempfile.mkdtemp(prefix="wdtk-test-prefect-"))
os.environ["PREFECT_HOME"] = str(_PREFECT_HOME)
os.environ.pop("PREFECT_API_URL", None)
os.environ.pop("PREFECT_PROFILE", None)

import pytest  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from db.engine import make_engine  # noqa: E402
from tests import grouping, migrated  # noqa: E402
from tests.support import require_shared, unavailable  # noqa: E402

PG_URL = os.environ.get(
    "WDTK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_PREFECT_HOME, ignore_errors=True)
    grouping.clean(config)
    migrated.clean()


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("shared"):
        require_shared(*mark.args)


@cache
def _postgres_error() -> str | None:
    engine = make_engine(PG_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "not available here"
        return str(exc).splitlines()[0]
    finally:
        engine.dispose()
    return None


def require_postgres() -> None:
    error = _postgres_error()
    if error is None:
        return
    unavailable(f"PostgreSQL does not answer at {PG_URL}: {error}")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared directory (skips without it; fails under CI=true)."""
    return require_shared()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database of each engine, private to the test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = _admin()
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            # A test that leaves a transaction open must fail loudly, not hang the suite.
            conn.execute(text("SET LOCAL lock_timeout = '30s'"))
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@cache
def _admin() -> Engine:
    """One engine (and connection pool) for creating and dropping test schemas."""
    return make_engine(PG_URL)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated (head) database of each engine.

    The migrations run once per test process and engine, not once per test: on SQLite the
    migrated file is copied; on PostgreSQL the statements Alembic sent are sent again, in order,
    to the test's own schema (tests/migrated.py; tests/test_migrated.py checks the two give
    the same schema as running the migrations).
    """
    eng = migrated.fresh_engine(db_url)
    yield eng
    eng.dispose()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    grouping.longest_first(items)
    grouping.record(config, items)


def pytest_configure_node(node: Any) -> None:
    grouping.configure_node(node)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """README's test command (``-n 4``): modules whole, costly session fixtures built once."""
    return grouping.make_scheduler(config, log)
