"""db.load on the hand-written current-markup thread and its JSON, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.load import load_authorities, load_thread
from db.models import (
    Attachment,
    Authority,
    Message,
    PipelineSetting,
    Request,
    Requester,
    RequestEvent,
)
from db.settings_store import pseudonym_key
from pipeline.parse import merge_thread, parse_authorities_csv, parse_request_json, parse_thread
from pipeline.pseudonym import pseudonym
from tests.db.loading import read, snapshot

KEY = "test-key"


def load(engine: Engine, version: str = "t1") -> None:
    merged = merge_thread(
        parse_request_json(read("thread_current.json")), parse_thread(read("thread_current.html"))
    )
    with Session(engine) as session, session.begin():
        load_thread(session, merged, parser_version=version, key=KEY)


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    load(engine)
    return engine


def one(engine: Engine, stmt):
    with Session(engine) as session:
        return session.execute(stmt).one()


def test_request_row_joins_json_and_page_facts(loaded: Engine) -> None:
    row = one(
        loaded,
        select(
            Request.described_state,
            Request.status,
            Request.law_used,
            Request.batch_id,
            Request.due_date_shown,
            Request.authority_id,
            Request.requester_url_name,
        ),
    )
    assert tuple(row) == (
        "waiting_response",
        "waiting_response",
        "eir",
        4711,
        date(2024, 2, 2),
        501,
        "priya_shah",
    )


def test_every_json_event_is_stored(loaded: Engine) -> None:
    with Session(loaded) as session:
        ids = session.scalars(select(RequestEvent.id).order_by(RequestEvent.id)).all()
    assert ids == list(range(9000001, 9000011))


def test_messages_in_page_order_with_their_events(loaded: Engine) -> None:
    with Session(loaded) as session:
        rows = session.execute(
            select(
                Message.position, Message.kind, Message.id, Message.event_id, Message.purpose
            ).order_by(Message.position)
        ).all()
    assert [tuple(r) for r in rows] == [
        (0, "outgoing", 1500001, 9000001, "initial_request"),
        (1, "incoming", 2600001, 9000003, None),
        (2, "outgoing", 1500002, 9000005, "followup"),
        (3, "incoming", 2600002, 9000006, None),
        (4, "annotation", 120001, 9000007, None),
        (5, "outgoing", 1500003, 9000010, "followup"),
    ]


def test_message_text_quotes_and_offset(loaded: Engine) -> None:
    row = one(
        loaded,
        select(
            Message.author,
            Message.author_organisation,
            Message.quoted_text,
            Message.utc_offset_minutes,
        ).where(Message.id == 2600001),
    )
    assert (row[0], row[1], row[2].splitlines()[0], row[3]) == (
        "Information Governance Team",
        "Borough Council of King's Lynn & West Norfolk, Norfolk",
        "-----Original Message-----",
        0,
    )


def test_resent_times_are_stored_as_iso_strings(loaded: Engine) -> None:
    (resent,) = one(loaded, select(Message.resent_at).where(Message.id == 1500001))
    assert resent == ["2024-01-08T11:00:00+00:00"]


def test_attachments_with_a_part_are_stored(loaded: Engine) -> None:
    with Session(loaded) as session:
        rows = session.execute(
            select(Attachment.part, Attachment.filename, Attachment.size_bytes).order_by(
                Attachment.part
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        (2, "Monitor locations 2023.xlsx", 1363149),
        (5, "EIR response.pdf", 152576),
    ]


def test_requester_gets_a_keyed_pseudonym(loaded: Engine) -> None:
    row = one(loaded, select(Requester.url_name, Requester.wdtk_user_id, Requester.pseudonym))
    assert tuple(row) == ("priya_shah", 77001, pseudonym(KEY, "priya_shah"))


def test_request_authority_row_is_created_from_the_embedded_body(loaded: Engine) -> None:
    row = one(loaded, select(Authority.url_name, Authority.requests_count))
    assert tuple(row) == ("kings_lynn_and_west_norfolk", None)


def test_loading_twice_changes_nothing(loaded: Engine) -> None:
    before = snapshot(loaded)
    load(loaded)
    assert snapshot(loaded) == before


def test_new_parser_version_is_recorded(loaded: Engine) -> None:
    load(loaded, version="t2")
    with Session(loaded) as session:
        versions = set(session.scalars(select(Message.parser_version)).all())
    assert versions == {"t2"}


def test_exact_downloaded_size_survives_a_reload(loaded: Engine) -> None:
    with Session(loaded) as session, session.begin():
        session.execute(update(Attachment).where(Attachment.part == 5).values(size_bytes=152001))
    load(loaded)
    assert one(loaded, select(Attachment.size_bytes).where(Attachment.part == 5)) == (152001,)


def test_csv_authorities_with_derived_flags(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        load_authorities(
            session, parse_authorities_csv(read("all-authorities.csv")), "authority_csv"
        )
    with Session(engine) as session:
        rows = session.execute(
            select(
                Authority.id, Authority.is_school, Authority.foi_applies, Authority.tags
            ).order_by(Authority.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        (501, False, True, [["local_council", None], ["dpi", "3"], ["url", "http://x.example/a"]]),
        (502, True, True, [["school", None], ["academy_trust", None]]),
    ]


def test_request_load_does_not_overwrite_catalogue_data(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        load_authorities(
            session, parse_authorities_csv(read("all-authorities.csv")), "authority_csv"
        )
    load(engine)
    assert one(engine, select(Authority.notes).where(Authority.id == 501)) == (
        "Covers the borough.\nSecond line of notes.",
    )


def test_pseudonym_key_is_made_once_and_kept(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        first = pseudonym_key(session)
    with Session(engine) as session, session.begin():
        second = pseudonym_key(session)
        stored = session.scalars(select(PipelineSetting.value)).all()
    assert (first == second, stored, len(first)) == (True, [first], 64)
