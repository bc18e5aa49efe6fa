"""The item pipeline: the one writer of what a crawl remembers.

Every item a spider yields (``scraper.items``) is committed here, each in its own
transaction, in the order the callback yielded them: a raw page is committed before the
frontier update that follows it. ``CONCURRENT_ITEMS`` must be 1 (``scraper.politeness`` sets
it) so Scrapy hands the items of one response over one at a time, in order; the pipeline
refuses to start otherwise. All writes are idempotent (a page stored twice is stored once, the
frontier updates set state), so a crawl killed between two items and run again ends the same.

A write that fails stops the crawl (reason ``store_failed``), and every item after it is
dropped unwritten: no state update can then land without the page it depends on, even one
from a later response. The next run starts from what was committed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from db import crawl_state, downloads, raw_store
from db.base import utcnow
from scraper.blobs import sniff, store_blob
from scraper.items import (
    Captured,
    Downloaded,
    DownloadOutcome,
    Failed,
    Fetched,
    Gone,
    JsonSummary,
    PageConfirmed,
    RawPage,
    Seen,
)
from scraper.spiders.base import WdtkSpider

CLOSE_REASON = "store_failed"


class StorePipeline:
    """Commits raw pages, frontier updates and download outcomes on the spider's engine."""

    spider: WdtkSpider
    data_dir: Path

    def __init__(self, crawler: Crawler) -> None:
        if crawler.settings.getint("CONCURRENT_ITEMS") != 1:
            raise ValueError(
                "StorePipeline needs CONCURRENT_ITEMS = 1: the items of a response must be "
                "committed one at a time, in the order the spider yielded them"
            )
        self.crawler = crawler
        self.broken = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        if not isinstance(spider, WdtkSpider):
            raise TypeError(f"StorePipeline stores for WDTK spiders, not {spider!r}")
        self.spider = spider
        self.data_dir = Path(self.crawler.settings.get("WDTK_DATA_DIR") or "wdtk-data")

    def process_item(self, item: Any) -> Any:
        if self.broken:
            raise DropItem(f"not stored, an earlier write failed: {item!r}")
        try:
            self.write(item)
        except Exception:
            self.broken = True
            self.spider.count("store_failures")
            if self.crawler.engine is not None:
                # Scheduled, not awaited: closing waits for this item, among others.
                deferred_from_coro(self.crawler.engine.close_spider_async(reason=CLOSE_REASON))
            raise
        return item

    def write(self, item: Any) -> None:
        """Commit one item (and count what the write found)."""
        db = self.spider.db
        count = self.spider.count
        now = utcnow()
        match item:
            case RawPage():
                with db.begin() as conn:
                    page = raw_store.store_page(
                        conn, url=item.url, kind=item.kind, body=item.body,
                        http_status=item.http_status, request_id=item.request_id,
                        etag=item.etag, last_modified=item.last_modified,
                        content_type=item.content_type, crawl_run_id=self.spider.crawl_run_id,
                        now=now, source=item.source, archive=item.archive,
                        captured_at=item.captured_at, original_url=item.original_url,
                    )  # fmt: skip
                for key in item.counts_new if page.is_new else item.counts_same:
                    count(key)
            case PageConfirmed():
                with db.begin() as conn:
                    raw_store.touch_page(conn, item.page_id, now)
            case Seen():
                with db.begin() as conn:
                    crawl_state.record_seen(
                        conn, [(item.request_id, item.url_title)], item.via, now
                    )
            case Fetched():
                with db.begin() as conn:
                    crawl_state.record_fetched(
                        conn, item.summary.request_id, **_frontier_fields(item.summary),
                        changed=item.changed, now=now,
                    )  # fmt: skip
            case Gone():
                with db.begin() as conn:
                    was = crawl_state.get(conn, item.request_id)
                    crawl_state.record_gone(conn, item.request_id, item.http_status, now)
                if was is not None and not was.gone and was.last_http_status == 200:
                    count("takedowns")
                    count("items")
            case Failed():
                with db.begin() as conn:
                    crawl_state.record_failure(conn, item.request_id, item.error, now)
            case Captured():
                with db.begin() as conn:
                    changed = crawl_state.record_captured(
                        conn, item.summary.request_id, **_frontier_fields(item.summary),
                        captured_at=item.captured_at, has_thread_page=item.has_thread_page,
                        now=now,
                    )  # fmt: skip
                count("frontier_seeded" if changed else "frontier_newer_kept")
            case Downloaded():
                # The blob first: a row never names a file that is not there.
                sha, path = store_blob(self.data_dir, item.body)
                with db.begin() as conn:
                    downloads.record_download(
                        conn, item.key, "downloaded", attempt=True, sha256=sha,
                        stored_path=path, sniffed_type=sniff(item.body),
                        size_bytes=len(item.body), downloaded_at=now,
                    )  # fmt: skip
            case DownloadOutcome():
                with db.begin() as conn:
                    downloads.record_download(
                        conn, item.key, item.status, attempt=True, detail=item.detail,
                        erased=item.erased,
                    )  # fmt: skip
            case _:
                raise TypeError(f"not an item this pipeline stores: {item!r}")


def _frontier_fields(summary: JsonSummary) -> dict[str, Any]:
    """What the request's JSON tells the frontier, live or archived (record_fetched and
    record_captured take the same)."""
    return {
        "url_title": summary.url_title,
        "last_event_id": summary.last_event_id,
        "last_event_at": summary.last_event_at,
        "site_updated_at": summary.updated_at,
        "is_open": summary.is_open,
    }
