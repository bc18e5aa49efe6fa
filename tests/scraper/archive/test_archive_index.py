"""Reading archive indexes and choosing captures (pipeline.archives), and WARC records."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.archives import (
    Capture,
    commoncrawl_record_url,
    page_kind,
    parse_collinfo,
    parse_commoncrawl_index,
    parse_timestamp,
    parse_wayback_cdx,
    plan_captures,
    target_of,
    wayback_query,
)
from scraper.warcfile import one_record

FIELDS = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
SITE = "https://www.whatdotheyknow.com"


def row(ts: str, path: str, status: str = "200", mime: str = "text/html") -> list[str]:
    return ["uk,whatdotheyknow)" + path, ts, SITE + path, mime, status, "D" * 32, "100"]


def test_wayback_cdx_rows_and_the_resume_key() -> None:
    body = json.dumps([FIELDS, row("20240101000000", "/request/a"), [], ["uk%2Cw+2024%21"]])
    captures, resume = parse_wayback_cdx(body.encode())
    assert resume == "uk%2Cw+2024%21"
    assert captures == [Capture("20240101000000", SITE + "/request/a", "text/html", 200, "D" * 32)]
    assert parse_wayback_cdx(b"[]") == ([], None)
    assert parse_timestamp("20240102030405") == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_only_thread_pages_and_their_json_are_targets() -> None:
    assert target_of(SITE + "/request/a_b.json").kind == "request_json"  # type: ignore[union-attr]
    unfolded = target_of(SITE + "/request/a_b?unfold=1")
    assert unfolded is not None and unfolded.kind == "thread_html" and unfolded.unfolded
    for other in ("/request/123", "/request/a/details", "/request/a/response/1/attach/2/x.pdf",
                  "/request/a?page=2", "/request/a.json?x=1", "/list"):  # fmt: skip
        assert target_of(SITE + other) is None, other
    assert page_kind(SITE + "/body/all-authorities.csv") == "authority_csv"
    assert page_kind(SITE + "/assets/app.css") is None


def test_the_newest_capture_of_each_kind_wins_and_unfolded_breaks_a_tie() -> None:
    captures = [
        Capture("20230101000000", SITE + "/request/a.json", "application/json", 200),
        Capture("20250101000000", SITE + "/request/a.json", "application/json", 200),
        Capture("20240101000000", SITE + "/request/a", "text/html", 200),
        Capture("20240101000000", SITE + "/request/a?unfold=1", "text/html", 200),
        Capture("20260101000000", SITE + "/request/a", "text/html", 301),  # not content
        Capture("20220101000000", SITE + "/request/b", "text/html", 200),
        Capture("20260101000000", SITE + "/request/c/details", "text/html", 200),
    ]
    plans = plan_captures(captures)
    assert [p.slug for p in plans] == ["a", "b"]
    a = plans[0]
    assert a.json is not None and a.json.timestamp == "20250101000000"
    assert a.html is not None and a.html.original.endswith("?unfold=1")
    assert plans[1].json is None  # captured only as HTML
    assert [p.slug for p in plan_captures(captures, since=date(2023, 6, 1))] == ["a"]
    assert len(plan_captures(captures, limit=1)) == 1


def test_the_wayback_query_asks_for_request_pages_since_a_date() -> None:
    url = wayback_query("https://web.archive.org", SITE, since=date(2024, 5, 1), page_size=10)
    assert url.startswith("https://web.archive.org/cdx/search/cdx?url=www.whatdotheyknow.com")
    assert "output=json" in url and "statuscode%3A200" in url and "from=20240501" in url


def test_common_crawl_collinfo_index_and_record() -> None:
    collinfo = json.dumps([
        {"id": "CC-MAIN-2024-10", "cdx-api": "https://index.commoncrawl.org/CC-MAIN-2024-10-index",
         "from": "2024-02-20T21:10:55", "to": "2024-03-05T15:40:45"},
        {"id": "CC-MAIN-2026-08", "cdx-api": "https://index.commoncrawl.org/CC-MAIN-2026-08-index",
         "from": "2026-02-06T18:14:58", "to": "2026-02-19T11:27:33"},
    ]).encode()  # fmt: skip
    assert parse_collinfo(collinfo, None)[0].endswith("CC-MAIN-2026-08-index")
    assert len(parse_collinfo(collinfo, date(2025, 1, 1))) == 1
    line = {"urlkey": "uk,whatdotheyknow)/request/a.json", "timestamp": "20260210101010",
            "url": SITE + "/request/a.json", "mime": "application/json", "status": "200",
            "digest": "X", "length": "1234", "offset": "5000",
            "filename": "crawl-data/CC-MAIN-2026-08/segments/1/warc/a.warc.gz"}  # fmt: skip
    [capture] = parse_commoncrawl_index((json.dumps(line) + "\n{broken\n").encode())
    url, byte_range = commoncrawl_record_url("https://data.commoncrawl.org", capture)
    assert url.endswith("/crawl-data/CC-MAIN-2026-08/segments/1/warc/a.warc.gz")
    assert byte_range == "bytes=5000-6233"
    # The byte range is one gzip member holding a WARC response record.
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", "application/json")], protocol="HTTP/1.1"
    )
    writer.write_record(writer.create_warc_record(
        SITE + "/request/a.json", "response", payload=io.BytesIO(b'{"id": 1}'),
        http_headers=headers, warc_headers_dict={"WARC-Date": "2026-02-10T10:10:10Z"},
    ))  # fmt: skip
    record = one_record(out.getvalue())
    assert record.body == b'{"id": 1}' and record.http_status == 200
    assert record.captured_at == datetime(2026, 2, 10, 10, 10, 10, tzinfo=UTC)
