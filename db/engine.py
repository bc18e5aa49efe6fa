"""Engines and sessions for whichever database WDTK_DATABASE_URL names.

SQLite is the embedded default (WAL, foreign keys on, a generous busy timeout so a crawl and a
normaliser can share the file); PostgreSQL (psycopg 3) is production.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

ENV_VAR = "WDTK_DATABASE_URL"


class DatabaseConfigError(ValueError):
    """WDTK_DATABASE_URL is malformed or names an unsupported database."""


class DatabaseUnavailable(RuntimeError):
    """The configured database cannot be reached."""


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; raises DatabaseConfigError naming the variable when it is unusable."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseConfigError(f"{ENV_VAR} is not a database URL: {url!r} ({exc})") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseConfigError(
            f"{ENV_VAR} must be a sqlite:/// or postgresql+psycopg:// URL, got {_safe(url)!r}"
        )
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        if backend == "sqlite":
            kwargs.setdefault("connect_args", {}).setdefault("timeout", 60)
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseConfigError(f"{ENV_VAR}={_safe(url)!r} cannot be used: {exc}") from None
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.close()


def check_connection(engine: Engine) -> None:
    """Connect once; raise DatabaseUnavailable with a one-line reason if that fails."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        url = engine.url.render_as_string(hide_password=True)
        raise DatabaseUnavailable(f"cannot connect to {ENV_VAR}={url!r}: {reason}") from None


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
