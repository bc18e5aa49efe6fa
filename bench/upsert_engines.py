"""PostgreSQL vs SQLite upsert rate through db.load on the same records (target: within 2x).

    python bench/upsert_engines.py [--requests 1000]

The replica's threads are parsed and merged once; then the same records are written as the
normaliser writes them (db.load.thread_rows, then db.load.write_requests in batches of
stages.normalise_requests.BATCH) into a fresh SQLite file and a fresh PostgreSQL schema (the local
server), first as inserts and then again as a no-change reload (the upsert's compare-and-skip
path).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import postgres_engine, render, sqlite_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.base import chunked
from db.load import thread_rows, write_requests
from pipeline.parse import merge_thread, parse_request_json, parse_thread
from stages.normalise_requests import BATCH


def _load(engine: Engine, merged: list) -> tuple[int, float]:  # type: ignore[type-arg]
    rows = 0
    started = time.perf_counter()
    with Session(engine) as session, session.begin():
        for batch in chunked(merged, BATCH):
            built = [thread_rows(t, parser_version="bench", key="bench") for t in batch]
            write_requests(session, built)
            rows += sum(sum(b.counts.counts.values()) for b in built)
    return rows, time.perf_counter() - started


def _engine_figures(engine: Engine, merged: list) -> dict:  # type: ignore[type-arg]
    rows, first = _load(engine, merged)
    _, again = _load(engine, merged)
    return {
        "rows": rows,
        "insert_rows_per_s": round(rows / first),
        "reload_rows_per_s": round(rows / again),
    }


def run(quick: bool = False, requests: int | None = None) -> dict:
    n = requests or (200 if quick else 1000)
    merged = [
        merge_thread(parse_request_json(data, slug), parse_thread(html, slug))
        for _, slug, data, html in render(n)
    ]
    sqlite = sqlite_engine()
    lite = _engine_figures(sqlite, merged)
    sqlite.dispose()
    with postgres_engine() as pg:
        postgres = _engine_figures(pg, merged)
    return {
        "threads": n,
        "sqlite": lite,
        "postgresql": postgres,
        "insert_ratio_sqlite_over_pg": round(
            lite["insert_rows_per_s"] / postgres["insert_rows_per_s"], 2
        ),
        "reload_ratio_sqlite_over_pg": round(
            lite["reload_rows_per_s"] / postgres["reload_rows_per_s"], 2
        ),
        "targets": {"insert_ratio_sqlite_over_pg": "within 2x (0.5..2)"},
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=None)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(json.dumps(run(args.quick, args.requests), indent=2))
