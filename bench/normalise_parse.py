"""Throughput of parse_thread on the saved 2019 pages, next to a bare lxml parse of the same bytes.

Run: python bench/normalise_parse.py [--seconds 3] [--fixtures DIR]
Prints threads/s for both (best pass of each) and their ratio (target: within 3x of bare lxml).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.parse.thread import parse_thread  # noqa: E402
from tests.support import FIXTURES_2019, optional_shared  # noqa: E402


def one_pass(fn: Callable[[bytes], object], pages: list[bytes]) -> float:
    start = time.perf_counter()
    for page in pages:
        fn(page)
    return time.perf_counter() - start


def rates(pages: list[bytes], seconds: float) -> tuple[float, float]:
    """Best pages/s of each, from passes that alternate between the two for ``seconds``.

    Alternating and keeping the fastest pass of each makes the ratio robust to other work on
    the machine, which only ever slows a pass down.
    """
    best_bare = best_full = float("inf")
    start = time.perf_counter()
    while time.perf_counter() - start < seconds or best_full == float("inf"):
        best_bare = min(best_bare, one_pass(lxml.html.fromstring, pages))
        best_full = min(best_full, one_pass(parse_thread, pages))
    return len(pages) / best_bare, len(pages) / best_full


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--fixtures", type=Path, default=optional_shared(*FIXTURES_2019))
    args = parser.parse_args()
    if args.fixtures is None:
        sys.exit("no 2019 fixture pages: ../shared is not beside the checkout; pass --fixtures DIR")
    pages = [p.read_bytes() for p in sorted(args.fixtures.glob("*.html"))]
    if not pages:
        sys.exit(f"no .html pages in {args.fixtures}")
    for page in pages:  # warm caches and fail early on a page that does not parse
        parse_thread(page)
    bare, full = rates(pages, args.seconds)
    size = sum(map(len, pages)) / len(pages) / 1024
    print(f"pages: {len(pages)} (mean {size:.0f} KiB) from {args.fixtures}")
    print(f"lxml.html.fromstring: {bare:8.1f} threads/s")
    print(f"parse_thread:         {full:8.1f} threads/s")
    print(f"ratio: parse_thread takes {bare / full:.2f}x the time of a bare parse (target <= 3)")


if __name__ == "__main__":
    main()
