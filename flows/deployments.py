"""Scheduled deployments: daily incremental refresh, weekly authority catalogue, monthly full
export. ``wdtk serve`` runs them from this process (a Prefect runner); ``prefect.yaml`` declares
the same three for a Prefect server with work pools and workers.

``flow.serve`` needs a real Prefect server (the ephemeral one will not schedule), so
``serve_all`` starts ``prefect server start`` on loopback when PREFECT_API_URL is not set.
How the runs are started (one at a time, missed runs not replayed) is ``flows.serving``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flows import prefect_env
from stages.export import FORMATS


@dataclass(frozen=True, slots=True)
class Schedule:
    name: str
    flow: str  # attribute of flows.refresh
    cron: str
    parameters: dict[str, Any]
    description: str


TIMEZONE = "Europe/London"  # WDTK's own clock; schedules follow UK local time
SCHEDULES = (
    Schedule(
        "daily-refresh",
        "refresh",
        "30 3 * * *",
        {},
        "Incremental refresh: new and changed requests, their letters, then the export.",
    ),
    Schedule(
        "weekly-authorities",
        "harvest",
        "0 4 * * 1",
        {"spiders": ["authorities"]},
        "The authority catalogue: renamed, new and defunct bodies.",
    ),
    Schedule(
        "monthly-full-export",
        "export",
        "0 5 1 * *",
        {"formats": list(FORMATS), "incremental": False},
        "A full versioned dataset release.",
    ),
)


def deployments(interval: float | None = None, only: Sequence[str] = ()) -> list[Any]:
    """Deployment objects for ``prefect.serve``; ``interval`` (seconds) replaces the crons;
    ``only`` restricts them to the named schedules."""
    from prefect.schedules import Cron, Interval

    from flows import refresh as flows

    built = []
    unknown = set(only) - {entry.name for entry in SCHEDULES}
    if unknown:
        raise ValueError(f"no schedule named {', '.join(sorted(unknown))}")
    for entry in SCHEDULES:
        if only and entry.name not in only:
            continue
        flow = getattr(flows, entry.flow)
        timing = Interval(interval) if interval else Cron(entry.cron, timezone=TIMEZONE)
        built.append(
            flow.to_deployment(
                name=entry.name,
                parameters=entry.parameters,
                description=entry.description,
                schedule=timing,
            )
        )
    return built


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            status: int = response.status
            return status == 200
    except OSError:
        return False


@contextmanager
def local_server(port: int | None = None, timeout: float = 120) -> Iterator[str]:
    """A ``prefect server start`` on 127.0.0.1 for as long as the block runs; yields its API URL."""
    prefect_env.configure()
    port = port or _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_SERVER_API_HOST": "127.0.0.1",
        "PREFECT_SERVER_API_PORT": str(port),
    }
    env.pop("PREFECT_API_URL", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "prefect",
            "server",
            "start",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(api_url):
            if process.poll() is not None:
                raise RuntimeError(f"prefect server exited with {process.returncode}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"prefect server not healthy after {timeout:.0f}s")
            time.sleep(0.5)
        yield api_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def serve_all(interval: float | None = None, only: Sequence[str] = ()) -> None:
    """Serve the scheduled deployments from this process until interrupted."""
    prefect_env.configure()
    if os.environ.get("PREFECT_API_URL"):
        _serve(interval, only)
        return
    with local_server(port=4200) as api_url:
        os.environ["PREFECT_API_URL"] = api_url
        _serve(interval, only)


def _serve(interval: float | None, only: Sequence[str]) -> None:
    from flows import serving

    built = deployments(interval, only)
    for deployment in built:
        timing = f"every {interval:g} s" if interval else _cron_of(deployment.name)
        print(f"wdtk serve: {deployment.name} ({timing})", file=sys.stderr, flush=True)
    print(
        "wdtk serve: one run at a time; runs missed by more than one interval are skipped, "
        f"not replayed; Prefect API {os.environ.get('PREFECT_API_URL')}; Ctrl-C stops",
        file=sys.stderr,
        flush=True,
    )
    serving.serve(built)


def _cron_of(name: str) -> str:
    entry = next(s for s in SCHEDULES if s.name == name)
    return f"{entry.cron} {TIMEZONE}"
