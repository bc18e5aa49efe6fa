"""Time to render thread pages and request JSON, with the request already built and not.

    python bench/replica_render.py [--requests 2000] [--pages 300]

Prints milliseconds per page (median and 90th percentile); the aim is ~1-3 ms to render.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from scraper.replica import Replica
from scraper.replica.html_thread import thread_page
from scraper.replica.jsonapi import dumps, request_json


def figures(label: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    print(
        f"{label}: median {statistics.median(ordered) * 1000:.2f} ms, p90 {ordered[int(len(ordered) * 0.9)] * 1000:.2f} ms over {len(ordered)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    replica = Replica(requests=args.requests, seed=7, cache_size=args.pages + 10)
    ids = replica.listed_ids()[: args.pages]
    replica.slug_of(ids[0])
    build, render, as_json, sizes = [], [], [], []
    for rid in ids:
        started = time.perf_counter()
        request = replica.request(rid)
        build.append(time.perf_counter() - started)
        assert request is not None
        started = time.perf_counter()
        page = thread_page(request, [])
        render.append(time.perf_counter() - started)
        sizes.append(len(page.encode()))
        started = time.perf_counter()
        dumps(request_json(request, {}))
        as_json.append(time.perf_counter() - started)
    figures("build request (history, letters, states)", build)
    figures("render thread page", render)
    figures("render request JSON", as_json)
    print(
        f"page size: median {statistics.median(sizes) / 1024:.0f} KB, max {max(sizes) / 1024:.0f} KB"
    )


if __name__ == "__main__":
    main()
