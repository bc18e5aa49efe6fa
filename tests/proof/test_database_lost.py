"""The database goes away in the middle of ``wdtk normalise``: one clear line, no traceback;
started again and rerun, the result equals an uninterrupted normalise."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from db.engine import make_engine
from db.migrate import upgrade
from tests.proof.pg_cluster import Cluster, ClusterUnavailable
from tests.proof.snapshots import content
from tests.proof.test_kill_normalise import KEY, _reference, _store

REPO = Path(__file__).resolve().parents[2]
CLI = "from flows.cli import app; app()"
# Three batches of work, so the server stops with most of the run still to do however fast
# this machine parses (160 requests made one batch, over in under half a second).
REQUESTS = 600


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    try:
        made = Cluster()
    except ClusterUnavailable as exc:
        pytest.skip(str(exc))
    made.start()
    try:
        yield made
    finally:
        made.destroy()


def _cli(url: str, *args: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "WDTK_DATABASE_URL": url,
        "WDTK_PSEUDONYM_KEY": KEY,
    }
    return subprocess.Popen(
        [sys.executable, "-c", CLI, *args], cwd=str(REPO), env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _wait_for_open_transaction(url: str, timeout: float = 120) -> None:
    """Until another session has been inside a transaction for 0.2 s: loading, not just
    starting."""
    engine = make_engine(url)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                busy = conn.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                        "AND backend_type = 'client backend' AND xact_start IS NOT NULL "
                        "AND now() - xact_start > interval '0.2 seconds'"
                    )
                )
            if busy:
                return
            time.sleep(0.02)
    finally:
        engine.dispose()
    raise AssertionError("normalise never opened its transaction")


@pytest.fixture(scope="module")
def lost(cluster: Cluster) -> tuple[int, str, str]:
    """Normalise started, the server stopped under it: (exit code, stdout, stderr)."""
    engine = make_engine(cluster.url)
    upgrade(engine)
    _store(engine, REQUESTS)
    engine.dispose()
    proc = _cli(cluster.url, "normalise")
    _wait_for_open_transaction(cluster.url)
    cluster.stop("immediate")
    out, err = proc.communicate(timeout=120)
    cluster.start()
    return proc.returncode, out, err


def test_lost_database_exits_with_code_2(lost: tuple[int, str, str]) -> None:
    assert lost[0] == 2


def test_lost_database_error_is_one_line(lost: tuple[int, str, str]) -> None:
    lines = lost[2].strip().splitlines()
    assert (len(lines), lines[0].startswith("wdtk: error: ")) == (1, True)


def test_lost_database_error_names_the_database(lost: tuple[int, str, str]) -> None:
    assert "WDTK_DATABASE_URL" in lost[2]


def test_rerun_after_restart_equals_uninterrupted(
    lost: tuple[int, str, str], cluster: Cluster, tmp_path_factory: pytest.TempPathFactory
) -> None:
    reference = _reference(str(tmp_path_factory.getbasetemp()), REQUESTS)
    proc = _cli(cluster.url, "normalise")
    proc.communicate(timeout=300)
    engine = make_engine(cluster.url)
    after = content(engine)
    engine.dispose()
    assert (proc.returncode, after) == (0, reference)
