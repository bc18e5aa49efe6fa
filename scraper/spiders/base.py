"""What every WDTK spider shares: the store's reader, the site's base URL, a run limit, counters.

A spider reads the store through ``self.reads`` (``scraper.reader``) and writes nothing itself:
its callbacks yield items (``scraper.items``), which the item pipeline
(``scraper.pipelines``) commits, in order, on the spider's engine ``self.db``.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from sqlalchemy.engine import Engine

from db.engine import make_engine
from db.migrate import upgrade
from scraper.items import PageConfirmed, RawPage
from scraper.reader import StoreReader

log = logging.getLogger(__name__)


class WdtkSpider(scrapy.Spider):
    """Base spider. Settings (see scraper.politeness) name the database and site."""

    db: Engine  # the item pipeline's, for its writes
    reads: StoreReader
    base_url: str
    crawl_run_id: int | None
    limit: int | None
    run_extra: dict[str, Any]
    # Read by Scrapy's offsite middleware; from_crawler leaves it empty, which allows any host.
    allowed_domains: list[str]

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> WdtkSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.db = make_engine(settings.get("WDTK_DATABASE_URL"))
        # `scrapy crawl` from a checkout may meet a fresh database: bring the schema to head.
        upgrade(spider.db)
        spider.reads = StoreReader(spider.db)
        spider.base_url = settings.get("WDTK_BASE_URL").rstrip("/")
        run_id = settings.get("WDTK_CRAWL_RUN_ID")
        spider.crawl_run_id = int(run_id) if run_id not in (None, "") else None
        limit = kwargs.get("limit", settings.get("WDTK_LIMIT"))
        spider.limit = int(limit) if limit not in (None, "") else None
        spider.run_extra = {}
        spider.allowed_domains = []
        return spider

    # -- helpers ------------------------------------------------------------------------------

    def url(self, path: str) -> str:
        return urljoin(self.base_url + "/", path.lstrip("/"))

    def path_of(self, url: str) -> str:
        return url[len(self.base_url) :] if url.startswith(self.base_url) else url

    def count(self, key: str, n: int = 1) -> None:
        if self.crawler.stats:
            self.crawler.stats.inc_value(f"wdtk/{key}", n)

    def set_stat(self, key: str, value: Any) -> None:
        if self.crawler.stats:
            self.crawler.stats.set_value(f"wdtk/{key}", value)

    def stat(self, key: str) -> int:
        return int(self.crawler.stats.get_value(f"wdtk/{key}", 0)) if self.crawler.stats else 0

    def take(self, key: str = "units") -> bool:
        """One unit of work within ``--limit``; False once the limit is reached."""
        if self.limit is not None and self.stat(key) >= self.limit:
            self.set_stat("limit_reached", True)
            return False
        self.count(key)
        return True

    def conditional(self, request: Request) -> Request:
        """Attach the validators of the stored copy of ``request.url``, if there is one."""
        page = self.reads.latest_page(request.url)
        if page and page.http_status == 200 and (page.etag or page.last_modified):
            request.meta["wdtk_validators"] = (request.url, page.etag, page.last_modified)
        return request

    def raw_page(
        self,
        response: Response,
        kind: str,
        *,
        request_id: int | None = None,
        **fields: Any,
    ) -> RawPage:
        """The item that keeps the response in raw_pages, bytes and validators as served
        (yielded before any state update that depends on it); ``fields`` override."""
        headers = response.headers
        page = RawPage(
            url=response.url,
            kind=kind,
            body=response.body,
            http_status=response.status,
            request_id=request_id,
            etag=_header(headers.get(b"ETag")),
            last_modified=_header(headers.get(b"Last-Modified")),
            content_type=_header(headers.get(b"Content-Type")),
        )
        return replace(page, **fields) if fields else page

    def confirmed(self, url: str) -> tuple[PageConfirmed, bytes] | None:
        """After a 304: the item noting that the stored copy was served again, and its
        body; None if nothing is stored for ``url``."""
        stored = self.reads.stored_copy(url)
        if stored is None:
            return None
        page, body = stored
        return PageConfirmed(page.id), body

    def closed(self, reason: str) -> None:
        self.db.dispose()


_OWN_META = frozenset(
    {"handle_httpstatus_list", "dont_redirect", "download_maxsize", "download_warnsize"}
)


def own_meta(meta: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The meta keys a spider set itself (not Scrapy's per-download ones), plus ``changes``."""
    kept = {k: v for k, v in meta.items() if k.startswith("wdtk_") or k in _OWN_META}
    return {**kept, **changes}


def request_of(response: Response) -> Request:
    """The request ``response`` answers: Scrapy sets it on every response a callback is given."""
    if response.request is None:
        raise ValueError(f"{response.url}: a response with no request")
    return response.request


def _header(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None
