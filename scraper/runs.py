"""Crawl runs (table ``crawl_runs``): one row per spider run, with its figures.

A row is opened as ``running`` before the spider starts, so a killed run stays visible as such
(its ``finished_at`` is null); the spider's closing figures are written at the end.

While it runs, the row's ``heartbeat_at`` is renewed every ``HEARTBEAT_SECONDS`` by a thread
of the process doing the work (``Heartbeat``), and the row names that process (``host``,
``pid``). A machine or process that dies mid-run leaves the row ``running``; the next run to
start marks it ``crashed`` (``mark_crashed``): at once when it ran on this host and its process
is gone, otherwise once its heartbeat is older than ``LEASE``.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from db.base import utcnow
from db.engine import make_engine
from db.models import CrawlRun

HEARTBEAT_SECONDS = float(os.environ.get("WDTK_HEARTBEAT_SECONDS") or 15.0)
# Past this without a heartbeat a run on another machine is taken for dead: long enough for a
# busy database or a paused virtual machine, short enough that status tells the truth today.
LEASE = timedelta(minutes=10)
log = logging.getLogger(__name__)


def this_host() -> str:
    return socket.gethostname()


def start_run(engine: Engine, spider: str, base_url: str, *, heartbeat: bool = True) -> int:
    """Mark runs that died as crashed, then open this one's row and (unless ``heartbeat`` is
    false) keep it beating from this process until ``finish_run``; returns its id."""
    mark_crashed(engine)
    now = utcnow()
    with engine.begin() as conn:
        result = conn.execute(
            insert(CrawlRun).values(
                spider=spider,
                base_url=base_url,
                started_at=now,
                status="running",
                pages=0,
                items=0,
                errors=0,
                retries=0,
                stats={},
                heartbeat_at=now,
                host=this_host(),
                pid=os.getpid(),
            )
        )
        key = result.inserted_primary_key
        assert key is not None  # a one-row INSERT always has its primary key
        run_id = int(key[0])
    if heartbeat:
        url = engine.url.render_as_string(hide_password=False)
        _BEATING[run_id] = Heartbeat(url, run_id).start()
    return run_id


def report_figures(run_id: int, figures: Callable[[], dict[str, Any] | None]) -> None:
    """Send ``figures()`` (the run's pages, items, errors so far) with each heartbeat."""
    heartbeat = _BEATING.get(run_id)
    if heartbeat is not None:
        heartbeat.figures = figures


def finish_run(engine: Engine, run_id: int, status: str, summary: dict[str, Any]) -> None:
    """Stop the run's heartbeat and write its closing figures."""
    heartbeat = _BEATING.pop(run_id, None)
    if heartbeat is not None:
        heartbeat.stop()
    with engine.begin() as conn:
        conn.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id)
            .values(
                finished_at=utcnow(),
                status=status,
                pages=int(summary.get("pages", 0)),
                items=int(summary.get("items", 0)),
                errors=int(summary.get("errors", 0)),
                retries=int(summary.get("retries", 0)),
                stats=summary,
            )
        )


def beat(engine: Engine, run_id: int, figures: dict[str, Any] | None = None) -> None:
    """Renew the run's heartbeat, with its figures so far (pages, items, errors) if given."""
    values: dict[str, Any] = {"heartbeat_at": utcnow()}
    for key in ("pages", "items", "errors", "retries"):
        if figures and isinstance(figures.get(key), int):
            values[key] = figures[key]
    with engine.begin() as conn:
        conn.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id, CrawlRun.status == "running")
            .values(**values)
        )


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def is_dead(run: Any, now: datetime, host: str, lease: timedelta = LEASE) -> bool:
    """Whether a ``running`` row's process is gone: on this host, its pid no longer exists;
    anywhere, its heartbeat (or, for rows from before heartbeats, its start) is older than
    ``lease``."""
    if run.host == host and run.pid is not None and not _process_alive(run.pid):
        return True
    last = run.heartbeat_at or run.started_at
    return last is not None and now - last > lease


def mark_crashed(engine: Engine, lease: timedelta = LEASE) -> list[int]:
    """Set every dead ``running`` row to ``crashed`` (finished_at stays null: nobody saw it
    end); returns their ids."""
    now, host = utcnow(), this_host()
    with engine.begin() as conn:
        running = conn.execute(
            select(
                CrawlRun.id,
                CrawlRun.host,
                CrawlRun.pid,
                CrawlRun.heartbeat_at,
                CrawlRun.started_at,
            ).where(CrawlRun.status == "running")
        ).all()
        me = (host, os.getpid())
        dead = [
            run.id
            for run in running
            if (run.host, run.pid) != me and is_dead(run, now, host, lease)
        ]
        if dead:
            conn.execute(
                update(CrawlRun)
                .where(CrawlRun.id.in_(dead), CrawlRun.status == "running")
                .values(status="crashed")
            )
    for run_id in dead:
        log.warning("crawl run #%d stopped beating while running: marked crashed", run_id)
    return dead


class Heartbeat:
    """A daemon thread renewing a run's heartbeat until stopped. ``figures`` (read from the
    thread, so it must return a ready-made dict) adds the run's figures so far."""

    def __init__(
        self,
        database_url: str,
        run_id: int,
        *,
        every: float = HEARTBEAT_SECONDS,
        figures: Callable[[], dict[str, Any] | None] | None = None,
    ) -> None:
        self.run_id = run_id
        self.every = every
        self.figures = figures
        self._engine = make_engine(database_url)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{run_id}", daemon=True)

    def start(self) -> Heartbeat:
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                beat(self._engine, self.run_id, self.figures() if self.figures else None)
            except SQLAlchemyError as exc:  # the database is away: try again next time
                log.warning("heartbeat of crawl run #%d failed: %s", self.run_id, exc)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.every + 5)
        self._engine.dispose()


_BEATING: dict[int, Heartbeat] = {}


def troubled_runs(engine: Engine, limit: int = 5) -> list[dict[str, Any]]:
    """For ``wdtk status``: the newest crashed runs and every running one, each with
    ``dead`` (a running row whose process is gone, which the next run will mark crashed)."""
    now, host = utcnow(), this_host()
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                CrawlRun.id,
                CrawlRun.spider,
                CrawlRun.base_url,
                CrawlRun.started_at,
                CrawlRun.heartbeat_at,
                CrawlRun.host,
                CrawlRun.pid,
                CrawlRun.pages,
                CrawlRun.status,
            )
            .where(CrawlRun.status.in_(("crashed", "running")))
            .order_by(CrawlRun.id.desc())
            .limit(limit)
        ).mappings()
        runs = [dict(row) for row in rows]
    for run in runs:
        run["dead"] = run["status"] == "crashed" or is_dead(SimpleNamespace(**run), now, host)
    return runs


def last_finished_stats(engine: Engine, spider: str, base_url: str) -> dict[str, Any] | None:
    """Figures of the newest run of ``spider`` on ``base_url`` that finished normally."""
    with engine.connect() as conn:
        row = conn.execute(
            select(CrawlRun.stats)
            .where(
                CrawlRun.spider == spider,
                CrawlRun.base_url == base_url,
                CrawlRun.status == "finished",
            )
            .order_by(CrawlRun.id.desc())
            .limit(1)
        ).first()
    return dict(row[0]) if row and row[0] else None
