"""`wdtk demo`: the whole pipeline offline, end to end, on a fresh machine.

Starts the replica on 127.0.0.1, runs the ``refresh`` flow against it (politeness lifted: it
is our own server) and prints what it built. Nothing leaves the machine.

The data goes where the other commands look: the SQLite file ``WDTK_DATABASE_URL`` names, or
``wdtk.sqlite3`` in the working directory by default, so ``wdtk status`` and ``wdtk export``
run next show the demo's requests. A database another site was crawled into is never mixed
with replica data: the demo refuses it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.engine import make_url

from flows import prefect_env
from pipeline.config import DEFAULT_DATABASE_URL, is_loopback


class DemoRefused(RuntimeError):
    """The demo's database holds data crawled from a real site."""


@dataclass(frozen=True, slots=True)
class DemoOptions:
    requests: int = 300
    seed: int = 7
    database: Path | None = None  # None: the default database (see default_database)
    data_dir: Path = Path("wdtk-data")
    export_dir: Path = Path("exports")
    formats: tuple[str, ...] = ("csv", "parquet", "sqlite")


def default_database() -> Path:
    """The SQLite file the other commands would open: WDTK_DATABASE_URL's when it names one,
    else the default ``wdtk.sqlite3``. (A PostgreSQL URL is left alone: the demo's replica
    data never goes into a server database.)"""
    url = make_url(os.environ.get("WDTK_DATABASE_URL") or DEFAULT_DATABASE_URL)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database)
    return Path(make_url(DEFAULT_DATABASE_URL).database or "wdtk.sqlite3")


def crawled_sites(path: Path) -> list[str]:
    """Sites already crawled into the SQLite file at ``path`` (none if it is new)."""
    if not path.exists():
        return []
    from db.engine import make_engine
    from db.models import CrawlRun

    engine = make_engine(f"sqlite:///{path.resolve()}")
    try:
        if not inspect(engine).has_table("crawl_runs"):
            return []
        with engine.connect() as conn:
            stmt = select(CrawlRun.base_url).where(CrawlRun.base_url.is_not(None)).distinct()
            return [url for (url,) in conn.execute(stmt)]
    finally:
        engine.dispose()


def run_demo(options: DemoOptions) -> dict[str, Any]:
    """Serve the replica, refresh from it, and return the summary of what was built."""
    database = (options.database or default_database()).resolve()
    real = [url for url in crawled_sites(database) if not is_loopback(url)]
    if real:
        raise DemoRefused(
            f"{database} holds data crawled from {', '.join(real)}; the demo will not mix "
            "replica data into it: pass --database demo.sqlite3"
        )
    configured = os.environ.get("WDTK_DATABASE_URL") or DEFAULT_DATABASE_URL
    seen_by_default = default_database().resolve() == database and (
        make_url(configured).get_backend_name() == "sqlite"
    )
    prefect_env.configure()
    from db.engine import make_engine
    from db.migrate import upgrade
    from scraper.replica import Replica, ReplicaServer
    from stages.summary import build_summary

    database_url = f"sqlite:///{database}"
    replica = Replica(requests=options.requests, seed=options.seed)
    with ReplicaServer(replica) as server:
        os.environ.update(
            {
                "WDTK_DATABASE_URL": database_url,
                "WDTK_BASE_URL": server.url,
                "WDTK_RATE": "0",
                "WDTK_DATA_DIR": str(options.data_dir.resolve()),
                "WDTK_EXPORT_DIR": str(options.export_dir.resolve()),
            }
        )
        engine = make_engine(database_url)
        upgrade(engine)
        from flows.refresh import refresh

        as_of = replica.clock.date()
        result = refresh(
            base_url=server.url,
            rate=0,
            formats=options.formats,
            export_dir=str(options.export_dir.resolve()),
            as_of=as_of,
            enforce_quality=False,
        )
        visible = len(replica.visible_ids())
        listed = len(replica.listed_ids())
    summary = build_summary(engine)
    engine.dispose()
    return {
        "database": str(database),
        "database_url": database_url,
        "seen_by_default": seen_by_default,
        "as_of": as_of.isoformat(),
        "replica": {
            "url": server.url,
            "requests": options.requests,
            "visible": visible,
            "listed": listed,
            "unlisted": visible - listed,
        },
        "summary": summary,
        "quality": result["quality"],
        "export": (result.get("export") or {}).get("result"),
        "failures": result["failures"],
    }
