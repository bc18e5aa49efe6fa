"""`wdtk serve` never replays missed runs: the rule (flows.serving) on its own.

The served end to end (a real runner skipping two missed runs and completing the due one) is
tests/flows/test_deployments.py::test_a_served_schedule_runs_its_due_run_and_skips_missed_ones.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from uuid import uuid4

from prefect.client.schemas.schedules import CronSchedule, IntervalSchedule

from flows.serving import NO_SCHEDULE, SUPERSEDED, TOO_OLD, DueRun, next_time_after, runs_to_skip

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def _run(deployment, hours_ago: float, interval: timedelta | None = HOUR) -> DueRun:
    at = NOW - timedelta(hours=hours_ago)
    return DueRun(uuid4(), deployment, at, at + interval if interval else None)


def test_only_the_latest_missed_run_of_a_deployment_may_start() -> None:
    hourly = uuid4()
    backlog = [_run(hourly, h) for h in (4.5, 3.5, 2.5, 0.5)]
    skip = runs_to_skip(backlog, NOW)
    assert skip == {run.id: SUPERSEDED for run in backlog[:3]}


def test_a_run_missed_by_more_than_one_interval_is_skipped() -> None:
    daily, weekly = uuid4(), uuid4()
    late = _run(daily, 30, interval=timedelta(days=1))  # due yesterday, next one already due
    recent = _run(weekly, 30, interval=timedelta(days=7))  # within its week: still runs
    assert runs_to_skip([late, recent], NOW) == {late.id: TOO_OLD}


def test_a_run_whose_deployment_lost_its_schedule_is_skipped() -> None:
    orphan = _run(uuid4(), 0.1, interval=None)
    assert runs_to_skip([orphan], NOW) == {orphan.id: NO_SCHEDULE}


def test_runs_due_now_and_soon_are_left_alone() -> None:
    a, b = uuid4(), uuid4()
    assert runs_to_skip([_run(a, 0), _run(b, -0.002)], NOW) == {}


def test_the_next_time_follows_the_cron_in_uk_time() -> None:
    daily = [
        SimpleNamespace(
            active=True, schedule=CronSchedule(cron="30 3 * * *", timezone="Europe/London")
        )
    ]
    winter = datetime(2026, 11, 2, 3, 30, tzinfo=UTC)  # 03:30 GMT
    summer = datetime(2026, 7, 1, 2, 30, tzinfo=UTC)  # 03:30 BST
    assert asyncio.run(next_time_after(daily, winter)) == winter + timedelta(days=1)
    assert asyncio.run(next_time_after(daily, summer)) == summer + timedelta(days=1)


def test_the_next_time_of_an_interval_and_of_no_active_schedule() -> None:
    anchor = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    hourly = IntervalSchedule(interval=HOUR, anchor_date=anchor)
    assert (
        asyncio.run(next_time_after([SimpleNamespace(active=True, schedule=hourly)], anchor))
        == anchor + HOUR
    )
    assert (
        asyncio.run(next_time_after([SimpleNamespace(active=False, schedule=hourly)], anchor))
        is None
    )
