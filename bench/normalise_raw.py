"""Normalise from raw: threads/s of db.normalise over replica pages stored in raw_pages, next
to a bare lxml parse of the same thread bytes (targets: >= 400 threads/s; <= 3x lxml).

    python bench/normalise_raw.py [--requests 2000]

Three figures side by side, one run: bare ``lxml.html.fromstring`` of each thread page; the
pure parse (request JSON + thread + merge, no database); and the whole normalise stage
(read raw_pages, decompress, parse, upsert into SQLite, one process). This VM's speed drifts
by up to 2x from one minute to the next, so whole passes timed one after another compare
machine phases, not code. Each round therefore works through the threads 200 at a time
(normalise's batch) and times all three on the same 200 back to back, on a fresh copy of the
stored corpus; normalise pays its per-call overhead once per 200. Figures are the median over
rounds, and every round's ratio is printed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lxml.html
from corpus import render, sqlite_engine, store_rendered
from sqlalchemy import update
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.models import RawPage
from db.normalise import normalise
from db.normalise_requests import BATCH
from pipeline.parse import PARSER_VERSION, merge_thread, parse_request_json, parse_thread

Page = tuple[int, str, bytes, bytes]


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _bare(part: list[Page]) -> None:
    """Parse each thread page and drop the tree, as the parser does: keeping 2 000 trees alive
    would time the allocator too."""
    for *_, html in part:
        lxml.html.fromstring(html)


def _round(template: Path, work: Path, pages: list[Page], chunk: int) -> tuple[float, ...]:
    """One round on a fresh copy of the stored corpus: for each ``chunk`` of threads in turn,
    time a bare lxml parse, the pure parse and a normalise of just those requests (the others
    are marked processed). Returns the summed seconds of each and the quarantine count."""
    copy = work / "round.sqlite3"
    shutil.copyfile(template, copy)
    engine = make_engine(f"sqlite:///{copy}")
    bare = parse = whole = 0.0
    quarantined = 0
    try:
        with engine.begin() as conn:
            conn.execute(update(RawPage).values(processed_version=PARSER_VERSION))
        for start in range(0, len(pages), chunk):
            part = pages[start : start + chunk]
            with engine.begin() as conn:
                conn.execute(
                    update(RawPage)
                    .where(RawPage.request_id.in_([request_id for request_id, *_ in part]))
                    .values(processed_version=None)
                )
            bare += _timed(lambda: _bare(part))  # noqa: B023
            parse += _timed(
                lambda: [
                    merge_thread(parse_request_json(data, slug), parse_thread(html, slug))
                    for _, slug, data, html in part  # noqa: B023
                ]
            )
            with Session(engine) as session, session.begin():
                started = time.perf_counter()
                report = normalise(session)
                whole += time.perf_counter() - started
            quarantined += report.quarantined
    finally:
        engine.dispose()
        copy.unlink()
    return bare, parse, whole, quarantined


def run(quick: bool = False, requests: int | None = None, rounds: int = 3) -> dict:
    n = requests or (300 if quick else 2000)
    pages = list(render(n))
    work = Path(tempfile.mkdtemp(prefix="wdtk-bench-normalise-"))
    try:
        engine = sqlite_engine(work, "template.sqlite3")
        stored = store_rendered(engine, n)
        engine.dispose()
        results = [_round(work / "template.sqlite3", work, pages, BATCH) for _ in range(rounds)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    bare, parse, whole = (sorted(r[i] for r in results) for i in range(3))
    ratios = sorted(r[2] / r[0] for r in results)
    parse_ratios = sorted(r[1] / r[0] for r in results)
    mean_kib = sum(len(h) for *_, h in pages) / len(pages) / 1024
    return {
        "threads": n,
        "rounds": rounds,
        "mean_thread_kib": round(mean_kib, 1),
        "raw_bytes": stored["bytes"],
        "quarantined": results[0][3],
        "lxml_threads_per_s": round(n / median(bare), 1),
        "parse_threads_per_s": round(n / median(parse), 1),
        "normalise_threads_per_s": round(n / median(whole), 1),
        "parse_vs_lxml": round(median(parse_ratios), 2),
        "normalise_vs_lxml": round(median(ratios), 2),
        "normalise_vs_lxml_each_round": [round(r, 2) for r in ratios],
        "targets": {"normalise_threads_per_s": ">= 400", "normalise_vs_lxml": "<= 3"},
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(run(args.quick, args.requests, args.rounds), indent=2))
