"""Peak memory of the replica serving a sample of a 100 000-request corpus over HTTP.

    python bench/replica_memory.py [--requests 100000] [--sample 400] [--with-list]

Prints peak RSS (ru_maxrss) after start-up and after serving thread pages, request JSON,
numeric-id redirects, attachments and body JSON. The target is under 300 MB. ``--with-list``
adds /list pages, which index every request's events (slow on 100k: minutes, not memory).
No assertions: this prints figures.
"""

from __future__ import annotations

import argparse
import http.client
import random
import resource
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from scraper.replica import Replica, ReplicaServer


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fetch(port: int, path: str) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", path, headers={"User-Agent": "wdtk-bench"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, len(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--with-list", action="store_true")
    args = parser.parse_args()

    print(f"python start: peak RSS {rss_mb():.0f} MB")
    started = time.perf_counter()
    replica = Replica(requests=args.requests, seed=args.seed)
    ids = replica.existing_ids()
    print(
        f"corpus of {len(ids)} requests ready in {time.perf_counter() - started:.1f} s; peak RSS {rss_mb():.0f} MB"
    )
    rng = random.Random(args.seed)
    sample = [*rng.sample(ids, min(args.sample, len(ids))), 540577, 599512]
    counts: dict[str, int] = {}
    with ReplicaServer(replica) as server:
        started = time.perf_counter()
        served = 0
        for rid in sample:
            for path in (f"/request/{rid}", f"/request/{rid}.json"):
                status, size = fetch(server.port, path)
                counts[str(status)] = counts.get(str(status), 0) + 1
                served += size
            request = replica.request(rid)
            if request is None or not request.public:
                continue
            slug = request.url_title
            for path in (
                f"/request/{slug}",
                f"/request/{slug}.json",
                f"/user/{request.user.url_name}.json",
            ):
                status, size = fetch(server.port, path)
                counts[str(status)] = counts.get(str(status), 0) + 1
                served += size
            truth = replica.truth(rid)
            for att in truth.attachments[:1] if truth else []:
                if att.hidden or att.file_kind == "image_pdf":
                    continue
                path = quote(att.download_path)
                for _ in range(2):  # first access: masking wait; second: the file
                    status, size = fetch(server.port, path)
                    counts[str(status)] = counts.get(str(status), 0) + 1
                    served += size
        elapsed = time.perf_counter() - started
        print(
            f"served {sum(counts.values())} responses ({served / 1e6:.1f} MB) in {elapsed:.1f} s; statuses {dict(sorted(counts.items()))}"
        )
        print(f"after sample: peak RSS {rss_mb():.0f} MB")
        if args.with_list:
            started = time.perf_counter()
            for page in (1, 2, 20):
                fetch(server.port, f"/list?page={page}")
            print(
                f"/list pages in {time.perf_counter() - started:.1f} s; peak RSS {rss_mb():.0f} MB"
            )
    print(f"PEAK RSS {rss_mb():.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()
