"""The spiders write through SQLAlchemy only: a crawl works the same into PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from db.models import CrawlRun, CrawlState, RawPage
from scraper.replica import ReplicaServer
from tests.scraper.harvest.support import Harvest, replica


def test_discover_fills_crawl_state_and_raw_pages_on_each_engine(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    with ReplicaServer(replica(30)) as server:
        harvest = Harvest(server, db_url, tmp_path / "data")
        harvest.run("discover")
        listed = set(server.replica.listed_ids())
    with engine.connect() as conn:
        fetched = set(
            conn.execute(
                select(CrawlState.request_id).where(CrawlState.last_http_status == 200)
            ).scalars()
        )
        pages = conn.execute(
            select(func.count()).select_from(RawPage).where(RawPage.kind == "thread_html")
        ).scalar_one()
        run = conn.execute(select(CrawlRun.spider, CrawlRun.status)).one()
    assert (fetched, pages) == (listed, len(listed))
    assert tuple(run) == ("discover", "finished")
