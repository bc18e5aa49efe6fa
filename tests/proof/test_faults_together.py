"""Every fault knob of the replica at once, through a crawl, a week of churn (renamed slugs,
new responses) and a second crawl: the database ends as a clean crawl of the same site
leaves it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import crawl_state
from db.engine import make_engine
from scraper.replica import Faults, ReplicaServer
from tests.proof.snapshots import content
from tests.scraper.harvest.support import Harvest, replica, snapshot

REQUESTS = 80
ALL_FAULTS = Faults(
    rate_limited=0.04,
    unavailable=0.04,
    slow=0.03,
    truncated=0.03,
    bad_encoding=0.03,
    bad_json=0.03,
    reset=0.03,
    retry_after=1,
    slow_seconds=0.3,
)
IGNORED = frozenset({"pseudonym", "json_page_id", "html_page_id", "download_attempts"})
SITE_TABLES = (
    "authorities", "requesters", "requests", "request_slugs", "request_events",
    "messages", "attachments",
)  # fmt: skip


def _crawl(root: Path, faults: Faults | None) -> tuple[Harvest, Counter, Counter]:
    with ReplicaServer(replica(REQUESTS, faults=faults)) as server:
        harvest = Harvest(server, f"sqlite:///{root / 'crawl.sqlite3'}", root / "data")
        harvest.full()
        server.replica.advance(7, churn=0.2)
        harvest.run("discover", options=("WDTK_PROBE_LIMIT=0",))
        # The replica's week passed, not the crawler's: bring every known request due, as a
        # week of real time would, so the unchanged ones are asked conditionally (304).
        _all_due(harvest.db_url)
        harvest.run("threads")
        harvest.normalise()
        harvest.run("attachments")
        harvest.run("attachments")
        statuses = Counter(e["status"] for e in server.log)
        faults_seen = Counter(e.get("fault") for e in server.log if e.get("fault"))
    return harvest, statuses, faults_seen


def _all_due(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            crawl_state.mark_due(conn, sorted(crawl_state.known_ids(conn)))
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    clean = _crawl(tmp_path_factory.mktemp("clean"), None)
    faulty = _crawl(tmp_path_factory.mktemp("faulty"), ALL_FAULTS)
    yield clean, faulty


def _site(url: str) -> dict:
    engine = make_engine(url)
    try:
        # Not facts about the site: each crawl's own random pseudonym key (none was given),
        # the ids of its raw pages (fetch order differs under faults), its download attempts.
        tables = content(engine, ignore=IGNORED)
    finally:
        engine.dispose()
    return {name: tables[name] for name in SITE_TABLES}


def test_every_fault_kind_was_met(crawls: tuple) -> None:
    _, (_, _, faults) = crawls
    assert sorted(faults) == sorted(
        ["rate_limited", "unavailable", "slow", "truncated", "bad_encoding", "bad_json", "reset"]
    )


def test_site_behaviours_were_met(crawls: tuple) -> None:
    _, (_, statuses, _) = crawls
    assert {301, 302, 304, 429, 503} <= set(statuses)


def test_faulty_crawl_has_the_clean_crawls_rows(crawls: tuple) -> None:
    (clean, _, _), (faulty, _, _) = crawls
    assert snapshot(faulty.db_url) == snapshot(clean.db_url)


def test_faulty_crawl_has_the_clean_crawls_site_tables(crawls: tuple) -> None:
    (clean, _, _), (faulty, _, _) = crawls
    assert _site(faulty.db_url) == _site(clean.db_url)
