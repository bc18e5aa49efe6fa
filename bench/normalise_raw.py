"""Normalise from raw: threads/s of stages.normalise over replica pages stored in raw_pages, next
to a bare lxml parse of the same thread bytes (targets: >= 400 threads/s; <= 3x lxml), and the
CPU seconds per thread of each in one process (``time.process_time``), steadier than wall-clock
on a shared machine.

    python bench/normalise_raw.py [--requests 2000]

Side by side, one run: bare ``lxml.html.fromstring`` of each thread page; the pure parse
(request JSON + thread + merge, no database); and the whole normalise stage (read raw_pages,
parse, upsert into SQLite), with the parse in worker processes as ``wdtk normalise`` does for
2 000 or more requests (``WDTK_PARSE_WORKERS``, default one per CPU), and in one thread.

This VM's speed drifts by up to 2x from one minute to the next, so whole passes timed one
after another compare machine phases, not code. Each round therefore works through the
threads 1 000 at a time (five normalise batches, so parsing and writing overlap as in a real
run) and times all of them on the same 1 000 back to back, on fresh copies of the stored
corpus. Figures are medians over rounds; every round's ratio is printed. The worker processes
start once, before timing, as they do once per run; their start-up time is printed too.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lxml.html
from corpus import render, sqlite_engine, store_rendered
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.models import RawPage
from pipeline.config import default_parse_workers
from pipeline.parse import PARSER_VERSION, merge_thread, parse_request_json, parse_thread
from stages.normalise import normalise, parse_pool
from stages.normalise_requests import BATCH

Page = tuple[int, str, bytes, bytes]
CHUNK = 5 * BATCH  # threads timed back to back: small against the drift, yet five batches


def _timed(fn: Callable[[], object], cpu: dict[str, float] | None = None, key: str = "") -> float:
    """Wall-clock seconds of ``fn()``; with ``cpu``, its CPU seconds in this process (every
    thread of it) are added to ``cpu[key]``."""
    started, cpu_started = time.perf_counter(), time.process_time()
    fn()
    if cpu is not None:
        cpu[key] += time.process_time() - cpu_started
    return time.perf_counter() - started


def _bare(part: list[Page]) -> None:
    """Parse each thread page and drop the tree, as the parser does: keeping 2 000 trees alive
    would time the allocator too."""
    for *_, html in part:
        lxml.html.fromstring(html)


def _unmark(engine: Engine, part: list[Page]) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(RawPage)
            .where(RawPage.request_id.in_([request_id for request_id, *_ in part]))
            .values(processed_version=None)
        )


def _normalise(engine: Engine, pool: Executor | None) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds of one normalise (CPU: this process's, so the parse in
    worker processes is not counted; in one thread everything is), and pages quarantined."""
    with Session(engine) as session, session.begin():
        started, cpu_started = time.perf_counter(), time.process_time()
        report = normalise(session, pool=pool)
        took, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        return took, cpu, report.quarantined


def _round(template: Path, work: Path, pages: list[Page], pool: Executor | None) -> dict:
    """One round on fresh copies of the stored corpus: for each ``CHUNK`` of threads in turn,
    time a bare lxml parse, the pure parse, and a normalise of just those requests (the others
    marked processed) with the parse in a thread and in ``pool``. Summed seconds of each."""
    seconds = dict.fromkeys(("bare", "parse", "thread", "processes"), 0.0)
    cpu = dict.fromkeys(("bare", "parse", "thread"), 0.0)
    quarantined = 0
    engines = {}
    for mode in ("thread", "processes"):
        shutil.copyfile(template, work / f"{mode}.sqlite3")
        engines[mode] = make_engine(f"sqlite:///{work / mode}.sqlite3")
        with engines[mode].begin() as conn:
            conn.execute(update(RawPage).values(processed_version=PARSER_VERSION))
    try:
        for start in range(0, len(pages), CHUNK):
            part = pages[start : start + CHUNK]
            for engine in engines.values():
                _unmark(engine, part)
            seconds["bare"] += _timed(lambda: _bare(part), cpu, "bare")  # noqa: B023
            seconds["parse"] += _timed(
                lambda: [
                    merge_thread(parse_request_json(data, slug), parse_thread(html, slug))
                    for _, slug, data, html in part  # noqa: B023
                ],
                cpu,
                "parse",
            )
            for mode, engine in engines.items():
                took, spent, failed = _normalise(engine, pool if mode == "processes" else None)
                seconds[mode] += took
                if mode == "thread":
                    cpu["thread"] += spent
                quarantined += failed
    finally:
        for mode, engine in engines.items():
            engine.dispose()
            (work / f"{mode}.sqlite3").unlink()
    return seconds | {f"cpu_{key}": value for key, value in cpu.items()} | {
        "quarantined": quarantined
    }


