"""Every write of a crawl goes through the item pipeline (scraper.pipelines).

The same discover crawl of the replica twice: with the pipeline turned off
(``ITEM_PIPELINES={}``, as the doctor's spider runs) it fetches the site as usual and stores
nothing at all; with it, it stores every page it counted and the frontier of every listed
request.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from db.engine import make_engine
from db.models import CrawlRun, CrawlState, RawPage
from scraper.replica import ReplicaServer
from tests.scraper.harvest.support import Harvest, html_fetches, replica, thread_fetches


def _stored(db_url: str) -> dict[str, object]:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            return {
                "raw_pages": conn.execute(select(func.count()).select_from(RawPage)).scalar_one(),
                "fetched": set(
                    conn.execute(
                        select(CrawlState.request_id).where(CrawlState.last_http_status == 200)
                    ).scalars()
                ),
                "runs": conn.execute(select(CrawlRun.spider, CrawlRun.status)).all(),
            }
    finally:
        engine.dispose()


def test_without_the_item_pipeline_a_crawl_fetches_but_stores_nothing(tmp_path: Path) -> None:
    with ReplicaServer(replica(30)) as server:
        listed = set(server.replica.listed_ids())
        bare = Harvest(server, f"sqlite:///{tmp_path / 'bare.sqlite3'}", tmp_path / "bare")
        mark = bare.mark()
        result = bare.run("discover", options=("ITEM_PIPELINES={}",))
        bare_fetches = bare.log_since(mark)
        stored = Harvest(server, f"sqlite:///{tmp_path / 'stored.sqlite3'}", tmp_path / "s")
        mark = stored.mark()
        with_pipeline = stored.run("discover")
        stored_fetches = stored.log_since(mark)

    # Without it: every listed request's JSON and thread page fetched, not one row written
    # (the run itself is recorded by scraper.run, not by the spider).
    assert len(html_fetches(bare_fetches)) == len(listed) > 0
    assert set(thread_fetches(bare_fetches)) <= set(thread_fetches(stored_fetches))
    assert _stored(bare.db_url) == {"raw_pages": 0, "fetched": set(),
                                    "runs": [("discover", "finished")]}  # fmt: skip
    assert "pages_stored" not in result["counters"]

    # With it: what the spider fetched is stored, counted as before.
    after = _stored(stored.db_url)
    assert after["fetched"] == listed
    assert after["raw_pages"] == with_pipeline["counters"]["pages_stored"] > 2 * len(listed)
    assert with_pipeline["status"] == "finished"
