"""kill -9 in the middle of a normalise, then run it again: the database ends exactly as an
uninterrupted normalise leaves it (no lost rows, no duplicates), on both engines."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.engine import make_engine, session_scope
from db.migrate import upgrade
from scraper.replica import Replica
from scraper.replica.site import Site
from stages.normalise import normalise
from tests.proof.snapshots import add_page, content

REPO = Path(__file__).resolve().parents[2]
KEY = "proof-key"
REQUESTS = 160

# The child commits batches of 10 requests, as `wdtk normalise` does, and reports each request
# it has loaded, so the parent can kill it provably mid-run.
CHILD = textwrap.dedent(
    """
    import sys
    from sqlalchemy.orm import Session
    import stages.normalise as n
    from db.engine import make_engine
    original = n._Run.done
    def done(self, *args, **kwargs):
        original(self, *args, **kwargs)
        print("unit", flush=True)
    n._Run.done = done
    engine = make_engine(sys.argv[1])
    with Session(engine) as session:
        n.normalise(
            session, pseudonym_key="proof-key", batch_size=10, checkpoint=session.commit
        )
        session.commit()
    print("done", flush=True)
    """
)


@cache
def _pages(requests: int = REQUESTS) -> list[tuple[str, str, bytes, int]]:
    replica = Replica(requests=requests * 5 // 4, seed=7)
    site = Site(replica)
    pages = []
    for request_id in replica.visible_ids()[:requests]:
        slug = replica.slug_of(request_id)
        url = f"http://127.0.0.1:8800/request/{slug}"
        pages.append(
            (
                url + ".json",
                "request_json",
                site.handle("GET", f"/request/{slug}.json", b"").body,
                request_id,
            )
        )
        pages.append((url + "?unfold=1", "thread_html", site.handle("GET", f"/request/{slug}?unfold=1", b"").body, request_id))  # fmt: skip
    return pages


def _store(engine: Engine, requests: int = REQUESTS) -> None:
    with session_scope(engine) as session:
        for url, kind, body, request_id in _pages(requests):
            add_page(session, url, kind, body, request_id)


def _normalise(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        normalise(session, pseudonym_key=KEY)


@cache
def _reference(root: str, requests: int = REQUESTS) -> dict:
    engine = make_engine(f"sqlite:///{root}/reference-{requests}.sqlite3")
    upgrade(engine)
    _store(engine, requests)
    _normalise(engine)
    snapshot = content(engine)
    engine.dispose()
    return snapshot


def _kill_mid_normalise(url: str, after_units: int) -> int:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, url],
        cwd=str(REPO),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stdout is not None
    seen = 0
    deadline = time.monotonic() + 120
    for line in proc.stdout:
        seen += line.startswith("unit")
        assert not line.startswith("done"), "normalise finished before it could be killed"
        if seen >= after_units or time.monotonic() > deadline:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return seen


def test_killed_normalise_rerun_equals_uninterrupted(
    engine: Engine, db_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    reference = _reference(str(tmp_path_factory.getbasetemp()))
    _store(engine)
    killed_at = _kill_mid_normalise(db_url, after_units=REQUESTS // 2)
    kept = len(content(engine)["requests"])
    _normalise(engine)
    after = content(engine)
    # The batches committed before the kill stayed (a resume, not a restart from nothing).
    assert 0 < kept < REQUESTS
    assert (killed_at, len(after["requests"]), after) == (REQUESTS // 2, REQUESTS, reference)
