"""Run every benchmark, print one table, write bench/out/results.json.

    python bench/run_all.py [--quick] [--only normalise,upsert,...] [--skip memory]

Each benchmark module exposes ``run(quick) -> dict``; the older print-only scripts
(replica_render, replica_memory, letters_*, normalise_parse) run as child processes and
their printed figures are kept verbatim. All figures are measured side by side in this one
run on this machine; nothing here asserts: the table shows each figure beside its target.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
OUT = HERE / "out" / "results.json"


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(mem_kib / 2**20, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "load_before": round(os.getloadavg()[0], 2),
    }


def _script(name: str, *args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, str(HERE / f"{name}.py"), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return {"output": proc.stdout.strip().splitlines()}


def export_parquet(quick: bool) -> dict:
    import export_throughput as bench

    n = 20_000 if quick else 100_000
    work = Path(tempfile.mkdtemp(prefix="wdtk-bench-export-"))
    db = work / "corpus.sqlite3"
    counts = bench.generate(db, n)
    proc = subprocess.run(
        [sys.executable, str(HERE / "export_throughput.py"), "--export-only", "--db", str(db),
         "--out", str(work / "out"), "--format", "parquet"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    return {
        "corpus": f"synthetic, {n} requests, {sum(counts.values())} rows",
        "rows": figures["rows"],
        "seconds": round(figures["seconds"], 2),
        "rows_per_s": round(figures["rows"] / figures["seconds"]),
        "rows_per_cpu_s": round(figures["rows"] / figures["cpu_seconds"]),
        "peak_rss_mib": round(figures["peak_rss_kib"] / 1024),
        "targets": {"rows_per_s": ">= 100000"},
    }


def _module(name: str) -> Callable[[bool], dict]:
    def call(quick: bool) -> dict:
        module = __import__(name)
        return module.run(quick)

    return call


BENCHES: dict[str, Callable[[bool], dict]] = {
    "normalise": _module("normalise_raw"),
    "upsert": _module("upsert_engines"),
    "crawl": _module("crawl_incremental"),
    "export": export_parquet,
    "memory": _module("memory_scale"),
    "parse_fixtures": lambda q: _script("normalise_parse", "--seconds", "1" if q else "3"),
    "replica_render": lambda q: _script("replica_render", "--requests", "500" if q else "2000"),
    "replica_memory": lambda q: _script(
        "replica_memory", "--requests", "10000" if q else "100000", "--sample", "100"
    ),
    "letters_confusion": lambda q: _script("letters_confusion"),
    "letters_throughput": lambda q: _script("letters_throughput"),
}

# (bench, path into its dict, target text, pass test)
HEADLINES: list[tuple[str, str, str, Callable[[object], bool]]] = [
    ("normalise", "normalise_threads_per_s", ">= 400 threads/s", lambda v: v >= 400),  # type: ignore[operator]
    ("normalise", "normalise_vs_lxml", "<= 3x lxml", lambda v: v <= 3),  # type: ignore[operator]
    ("normalise", "parse_vs_lxml", "(parse only) <= 3x", lambda v: v <= 3),  # type: ignore[operator]
    ("crawl", "incremental_rerun.thread_pages_per_changed", "<= 1.05", lambda v: v <= 1.05),  # type: ignore[operator]
    ("crawl", "no_change_rerun.thread_pages", "0", lambda v: v == 0),
    ("crawl", "naive_full_recrawl.thread_pages", "(naive)", lambda v: True),
    ("crawl", "full_crawl.pages_per_s", "(no politeness)", lambda v: True),
    ("crawl", "politeness.observed_max_rate_10", "<= configured", lambda v: True),
    ("crawl", "politeness.never_above_configured", "true", lambda v: v is True),
    ("upsert", "insert_ratio_sqlite_over_pg", "within 2x", lambda v: 0.5 <= v <= 2),  # type: ignore[operator]
    ("export", "rows_per_s", ">= 100000 rows/s", lambda v: v >= 100_000),  # type: ignore[operator]
    ("memory", "growth_largest_over_smallest", "flat (~1)", lambda v: v <= 1.2),  # type: ignore[operator]
]


def _get(data: dict, path: str) -> object:
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def table(results: dict) -> str:
    lines = [f"{'benchmark':<12} {'figure':<44} {'value':>12}  {'target':<20} verdict"]
    for bench, path, target, ok in HEADLINES:
        value = _get(results.get(bench, {}), path)
        if value is None:
            verdict, shown = "not run", "-"
        else:
            verdict, shown = ("meets" if ok(value) else "MISSES"), str(value)
        lines.append(f"{bench:<12} {path:<44} {shown:>12}  {target:<20} {verdict}")
    memory = results.get("memory", {}).get("sizes", {})
    for size, figures in memory.items():
        lines.append(
            f"{'memory':<12} {'peak RSS normalise+export+workers @ ' + size:<44} "
            f"{str(figures.get('peak_rss_with_workers_mib', figures['peak_rss_mib'])) + ' MiB':>12}"
            f"  {'< 500 MB @ 100k':<20}"
        )
    return "\n".join(lines)


def _in_child(name: str, quick: bool) -> dict:
    """Run one benchmark in a fresh interpreter started from this lean parent.

    Linux carries ru_maxrss across fork and exec, so a child of a process that has grown
    inherits its peak: every benchmark gets a small parent, and memory figures stay its own.
    """
    argv = [sys.executable, __file__, "--child", name] + (["--quick"] if quick else [])
    proc = subprocess.run(argv, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": f"exit {proc.returncode}", "stderr": proc.stderr[-4000:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _child(name: str, quick: bool) -> None:
    try:
        result = BENCHES[name](quick)
    except Exception as exc:  # one broken benchmark must not hide the others' figures
        result = {"error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc()}
    print(json.dumps(result, default=str))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="", help="Comma-separated benchmark names.")
    parser.add_argument("--skip", default="", help="Comma-separated benchmark names.")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--merge", action="store_true", help="Keep other benchmarks' figures already in --out."
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.quick)
        return
    only = [n for n in args.only.split(",") if n] or list(BENCHES)
    skip = set(filter(None, args.skip.split(",")))
    results: dict = json.loads(args.out.read_text()) if args.merge and args.out.exists() else {}
    results |= {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": machine(),
    }
    for name in only:
        if name in skip:
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        results[name] = _in_child(name, args.quick)
        results[name]["bench_seconds"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, default=str))
    print(table(results))
    print(f"\nfull figures: {args.out}")


if __name__ == "__main__":
    main()
