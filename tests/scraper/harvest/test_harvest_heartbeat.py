"""A crawl killed with SIGKILL (the machine dying, as far as the database can tell) is marked
``crashed`` by the next run and shown by ``wdtk status``; a run on another machine is judged by
its heartbeat's age; a live run keeps beating."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from db.base import utcnow
from db.engine import make_engine
from db.migrate import upgrade
from db.models import CrawlRun
from flows.cli import app
from pipeline.config import Settings
from scraper.launch import REPO_ROOT, child_env
from scraper.replica import ReplicaServer
from scraper.runs import LEASE, Heartbeat, finish_run, mark_crashed, start_run
from tests.scraper.harvest.support import replica


def _run(engine: Engine, run_id: int) -> dict:
    with engine.connect() as conn:
        row = conn.execute(select(CrawlRun.__table__).where(CrawlRun.id == run_id)).mappings()
        return dict(row.one())


def _wait_for(predicate: Callable[[], object], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up after {seconds} s")


def test_a_crawl_killed_with_sigkill_is_marked_crashed_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'crawl.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    with ReplicaServer(replica(60)) as server:
        config = Settings(database_url=url, base_url=server.url, rate=4, data_dir=tmp_path)
        env = child_env(config)
        env["WDTK_HEARTBEAT_SECONDS"] = "0.3"
        child = subprocess.Popen(
            [sys.executable, "-m", "scraper.run", "discover", "--since", "2008-01-01"],
            env=env,
            cwd=str(REPO_ROOT),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:

            def beating() -> bool:
                with engine.connect() as conn:
                    row = conn.execute(
                        select(CrawlRun.heartbeat_at, CrawlRun.started_at, CrawlRun.pages)
                    ).first()
                return row is not None and row.heartbeat_at > row.started_at and row.pages > 0

            _wait_for(beating, 90)
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(30)
    killed = _run(engine, 1)
    assert (killed["status"], killed["pid"], killed["finished_at"]) == ("running", child.pid, None)
    assert killed["pages"] > 0  # the figures so far came with the heartbeats

    monkeypatch.setenv("WDTK_DATABASE_URL", url)
    before = CliRunner().invoke(app, ["status"])
    assert "running, but its process is gone" in before.stdout

    next_run = start_run(engine, "threads", "http://127.0.0.1:1", heartbeat=False)
    assert _run(engine, 1)["status"] == "crashed"
    assert _run(engine, next_run)["status"] == "running"
    after = CliRunner().invoke(app, ["status"])
    assert after.exit_code == 0, after.output
    assert "crawl run #1 discover: crashed" in after.stdout
    engine.dispose()


def test_a_run_elsewhere_is_crashed_only_once_its_lease_is_over(engine: Engine) -> None:
    now = utcnow()
    with engine.begin() as conn:
        for host, age in (("elsewhere", LEASE + timedelta(minutes=1)), ("elsewhere", timedelta(0))):
            conn.execute(
                insert(CrawlRun).values(
                    spider="threads",
                    started_at=now - age,
                    heartbeat_at=now - age,
                    status="running",
                    host=host,
                    pid=1,
                    pages=0,
                    items=0,
                    errors=0,
                    retries=0,
                    stats={},
                )
            )
    assert mark_crashed(engine) == [1]
    assert [_run(engine, 1)["status"], _run(engine, 2)["status"]] == ["crashed", "running"]


def test_a_live_run_keeps_beating_and_is_left_alone(engine: Engine) -> None:
    run_id = start_run(engine, "threads", "http://127.0.0.1:1", heartbeat=False)
    with engine.begin() as conn:  # started long ago, on this host, by a process still alive
        conn.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id)
            .values(heartbeat_at=utcnow() - LEASE * 2, pid=os.getppid())
        )
    url = engine.url.render_as_string(hide_password=False)
    heartbeat = Heartbeat(url, run_id, every=0.1, figures=lambda: {"pages": 7}).start()
    try:
        _wait_for(lambda: _run(engine, run_id)["pages"] == 7, 20)
    finally:
        heartbeat.stop()
    assert utcnow() - _run(engine, run_id)["heartbeat_at"] < timedelta(minutes=1)
    assert mark_crashed(engine) == []
    finish_run(engine, run_id, "finished", {"pages": 7})
    assert _run(engine, run_id)["status"] == "finished"
