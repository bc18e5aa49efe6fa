"""Pieces every `wdtk` command shares: settings, opening the database, one-line errors."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError, PendingRollbackError

from db.engine import DatabaseConfigError, DatabaseUnavailable, check_connection, make_engine
from pipeline.config import ConfigError, Settings


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``wdtk: error: …`` on one line and exit: what went wrong and how to fix it."""
    typer.echo(f"wdtk: error: {message}", err=True)
    raise typer.Exit(code)


def settings() -> Settings:
    try:
        return Settings.from_env()
    except ConfigError as exc:
        fail(str(exc))


def sqlite_file(engine: Engine) -> Path | None:
    """The file a SQLite engine opens, or None (another engine, or an in-memory database)."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    if url.query.get("mode") == "memory":
        return None
    return Path(url.database)


def open_database(
    config: Settings | None = None, *, check: bool = True, create: bool = False
) -> Engine:
    """The configured database, or a one-line error naming WDTK_DATABASE_URL.

    A SQLite file that does not exist is an error too, unless ``create`` (``wdtk db upgrade``):
    connecting would create it empty, and a command would then report on nothing."""
    config = config or settings()
    try:
        engine = make_engine(config.database_url)
    except DatabaseConfigError as exc:
        fail(str(exc))
    path = sqlite_file(engine)
    if path is not None and not create and not path.exists():
        fail(
            f"no database at {path} (WDTK_DATABASE_URL={config.database_url!r}): run wdtk db "
            "upgrade to create it and wdtk refresh to fill it, or wdtk demo to build the "
            "offline demo here"
        )
    try:
        if check:
            check_connection(engine)
    except DatabaseUnavailable as exc:
        fail(str(exc))
    return engine


def console() -> Console:
    """A rich console for a command's report. On a terminal it fits the window; piped or
    redirected it does not wrap at 80 columns (rich's default there), so lines stay whole."""
    if sys.stdout.isatty():
        return Console()
    return Console(width=200, soft_wrap=True)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


@contextmanager
def database_lost(engine: Engine) -> Iterator[None]:
    """Turn a connection lost mid-command into one ``wdtk: error:`` line instead of a traceback.

    The command commits as it goes, each batch with its bookkeeping, so what was committed is
    whole and a rerun finishes the rest.
    psycopg's warnings about further errors it ignored while tearing down a dead connection
    (batched writes run in its pipeline mode) are dropped: the one line says it all.
    """
    driver_log = logging.getLogger("psycopg")
    driver_log.addFilter(_not_ignored_errors)
    try:
        yield
    except (OperationalError, PendingRollbackError, DBAPIError) as exc:
        lost = isinstance(exc, OperationalError | PendingRollbackError) or (
            isinstance(exc, DBAPIError) and exc.connection_invalidated
        )
        if not lost:
            raise
        cause: BaseException = exc
        while cause.__context__ is not None and not isinstance(cause, OperationalError):
            cause = cause.__context__
        orig = getattr(cause, "orig", None) or cause
        reason = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
        url = engine.url.render_as_string(hide_password=True)
        fail(
            f"lost the database (WDTK_DATABASE_URL={url!r}) during the run: {reason}; the "
            "work committed so far is kept: run it again once the database is back to finish"
        )
    finally:
        driver_log.removeFilter(_not_ignored_errors)


def _not_ignored_errors(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("error ignored")


def announce_prefect() -> None:
    """Say on stderr that a temporary Prefect server is starting (it takes tens of seconds)."""
    from flows import prefect_env

    note = prefect_env.startup_note()
    if note:
        typer.echo(f"wdtk: {note}", err=True)
