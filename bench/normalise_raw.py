"""Normalise from raw: threads/s of db.normalise over replica pages stored in raw_pages, next
to a bare lxml parse of the same thread bytes (targets: >= 400 threads/s; <= 3x lxml).

    python bench/normalise_raw.py [--requests 2000]

Three figures side by side, one run: bare ``lxml.html.fromstring`` of each thread page; the
pure parse (request JSON + thread + merge, no database); and the whole normalise stage
(read raw_pages, decompress, parse, upsert into SQLite, one process).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lxml.html
from corpus import render, sqlite_engine, store_rendered
from sqlalchemy.orm import Session

from db.normalise import normalise
from pipeline.parse import merge_thread, parse_request_json, parse_thread


def _best(fn, rounds: int = 3) -> float:  # type: ignore[no-untyped-def]
    return min(_timed(fn) for _ in range(rounds))


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def run(quick: bool = False, requests: int | None = None) -> dict:
    n = requests or (300 if quick else 2000)
    pages = list(render(n))
    bare = _best(lambda: [lxml.html.fromstring(html) for _, _, _, html in pages])
    parse = _best(
        lambda: [
            merge_thread(parse_request_json(data, slug), parse_thread(html, slug))
            for _, slug, data, html in pages
        ]
    )
    engine = sqlite_engine()
    stored = store_rendered(engine, n)
    with Session(engine) as session, session.begin():
        started = time.perf_counter()
        report = normalise(session)
        seconds = time.perf_counter() - started
    engine.dispose()
    mean_kib = sum(len(h) for *_, h in pages) / len(pages) / 1024
    return {
        "threads": n,
        "mean_thread_kib": round(mean_kib, 1),
        "raw_bytes": stored["bytes"],
        "quarantined": report.quarantined,
        "lxml_threads_per_s": round(n / bare, 1),
        "parse_threads_per_s": round(n / parse, 1),
        "normalise_threads_per_s": round(n / seconds, 1),
        "parse_vs_lxml": round(parse / bare, 2),
        "normalise_vs_lxml": round(seconds / bare, 2),
        "targets": {"normalise_threads_per_s": ">= 400", "normalise_vs_lxml": "<= 3"},
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=None)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(json.dumps(run(args.quick, args.requests), indent=2))
