"""The item pipeline (scraper.pipelines) on its own: each item committed in order, counted as
the spider used to count it, and nothing written after a write that failed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from sqlalchemy import func, select

from db.models import CrawlState
from db.models import RawPage as RawPageRow
from db.raw_store import RawStoreError
from scraper.items import Fetched, Gone, JsonSummary, RawPage, Seen
from scraper.pipelines import CLOSE_REASON, StorePipeline
from scraper.spiders.base import WdtkSpider

BASE = "http://127.0.0.1:9"  # never fetched: no crawl runs here


class _Spider(WdtkSpider):
    name = "pipeline-test"


class _Engine:
    """Stands in for Scrapy's engine: records the reason a close was asked for (returns no
    coroutine, so no reactor is needed to schedule it)."""

    def __init__(self) -> None:
        self.reasons: list[str] = []

    def close_spider_async(self, reason: str) -> None:
        self.reasons.append(reason)


def _crawler(tmp_path: Path, **settings: Any) -> Crawler:
    crawler = get_crawler(
        _Spider,
        {
            "WDTK_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "WDTK_BASE_URL": BASE,
            "WDTK_DATA_DIR": str(tmp_path / "data"),
            "CONCURRENT_ITEMS": 1,
            **settings,
        },
    )
    crawler.spider = crawler._create_spider()
    return crawler


@pytest.fixture
def store(tmp_path: Path) -> Iterator[tuple[StorePipeline, WdtkSpider, _Engine]]:
    crawler = _crawler(tmp_path)
    engine = _Engine()
    crawler.engine = engine  # type: ignore[assignment]
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    spider = pipeline.spider
    yield pipeline, spider, engine
    spider.db.dispose()


def _json_page(request_id: int, body: bytes = b'{"id": 1}', kind: str = "request_json") -> RawPage:
    return RawPage(url=f"{BASE}/request/{request_id}.json", kind=kind, body=body,
                   http_status=200, request_id=request_id)  # fmt: skip


def _summary(request_id: int) -> JsonSummary:
    at = datetime(2024, 5, 1, tzinfo=UTC)
    return JsonSummary(request_id=request_id, url_title=f"request_{request_id}", updated_at=at,
                       last_event_id=10, last_event_at=at, is_open=True)  # fmt: skip


def _rows(spider: WdtkSpider) -> tuple[int, int]:
    with spider.db.connect() as conn:
        pages = conn.execute(select(func.count()).select_from(RawPageRow)).scalar_one()
        frontier = conn.execute(select(func.count()).select_from(CrawlState)).scalar_one()
    return pages, frontier


def _stat(spider: WdtkSpider, key: str) -> int:
    return spider.stat(key)


def test_a_page_and_the_update_after_it_are_committed_and_counted(store: Any) -> None:
    pipeline, spider, _ = store
    page = _json_page(1)
    for item in (page, Seen(1, "request_1", "list")):
        assert pipeline.process_item(item) is item
    assert _rows(spider) == (1, 1)
    assert (_stat(spider, "pages_stored"), _stat(spider, "pages_unchanged")) == (1, 0)
    pipeline.process_item(page)  # the same bytes again: stored once (idempotent)
    assert _rows(spider) == (1, 1)
    assert (_stat(spider, "pages_stored"), _stat(spider, "pages_unchanged")) == (1, 1)


def test_a_page_counts_under_the_names_it_carries(store: Any) -> None:
    pipeline, spider, _ = store
    body = RawPage(url=f"{BASE}/body/a.json", kind="body_json", body=b"{}", http_status=200,
                   counts_new=("pages_stored", "bodies_updated"))  # fmt: skip
    pipeline.process_item(body)
    pipeline.process_item(body)
    counted = [_stat(spider, k) for k in ("pages_stored", "bodies_updated", "pages_unchanged")]
    assert counted == [1, 1, 1]


def test_a_takedown_is_counted_only_for_a_request_visible_until_then(store: Any) -> None:
    pipeline, spider, _ = store
    pipeline.process_item(Fetched(_summary(5), changed=True))
    gone = _json_page(5, body=b"gone", kind="thread_html")
    for _ in range(2):  # gone twice: one takedown
        pipeline.process_item(gone)
        pipeline.process_item(Gone(5, 404))
    assert (_stat(spider, "takedowns"), _stat(spider, "items")) == (1, 1)
    with spider.db.connect() as conn:
        state = conn.execute(select(CrawlState.gone, CrawlState.last_http_status)).one()
    assert tuple(state) == (True, 404)


def test_after_a_failed_write_nothing_more_is_stored_and_the_crawl_stops(store: Any) -> None:
    pipeline, spider, engine = store
    with pytest.raises(RawStoreError):
        pipeline.process_item(_json_page(2, kind="no_such_kind"))
    # The frontier update that followed the page, and anything later, is dropped unwritten.
    for item in (Seen(2, "request_2", "list"), _json_page(3)):
        with pytest.raises(DropItem):
            pipeline.process_item(item)
    assert _rows(spider) == (0, 0)
    assert _stat(spider, "store_failures") == 1
    assert engine.reasons == [CLOSE_REASON]


def test_the_pipeline_refuses_items_processed_side_by_side(tmp_path: Path) -> None:
    crawler = _crawler(tmp_path, CONCURRENT_ITEMS=100)
    try:
        with pytest.raises(ValueError, match="CONCURRENT_ITEMS"):
            StorePipeline.from_crawler(crawler)
    finally:
        assert isinstance(crawler.spider, WdtkSpider)
        crawler.spider.db.dispose()
