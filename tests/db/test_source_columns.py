"""A source that lacks a field never overwrites it, for every entity table normalise writes.

``authorities`` has its own file (tests/db/test_authority_sources.py: CSV, body JSON and a
request's embedded body). Here the rest: a request reloaded from its JSON alone keeps what
only its thread page gives; a folded copy of a thread page keeps the quoted text an unfolded
one gave; a reload keeps what the attachment download recorded; a slug's first sighting stays
and its last only moves forward; events and requesters come from one source each (the request
JSON), so a reload of the same JSON changes nothing.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.load import RequestRows, load_thread, request_rows, thread_rows, write_requests
from db.models import Attachment, Message, Request, RequestSlug
from pipeline.parse import merge_thread, parse_request_json, parse_thread
from tests.db.loading import FETCHED, read, snapshot

KEY = "k"
REQUEST = 1234567


def merged():
    return merge_thread(
        parse_request_json(read("thread_current.json")), parse_thread(read("thread_current.html"))
    )


def write(engine: Engine, rows: RequestRows) -> None:
    with Session(engine) as session, session.begin():
        write_requests(session, [rows])


def full(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        load_thread(session, merged(), parser_version="t1", key=KEY, html_page_id=None)


def json_only() -> RequestRows:
    return request_rows(
        parse_request_json(read("thread_current.json")), parser_version="t1", key=KEY
    )


def test_requests_keep_what_only_the_thread_page_gives(engine: Engine) -> None:
    full(engine)
    columns = (Request.status, Request.batch_id, Request.due_date_shown)
    with Session(engine) as session:
        before = session.execute(select(*columns)).one()
    assert before.status is not None  # the thread page gave something to keep
    write(engine, json_only())
    with Session(engine) as session:
        assert session.execute(select(*columns)).one() == before


def test_messages_keep_quoted_text_a_folded_page_lacks(engine: Engine) -> None:
    full(engine)
    with Session(engine) as session:
        quoted = dict(session.execute(select(Message.id, Message.quoted_text)).all())
    assert any(quoted.values())
    thread = merged()
    folded = dataclasses.replace(thread, page=dataclasses.replace(thread.page, unfolded=False))
    write(engine, thread_rows(folded, parser_version="t1", key=KEY))
    with Session(engine) as session:
        assert dict(session.execute(select(Message.id, Message.quoted_text)).all()) == quoted


def test_attachments_keep_what_the_download_recorded(engine: Engine) -> None:
    full(engine)
    downloaded = {
        "download_status": "downloaded",
        "sha256": "ab" * 32,
        "stored_path": "ab/abab.pdf",
        "size_bytes": 152001,
    }
    with Session(engine) as session, session.begin():
        session.execute(update(Attachment).where(Attachment.part == 5).values(**downloaded))
    full(engine)
    columns = [getattr(Attachment, name) for name in downloaded]
    with Session(engine) as session:
        row = session.execute(select(*columns).where(Attachment.part == 5)).one()
    assert tuple(row) == tuple(downloaded.values())


def test_a_slug_keeps_its_first_sighting_and_its_last_moves_forward(engine: Engine) -> None:
    rows = json_only()
    rows.seen_at = FETCHED
    write(engine, rows)
    later = json_only()
    later.seen_at = FETCHED + timedelta(days=3)
    write(engine, later)
    older = json_only()  # an archive's older capture of the same JSON
    older.seen_at = FETCHED - timedelta(days=30)
    write(engine, older)
    with Session(engine) as session:
        seen = session.execute(select(RequestSlug.first_seen_at, RequestSlug.last_seen_at)).one()
    assert tuple(seen) == (FETCHED, FETCHED + timedelta(days=3))


def test_events_and_requesters_come_from_the_json_and_a_reload_keeps_them(
    engine: Engine,
) -> None:
    full(engine)
    before = snapshot(engine)
    assert before["request_events"] and before["requesters"]
    write(engine, json_only())
    after = snapshot(engine)
    assert (after["request_events"], after["requesters"]) == (
        before["request_events"],
        before["requesters"],
    )
