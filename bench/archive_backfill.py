"""Backfilling a replica corpus live versus archive-first, over HTTP on loopback.

    python bench/archive_backfill.py [--requests 1000]

Both runs fetch at --rate 0 (the replica is local); the time each would take against the live
site at the default politeness (1 request/s per host, one connection) is computed from its
fetch counts, since at that rate time is the number of fetches.

* live: ``discover`` + ``threads`` from the site (as ``wdtk crawl``).
* archive-first: ``wdtk crawl archive`` against the replica's Wayback-style archive
  (``--archive``; snapshots 240, 75 and 12 days before the clock), then ``discover`` +
  ``threads`` from the site to fill the gap.

Goal: live fetches of request pages during the archive-first backfill at most what is new or
changed since its capture (or missing from the archive), plus listing pages.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.models import RawPage
from pipeline.config import Settings
from scraper.launch import run_spider
from scraper.replica import Replica, ReplicaServer
from stages.normalise import normalise

OUT = Path(__file__).resolve().parent / "out"


def _kinds(entries: list[dict[str, Any]]) -> dict[str, int]:
    counts = {"list": 0, "request_json": 0, "thread_html": 0, "redirects": 0, "other": 0,
              "archive_index": 0, "archive_capture": 0}  # fmt: skip
    for e in entries:
        path = e["path"]
        if e["status"] == 301:  # /request/<id>.json answers 301 to the slug: a fetch too
            counts["redirects"] += 1
        elif path.startswith("/cdx/"):
            counts["archive_index"] += 1
        elif path.startswith("/web/"):
            counts["archive_capture"] += 1
        elif path.startswith("/list"):
            counts["list"] += 1
        elif path.startswith("/request/") and path.split("?")[0].endswith(".json"):
            counts["request_json"] += 1
        elif path.startswith("/request/"):
            counts["thread_html"] += 1
        elif not path.startswith("/_replica/"):
            counts["other"] += 1
    return counts


def _requests_fetched(replica: Replica, entries: list[dict[str, Any]]) -> set[int]:
    """Distinct requests whose JSON was asked of the site (by id or by slug)."""
    ids: set[int] = set()
    for e in entries:
        path = e["path"]
        if not path.startswith("/request/") or not path.endswith(".json"):
            continue
        key = path.removeprefix("/request/").removesuffix(".json")
        rid = int(key) if key.isdigit() else replica.resolve_slug(key)
        if rid is not None:
            ids.add(rid)
    return ids


def _crawl(server: ReplicaServer, db_url: str, data: Path, spiders: list[str],
           options: tuple[str, ...] = ()) -> tuple[dict[str, int], float, set[int]]:  # fmt: skip
    config = Settings(database_url=db_url, base_url=server.url, rate=0, data_dir=data)
    mark, started = len(server.log), time.perf_counter()
    for spider in spiders:
        kw: dict[str, Any] = {"since": "2008-01-01"} if spider == "discover" else {}
        run_spider(spider, config, options=options, **kw)
    entries = server.log[mark:]
    seconds = time.perf_counter() - started
    return _kinds(entries), seconds, _requests_fetched(server.replica, entries)


def _normalise(db_url: str) -> None:
    engine = make_engine(db_url)
    with Session(engine) as session, session.begin():
        normalise(session)
    engine.dispose()


def _archived(db_url: str) -> dict[int, dict[str, Any]]:
    engine = make_engine(db_url)
    out: dict[int, dict[str, Any]] = {}
    with engine.connect() as conn:
        for kind, rid, at in conn.execute(
            select(RawPage.kind, RawPage.request_id, RawPage.captured_at).where(
                RawPage.source == "archive", RawPage.request_id.is_not(None)
            )
        ):
            mine = out.setdefault(rid, {})
            mine[kind] = max(at, mine.get(kind, at))
    engine.dispose()
    return out


def changed_since(replica: Replica, request_id: int, moment: Any) -> bool:
    """Whether the request is not as it was at ``moment``: an event since (responses,
    annotations, classifications, overdue markers), or no longer public. (Replica.changed_ids
    only follows changes after the base clock.)"""
    request = replica.request(request_id)
    if request is None or not request.public:
        return True
    return any(e.at > moment for e in request.events)


def run(requests: int) -> dict[str, Any]:
    root = Path(tempfile.mkdtemp(prefix="wdtk-bench-archive-"))
    replica = Replica(requests=requests, seed=7)
    with ReplicaServer(replica, archive=True) as server:
        live_db = f"sqlite:///{root / 'live.sqlite3'}"
        live, live_s, live_ids = _crawl(server, live_db, root / "data", ["discover", "threads"])
        first_db = f"sqlite:///{root / 'archive.sqlite3'}"
        archive_opts = ("WDTK_ARCHIVE=wayback", f"WDTK_ARCHIVE_URL={server.url}")
        backfill, backfill_s, _ = _crawl(server, first_db, root / "data", ["archive"], archive_opts)
        _normalise(first_db)
        archived = _archived(first_db)
        gap, gap_s, gap_ids = _crawl(server, first_db, root / "data", ["discover", "threads"])
        # What the archive could not give: never captured, half captured, or changed since
        # the capture (new events, renamed, taken down since: those are re-checked).
        listed = set(replica.listed_ids())
        missing = listed - set(archived)
        partial = {rid for rid in archived if len(archived[rid]) < 2}
        changed = {
            rid for rid in set(archived) - partial
            if changed_since(replica, rid, min(archived[rid].values()))
        }  # fmt: skip
    needed = len(missing) + len(partial) + len(changed)
    live_fetches = sum(v for k, v in live.items() if not k.startswith("archive"))
    gap_fetches = sum(v for k, v in gap.items() if not k.startswith("archive"))
    archive_fetches = backfill["archive_index"] + backfill["archive_capture"]
    return {
        "requests": requests,
        "listed_requests": len(listed),
        "live_first": {
            "fetches": live, "fetches_total": live_fetches, "requests_fetched": len(live_ids),
            "seconds_at_1_per_s": live_fetches, "seconds_measured_rate_0": round(live_s, 1),
        },
        "archive_first": {
            "archive_fetches": archive_fetches, "archive": backfill,
            "live_fetches": gap, "live_fetches_total": gap_fetches,
            "live_requests_fetched": len(gap_ids),
            "live_requests_fetched_not_lacking": len(gap_ids - missing - partial - changed),
            # Two hosts, each at 1 request/s, one after the other.
            "seconds_at_1_per_s": archive_fetches + gap_fetches,
            "seconds_measured_rate_0": round(backfill_s + gap_s, 1),
        },
        "archive_lacked": {"never_captured": len(missing), "half_captured": len(partial),
                           "changed_since_capture": len(changed), "total": needed},
        "goal": {
            "live_requests_fetched": len(gap_ids),
            "bound_new_or_changed_plus_missing": needed,
            "live_request_pages": gap["request_json"] + gap["thread_html"] + gap["redirects"],
            "listing_pages": gap["list"],
            "meets": len(gap_ids) <= needed,
        },
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()
    result = run(args.requests)
    OUT.mkdir(exist_ok=True)
    (OUT / "archive_backfill.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
