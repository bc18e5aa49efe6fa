"""Prefect flow runs whose process died: the next run marks them Crashed.

A flow process killed mid-run (SIGKILL, a lost machine, the OOM killer) cannot tell the Prefect
API it stopped, so its flow runs stay ``Running`` for ever. What Prefect 3.8.8 offers for this:
the flow engine emits a ``prefect.flow-run.heartbeat`` event every
``PREFECT_FLOWS_HEARTBEAT_FREQUENCY`` seconds (default 180, at least 30), and Prefect's docs
pair it with a proactive automation ("zombie" detection) that sets a run Crashed when no
heartbeat arrives within a window. That automation only fires while a server with its trigger
services is up, at least one window after the last beat; with the ephemeral server (which dies
with the process that started it) nothing is watching when the run dies, and a run killed
before its first beat is never caught. So the check is done here, deterministically, at the
start of every run of our flows, using Prefect's heartbeat events as the lease:

- each run of our flows records who runs it, as flow-run labels ``wdtk.host`` and ``wdtk.pid``
  (an ``on_running`` hook, ``track``), and then ``reap``\\s: a top-level run checks the API for
  our flows' runs still ``Running`` or ``Pending``;
- such a run is dead when it ran on this host and its pid is gone, or when its last sign of
  life (its newest heartbeat event, else the time it entered its state) is older than the
  lease: ``scraper.runs.LEASE`` or three heartbeat intervals, whichever is longer;
- dead runs are set Crashed (``set_flow_run_state``, forced) with a message saying why, and the
  marking is recorded in ``PREFECT_HOME/wdtk-reaped.json`` for ``wdtk status``.

``wdtk serve`` reaps when it starts, too (``flows.serving``).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from scraper.runs import LEASE, _process_alive, this_host

if TYPE_CHECKING:
    from prefect.client.orchestration import PrefectClient
    from prefect.client.schemas.objects import FlowRun

OUR_FLOWS = ("refresh", "harvest", "normalise", "analyse", "export")
HOST_LABEL, PID_LABEL = "wdtk.host", "wdtk.pid"
HEARTBEAT_EVENT = "prefect.flow-run.heartbeat"
RECORD = "wdtk-reaped.json"
KEEP = 20  # marked runs kept in the record
log = logging.getLogger("wdtk.reaping")


@dataclass(frozen=True, slots=True)
class SeenRun:
    """A Running or Pending run of one of our flows, as the API shows it."""

    id: str
    name: str
    flow: str
    state: str
    host: str | None
    pid: int | None
    last_sign: datetime | None  # newest heartbeat, else when it entered its state


def lease(heartbeat_seconds: float | None) -> timedelta:
    beat = timedelta(seconds=heartbeat_seconds or 0)
    return max(LEASE, 3 * beat)


def why_dead(run: SeenRun, now: datetime, host: str, me: int, lease: timedelta) -> str | None:
    """Why ``run`` is taken for dead, or None while it may still be running."""
    if run.host == host and run.pid is not None:  # on this host its pid decides
        if run.pid != me and not _process_alive(run.pid):
            return f"its process (pid {run.pid} on {host}) is gone"
        return None
    if run.last_sign is not None and now - run.last_sign > lease:
        silent = int((now - run.last_sign).total_seconds() // 60)
        where = f"on {run.host} pid {run.pid}" if run.host else "owner unknown"
        return f"no heartbeat for {silent} min ({where}; lease {lease})"
    return None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def seen(run: FlowRun, flow: str, heartbeat: datetime | None) -> SeenRun:
    labels = dict(run.labels or {})
    entered = run.state.timestamp if run.state else None
    signs = [t for t in (heartbeat, entered) if t is not None]
    return SeenRun(
        id=str(run.id),
        name=run.name,
        flow=flow,
        state=(run.state.name if run.state else None) or "?",
        host=str(host) if (host := labels.get(HOST_LABEL)) is not None else None,
        pid=_int(labels.get(PID_LABEL)),
        last_sign=max(signs) if signs else None,
    )


async def open_runs(client: PrefectClient) -> list[tuple[FlowRun, str]]:
    """Our flows' runs in a Running or Pending state, each with its flow's name."""
    from prefect.client.schemas.filters import (
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    flows = await client.read_flows(flow_filter=FlowFilter(name=FlowFilterName(any_=list(OUR_FLOWS))))
    names = {flow.id: flow.name for flow in flows}
    if not names:
        return []
    state = FlowRunFilterState(
        type=FlowRunFilterStateType(any_=[StateType.RUNNING, StateType.PENDING])
    )
    runs = await client.read_flow_runs(
        flow_filter=FlowFilter(name=FlowFilterName(any_=list(OUR_FLOWS))),
        flow_run_filter=FlowRunFilter(state=state),
        limit=200,
    )
    return [(run, names.get(run.flow_id, "?")) for run in runs]


async def last_heartbeats(client: PrefectClient, ids: Sequence[UUID]) -> dict[str, datetime]:
    """The newest heartbeat event of each flow run (none for runs that never beat); one query
    a run, newest first, so a long run's many beats never hide another run's."""
    from prefect.events.filters import (
        EventFilter,
        EventNameFilter,
        EventOccurredFilter,
        EventResourceFilter,
    )

    # Prefect types the bound as its own DateTime (a datetime subclass); a datetime is accepted.
    since: Any = datetime.now(UTC) - timedelta(days=7)
    newest: dict[str, datetime] = {}
    for run_id in ids:
        page = await client.read_events(
            EventFilter(
                occurred=EventOccurredFilter(since=since),
                event=EventNameFilter(name=[HEARTBEAT_EVENT]),
                resource=EventResourceFilter(id=[f"prefect.flow-run.{run_id}"]),
            ),
            limit=1,
        )
        if page.events:
            newest[str(run_id)] = max(event.occurred for event in page.events)
    return newest


async def reap(client: PrefectClient, *, now: datetime | None = None) -> dict[str, Any]:
    """Mark our flows' dead runs Crashed; returns what was marked and what still runs."""
    from prefect.settings import get_current_settings
    from prefect.states import Crashed

    settings = get_current_settings()
    runs = await open_runs(client)
    try:
        beats = await last_heartbeats(client, [run.id for run, _ in runs])
        limit: timedelta | None = lease(settings.flows.heartbeat_frequency)
    except Exception as exc:  # no events API: judge by the pid alone, never by silence
        log.warning("could not read flow-run heartbeats (%s); checking pids only", exc)
        beats, limit = {}, None
    now = now or datetime.now(UTC)
    host, me = this_host(), os.getpid()
    marked, running = [], []
    for run, flow in runs:
        view = seen(run, flow, beats.get(str(run.id)))
        if limit is None and view.host != host:
            view = SeenRun(**{**asdict(view), "last_sign": None})
        reason = why_dead(view, now, host, me, limit or LEASE)
        if reason is None:
            running.append(_jsonable(view))
            continue
        message = f"marked Crashed by the next wdtk run: {reason}"
        await client.set_flow_run_state(run.id, Crashed(message=message), force=True)
        log.warning("flow run %s (%s) %s", run.name, flow, message)
        marked.append({**_jsonable(view), "reason": reason, "marked_at": now.isoformat()})
    result = {"checked_at": now.isoformat(), "marked": marked, "running": running}
    _record(Path(settings.home), result)
    return result


