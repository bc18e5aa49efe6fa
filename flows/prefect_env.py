"""Prefect set up to run offline, before Prefect is imported.

With no ``PREFECT_API_URL`` a flow starts a temporary local server (SQLite) by itself; on two
cores its first start can take longer than Prefect's default 20 s, so the timeout is raised.
Telemetry is switched off: nothing leaves the machine. ``PREFECT_HOME`` defaults to
``.prefect/`` in the working directory so runs don't write into the user's home.
"""

from __future__ import annotations

import os
from pathlib import Path

OFFLINE_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_LOGGING_TO_API_BATCH_INTERVAL": "0.5",
}


def configure(home: Path | None = None) -> None:
    """Set the offline defaults (without overriding anything the user set)."""
    for key, value in OFFLINE_DEFAULTS.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("PREFECT_HOME", str((home or Path(".prefect")).resolve()))


def startup_note() -> str | None:
    """The line to print before a flow runs when Prefect will first start a server of its own
    (no PREFECT_API_URL), which takes 20-30 s on two cores and says nothing meanwhile."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    return (
        "starting a temporary Prefect server for this run (20-30 s on two cores; set "
        "PREFECT_API_URL to use a running one)…"
    )
