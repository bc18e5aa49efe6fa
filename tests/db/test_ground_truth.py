"""Normalised rows equal the replica's ground truth, field by field, on a 2 000-request corpus.

The pages are exactly what the replica serves over HTTP (rendered in-process: the crawl over
loopback is tested in tests/scraper/harvest); here the parsers and the loader are on trial.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import upgrade
from db.models import Attachment, Message, Request, RequestEvent
from db.raw_store import store_page
from scraper.replica import Replica
from scraper.replica.site import Site
from stages.normalise import normalise
from tests.support import optional_shared

BASE = "http://127.0.0.1:8800"
SIZE = 2000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Replica, Engine]]:
    replica = Replica(requests=SIZE, seed=7, seed_letters=optional_shared("seeds"))
    site = Site(replica)
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('truth') / 'truth.sqlite3'}")
    upgrade(engine)
    with engine.begin() as conn:
        csv = site.handle("GET", "/body/all-authorities.csv").body
        store_page(conn, url=f"{BASE}/body/all-authorities.csv", kind="authority_csv",
                   body=csv, http_status=200)  # fmt: skip
        for request_id in replica.visible_ids():
            slug = replica.slug_of(request_id)
            for suffix, kind in ((".json", "request_json"), ("?unfold=1", "thread_html")):
                page = site.handle("GET", f"/request/{slug}{suffix}").body
                store_page(conn, url=f"{BASE}/request/{slug}{suffix}", kind=kind, body=page,
                           http_status=200, request_id=request_id)  # fmt: skip
    with Session(engine) as session, session.begin():
        report = normalise(session)
    assert report.quarantined == 0
    yield replica, engine
    engine.dispose()


def _rows(engine: Engine, model: type) -> dict[tuple, object]:
    with Session(engine) as session:
        rows = session.scalars(select(model)).all()
        return {
            tuple(getattr(r, c.name) for c in model.__table__.primary_key.columns): r for r in rows
        }


def test_every_visible_request_with_its_json_fields(corpus: tuple[Replica, Engine]) -> None:
    replica, engine = corpus
    requests = _rows(engine, Request)
    assert len(requests) == len(replica.visible_ids()) >= SIZE * 9 // 10
    for request_id in replica.visible_ids():
        truth = replica.truth(request_id).record
        row = requests[(request_id,)]
        assert (row.title, row.url_title, row.described_state, row.law_used, row.created_at) == (
            truth.title, truth.url_title, truth.described_state, truth.law_used, truth.created_at,
        ), request_id  # fmt: skip


def test_every_event_with_its_type_time_and_states(corpus: tuple[Replica, Engine]) -> None:
    replica, engine = corpus
    events = _rows(engine, RequestEvent)
    expected = {
        e.id: (request_id, e.event_type, e.created_at, e.described_state, e.calculated_state)
        for request_id in replica.visible_ids()
        for e in replica.truth(request_id).record.events
    }
    actual = {
        key[0]: (e.request_id, e.event_type, e.created_at, e.described_state, e.calculated_state)
        for key, e in events.items()
    }
    assert actual == expected


def test_every_message_with_author_time_and_text(corpus: tuple[Replica, Engine]) -> None:
    replica, engine = corpus
    messages = _rows(engine, Message)
    seen = 0
    for request_id in replica.visible_ids():
        for item in replica.truth(request_id).unfolded_page.items:
            row = messages[(item.kind, item.id)]
            assert row.request_id == request_id
            assert row.author == item.author, (item.kind, item.id)
            assert row.sent_at == item.sent_at, (item.kind, item.id)
            assert (row.body_text or "") == item.body, (item.kind, item.id)
            assert row.quoted_text == item.quoted, (item.kind, item.id)
            assert row.prominence == item.prominence
            seen += 1
    assert seen == len(messages)


def test_every_attachment_with_its_name_part_and_type(corpus: tuple[Replica, Engine]) -> None:
    replica, engine = corpus
    attachments = _rows(engine, Attachment)
    expected = {
        (item.id, a.part): (a.name, a.content_type, a.size_label)
        for request_id in replica.visible_ids()
        for item in replica.truth(request_id).unfolded_page.items
        for a in item.attachments
        if a.part is not None
    }
    actual = {key: (a.filename, a.content_type, a.size_label) for key, a in attachments.items()}
    assert actual == expected
