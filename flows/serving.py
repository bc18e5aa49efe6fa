"""How ``wdtk serve`` runs the scheduled deployments: one run at a time, and no replays.

Prefect 3.8.8's scheduler creates runs ahead of time (up to 100, or 100 days ahead), and when
a deployment is applied again it deletes only the *future* ones. Runs that came due while
nothing was serving stay ``Scheduled`` (shown as Late), and ``prefect.serve`` starts every one
of them at once: it runs without a process limit by default. After a test left a 3-second
schedule behind, one ``wdtk serve`` started about 30 flow processes on two cores. Prefect
3.8.8 has no catch-up setting for this (a deployment schedule's ``catchup`` column was added
in 2024 and dropped again before 3.0); the ``PREFECT_SERVER_SERVICES_SCHEDULER_*`` settings
only shape how far ahead runs are created.

So the runner here starts at most one flow run at a time (the stages share one database and
``exports/latest``), and before it starts scheduled runs it skips missed ones: of the due
runs a deployment's schedule made, only the latest may start, and only if the schedule has
not come round again since it was due (missed by less than one interval). Skipped runs end in
a Cancelled state named ``Skipped`` whose message says why. Runs started by hand (``prefect
deployment run``) are never skipped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

if TYPE_CHECKING:
    from prefect.client.orchestration import PrefectClient
    from prefect.client.schemas.objects import FlowRun
    from prefect.deployments.runner import RunnerDeployment

SKIPPED = "Skipped"
SUPERSEDED = "missed; a later run of this schedule is due, so this one is not replayed"
TOO_OLD = "missed by more than one interval of its schedule, so it is not replayed"
NO_SCHEDULE = "its deployment no longer has an active schedule"
log = logging.getLogger("wdtk.serve")


@dataclass(frozen=True, slots=True)
class DueRun:
    """A scheduled run the runner is about to start, with its schedule's next time after it."""

    id: UUID
    deployment_id: UUID
    scheduled: datetime
    next_scheduled: datetime | None  # None: the deployment has no active schedule


def runs_to_skip(runs: Sequence[DueRun], now: datetime) -> dict[UUID, str]:
    """The runs not to start, with the reason: per deployment every run but the latest (a
    later one supersedes it), and the latest too once its schedule has come round again."""
    latest: dict[UUID, DueRun] = {}
    for run in runs:
        best = latest.get(run.deployment_id)
        if best is None or run.scheduled > best.scheduled:
            latest[run.deployment_id] = run
    skip: dict[UUID, str] = {}
    for run in runs:
        if run is not latest[run.deployment_id]:
            skip[run.id] = SUPERSEDED
        elif run.next_scheduled is None:
            skip[run.id] = NO_SCHEDULE
        elif run.next_scheduled <= now:
            skip[run.id] = TOO_OLD
    return skip


async def next_time_after(schedules: Sequence[Any], moment: datetime) -> datetime | None:
    """The first time after ``moment`` that any of a deployment's active schedules gives,
    computed by Prefect's own server-side schedule code (the scheduler's cron semantics)."""
    from prefect.server.schemas import schedules as server_schedules

    times = []
    for entry in schedules:
        if not entry.active or entry.schedule is None:
            continue
        model = getattr(server_schedules, type(entry.schedule).__name__)
        schedule = model.model_validate(entry.schedule.model_dump())
        dates = await schedule.get_dates(n=1, start=moment + timedelta(seconds=1))
        times.extend(dates)
    return min(times) if times else None


async def skip_missed_runs(
    client: PrefectClient, runs: Sequence[FlowRun], now: datetime
) -> list[FlowRun]:
    """Mark missed auto-scheduled runs ``Skipped``; return the runs still to start."""
    from prefect.client.schemas.objects import State, StateType

    scheduled = [r for r in runs if r.auto_scheduled and r.deployment_id is not None]
    schedules: dict[UUID, Sequence[Any]] = {}
    due: list[DueRun] = []
    for run in scheduled:
        assert run.deployment_id is not None
        if run.deployment_id not in schedules:
            schedules[run.deployment_id] = (
                await client.read_deployment(run.deployment_id)
            ).schedules
        when = run.next_scheduled_start_time or run.expected_start_time
        if when is None:
            continue
        after = await next_time_after(schedules[run.deployment_id], when)
        due.append(DueRun(run.id, run.deployment_id, when, after))
    skip = runs_to_skip(due, now)
    for run_id, reason in skip.items():
        state: State[Any] = State(type=StateType.CANCELLED, name=SKIPPED, message=reason)
        await client.set_flow_run_state(run_id, state, force=True)
        log.warning("skipped flow run %s: %s", run_id, reason)
    return [r for r in runs if r.id not in skip]


def make_runner(limit: int = 1) -> Any:
    """A Prefect Runner that starts at most ``limit`` runs at once and never replays missed
    ones (the check sits where the runner polls for scheduled runs)."""
    from prefect.runner import Runner
    from prefect.types._datetime import now

    from flows import reaping

    class ServeRunner(Runner):
        async def __aenter__(self) -> ServeRunner:
            await super().__aenter__()
            poller: Any = getattr(self, "_scheduled_run_poller", None)
            fetch = getattr(poller, "_get_scheduled_flow_runs", None)
            if fetch is None:  # pragma: no cover - only if Prefect's runner changes shape
                raise RuntimeError(
                    "this Prefect's runner has no scheduled-run poller to guard; wdtk serve "
                    "is written for prefect 3.8.8 (see docs/stack.md)"
                )

            async def due_runs() -> list[FlowRun]:
                return await skip_missed_runs(self._client, await fetch(), now("UTC"))

            poller._get_scheduled_flow_runs = due_runs
            await reaping.reap_quietly(self._client)  # runs left Running by a dead process
            return self

    return ServeRunner(limit=limit, pause_on_shutdown=True)


def serve(built: Sequence[RunnerDeployment], *, limit: int = 1) -> None:
    """Register the deployments and run their schedules until interrupted."""
    from prefect.exceptions import TerminationSignal

    runner = make_runner(limit)
    for deployment in built:
        runner.add_deployment(deployment)
    try:
        asyncio.run(runner.start())
    except (KeyboardInterrupt, TerminationSignal):
        log.info("wdtk serve stopped")
