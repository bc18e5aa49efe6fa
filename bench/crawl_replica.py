"""Crawl a 2 000-request replica end to end and print the figures (no assertions).

    python bench/crawl_replica.py [--requests 2000] [--seed 7] [--churn 0.05] [--days 30]

Full crawl (discover, threads, normalise, attachments twice), a quiet rerun, then the clock
moved with churn and a rerun: pages fetched, thread pages per changed request, seconds.
This is the 2 000-request version of tests/scraper/harvest (which use 200).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy.orm import Session

from db.engine import make_engine
from pipeline.config import Settings
from scraper.launch import run_spider
from scraper.replica import Replica, ReplicaServer
from stages.normalise import normalise


def _kinds(log: list[dict]) -> dict[str, int]:
    counts = {"list": 0, "json": 0, "thread_html": 0, "attachment": 0, "other": 0}
    for entry in log:
        path = entry["path"]
        if path.startswith("/list"):
            counts["list"] += 1
        elif "/attach/" in path:
            counts["attachment"] += 1
        elif "unfold=1" in path:
            counts["thread_html"] += 1
        elif path.startswith("/request/") and ".json" in path:
            counts["json"] += 1
        else:
            counts["other"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--churn", type=float, default=0.05)
    parser.add_argument("--days", type=float, default=30)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="wdtk-bench-"))
    db_url = f"sqlite:///{root / 'bench.sqlite3'}"
    site = Replica(requests=args.requests, seed=args.seed)
    with ReplicaServer(site) as server:
        config = Settings(database_url=db_url, base_url=server.url, rate=0, data_dir=root / "data")

        def phase(label: str, spiders: list[str], **kw: object) -> None:
            mark, started = len(server.log), time.monotonic()
            for spider in spiders:
                if spider == "normalise":
                    engine = make_engine(db_url)
                    with Session(engine) as session, session.begin():
                        normalise(session)
                    engine.dispose()
                    continue
                extra = {"since": "2008-01-01"} if spider == "discover" else {}
                run_spider(spider, config, **extra, **kw)  # type: ignore[arg-type]
            seconds = time.monotonic() - started
            entries = server.log[mark:]
            print(
                f"{label:<24} {seconds:7.1f} s  {len(entries):6d} requests "
                f"({len(entries) / seconds:6.1f}/s)  {_kinds(entries)}"
            )

        print(
            f"replica: {args.requests} requests, {len(site.listed_ids())} listed, seed {args.seed}"
        )
        phase("full crawl", ["discover", "threads", "normalise", "attachments", "attachments"])
        phase("quiet rerun", ["discover", "threads", "attachments"])
        changed = site.advance(args.days, args.churn)
        print(
            f"clock moved {args.days:g} days, churn {args.churn:g}: {len(changed)} requests changed"
        )
        mark = len(server.log)
        phase("rerun after churn", ["discover", "threads"], options=("WDTK_PROBE_LIMIT=0",))
        html = sum(1 for e in server.log[mark:] if "unfold=1" in e["path"])
        print(
            f"thread pages fetched / changed requests: {html} / {len(changed)}"
            f" = {html / max(len(changed), 1):.3f}"
        )


if __name__ == "__main__":
    main()