async def reap_quietly(client: PrefectClient) -> None:
    """``reap``, logging (not raising) a failure: a run never fails for want of a check."""
    try:
        await reap(client)
    except Exception as exc:
        log.warning("could not check for crashed flow runs: %s", exc)


def _jsonable(run: SeenRun) -> dict[str, Any]:
    data = asdict(run)
    data["last_sign"] = run.last_sign.isoformat() if run.last_sign else None
    return data


def _record(home: Path, result: dict[str, Any]) -> None:
    """Add this check to the record ``wdtk status`` reads (marked runs accumulate)."""
    path = home / RECORD
    previous = read_record(home)
    marked = [*result["marked"], *previous.get("marked", [])][:KEEP]
    total = int(previous.get("marked_total", 0)) + len(result["marked"])
    data = {**result, "marked": marked, "marked_total": total}
    try:
        home.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        log.warning("could not write %s: %s", path, exc)


def read_record(home: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads((home / RECORD).read_text(encoding="utf-8"))
        return data
    except (OSError, ValueError):
        return {}


async def claim(flow: Any, flow_run: FlowRun, state: Any) -> None:
    """``on_running`` hook: label the run with this host and pid; a top-level run then reaps."""
    from prefect import get_client

    async with get_client() as client:
        labels: dict[str, bool | int | float | str] = {
            HOST_LABEL: this_host(),
            PID_LABEL: str(os.getpid()),
        }
        await client.update_flow_run_labels(flow_run.id, labels)
        if flow_run.parent_task_run_id is None:
            await reap(client)


def track(*flows: Any) -> None:
    """Give each flow the ``claim`` hook (once)."""
    for flow in flows:
        if claim not in flow.on_running_hooks:
            flow.on_running_hooks.append(claim)


def prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME") or ".prefect").resolve()


def status() -> dict[str, Any] | None:
    """For ``wdtk status``: how many runs were marked Crashed (and the newest of them), and our
    flows' runs still Running or Pending now, each with whether its process is gone. None when
    Prefect has never run here (no PREFECT_API_URL and no Prefect database)."""
    home = prefect_home()
    if not os.environ.get("PREFECT_API_URL") and not (
        (home / "prefect.db").is_file() or os.environ.get("PREFECT_SERVER_DATABASE_CONNECTION_URL")
    ):
        return None  # Prefect never ran here: say nothing, and skip importing it
    import asyncio

    from flows import prefect_env

    prefect_env.configure()
    record = read_record(home)
    now, host, me = datetime.now(UTC), this_host(), os.getpid()
    running = []
    for run in asyncio.run(_open_runs_now()):
        reason = why_dead(run, now, host, me, LEASE)
        running.append({**_jsonable(run), "dead": reason is not None, "reason": reason})
    return {
        "marked_crashed": int(record.get("marked_total", 0)),
        "last_check": record.get("checked_at"),
        "marked": record.get("marked", [])[:5],
        "running": running,
    }


async def _open_runs_now() -> list[SeenRun]:
    """Open runs of our flows, read without starting a Prefect server: through the API when
    PREFECT_API_URL is set, else from the local Prefect database with Prefect's own models."""
    if os.environ.get("PREFECT_API_URL"):
        from prefect import get_client

        async with get_client() as client:
            return [seen(run, flow, None) for run, flow in await open_runs(client)]
    from prefect.server import models, schemas
    from prefect.server.database import provide_database_interface
    from prefect.settings import get_current_settings

    url = get_current_settings().server.database.connection_url
    secret = url.get_secret_value() if url is not None else ""
    if secret.startswith("sqlite") and not Path(secret.split("///", 1)[-1]).is_file():
        return []  # nothing has run here; do not create Prefect's database to say so
    filters = schemas.filters
    flow_filter = filters.FlowFilter(name=filters.FlowFilterName(any_=list(OUR_FLOWS)))
    state = filters.FlowRunFilterState(
        type=filters.FlowRunFilterStateType(
            any_=[schemas.states.StateType.RUNNING, schemas.states.StateType.PENDING]
        )
    )
    db = provide_database_interface()
    # Prefect's server models are wrapped by its database injector, which mypy cannot see
    # through; called as Prefect's own server code calls them.
    server_models: Any = models
    async with db.session_context() as session:
        flows = await server_models.flows.read_flows(session=session, flow_filter=flow_filter)
        names = {flow.id: flow.name for flow in flows}
        rows = await server_models.flow_runs.read_flow_runs(
            session=session,
            flow_filter=flow_filter,
            flow_run_filter=filters.FlowRunFilter(state=state),
            limit=200,
        )
        runs = []
        for row in rows:
            labels = dict(row.labels or {})
            runs.append(
                SeenRun(
                    id=str(row.id),
                    name=row.name,
                    flow=names.get(row.flow_id, "?"),
                    state=row.state_name or "?",
                    host=labels.get(HOST_LABEL),
                    pid=_int(labels.get(PID_LABEL)),
                    last_sign=row.state_timestamp,
                )
            )
    return runs
