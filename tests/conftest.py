"""Shared fixtures: a clean database on SQLite and on the real PostgreSQL, and ../shared.

Every data-layer test runs on both engines. PostgreSQL is the server on 127.0.0.1:5432
(database ``test``); each test gets its own schema, dropped afterwards. Without CI the
PostgreSQL leg is skipped when the server does not answer; with ``CI=true`` it must run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from db.engine import make_engine
from db.migrate import upgrade
from tests.support import SHARED

PG_URL = os.environ.get(
    "WDTK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


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
    if IN_CI:
        pytest.fail(f"PostgreSQL is required under CI=true but does not answer: {error}")
    pytest.skip(f"PostgreSQL not available: {error}")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found beside the checkout (looked in {SHARED})")
    return SHARED


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database of each engine, private to the test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            # A test that leaves a transaction open must fail loudly, not hang the suite.
            conn.execute(text("SET lock_timeout = '30s'"))
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated (head) database of each engine."""
    eng = make_engine(db_url)
    upgrade(eng)
    yield eng
    eng.dispose()
