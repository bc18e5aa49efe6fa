"""A flow run whose process is killed with SIGKILL stays Running in Prefect until the next run
of our flows marks it Crashed (flows.reaping); ``wdtk status`` shows it before and after."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from db.engine import make_engine
from db.migrate import upgrade
from flows import reaping
from flows.cli import app
from flows.reaping import LEASE, SeenRun, why_dead

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def _seen(host: str | None, pid: int | None, silent: timedelta) -> SeenRun:
    return SeenRun("id", "name", "refresh", "Running", host, pid, NOW - silent)


def test_a_run_on_this_host_is_dead_once_its_pid_is_gone() -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    reason = why_dead(_seen("here", gone.pid, timedelta(0)), NOW, "here", os.getpid(), LEASE)
    assert reason == f"its process (pid {gone.pid} on here) is gone"
    alive = _seen("here", os.getppid(), timedelta(days=3))  # silent long, but its pid lives
    assert why_dead(alive, NOW, "here", os.getpid(), LEASE) is None
    me = _seen("here", os.getpid(), timedelta(days=3))
    assert why_dead(me, NOW, "here", os.getpid(), LEASE) is None


def test_a_run_elsewhere_is_dead_only_past_the_lease() -> None:
    recent = _seen("other", 1, LEASE - timedelta(seconds=1))
    assert why_dead(recent, NOW, "here", os.getpid(), LEASE) is None
    silent = _seen("other", 1, LEASE + timedelta(minutes=1))
    assert "no heartbeat for 11 min (on other pid 1" in str(
        why_dead(silent, NOW, "here", os.getpid(), LEASE)
    )
    unknown = _seen(None, None, LEASE * 2)
    assert "owner unknown" in str(why_dead(unknown, NOW, "here", os.getpid(), LEASE))


def test_the_lease_outlasts_three_heartbeats() -> None:
    assert reaping.lease(None) == LEASE
    assert reaping.lease(600) == timedelta(minutes=30)


async def _runs_of(pid: int) -> list:  # type: ignore[type-arg]
    from prefect import get_client

    async with get_client() as client:
        return [
            run
            for run in await client.read_flow_runs(limit=200)
            if (run.labels or {}).get(reaping.PID_LABEL) == str(pid)
        ]


def _wait_running(pid: int, seconds: float):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        runs = asyncio.run(_runs_of(pid))
        if runs and runs[0].state and runs[0].state.is_running():
            return runs[0]
        time.sleep(0.5)
    raise AssertionError(f"no Running flow run of pid {pid} after {seconds} s")


async def _reap() -> dict:  # type: ignore[type-arg]
    from prefect import get_client

    async with get_client() as client:
        return await reaping.reap(client)


def test_a_flow_run_killed_with_sigkill_is_marked_crashed_by_the_next_run(
    prefect_api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'status.sqlite3'}"  # status reads Prefect: one engine will do
    upgrade(make_engine(url))
    monkeypatch.setenv("WDTK_DATABASE_URL", url)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.flows.reaping_child", "600"],
        cwd=str(REPO),
        env={**os.environ, "PREFECT_API_URL": prefect_api},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        run = _wait_running(child.pid, 120)
        alive = asyncio.run(_reap())  # a live run is left alone, and listed as running
        assert str(run.id) not in {r["id"] for r in alive["marked"]}
        assert str(run.id) in {r["id"] for r in alive["running"]}
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert asyncio.run(_runs_of(child.pid))[0].state.is_running()  # nobody told Prefect

    before = CliRunner().invoke(app, ["status"])
    assert before.exit_code == 0, before.output
    assert f"prefect normalise run {run.name}: Running, but its process" in before.stdout

    from tests.flows.reaping_child import quick

    assert quick() == 1  # the next run of one of our flows
    state = asyncio.run(_runs_of(child.pid))[0].state
    assert state.is_crashed()
    assert state.message == (
        f"marked Crashed by the next wdtk run: its process (pid {child.pid} on "
        f"{reaping.this_host()}) is gone"
    )

    status = CliRunner().invoke(app, ["status", "--json"])
    assert status.exit_code == 0, status.output
    flow_runs = json.loads(status.stdout)["prefect_flow_runs"]
    assert flow_runs["marked_crashed"] >= 1
    assert str(run.id) in {r["id"] for r in flow_runs["marked"]}
    assert str(run.id) not in {r["id"] for r in flow_runs["running"]}
    text = CliRunner().invoke(app, ["status"])
    assert f"normalise run {run.name} crashed: its process (pid {child.pid}" in text.stdout
