"""Deployments: prefect.yaml and `wdtk serve` declare the same schedules; Prefect's own
`prefect deploy` accepts the YAML; a served schedule runs its due run and skips missed ones."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml

from db.engine import make_engine
from db.migrate import upgrade
from flows.deployments import SCHEDULES, TIMEZONE, deployments

REPO = Path(__file__).resolve().parents[2]
PREFECT_YAML = yaml.safe_load((REPO / "prefect.yaml").read_text())
T = TypeVar("T")
DEPLOYMENT = "export/monthly-full-export"


def test_prefect_yaml_declares_the_served_schedules() -> None:
    declared = {
        d["name"]: (
            d["entrypoint"],
            d["schedules"][0]["cron"],
            d["schedules"][0]["timezone"],
            d["parameters"],
            d["description"],
        )
        for d in PREFECT_YAML["deployments"]
    }
    served = {
        s.name: (f"flows/refresh.py:{s.flow}", s.cron, TIMEZONE, s.parameters, s.description)
        for s in SCHEDULES
    }
    assert declared == served


def test_schedules_users_expect() -> None:
    crons = {s.name: s.cron for s in SCHEDULES}
    assert crons == {
        "daily-refresh": "30 3 * * *",
        "weekly-authorities": "0 4 * * 1",
        "monthly-full-export": "0 5 1 * *",
    }


def test_interval_and_only_for_trying_it_out() -> None:
    (deployment,) = deployments(interval=5, only=["daily-refresh"])
    assert deployment.name == "daily-refresh"
    assert deployment.schedules[0].schedule.interval.total_seconds() == 5
    with pytest.raises(ValueError, match="no schedule named nightly"):
        deployments(only=["nightly"])


def _prefect(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "prefect", *args],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.slow
def test_prefect_deploy_accepts_prefect_yaml(prefect_api: str) -> None:
    env = {**os.environ, "PREFECT_API_URL": prefect_api, "WDTK_CHECKOUT": str(REPO)}
    pool = _prefect("work-pool", "create", "wdtk", "--type", "process", env=env)
    assert pool.returncode == 0, pool.stdout + pool.stderr
    deploy = _prefect("--no-prompt", "deploy", "--all", env=env)
    assert deploy.returncode == 0, deploy.stdout[-2000:] + deploy.stderr[-2000:]

    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        names = {d.name: d for d in client.read_deployments()}
    for schedule in SCHEDULES:
        assert schedule.name in names
        assert names[schedule.name].schedules[0].schedule.cron == schedule.cron


@pytest.mark.slow
def test_a_served_schedule_runs_its_due_run_and_skips_missed_ones(
    prefect_api: str, tmp_path: Path
) -> None:
    """`wdtk serve` against the session's Prefect server, with nothing left to the clock.

    The schedule's runs for the last three hours are made by Prefect's own scheduling code (the
    backfill endpoint; the scheduler service calls the same function for the hours ahead). The
    latest is due now and must complete; the two before it were missed and must be skipped,
    not replayed. Each wait is for a named condition, so a failure says which step stalled.
    """
    from prefect.client.orchestration import SyncPrefectClient
    from prefect.exceptions import ObjectNotFound

    from flows.serving import SKIPPED, SUPERSEDED

    # `prefect deploy` (the test above, same server) registers this name with a work pool's
    # pull steps, which serving it again does not clear: start from a server without it.
    with SyncPrefectClient(prefect_api) as client, contextlib.suppress(ObjectNotFound):
        client.delete_deployment(client.read_deployment_by_name(DEPLOYMENT).id)
    served = _ServeProcess(prefect_api, tmp_path)
    try:
        with SyncPrefectClient(prefect_api) as client:
            deployment = served.wait(
                "the served deployment to be registered", lambda: _deployment(client)
            )
            now = datetime.now(UTC)
            reply = client._client.post(
                f"/deployments/{deployment.id}/schedule",
                json={"start_time": (now - timedelta(hours=3)).isoformat(),
                      "end_time": now.isoformat(), "min_time": 0, "min_runs": 10, "max_runs": 10},
            )  # fmt: skip
            assert reply.status_code < 300, reply.text
            runs = served.wait(
                "the served runner to start or skip every due run",
                lambda: _all_final(client, deployment.id),
            )
    finally:
        served.stop()
    by_time = sorted(runs, key=lambda r: r.expected_start_time)
    assert [r.state_name for r in by_time] == [SKIPPED, SKIPPED, "Completed"], served.log()
    assert {r.state.message for r in by_time[:2]} == {SUPERSEDED}
    assert (tmp_path / "exports").is_dir()


class _ServeProcess:
    """`wdtk serve --interval 3600 --only monthly-full-export` in a child process."""

    def __init__(self, prefect_api: str, tmp_path: Path) -> None:
        database = f"sqlite:///{tmp_path / 'served.sqlite3'}"
        engine = make_engine(database)
        upgrade(engine)
        engine.dispose()
        env = {
            **os.environ,
            "PREFECT_API_URL": prefect_api,
            "PREFECT_RUNNER_POLL_FREQUENCY": "1",
            "WDTK_DATABASE_URL": database,
            "WDTK_EXPORT_DIR": str(tmp_path / "exports"),
            "WDTK_BASE_URL": "http://127.0.0.1:9",  # never the real site
        }
        self.path = tmp_path / "serve.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "serve", "--interval", "3600", "--only", "monthly-full-export"],
            env=env, cwd=REPO, stdout=self.path.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip

    def log(self) -> str:
        return self.path.read_text()[-4000:]

    def wait(self, what: str, check: Callable[[], T | None], timeout: float = 600) -> T:
        """Poll ``check`` until it returns something; fail at once if `wdtk serve` exits.
        The timeout is a backstop for a hung run, not a speed requirement."""
        deadline = time.monotonic() + timeout
        while True:
            found = check()
            if found is not None:
                return found
            if self.process.poll() is not None:
                pytest.fail(
                    f"wdtk serve exited ({self.process.returncode}) waiting for {what}:\n{self.log()}"
                )
            if time.monotonic() > deadline:
                pytest.fail(f"still waiting for {what} after {timeout:.0f} s:\n{self.log()}")
            time.sleep(1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _deployment(client: Any) -> Any:
    from prefect.exceptions import ObjectNotFound

    try:
        deployment = client.read_deployment_by_name(DEPLOYMENT)
    except ObjectNotFound:
        return None
    interval = deployment.schedules[0].schedule if deployment.schedules else None
    ready = getattr(interval, "interval", None) == timedelta(hours=1) and not deployment.paused
    return deployment if ready else None


def _all_final(client: Any, deployment_id: Any) -> list[Any] | None:
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    runs = client.read_flow_runs(
        deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id]))
    )
    runs = [r for r in runs if r.auto_scheduled]
    return runs if len(runs) == 3 and all(r.state and r.state.is_final() for r in runs) else None
