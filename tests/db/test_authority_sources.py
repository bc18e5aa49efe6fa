"""Each authority source writes only the columns it has: the CSV's ``version`` survives the body
JSON (which has none) in either order and across refreshes, and the JSON's request counts
survive the CSV. On SQLite and PostgreSQL, through ``load_authorities`` and through normalise."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.load import AUTHORITY_COLUMNS, load_authorities
from db.models import Authority
from pipeline.parse import parse_authorities_csv
from pipeline.parse.request_json import parse_body_json
from stages.normalise import normalise
from tests.db.loading import FETCHED, add_raw_page, read

BASE = "http://127.0.0.1:8800"


def body_json(requests_count: int = 7) -> bytes:
    """/body/<url_name>.json as Alaveteli's ``json_for_api`` writes it: no ``version``."""
    return json.dumps(
        {
            "id": 501,
            "url_name": "kings_lynn_and_west_norfolk",
            "name": "Borough Council of King's Lynn & West Norfolk, Norfolk",
            "short_name": "King's Lynn Council",
            "created_at": "2008-03-18T14:20:16.000+00:00",
            "updated_at": "2023-10-01T08:00:00.000+01:00",
            "home_page": "https://www.west-norfolk.gov.uk",
            "notes": "Covers the borough.\nSecond line of notes.",
            "publication_scheme": "",
            "disclosure_log": "https://www.west-norfolk.gov.uk/foi-log",
            "tags": [["local_council", None], ["dpi", "3"], ["url", "http://x.example/a"]],
            "info": {
                "requests_count": requests_count,
                "requests_successful_count": 3,
                "requests_not_held_count": 1,
                "requests_overdue_count": 2,
            },
        }
    ).encode()


def facts(engine: Engine) -> tuple:
    with Session(engine) as session:
        return session.execute(
            select(Authority.version, Authority.requests_count, Authority.name).where(
                Authority.id == 501
            )
        ).one()


def load_csv(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        load_authorities(
            session, parse_authorities_csv(read("all-authorities.csv")), "authority_csv"
        )


def load_json(engine: Engine, requests_count: int = 7) -> None:
    with Session(engine) as session, session.begin():
        record = parse_body_json(body_json(requests_count), "body")
        load_authorities(session, [record], "body_json")


def test_the_body_json_provides_no_version_and_the_csv_no_counts() -> None:
    assert "version" not in AUTHORITY_COLUMNS["body_json"]
    assert "requests_count" not in AUTHORITY_COLUMNS["authority_csv"]
    assert "version" in AUTHORITY_COLUMNS["authority_csv"]


def test_csv_then_body_json_keeps_the_version(engine: Engine) -> None:
    load_csv(engine)
    load_json(engine)
    assert tuple(facts(engine)) == (12, 7, "Borough Council of King's Lynn & West Norfolk, Norfolk")


def test_body_json_then_csv_keeps_the_counts(engine: Engine) -> None:
    load_json(engine)
    assert tuple(facts(engine))[:2] == (None, 7)
    load_csv(engine)
    assert tuple(facts(engine))[:2] == (12, 7)


def test_a_second_refresh_blanks_nothing(engine: Engine) -> None:
    load_csv(engine)
    load_json(engine)
    with Session(engine) as session:
        changed = session.scalar(select(Authority.last_changed_at).where(Authority.id == 501))
    load_csv(engine)
    load_json(engine)
    with Session(engine) as session:
        again = session.scalar(select(Authority.last_changed_at).where(Authority.id == 501))
    assert (tuple(facts(engine))[:2], again) == ((12, 7), changed)
    load_json(engine, requests_count=8)  # the counts moved on the site
    assert tuple(facts(engine))[:2] == (12, 8)


def _normalise(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        normalise(session, pseudonym_key="k")


def _store(engine: Engine, kind: str, body: bytes, minutes: int) -> None:
    url = (
        f"{BASE}/body/all-authorities.csv"
        if kind == "authority_csv"
        else f"{BASE}/body/kings_lynn_and_west_norfolk.json"
    )
    with Session(engine) as session, session.begin():
        add_raw_page(session, url, kind, body, fetched_at=FETCHED + timedelta(minutes=minutes))


def test_normalise_of_both_pages_in_either_order_and_a_refresh(engine: Engine) -> None:
    """What a refresh does: the harvest stores both pages, normalise loads them; then a later
    refresh fetches a changed body JSON, and the version the CSV gave is still there."""
    _store(engine, "body_json", body_json(), 0)
    _store(engine, "authority_csv", read("all-authorities.csv"), 1)
    _normalise(engine)
    assert tuple(facts(engine))[:2] == (12, 7)
    _store(engine, "body_json", body_json(requests_count=9), 2)
    _normalise(engine)
    assert tuple(facts(engine))[:2] == (12, 9)
    _store(engine, "authority_csv", read("all-authorities.csv") + b"\n", 3)
    _normalise(engine)
    assert tuple(facts(engine))[:2] == (12, 9)
