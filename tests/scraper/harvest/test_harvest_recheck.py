"""A due re-check of unchanged requests: conditional GET, 304s, no thread page fetched."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from db.engine import make_engine
from db.models import CrawlState
from scraper.replica import ReplicaServer
from tests.scraper.harvest.support import Harvest, html_fetches, replica


def test_unchanged_requests_answer_304_and_cost_no_thread_page(tmp_path: Path) -> None:
    with ReplicaServer(replica(30)) as server:
        harvest = Harvest(server, f"sqlite:///{tmp_path / 'recheck.sqlite3'}", tmp_path / "data")
        harvest.run("discover")
        engine = make_engine(harvest.db_url)
        with engine.begin() as conn:
            # As if their re-check time had come.
            conn.execute(update(CrawlState).values(next_check_at=CrawlState.discovered_at))
        engine.dispose()
        mark = harvest.mark()
        result = harvest.run("threads")
        log = harvest.log_since(mark)
        listed = len(server.replica.listed_ids())
    slug_json = [e for e in log if e["path"].endswith(".json") and not e["path"][9].isdigit()]
    assert {e["status"] for e in slug_json} == {304}
    assert (len(slug_json), result["counters"]["not_modified"]) == (listed, listed)
    assert html_fetches(log) == []
