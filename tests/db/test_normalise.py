"""stages.normalise: raw pages in, rows out, failures quarantined, idempotent, on both engines."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db import raw_store
from db.models import Authority, Message, Quarantine, RawPage, Request, SiteStats
from pipeline.parse import PARSER_VERSION
from stages.normalise import NormaliseReport, normalise
from tests.db.loading import FETCHED, add_raw_page, read, snapshot

BASE = "http://127.0.0.1:8800"
REQUEST_ID = 1234567
SLUG = "air_quality_monitoring_near_scho"


def seed(engine: Engine, *, html: bytes | None = None, with_json: bool = True) -> None:
    with Session(engine) as session, session.begin():
        add_raw_page(
            session,
            f"{BASE}/body/all-authorities.csv",
            "authority_csv",
            read("all-authorities.csv"),
        )
        if with_json:
            add_raw_page(
                session,
                f"{BASE}/request/{SLUG}.json",
                "request_json",
                read("thread_current.json"),
                request_id=REQUEST_ID,
            )
        add_raw_page(
            session,
            f"{BASE}/request/{SLUG}",
            "thread_html",
            html if html is not None else read("thread_current.html"),
            request_id=REQUEST_ID,
        )
        add_raw_page(session, f"{BASE}/list/successful", "list_html", read("list.html"))
        add_raw_page(session, f"{BASE}/version.json", "version_json", read("version.json"))


def run(engine: Engine, **kwargs: object) -> NormaliseReport:
    with Session(engine) as session, session.begin():
        return normalise(session, pseudonym_key="k", **kwargs)


def scalars(engine: Engine, stmt) -> list:
    with Session(engine) as session:
        return list(session.scalars(stmt).all())


def test_first_run_loads_every_kind(engine: Engine) -> None:
    seed(engine)
    report = run(engine)
    assert report.as_dict() == {
        "parser_version": PARSER_VERSION,
        "pages": 5,
        "loaded": 3,  # csv, the request (json + html together), version.json
        "superseded": 0,
        "skipped": 1,  # the list page: discovery is the crawler's job
        "quarantined": 0,
        "rows": {
            "attachments": 2,
            "attachments_without_part": 2,
            "authorities": 2,
            "events": 10,
            "html_only_items": 0,
            "json_only_events": 1,
            "merge_conflicts": 0,
            "messages": 6,
            "requesters": 1,
            "requests": 1,
            "site_stats": 1,
        },
    }


def test_rows_carry_the_parser_version(engine: Engine) -> None:
    seed(engine)
    run(engine)
    assert set(scalars(engine, select(Message.parser_version))) == {PARSER_VERSION}


def test_pages_are_marked_processed(engine: Engine) -> None:
    seed(engine)
    run(engine)
    assert set(scalars(engine, select(RawPage.processed_version))) == {PARSER_VERSION}


def test_second_run_finds_nothing_and_changes_nothing(engine: Engine) -> None:
    seed(engine)
    run(engine)
    before = snapshot(engine)
    report = run(engine)
    assert (report.pages, snapshot(engine) == before) == (0, True)


def test_reprocess_reparses_everything_without_churn(engine: Engine) -> None:
    seed(engine)
    run(engine)
    before = snapshot(engine)
    report = run(engine, reprocess=True)
    assert (report.pages, report.loaded, snapshot(engine) == before) == (5, 3, True)


def test_new_parser_version_reprocesses_every_page(engine: Engine) -> None:
    seed(engine)
    run(engine)
    report = run(engine, parser_version="next")
    assert (report.pages, set(scalars(engine, select(Request.parser_version)))) == (5, {"next"})


def test_broken_thread_page_is_quarantined_with_its_reason(engine: Engine) -> None:
    seed(engine, html=read("thread_current.html").replace(b'id="left_column"', b'id="main"'))
    run(engine)
    with Session(engine) as session:
        q = session.execute(
            select(Quarantine.stage, Quarantine.reason, Quarantine.raw_page_id, Quarantine.detail)
        ).one()
        json_page = session.scalars(select(RawPage.id).where(RawPage.kind == "request_json")).one()
    assert (q.stage, q.reason, q.raw_page_id, "div#left_column" in q.detail) == (
        "normalise",
        "thread_parse_error",
        json_page,
        True,
    )


def test_a_quarantined_request_leaves_no_half_written_rows(engine: Engine) -> None:
    seed(engine, html=read("thread_current.html").replace(b'id="left_column"', b'id="main"'))
    run(engine)
    assert (scalars(engine, select(Request.id)), len(scalars(engine, select(Authority.id)))) == (
        [],
        2,
    )


def test_quarantine_is_not_repeated_on_the_next_run(engine: Engine) -> None:
    seed(engine, html=b"<html><body><p>Sorry</p></body></html>")
    run(engine)
    before = snapshot(engine)
    run(engine)
    assert snapshot(engine) == before


def test_a_page_failing_again_on_reprocess_is_counted_not_duplicated(engine: Engine) -> None:
    seed(engine, html=b"<html><body><p>Sorry</p></body></html>")
    run(engine)
    run(engine, reprocess=True)
    with Session(engine) as session:
        rows = session.execute(
            select(Quarantine.reason, Quarantine.occurrences, Quarantine.resolved_at)
        ).all()
    assert [tuple(row) for row in rows] == [("thread_parse_error", 2, None)]


def test_thread_without_json_waits_in_quarantine_then_loads(engine: Engine) -> None:
    seed(engine, with_json=False)
    first = run(engine)
    with Session(engine) as session, session.begin():
        add_raw_page(
            session,
            f"{BASE}/request/{SLUG}.json",
            "request_json",
            read("thread_current.json"),
            request_id=REQUEST_ID,
        )
    second = run(engine)
    resolved = scalars(engine, select(Quarantine.resolved_at))
    assert (first.quarantined, second.rows["messages"], resolved[0] is not None) == (1, 6, True)


def test_newest_copy_of_a_request_json_wins(engine: Engine) -> None:
    seed(engine)
    newer = read("thread_current.json").replace(
        b'"Air quality monitoring near schools"', b'"Air quality near schools"'
    )
    with Session(engine) as session, session.begin():
        add_raw_page(
            session,
            f"{BASE}/request/{SLUG}.json",
            "request_json",
            newer,
            request_id=REQUEST_ID,
            fetched_at=FETCHED + timedelta(days=1),
        )
    report = run(engine)
    assert (report.superseded, scalars(engine, select(Request.title))) == (
        1,
        ["Air quality near schools"],
    )


def test_error_status_pages_are_skipped(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        add_raw_page(
            session,
            f"{BASE}/request/gone",
            "thread_html",
            b"<h1>Sorry</h1>",
            request_id=5,
            status=404,
        )
    report = run(engine)
    assert (report.skipped, report.quarantined) == (1, 0)


def test_version_json_becomes_one_site_stats_row(engine: Engine) -> None:
    seed(engine)
    run(engine)
    run(engine, reprocess=True)
    assert scalars(engine, select(SiteStats.visible_request_count)) == [1043211]


def test_bad_csv_header_is_quarantined(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        add_raw_page(
            session, f"{BASE}/body/all-authorities.csv", "authority_csv", b"id,name\n1,x\n"
        )
    run(engine)
    assert scalars(engine, select(Quarantine.reason)) == ["csv_header_error"]


def test_a_newer_403_hides_a_request_through_reprocess(engine: Engine) -> None:
    """The threads spider only stores the 403 page; normalise reads the request's visibility
    from it, and re-parsing the older JSON must not bring the request back into exports."""
    seed(engine)
    with Session(engine) as session, session.begin():
        normalise(session)
    with Session(engine) as session, session.begin():
        add_raw_page(
            session, f"{BASE}/request/{SLUG}", "thread_html",
            b"<h1>Request has been removed</h1>", request_id=REQUEST_ID, status=403,
            fetched_at=FETCHED + timedelta(days=1),
        )  # fmt: skip
    with Session(engine) as session, session.begin():
        normalise(session)
    with Session(engine) as session:
        assert session.get(Request, REQUEST_ID).visibility == "hidden"
    before = snapshot(engine)
    for reprocess in (False, True):
        with Session(engine) as session, session.begin():
            normalise(session, reprocess=reprocess)
        with Session(engine) as session:
            assert session.get(Request, REQUEST_ID).visibility == "hidden"
    after = snapshot(engine)
    assert after["requests"] == before["requests"]


def test_gone_back_and_gone_again_follows_the_newest_answer(engine: Engine) -> None:
    """404 (removed), then a newer JSON (served again), then the same 404 bytes once more:
    the 404 page seen again is weighed again, so the request is removed again."""
    seed(engine)
    run(engine)
    gone_url = f"{BASE}/request/{REQUEST_ID}.json"

    def answer_404(at: timedelta) -> None:
        with Session(engine) as session, session.begin():
            raw_store.store_page(
                session.connection(), url=gone_url, kind="request_json", body=b"{}",
                http_status=404, request_id=REQUEST_ID, now=FETCHED + at,
            )  # fmt: skip

    def visibility() -> str:
        with Session(engine) as session:
            return session.get(Request, REQUEST_ID).visibility

    answer_404(timedelta(days=1))
    run(engine)
    assert visibility() == "removed"
    with Session(engine) as session, session.begin():
        raw_store.store_page(
            session.connection(), url=f"{BASE}/request/{SLUG}.json", kind="request_json",
            body=read("thread_current.json") + b"\n", http_status=200, request_id=REQUEST_ID,
            now=FETCHED + timedelta(days=2),
        )  # fmt: skip
    run(engine)
    assert visibility() == "public"
    answer_404(timedelta(days=3))
    run(engine)
    assert visibility() == "removed"
