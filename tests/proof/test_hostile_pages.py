"""Hostile pages and JSON through the real entry point: raw_pages → stages.normalise.

Each case stores a well-formed request (599512) beside a hostile copy of another (540577),
runs the normaliser once, and checks the quarantine row (stage, reason, entity) for the
hostile one and that the well-formed one still loaded: the run went on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from db.engine import session_scope
from db.models import Message, Quarantine, Request
from scraper.replica import Replica
from scraper.replica.site import Site
from stages.normalise import normalise
from tests.db.loading import add_raw_page

HOSTILE, GOOD = 540577, 599512
BASE = "http://127.0.0.1:8800"


@cache
def _site() -> Site:
    return Site(Replica(requests=30, seed=7))


@cache
def _pages(request_id: int) -> tuple[str, bytes, bytes]:
    site = _site()
    slug = site.replica.slug_of(request_id)
    json_body = site.handle("GET", f"/request/{slug}.json", b"").body
    html_body = site.handle("GET", f"/request/{slug}", b"").body
    return slug, json_body, html_body


def _json(**changes: object) -> Callable[[bytes], bytes]:
    def mutate(body: bytes) -> bytes:
        doc = json.loads(body)
        doc.update(changes)
        return json.dumps(doc).encode()

    return mutate


def _same(body: bytes) -> bytes:
    return body


@dataclass(frozen=True)
class Case:
    name: str
    json: Callable[[bytes], bytes] = _same
    html: Callable[[bytes], bytes] = _same
    reason: str | None = None  # the quarantine reason; None: the request loads
    blame: str = "json"  # which raw page the row names


SQL = "Robert'); DROP TABLE requests;--"
CASES = [
    Case("JSON cut mid-document", json=lambda b: b[: len(b) // 2], reason="field_error"),
    Case("empty JSON body", json=lambda b: b"", reason="field_error"),
    Case("JSON array instead of object", json=lambda b: b"[1, 2, 3]", reason="field_error"),
    Case("JSON nested 200,000 deep", json=lambda b: b"[" * 200_000 + b"]" * 200_000, reason="field_error"),
    Case("JSON in Windows-1252", json=lambda b: b.replace(b'"title":', b'"title": "\x96\xe9", "x":'), reason="field_error"),
    Case("JSON id as a string", json=_json(id=str(HOSTILE)), reason="field_error"),
    Case("JSON id as a float", json=_json(id=540577.5), reason="field_error"),
    Case("JSON events not a list", json=_json(info_request_events="none"), reason="field_error"),
    Case("JSON event with a string id", json=lambda b: re.sub(rb'"id":\s*(\d+),\s*"event_type"', rb'"id": "\1", "event_type"', b, count=1), reason="field_error"),
    Case("JSON invalid created_at", json=_json(created_at="2024-13-45T99:00:00Z"), reason="field_error"),
    Case("JSON created_at without offset", json=_json(created_at="not a date"), reason="field_error"),
    Case("JSON unknown described_state", json=_json(described_state="exploded"), reason="field_error"),
    Case("JSON awaiting_description as text", json=_json(awaiting_description="no"), reason="field_error"),
    Case("NUL character in the JSON title", json=_json(title="a\u0000b"), reason="field_error"),
    Case("JSON public_body as a list", json=_json(public_body=[1]), reason="field_error"),
    Case("JSON describing another request", json=_json(id=1), reason="request_mismatch"),
    Case("thread page of another request", html=lambda b: _pages(GOOD)[2], reason="request_mismatch"),
    Case("empty thread page", html=lambda b: b"", reason="thread_parse_error"),
    Case("binary thread page", html=lambda b: bytes(range(256)) * 100, reason="thread_parse_error"),
    Case("HTML nested 200,000 deep", html=lambda b: b"<html><body>" + b"<div>" * 200_000 + b"</div>" * 200_000 + b"</body></html>", reason="thread_parse_error"),
    Case("invalid time[datetime]", html=lambda b: re.sub(rb'datetime="[^"]+"', b'datetime="2024-02-30T25:00"', b), reason="thread_parse_error"),
    Case("correspondence column renamed", html=lambda b: b.replace(b'id="left_column"', b'id="main"'), reason="thread_parse_error"),
]  # fmt: skip
LOADED = [
    Case("SQL-looking title", json=_json(title=SQL)),
    Case("NUL in a paragraph", html=lambda b: b.replace(b"</body>", b"<p>a\x00b</p></body>")),
    Case("5 MB single-line title", json=_json(title="A" * 5_000_000)),
    Case("20 MB single-line paragraph", html=lambda b: b.replace(b"</body>", b"<p>" + b"x" * 20_000_000 + b"</p></body>")),
    Case("external entity in the thread page", html=lambda b: b'<?xml version="1.0"?><!DOCTYPE h [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + b.replace(b"<h1>", b"<h1>&x;")),
    Case("thread page in Windows-1252", html=lambda b: b.replace(b"<h1>", b"<h1>\x96\xe9")),
]  # fmt: skip


def _store(engine: Engine, case: Case) -> dict[str, int]:
    ids: dict[str, int] = {}
    with session_scope(engine) as session:
        for request_id in (GOOD, HOSTILE):
            slug, json_body, html_body = _pages(request_id)
            if request_id == HOSTILE:
                json_body, html_body = case.json(json_body), case.html(html_body)
            url = f"{BASE}/request/{slug}"
            ids[f"{request_id}.json"] = add_raw_page(
                session, url + ".json", "request_json", json_body, request_id=request_id
            )
            ids[f"{request_id}.html"] = add_raw_page(
                session, url, "thread_html", html_body, request_id=request_id
            )
    with session_scope(engine) as session:
        normalise(session)
    return ids


def _quarantine(engine: Engine) -> list[tuple[str, str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(select(Quarantine.stage, Quarantine.entity_key, Quarantine.reason))
        return [tuple(r) for r in rows]  # type: ignore[misc]


def _request_ids(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        return list(conn.scalars(select(Request.id).order_by(Request.id)))


def test_at_least_thirty_hostile_inputs_across_pages_and_files() -> None:
    from tests.proof.test_hostile_files import FILE_CASES

    assert len(CASES) + len(LOADED) + len(FILE_CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_page_is_quarantined_and_the_run_goes_on(engine: Engine, case: Case) -> None:
    ids = _store(engine, case)
    entity = f"raw_page:{ids[f'{HOSTILE}.{case.blame}']}"
    assert (_quarantine(engine), _request_ids(engine)) == (
        [("normalise", entity, case.reason)],
        [GOOD],
    )


@pytest.mark.parametrize("case", LOADED, ids=[c.name for c in LOADED])
def test_odd_but_valid_page_loads_without_quarantine(engine: Engine, case: Case) -> None:
    _store(engine, case)
    assert (_quarantine(engine), _request_ids(engine)) == ([], [HOSTILE, GOOD])


def test_sql_looking_title_is_stored_verbatim(engine: Engine) -> None:
    _store(engine, LOADED[0])
    with engine.connect() as conn:
        title = conn.scalar(select(Request.title).where(Request.id == HOSTILE))
    assert title == SQL


def test_external_entity_is_never_expanded(engine: Engine) -> None:
    _store(engine, LOADED[3])
    with engine.connect() as conn:
        leaked = conn.scalar(
            select(func.count()).select_from(Message).where(Message.body_text.contains("root:"))
        )
    assert leaked == 0