def run(quick: bool = False, requests: int | None = None, rounds: int = 3) -> dict:
    n = requests or (300 if quick else 2000)
    pages = list(render(n))
    workers = default_parse_workers()
    work = Path(tempfile.mkdtemp(prefix="wdtk-bench-normalise-"))
    try:
        engine = sqlite_engine(work, "template.sqlite3")
        stored = store_rendered(engine, n)
        engine.dispose()
        started = time.perf_counter()
        with parse_pool(max(workers, 1)) as pool:
            # Start every worker before timing: a run pays this once, not per 1 000 requests.
            list(pool.map(time.sleep, [0.2] * max(workers, 1)))
            worker_start = time.perf_counter() - started
            results = [
                _round(work / "template.sqlite3", work, pages, pool if workers else None)
                for _ in range(rounds)
            ]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def rate(key: str) -> float:
        return round(n / median(r[key] for r in results), 1)

    def ratios(key: str) -> list[float]:
        return sorted(round(r[key] / r["bare"], 2) for r in results)

    def cpu_per_thread(key: str) -> float:
        return round(median(r[f"cpu_{key}"] for r in results) / n * 1000, 3)

    def cpu_ratios(key: str) -> list[float]:
        return sorted(round(r[f"cpu_{key}"] / r["cpu_bare"], 2) for r in results)

    mean_kib = sum(len(h) for *_, h in pages) / len(pages) / 1024
    return {
        "threads": n,
        "rounds": rounds,
        "mean_thread_kib": round(mean_kib, 1),
        "raw_bytes": stored["bytes"],
        "quarantined": results[0]["quarantined"],
        "parse_workers": workers,
        "worker_start_s": round(worker_start, 2),
        "lxml_threads_per_s": rate("bare"),
        "parse_threads_per_s": rate("parse"),
        "parse_vs_lxml": median(ratios("parse")),
        # As `wdtk normalise` runs 2 000 or more requests: the parse in worker processes.
        "normalise_threads_per_s": rate("processes"),
        "normalise_vs_lxml": median(ratios("processes")),
        "normalise_vs_lxml_each_round": ratios("processes"),
        # The parse in one thread beside the writes (smaller runs, WDTK_PARSE_WORKERS=0).
        "normalise_in_thread_threads_per_s": rate("thread"),
        "normalise_in_thread_vs_lxml": median(ratios("thread")),
        # CPU time in one process on the same bytes (the measure): milliseconds per
        # thread, and normalise in one thread (read, parse, upsert) against bare lxml.
        "lxml_cpu_ms_per_thread": cpu_per_thread("bare"),
        "parse_cpu_ms_per_thread": cpu_per_thread("parse"),
        "normalise_cpu_ms_per_thread": cpu_per_thread("thread"),
        "parse_cpu_vs_lxml": median(cpu_ratios("parse")),
        "normalise_cpu_vs_lxml": median(cpu_ratios("thread")),
        "normalise_cpu_vs_lxml_each_round": cpu_ratios("thread"),
        "targets": {
            "normalise_threads_per_s": ">= 400",
            "normalise_vs_lxml": "<= 3",
            "normalise_cpu_vs_lxml": "<= 3",
        },
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(run(args.quick, args.requests, args.rounds), indent=2))
