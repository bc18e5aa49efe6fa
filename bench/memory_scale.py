"""Peak RSS of normalise + export as the corpus grows (targets: < 500 MB at 100 000 requests;
flat from 10 000 to 100 000).

    python bench/memory_scale.py [--sizes 10000,30000,100000]
    python bench/memory_scale.py --reuse /tmp/wdtk-bench-mem-*/corpus.sqlite3  # no re-render

For each size: a child process renders that many replica requests into raw_pages of a fresh
SQLite file (not measured); then a second child runs stages.normalise and the Parquet export on it
and reports its own peak RSS, so each figure is that work alone. Normalise parses in worker
processes as ``wdtk normalise`` does (``WDTK_PARSE_WORKERS``); their peaks are reported, and
added to the main process's for the whole job's footprint.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[1]))


def _child(*args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, str(HERE), *args], check=True, capture_output=True, text=True
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def peak_rss_kib(pid: int | str = "self") -> int:
    """A process's own peak RSS (VmHWM): unlike ru_maxrss, not inherited from a parent."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _render(db: Path, n: int) -> dict:
    from corpus import sqlite_engine, store_rendered

    engine = sqlite_engine(db.parent, db.name)
    figures = store_rendered(engine, n)
    engine.dispose()
    return figures


def _work(db: Path, out: Path) -> dict:
    from sqlalchemy.orm import Session

    from db.engine import make_engine
    from pipeline.config import default_parse_workers
    from stages.export import ExportOptions, export_dataset
    from stages.normalise import normalise, parse_pool

    base = peak_rss_kib()
    engine = make_engine(f"sqlite:///{db}")
    workers = default_parse_workers()
    started = time.perf_counter()
    # As `wdtk normalise` runs: committed batch by batch, parsed in worker processes.
    with parse_pool(workers or 1) as pool, Session(engine) as session:
        report = normalise(session, checkpoint=session.commit, pool=pool if workers else None)
        session.commit()
        worker_peaks = [peak_rss_kib(pid) for pid in pool.pids] if workers else []
    normalise_s = time.perf_counter() - started
    after_normalise = peak_rss_kib()
    started = time.perf_counter()
    result = export_dataset(
        engine, ExportOptions(out_dir=out, formats=("parquet",), pseudonym_key="bench")
    )
    export_s = time.perf_counter() - started
    return {
        "rss_after_imports_mib": round(base / 1024),
        "peak_rss_normalise_mib": round(after_normalise / 1024),
        "peak_rss_mib": round(peak_rss_kib() / 1024),
        "peak_rss_parse_workers_mib": [round(kib / 1024) for kib in worker_peaks],
        # The workers live only during normalise; export runs after they have stopped.
        "peak_rss_with_workers_mib": round(
            max(after_normalise + sum(worker_peaks), peak_rss_kib()) / 1024
        ),
        "ru_maxrss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "normalise_s": round(normalise_s, 1),
        "normalise_threads_per_s": round(report.loaded / normalise_s, 1),
        "export_rows": result.total_rows,
        "export_s": round(export_s, 1),
        "export_rows_per_s": round(result.total_rows / export_s),
        "quarantined": report.quarantined,
    }


# What normalise and export write; raw_pages (the rendered corpus) and the settings stay.
_DERIVED = (
    "attachments", "messages", "request_events", "request_slugs", "requests", "requesters",
    "authorities", "authority_changes", "quarantine", "site_stats", "export_runs",
)  # fmt: skip


def _reset(db: Path) -> int:
    """Make a corpus rendered by an earlier run as good as new: no derived rows, every raw
    page unprocessed. Returns its request count."""
    conn = sqlite3.connect(db)
    try:
        for table in _DERIVED:
            conn.execute(f'DELETE FROM "{table}"')
        conn.execute("UPDATE raw_pages SET processed_version = NULL")
        conn.commit()
        return conn.execute(
            "SELECT count(*) FROM raw_pages WHERE kind = 'request_json'"
        ).fetchone()[0]
    finally:
        conn.close()


def rerun(dbs: list[Path]) -> dict:
    """Measure again on corpora an earlier run rendered (``--reuse``), skipping the render."""
    out: dict = {"sizes": {}}
    for db in dbs:
        n = _reset(db)
        shutil.rmtree(db.parent / "export", ignore_errors=True)
        figures = _child("--work", str(db), str(db.parent / "export"))
        figures["raw_mib"] = round(db.stat().st_size / 2**20)  # compressed, on disk
        out["sizes"][str(n)] = figures
    peaks = [figures["peak_rss_with_workers_mib"] for figures in out["sizes"].values()]
    out["growth_largest_over_smallest"] = round(max(peaks) / min(peaks), 2)
    return out


def run(quick: bool = False, sizes: tuple[int, ...] | None = None) -> dict:
    sizes = sizes or ((1000, 3000) if quick else (10_000, 30_000))
    out: dict = {"sizes": {}}
    for n in sizes:
        root = Path(tempfile.mkdtemp(prefix=f"wdtk-bench-mem-{n}-"))
        db = root / "corpus.sqlite3"
        rendered = _child("--render", str(db), str(n))
        figures = _child("--work", str(db), str(root / "export"))
        figures["render_s"] = round(rendered["seconds"], 1)
        figures["raw_mib"] = round(rendered["bytes"] / 2**20)
        out["sizes"][str(n)] = figures
    peaks = [out["sizes"][str(n)]["peak_rss_with_workers_mib"] for n in sizes]
    out["growth_largest_over_smallest"] = round(peaks[-1] / peaks[0], 2)
    out["targets"] = {"peak_rss_mib at 100000": "< 500", "growth": "flat (~1.0)"}
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--render", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--work", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument(
        "--reuse", nargs="+", type=Path, help="corpus.sqlite3 files an earlier run left"
    )
    args = parser.parse_args()
    if args.reuse:
        print(json.dumps(rerun(args.reuse), indent=2))
    elif args.render:
        print(json.dumps(_render(Path(args.render[0]), int(args.render[1]))))
    elif args.work:
        print(json.dumps(_work(Path(args.work[0]), Path(args.work[1]))))
    else:
        sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else None
        print(json.dumps(run(args.quick, sizes), indent=2))
