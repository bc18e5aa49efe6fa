"""Behind a bot wall: the crawl names it, stops asking /request/, and harvests nothing there."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.engine import make_engine
from db.models import CrawlRun, RawPage
from pipeline.config import Settings
from scraper.botwall import wall_line
from scraper.doctor import run_doctor
from scraper.replica import ReplicaServer
from tests.scraper.archive.support import crawl, replica, request_paths


def test_the_crawl_behind_the_wall_names_it_and_harvests_nothing(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'wall.sqlite3'}"
    with ReplicaServer(replica(60), bot_wall=True) as server:
        authorities = crawl("authorities", server.url, db_url, tmp_path / "data")
        discover = crawl("discover", server.url, db_url, tmp_path / "data")
        log = list(server.log)
    # /body/ and the CSV still work; /request/ is a wall.
    assert authorities["status"] == "finished"
    assert discover["status"] == "failed" and discover["finish_reason"] == "bot_wall"
    line = wall_line(discover)
    assert line is not None and "bot wall" in line and "wdtk crawl archive" in line
    walled = [e for e in log if e["path"].startswith("/request/")]
    assert walled and all(e["status"] == 403 for e in walled)
    # No flailing: what was already in flight when the first challenge came back (at most
    # the concurrency, 16 at --rate 0), and nothing asked after the wall closed the run.
    assert len(walled) <= 16
    engine = make_engine(db_url)
    with engine.connect() as conn:
        kinds = set(conn.execute(select(RawPage.kind)).scalars())
        run = conn.execute(select(CrawlRun.__table__).where(CrawlRun.spider == "discover")).one()
    engine.dispose()
    assert not kinds & {"request_json", "thread_html"}
    assert run.wall_url is not None and run.wall_url.startswith(server.url + "/request/")
    assert run.wall_url == discover["counters"]["bot_wall_url"] and "cf-mitigated" in (
        run.wall_reason or ""
    )
    assert run.wall_at is not None and run.status == "failed"
    # The run stopped at the wall, so the threads spider was never needed; a second run
    # meets the wall again at its first /request/ fetch and stops there too.
    with ReplicaServer(replica(60), bot_wall=True) as server:
        again = crawl("threads", server.url, db_url, tmp_path / "data")
        assert len(request_paths(server.log)) <= 16
    assert again["status"] in ("failed", "finished")


def test_the_doctor_names_the_wall(tmp_path: Path) -> None:
    with ReplicaServer(replica(60), bot_wall=True) as server:
        config = Settings(database_url="sqlite://", base_url=server.url, rate=0, data_dir=tmp_path)
        report = run_doctor(config, max_threads=3)
        asked = request_paths(server.log)
    walls = [f for f in report.failed if f.area == "bot-wall"]
    assert len(walls) == 1 and "wdtk crawl archive" in walls[0].detail
    assert len(asked) == 1  # the walled family is not asked again
