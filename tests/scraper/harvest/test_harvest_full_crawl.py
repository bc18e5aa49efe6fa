"""A full crawl of the replica (200 requests) against its ground truth.

discover → threads → normalise (stages.normalise, branch parse) → attachments twice. The
database must hold exactly the requests the site lists, each with the truth's state, events,
messages and attachment names; the crawl must stay within robots.txt and identify itself.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import Any

from protego import Protego
from sqlalchemy import Row, Select, func, select

from db.engine import make_engine
from db.models import Attachment, CrawlState, Message, RawPage, Request, RequestEvent, SiteStats
from pipeline.config import Settings
from scraper.replica.robots import ROBOTS_TXT
from tests.scraper.harvest.support import Harvest


def _rows(harvest: Harvest, stmt: Select[Any]) -> Sequence[Row[Any]]:
    engine = make_engine(harvest.db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(stmt).all()
    finally:
        engine.dispose()


def test_every_listed_request_is_in_the_database(reference: Harvest) -> None:
    ids = {row.id for row in _rows(reference, select(Request.id))}
    assert ids == set(reference.server.replica.listed_ids())


def test_coverage_equals_version_json(reference: Harvest) -> None:
    site = _rows(reference, select(SiteStats.visible_request_count))[-1][0]
    visible = _rows(
        reference,
        select(func.count())
        .select_from(CrawlState)
        .where(CrawlState.gone.is_(False), CrawlState.last_http_status == 200),
    )[0][0]
    assert visible == site == len(reference.server.replica.listed_ids())


def test_states_match_the_truth(reference: Harvest) -> None:
    replica = reference.server.replica
    got = dict(_rows(reference, select(Request.id, Request.described_state)))
    want = {rid: replica.truth(rid).record.described_state for rid in got}
    assert got == want


def test_event_counts_match_the_truth(reference: Harvest) -> None:
    replica = reference.server.replica
    got = dict(
        _rows(
            reference,
            select(RequestEvent.request_id, func.count()).group_by(RequestEvent.request_id),
        )
    )
    want = {rid: len(replica.truth(rid).record.events) for rid in replica.listed_ids()}
    assert got == want


def test_message_counts_match_the_truth(reference: Harvest) -> None:
    replica = reference.server.replica
    got = dict(
        _rows(reference, select(Message.request_id, func.count()).group_by(Message.request_id))
    )
    want = {
        rid: len(items)
        for rid in replica.listed_ids()
        if (items := replica.truth(rid).unfolded_page.items)
    }
    assert got == want


def test_attachment_names_match_the_truth(reference: Harvest) -> None:
    replica = reference.server.replica
    got = {
        (row.message_id, row.part): row.filename
        for row in _rows(
            reference, select(Attachment.message_id, Attachment.part, Attachment.filename)
        )
    }
    want = {
        (a.incoming_message_id, a.part): a.filename
        for rid in replica.listed_ids()
        for a in replica.truth(rid).attachments
        if not a.hidden
    }
    assert got == want


def test_hidden_and_embargoed_requests_are_not_stored_as_public(reference: Harvest) -> None:
    replica = reference.server.replica
    concealed = {
        rid
        for rid in replica.existing_ids()
        if replica.truth(rid) is not None
        and replica.truth(rid).visibility in ("hidden", "requester_only", "embargoed")
    }
    stored = {row.id for row in _rows(reference, select(Request.id))}
    assert concealed and not concealed & stored


def test_raw_pages_hold_every_thread_json_and_page(reference: Harvest) -> None:
    kinds = Counter(row.kind for row in _rows(reference, select(RawPage.kind)))
    listed = len(reference.server.replica.listed_ids())
    assert (kinds["request_json"], kinds["thread_html"]) == (listed, listed)


def test_every_attachment_is_downloaded_byte_for_byte(reference: Harvest) -> None:
    replica = reference.server.replica
    rows = _rows(
        reference,
        select(
            Attachment.request_id,
            Attachment.message_id,
            Attachment.part,
            Attachment.download_status,
            Attachment.sha256,
            Attachment.stored_path,
        ),
    )
    assert {row.download_status for row in rows} == {"downloaded"}
    for row in rows:
        served = replica.attachment_file(row.request_id, row.message_id, row.part)
        assert served is not None
        assert row.sha256 == hashlib.sha256(served.data).hexdigest()
        assert (reference.data_dir / row.stored_path).read_bytes() == served.data


def test_first_download_meets_the_masking_wait_and_asks_again_later_in_the_run(
    reference: Harvest,
) -> None:
    first, second = (r for r in reference.results if r["spider"] == "attachments")
    assert first["counters"]["wait"] == first["counters"]["due"]
    assert first["counters"]["downloaded"] == first["counters"]["due"]
    assert second["counters"].get("due", 0) == 0


def test_no_robots_disallowed_url_was_requested(reference: Harvest) -> None:
    robots = Protego.parse(ROBOTS_TXT)
    refused = [
        e["path"]
        for e in reference.server.log
        if not robots.can_fetch(reference.server.url + e["path"], "wdtk-pipeline")
    ]
    assert refused == []


def test_every_request_carries_the_configured_user_agent(reference: Harvest) -> None:
    agents = {e["user_agent"] for e in reference.server.log}
    assert agents == {Settings().user_agent}
