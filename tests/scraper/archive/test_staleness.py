"""Captures older than what is stored never overwrite it; newer ones (live or archived) win.

Decided at normalise by each page's capture time, whatever order the pages arrive in. The
pages are the replica's own JSON and thread pages at two moments of its history.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db import crawl_state, raw_store
from db.models import CrawlState, Message, Request, RequestEvent
from scraper.replica import Replica
from scraper.replica.site import Site
from stages.normalise import normalise

BASE = "http://127.0.0.1:8800"
EARLY = datetime(2026, 6, 1, 12, tzinfo=UTC)
LATE = datetime(2026, 11, 1, 12, tzinfo=UTC)


def _pages(moment: datetime) -> tuple[Replica, Site]:
    if moment > LATE:  # after LATE every public request has changed (churn 1)
        replica = Replica(requests=60, seed=7, now=LATE, seed_letters=None)
        replica.advance((moment - LATE).total_seconds() / 86400, churn=1.0)
    else:
        replica = Replica(requests=60, seed=7, now=moment, seed_letters=None)
    return replica, Site(replica)


def _served(site: Site, path: str) -> bytes:
    split = urlsplit(path)
    response = site.route(split.path, unquote(split.path), parse_qs(split.query))
    assert response.status == 200, path
    return response.body


def _a_request_that_changed() -> tuple[int, str]:
    early, _ = _pages(EARLY)
    late, _ = _pages(LATE)
    for rid in early.listed_ids():
        a, b = early.request(rid), late.request(rid)
        if a and b and len(b.events) > len(a.events) and a.url_title == b.url_title:
            return rid, a.url_title
    raise AssertionError("no request changed between the two moments")


def _store(engine: Engine, moment: datetime, slug: str, rid: int, **provenance: object) -> None:
    _, site = _pages(moment)
    with engine.begin() as conn:
        for kind, path in (("request_json", f"/request/{slug}.json"),
                           ("thread_html", f"/request/{slug}?unfold=1")):  # fmt: skip
            url = BASE + path
            if provenance.get("source") == "archive":
                url = f"{BASE}/web/{moment:%Y%m%d%H%M%S}id_/{BASE}{path}"
            raw_store.store_page(
                conn, url=url, kind=kind, body=_served(site, path), http_status=200,
                request_id=rid, original_url=BASE + path if provenance else None,
                **provenance,  # type: ignore[arg-type]
            )  # fmt: skip


def _state(engine: Engine, rid: int) -> tuple[int, int, str | None, datetime | None]:
    with Session(engine) as session, session.begin():
        normalise(session)
    with engine.connect() as conn:
        events = conn.execute(select(RequestEvent.id).where(RequestEvent.request_id == rid)).all()
        messages = conn.execute(select(Message.id).where(Message.request_id == rid)).all()
        source, at = conn.execute(
            select(Request.data_source, Request.captured_at).where(Request.id == rid)
        ).one()
    return len(events), len(messages), source, at


def test_an_older_archive_capture_never_overwrites_newer_live_data(engine: Engine) -> None:
    rid, slug = _a_request_that_changed()
    # The live crawl saw the late state...
    now = LATE + timedelta(hours=1)
    _, site = _pages(LATE)
    with engine.begin() as conn:
        for kind, path in (("request_json", f"/request/{slug}.json"),
                           ("thread_html", f"/request/{slug}?unfold=1")):  # fmt: skip
            raw_store.store_page(conn, url=BASE + path, kind=kind, body=_served(site, path),
                                 http_status=200, request_id=rid, now=now)  # fmt: skip
    late = _state(engine, rid)
    assert late[2] == "live" and late[3] == now
    # ...then an archive backfill brings the early capture: it is stored, and loses.
    _store(engine, EARLY, slug, rid, source="archive", archive="wayback", captured_at=EARLY)
    assert _state(engine, rid) == late
    # A capture newer than the live fetch wins, though it arrived last.
    later = now + timedelta(days=30)
    # (Not renamed by the churn, so the newer page is a newer copy of the same one.)
    assert _pages(later)[0].request(rid).url_title == slug  # type: ignore[union-attr]
    _store(engine, later, slug, rid, source="import", captured_at=later)
    newest = _state(engine, rid)
    assert newest[2] == "import" and newest[3] == later
    assert newest[0] > late[0]  # the churn added events


def test_a_newer_capture_replaces_an_older_one_whatever_the_order(engine: Engine) -> None:
    rid, slug = _a_request_that_changed()
    _store(engine, LATE, slug, rid, source="archive", archive="wayback", captured_at=LATE)
    late = _state(engine, rid)
    _store(engine, EARLY, slug, rid, source="archive", archive="wayback", captured_at=EARLY)
    assert _state(engine, rid) == late
    early_events = len(_pages(EARLY)[0].request(rid).events)  # type: ignore[union-attr]
    assert late[0] > early_events


def test_the_frontier_keeps_the_newer_of_a_fetch_and_a_capture(engine: Engine) -> None:
    with engine.begin() as conn:
        crawl_state.record_fetched(conn, 7, url_title="x", last_event_id=9, last_event_at=LATE,
                                   site_updated_at=LATE, is_open=False, changed=True, now=LATE)  # fmt: skip
        older = crawl_state.record_captured(
            conn, 7, url_title="x_old", last_event_id=3, last_event_at=EARLY,
            site_updated_at=EARLY, is_open=True, captured_at=EARLY, has_thread_page=True,
        )  # fmt: skip
        newer = crawl_state.record_captured(
            conn, 8, url_title="y", last_event_id=3, last_event_at=EARLY,
            site_updated_at=EARLY, is_open=True, captured_at=EARLY, has_thread_page=False,
        )  # fmt: skip
        entry = crawl_state.get(conn, 7)
        due = conn.execute(select(CrawlState.next_check_at).where(CrawlState.request_id == 8))
    assert not older and newer
    assert entry is not None and entry.url_title == "x" and entry.last_event_id == 9
    assert due.scalar_one() is not None


def test_touching_a_live_page_moves_its_capture_time_not_an_archived_one(engine: Engine) -> None:
    with engine.begin() as conn:
        live = raw_store.store_page(conn, url=BASE + "/list", kind="list_html", body=b"a",
                                    http_status=200, now=EARLY)  # fmt: skip
        raw_store.touch_page(conn, live.id, now=LATE)
        again = raw_store.store_page(conn, url=BASE + "/list", kind="list_html", body=b"a",
                                     http_status=200, source="import", captured_at=EARLY)  # fmt: skip
        assert raw_store.latest_page(conn, BASE + "/list").captured_at == LATE  # type: ignore[union-attr]
    assert not again.is_new


def test_a_newer_page_without_quoted_sections_keeps_the_quotes_an_older_one_had(
    engine: Engine,
) -> None:
    replica, site = _pages(LATE)
    rid = next(
        r for r in replica.listed_ids()
        if any(e.message is not None and e.message.quoted for e in replica.request(r).events)  # type: ignore[union-attr]
    )  # fmt: skip
    slug = replica.slug_of(rid)
    with engine.begin() as conn:
        for kind, path in (("request_json", f"/request/{slug}.json"),
                           ("thread_html", f"/request/{slug}?unfold=1")):  # fmt: skip
            raw_store.store_page(conn, url=BASE + path, kind=kind, body=_served(site, path),
                                 http_status=200, request_id=rid, now=LATE)  # fmt: skip

    def quotes() -> list[str | None]:
        with Session(engine) as session, session.begin():
            normalise(session)
        with engine.connect() as conn:
            return list(conn.execute(
                select(Message.quoted_text).where(Message.request_id == rid).order_by(Message.id)
            ).scalars())  # fmt: skip

    before = quotes()
    assert any(before)
    folded = f"/request/{slug}"
    with engine.begin() as conn:
        raw_store.store_page(
            conn, url=f"{BASE}/web/20261102000000id_/{BASE}{folded}", kind="thread_html",
            body=_served(site, folded), http_status=200, request_id=rid, source="archive",
            archive="wayback", captured_at=LATE + timedelta(days=1), original_url=BASE + folded,
        )  # fmt: skip
    assert quotes() == before
