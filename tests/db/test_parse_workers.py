"""WorkerPool: parse jobs in plain worker processes, answers in order, failures reported."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from stages.parse_workers import WorkerDied, WorkerPool


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    with WorkerPool(2, preload="json") as workers:
        yield workers


def test_answers_come_back_for_their_own_jobs(pool: WorkerPool) -> None:
    futures = [pool.submit(divmod, n, 7) for n in range(50)]
    assert [f.result(timeout=30) for f in futures] == [divmod(n, 7) for n in range(50)]


def test_a_jobs_exception_is_raised_by_its_future(pool: WorkerPool) -> None:
    with pytest.raises(ValueError, match="invalid literal"):
        pool.submit(int, "forty").result(timeout=30)
    assert pool.submit(int, "40").result(timeout=30) == 40


def test_printing_in_a_job_does_not_corrupt_the_answers(pool: WorkerPool) -> None:
    assert pool.submit(print, "noise on stdout").result(timeout=30) is None
    assert pool.submit(max, 3, 9).result(timeout=30) == 9


def test_workers_are_separate_processes(pool: WorkerPool) -> None:
    assert os.getpid() not in pool.pids
    assert len(set(pool.pids)) == 2


def test_a_dead_worker_fails_its_jobs_instead_of_hanging() -> None:
    with WorkerPool(1, preload="json") as lone:
        with pytest.raises(WorkerDied):
            lone.submit(os._exit, 3).result(timeout=30)
        with pytest.raises(WorkerDied):
            lone.submit(max, 1, 2).result(timeout=30)


def test_a_closed_pool_takes_no_more_jobs() -> None:
    closed = WorkerPool(1, preload="json")
    closed.shutdown()
    with pytest.raises(RuntimeError, match="shut down"):
        closed.submit(max, 1, 2)
