"""`wdtk analyse` (the analyse flow) reads only what is stored: ``--redo`` extracts the stored
attachment files again and reads every letter again, with no request to the site; a changed
analyser is picked up, with or without ``--redo``."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from db.engine import make_engine, session_scope
from db.migrate import upgrade
from db.models import Attachment, Authority, LetterAnalysis, Message, Request, RequestEvent
from flows import refresh as flows

pytestmark = pytest.mark.slow

REFUSAL = (
    "Dear Ms Okafor,\n\nI can confirm that the Council holds the contract. However, it is exempt "
    "under section 43(2) of the Act, and having considered the public interest test we are "
    "withholding it.\n\nYou may ask for an internal review."
)
REVIEW = (
    "Dear Ms Okafor,\n\nInternal Review\n\nI have now completed the internal review. I am "
    "satisfied that section 43(2) was correctly applied and I uphold the original decision."
)


class _Site(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(500)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site_url() -> Iterator[str]:
    """A stand-in for the site on loopback that records every request made to it."""
    _Site.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


@pytest.fixture
def stored(tmp_path: Path, site_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """A request whose review answer is a stored attachment file, nothing else anywhere."""
    data = tmp_path / "data"
    (data / "ab").mkdir(parents=True)
    (data / "ab" / "review.txt").write_text(REVIEW, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'wdtk.sqlite3'}"
    for name, value in (("WDTK_DATABASE_URL", url), ("WDTK_BASE_URL", site_url),
                        ("WDTK_DATA_DIR", str(data)), ("WDTK_RATE", "0")):  # fmt: skip
        monkeypatch.setenv(name, value)

    def no_crawl(*args: object, **kwargs: object) -> None:
        raise AssertionError("the analyse flow started a crawl")

    monkeypatch.setattr("scraper.launch.run_spider", no_crawl)
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        session.add(Authority(id=1, url_name="westbrook", name="Westbrook Council", tags=[]))
        session.add(Request(id=100, url_title="contract", title="Contract", authority_id=1,
                            law_used="foi", described_state="rejected", tags=[],
                            created_at=_at(date(2024, 3, 4))))  # fmt: skip
        session.flush()
        for id, kind, day, extra in [
            (1, "sent", date(2024, 3, 4), {"outgoing_message_id": 11}),
            (2, "response", date(2024, 3, 28), {"incoming_message_id": 21}),
            (3, "followup_sent", date(2024, 4, 2), {"outgoing_message_id": 12, "calculated_state": "internal_review"}),
            (4, "response", date(2024, 4, 25), {"incoming_message_id": 22}),
        ]:  # fmt: skip
            session.add(RequestEvent(id=id, request_id=100, event_type=kind, created_at=_at(day),
                                     **extra))  # fmt: skip
        for kind, id, position, body in [
            ("outgoing", 11, 0, "Please send the contract."),
            ("incoming", 21, 1, REFUSAL),
            ("outgoing", 12, 2, "I am writing to request an internal review."),
            ("incoming", 22, 3, "Please see the attached letter."),
        ]:
            session.add(
                Message(kind=kind, id=id, request_id=100, position=position, body_text=body)
            )
        session.flush()
        raw = REVIEW.encode("utf-8")
        session.add(Attachment(message_id=22, part=2, request_id=100, filename="review.txt",
                               content_type="text/plain", download_status="downloaded",
                               stored_path="ab/review.txt", size_bytes=len(raw),
                               sha256=hashlib.sha256(raw).hexdigest()))  # fmt: skip
    return engine


def _letters(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                select(
                    LetterAnalysis.message_id, LetterAnalysis.part, LetterAnalysis.analyser_version
                ).order_by(LetterAnalysis.message_id, LetterAnalysis.part)
            )
        ]


def _extracted_at(engine: Engine) -> datetime:
    with engine.connect() as conn:
        return conn.execute(select(Attachment.extracted_at)).scalar_one()


def _new_analyser(monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    for module in ("stages.analyse", "stages.analyse_letters"):
        monkeypatch.setattr(f"{module}.analyser_version", lambda: version)


def test_redo_reads_stored_text_again_and_fetches_nothing(
    prefect_api: str, stored: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_of = date(2024, 6, 3)
    first = flows.analyse(as_of=as_of)
    assert (first["attachments"], first["requests"], first["failures"]) == (1, 1, [])
    extracted = _extracted_at(stored)
    assert [(m, p) for m, p, _ in _letters(stored)] == [(21, 0), (22, 0), (22, 2)]

    _new_analyser(monkeypatch, "letters-next")
    again = flows.analyse(as_of=as_of, redo=True)
    assert (again["attachments"], again["requests"], again["failures"]) == (1, 1, [])
    assert {v for *_, v in _letters(stored)} == {"letters-next"}
    assert _extracted_at(stored) > extracted  # the stored file was read again
    assert _Site.hits == []


def test_a_changed_analyser_is_picked_up_without_redo(
    prefect_api: str, stored: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_of = date(2024, 6, 3)
    assert flows.analyse(as_of=as_of)["requests"] == 1
    flows.analyse(as_of=as_of)  # text extracted during the first run counts as changed once
    assert flows.analyse(as_of=as_of)["requests"] == 0  # nothing changed, nothing to read
    _new_analyser(monkeypatch, "letters-next")
    summary = flows.analyse(as_of=as_of)
    assert (summary["attachments"], summary["requests"]) == (0, 1)
    assert {v for *_, v in _letters(stored)} == {"letters-next"}
    assert _Site.hits == []
