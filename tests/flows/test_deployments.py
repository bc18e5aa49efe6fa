"""Deployments: prefect.yaml and `wdtk serve` declare the same schedules; Prefect's own
`prefect deploy` accepts the YAML; a served schedule fires a run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from db.engine import make_engine
from db.migrate import upgrade
from flows.deployments import SCHEDULES, TIMEZONE, deployments, local_server

REPO = Path(__file__).resolve().parents[2]
PREFECT_YAML = yaml.safe_load((REPO / "prefect.yaml").read_text())


def test_prefect_yaml_declares_the_served_schedules() -> None:
    declared = {
        d["name"]: (
            d["entrypoint"],
            d["schedules"][0]["cron"],
            d["schedules"][0]["timezone"],
            d["parameters"],
        )
        for d in PREFECT_YAML["deployments"]
    }
    served = {
        s.name: (f"flows/refresh.py:{s.flow}", s.cron, TIMEZONE, s.parameters) for s in SCHEDULES
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
def test_a_served_schedule_fires_a_run(tmp_path: Path) -> None:
    # The test harness's server does not run Prefect's scheduler: use a real `prefect server`.
    with local_server() as api_url:
        _serve_and_wait(api_url, tmp_path)


def _serve_and_wait(prefect_api: str, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'served.sqlite3'}"
    engine = make_engine(database)
    upgrade(engine)
    engine.dispose()
    env = {
        **os.environ,
        "PREFECT_API_URL": prefect_api,
        "WDTK_DATABASE_URL": database,
        "WDTK_EXPORT_DIR": str(tmp_path / "exports"),
        "WDTK_BASE_URL": "http://127.0.0.1:9",  # never the real site
    }
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve", "--interval", "3", "--only", "monthly-full-export"],
        env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    from prefect.client.orchestration import SyncPrefectClient
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName

    try:
        deadline = time.monotonic() + 180
        completed = []
        while time.monotonic() < deadline and not completed:
            time.sleep(2)
            with SyncPrefectClient(prefect_api) as client:
                runs = client.read_flow_runs(
                    deployment_filter=DeploymentFilter(
                        name=DeploymentFilterName(any_=["monthly-full-export"])
                    )
                )
            completed = [r for r in runs if r.state and r.state.is_completed()]
        served = (tmp_path / "serve.log").read_text()[-3000:]
        assert completed, f"no completed run; states: {[r.state_name for r in runs]}\n{served}"
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert (tmp_path / "exports").is_dir()
