"""Batched normalise: the same rows whatever the batch size, and one bad request in a batch
costs only itself (a write failure is retried request by request, then quarantined)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from concurrent.futures import Executor
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import stages.normalise
import stages.normalise_requests as batches
from db.models import Message, Quarantine, RawPage, Request
from db.raw_store import store_page
from scraper.replica import Replica
from scraper.replica.site import Site
from stages.normalise import NormaliseReport, normalise, parse_pool
from tests.db.loading import snapshot

BASE = "http://127.0.0.1:8800"
SIZE = 40


@pytest.fixture(scope="module")
def pages() -> list[dict[str, Any]]:
    replica = Replica(requests=SIZE, seed=11)
    site = Site(replica)
    out = [
        {
            "url": f"{BASE}/body/all-authorities.csv",
            "kind": "authority_csv",
            "body": site.handle("GET", "/body/all-authorities.csv").body,
            "request_id": None,
        }
    ]
    for request_id in replica.visible_ids():
        slug = replica.slug_of(request_id)
        for suffix, kind in ((".json", "request_json"), ("?unfold=1", "thread_html")):
            out.append(
                {
                    "url": f"{BASE}/request/{slug}{suffix}",
                    "kind": kind,
                    "body": site.handle("GET", f"/request/{slug}{suffix}").body,
                    "request_id": request_id,
                }
            )
    return out


def _visible(pages: list[dict[str, Any]]) -> int:
    return sum(p["kind"] == "request_json" for p in pages)


def _store(engine: Engine, pages: list[dict[str, Any]]) -> None:
    with engine.begin() as conn:
        for page in pages:
            store_page(conn, http_status=200, **page)


@pytest.fixture(scope="module")
def pool() -> Iterator[Executor]:
    with parse_pool(2) as workers:
        yield workers


def _run(
    engine: Engine, batch_size: int, *, reprocess: bool = False, pool: Executor | None = None
) -> NormaliseReport:
    with Session(engine) as session, session.begin():
        return normalise(
            session, pseudonym_key="k", batch_size=batch_size, reprocess=reprocess, pool=pool
        )


def _request_ids(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        return list(conn.execute(select(Request.id).order_by(Request.id)).scalars())


def test_batch_size_does_not_change_a_single_row(
    engine: Engine, pages: list[dict[str, Any]]
) -> None:
    _store(engine, pages)
    report = _run(engine, batch_size=7)  # several batches, the last one short
    batched = snapshot(engine)
    # Reprocess one request at a time: any value that differed would be rewritten (and its
    # last_changed_at moved), so an identical database means identical rows.
    again = _run(engine, batch_size=1, reprocess=True)
    assert (report.loaded, again.loaded, report.quarantined) == (_visible(pages) + 1,) * 2 + (0,)
    assert snapshot(engine) == batched


def test_a_failing_write_costs_only_its_own_request(
    engine: Engine, pages: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    _store(engine, pages)
    victim = sorted(p["request_id"] for p in pages if p["request_id"])[5]
    real = batches.write_requests

    def failing(session: Session, batch: list) -> None:
        if any(rows.request_id == victim for rows in batch):
            raise IntegrityError("INSERT INTO messages …", {}, Exception("injected failure"))
        real(session, batch)

    monkeypatch.setattr(batches, "write_requests", failing)
    report = _run(engine, batch_size=10)
    with engine.connect() as conn:
        quarantined = conn.execute(select(Quarantine.reason, RawPage.request_id).join(
            RawPage, RawPage.id == Quarantine.raw_page_id)).all()  # fmt: skip
        victim_messages = conn.execute(select(Message.id).where(Message.request_id == victim)).all()
    loaded = _request_ids(engine)
    assert quarantined == [("load_error", victim)]
    assert victim not in loaded and len(loaded) == _visible(pages) - 1
    assert victim_messages == []  # nothing half-written
    assert report.quarantined == 1


@pytest.mark.parametrize("parse_in", ["thread", "processes"])
def test_an_unreadable_body_is_quarantined_and_the_rest_load(
    engine: Engine, pages: list[dict[str, Any]], parse_in: str, request: pytest.FixtureRequest
) -> None:
    _store(engine, pages)
    victim = sorted(p["request_id"] for p in pages if p["request_id"])[0]
    with engine.begin() as conn:
        conn.execute(
            update(RawPage)
            .where(RawPage.request_id == victim, RawPage.kind == "request_json")
            .values(body=zlib.compress(b"x")[:-3])  # truncated zlib stream
        )
    pool = request.getfixturevalue("pool") if parse_in == "processes" else None
    report = _run(engine, batch_size=10, pool=pool)
    with engine.connect() as conn:
        reasons = conn.execute(select(Quarantine.reason, Quarantine.detail)).all()
    assert [r.reason for r in reasons] == ["raw_page_unreadable"]
    assert "does not decompress" in reasons[0].detail
    assert victim not in _request_ids(engine)
    assert report.loaded == _visible(pages) - 1 + 1  # the other requests, and the CSV


def test_worker_processes_load_the_same_rows_as_a_thread(
    engine: Engine, pages: list[dict[str, Any]], pool: Executor
) -> None:
    _store(engine, pages)
    report = _run(engine, batch_size=7, pool=pool)
    in_processes = snapshot(engine)
    # Reprocessed in a thread: any value that differed would be rewritten.
    again = _run(engine, batch_size=7, reprocess=True)
    loaded = _visible(pages) + 1  # and the CSV
    assert (report.loaded, report.quarantined, again.loaded) == (loaded, 0, loaded)
    assert snapshot(engine) == in_processes


@pytest.mark.parametrize(("pending_needed", "started"), [(10, [2]), (10_000, [])])
def test_workers_start_only_for_a_large_run(
    engine: Engine,
    pages: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    pending_needed: int,
    started: list[int],
) -> None:
    calls: list[int] = []
    real = stages.normalise.parse_pool
    monkeypatch.setattr(stages.normalise, "POOL_MIN_REQUESTS", pending_needed)
    monkeypatch.setattr(stages.normalise, "parse_pool", lambda n: calls.append(n) or real(n))
    _store(engine, pages)
    with Session(engine) as session, session.begin():
        report = normalise(session, pseudonym_key="k", workers=2)
    assert (calls, report.loaded) == (started, _visible(pages) + 1)
