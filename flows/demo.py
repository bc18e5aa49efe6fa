"""`wdtk demo`: the whole pipeline offline, end to end, on a fresh machine.

Starts the replica on 127.0.0.1, runs the ``refresh`` flow against it (politeness lifted: it
is our own server) into a SQLite file, and prints what it built. Nothing leaves the machine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flows import prefect_env


@dataclass(frozen=True, slots=True)
class DemoOptions:
    requests: int = 300
    seed: int = 7
    database: Path = Path("wdtk-demo.sqlite3")
    data_dir: Path = Path("wdtk-data")
    export_dir: Path = Path("exports")
    formats: tuple[str, ...] = ("csv", "parquet", "sqlite")


def run_demo(options: DemoOptions) -> dict[str, Any]:
    """Serve the replica, refresh from it, and return the summary of what was built."""
    prefect_env.configure()
    from db.engine import make_engine
    from db.migrate import upgrade
    from db.summary import build_summary
    from scraper.replica import Replica, ReplicaServer

    database_url = f"sqlite:///{options.database.resolve()}"
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

        result = refresh(
            base_url=server.url,
            rate=0,
            formats=options.formats,
            export_dir=str(options.export_dir.resolve()),
            as_of=replica.clock.date(),
            enforce_quality=False,
        )
        visible = len(replica.visible_ids())
    summary = build_summary(engine)
    engine.dispose()
    return {
        "database": str(options.database.resolve()),
        "replica": {"url": server.url, "requests": options.requests, "visible": visible},
        "summary": summary,
        "quality": result["quality"],
        "export": (result.get("export") or {}).get("result"),
        "failures": result["failures"],
    }
