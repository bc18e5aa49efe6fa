"""``archive``: backfill from a web archive's captures of the site, not from the site itself.

1. List the captures of ``<site>/request/*`` (thread pages and ``.json``) in the archive's
   index: the Wayback CDX server (paged with resume keys) or every Common Crawl crawl's index
   (``collinfo.json``, then each crawl's pages), from ``--since`` on.
2. Keep the newest capture of each page kind per slug (pipeline.archives.plan_captures), at
   most ``--limit`` slugs.
3. Fetch each raw capture (Wayback ``/web/<ts>id_/<url>``; Common Crawl's WARC record by byte
   range) and store it in ``raw_pages`` with its provenance: source ``archive``, the archive,
   the capture time and the original URL. The JSON comes first, so the thread page is filed
   under the request id it names.
4. Seed the frontier (crawl_state.record_captured) from each JSON capture, as if fetched at
   the capture time (the spider yields ``RawPage`` and ``Captured`` items in that order; the
   item pipeline writes them): a later ``wdtk crawl`` walks ``/list`` and fetches from the site only
   requests with activity after the capture, new requests, and pages the archive lacks.

Rows come from ``wdtk normalise`` as for live pages; a capture older than what is stored never
replaces it (the newest capture wins there). Politeness: each archive host has its own download
slot at the configured rate (one connection), Retry-After is honoured, robots.txt obeyed, the
User-Agent is the pipeline's own, and a bot wall stops the run as on the site.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from pipeline.archives import (
    ArchiveFormatError,
    Capture,
    Planned,
    commoncrawl_query,
    commoncrawl_record_url,
    parse_collinfo,
    parse_commoncrawl_index,
    parse_timestamp,
    parse_wayback_cdx,
    plan_captures,
    summary,
    target_of,
    wayback_query,
    wayback_raw_url,
)
from pipeline.parse import ParseError, parse_thread
from pipeline.parse.request_json import parse_request_json
from scraper.items import Captured, JsonSummary, RawPage, Seen
from scraper.spiders.base import WdtkSpider
from scraper.spiders.threadfetch import summarise
from scraper.warcfile import one_record

ARCHIVES = ("wayback", "commoncrawl")
DEFAULT_URLS = {
    "wayback": "https://web.archive.org",
    "commoncrawl": "https://index.commoncrawl.org",
}
COMMONCRAWL_DATA_URL = "https://data.commoncrawl.org"
CDX_PAGE_SIZE = 5000
_RAW_STAMP = re.compile(r"/web/(\d{14})id_/")


class ArchiveSpider(WdtkSpider):
    name = "archive"

    archive: str
    archive_url: str
    data_url: str
    since: date | None
    captures: list[Capture]
    crawls: list[str]

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        """``WDTK_ARCHIVE_RATE`` (requests/s): the archive hosts' own rate, one connection
        each, instead of the crawl's ``--rate``."""
        super().update_settings(settings)
        rate = settings.getfloat("WDTK_ARCHIVE_RATE", 0.0)
        if rate <= 0:
            return
        kind = settings.get("WDTK_ARCHIVE") or "wayback"
        hosts = {urlsplit(settings.get("WDTK_ARCHIVE_URL") or DEFAULT_URLS[kind]).hostname}
        if kind == "commoncrawl":
            hosts.add(
                urlsplit(settings.get("WDTK_ARCHIVE_DATA_URL") or COMMONCRAWL_DATA_URL).hostname
            )
        slots = dict(settings.getdict("DOWNLOAD_SLOTS"))
        for host in hosts - {None}:
            slots[host] = {"concurrency": 1, "delay": 1.0 / rate}
        settings.set("DOWNLOAD_SLOTS", slots, priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ArchiveSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        assert isinstance(spider, ArchiveSpider)
        settings = crawler.settings
        spider.archive = settings.get("WDTK_ARCHIVE") or "wayback"
        if spider.archive not in ARCHIVES:
            raise ValueError(f"unknown archive {spider.archive!r}; choose {' or '.join(ARCHIVES)}")
        spider.archive_url = (
            settings.get("WDTK_ARCHIVE_URL") or DEFAULT_URLS[spider.archive]
        ).rstrip("/")
        # Common Crawl's records live on another host; a service of the same kind given by
        # --archive-url (e.g. the replica) serves both.
        default_data = (
            COMMONCRAWL_DATA_URL
            if spider.archive_url == DEFAULT_URLS["commoncrawl"]
            else spider.archive_url
        )
        spider.data_url = (settings.get("WDTK_ARCHIVE_DATA_URL") or default_data).rstrip("/")
        since = settings.get("WDTK_ARCHIVE_SINCE") or settings.get("WDTK_DISCOVER_SINCE")
        spider.since = date.fromisoformat(since) if since else None
        spider.captures = []
        spider.crawls = []
        return spider

    # -- the index ----------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        self.set_stat("archive", self.archive)
        self.set_stat("archive_url", self.archive_url)
        if self.archive == "wayback":
            yield self._wayback_page(None)
        else:
            yield Request(
                f"{self.archive_url}/collinfo.json",
                callback=self.on_collinfo,
                errback=self.on_index_error,
                dont_filter=True,
            )

    def _wayback_page(self, resume: str | None) -> Request:
        url = wayback_query(
            self.archive_url, self.base_url, since=self.since, page_size=CDX_PAGE_SIZE,
            resume_key=resume,
        )  # fmt: skip
        return Request(url, callback=self.on_wayback_index, errback=self.on_index_error,
                       dont_filter=True)  # fmt: skip

    def on_wayback_index(self, response: Response) -> Iterator[Request]:
        self.count("index_pages")
        try:
            captures, resume = parse_wayback_cdx(response.body)
        except ArchiveFormatError as exc:
            self._index_failed(f"{response.url}: {exc}")
            return
        self.captures.extend(captures)
        if resume:
            yield self._wayback_page(resume)
        else:
            yield from self._fetch_plans()

    def on_collinfo(self, response: Response) -> Iterator[Request]:
        try:
            self.crawls = parse_collinfo(response.body, self.since)
        except ArchiveFormatError as exc:
            self._index_failed(f"{response.url}: {exc}")
            return
        self.set_stat("crawls", len(self.crawls))
        yield from self._next_crawl(None, 0)

    def _next_crawl(self, current: str | None, page: int) -> Iterator[Request]:
        if current is None:
            if not self.crawls:
                yield from self._fetch_plans()
                return
            current, page = self.crawls.pop(0), 0
        yield Request(
            commoncrawl_query(current, self.base_url, page=page),
            callback=self.on_commoncrawl_index,
            errback=self.on_index_error,
            dont_filter=True,
            meta={"wdtk_crawl": current, "wdtk_page": page, "handle_httpstatus_list": [400, 404]},
        )

    def on_commoncrawl_index(self, response: Response) -> Iterator[Request]:
        self.count("index_pages")
        captures = parse_commoncrawl_index(response.body) if response.status == 200 else []
        self.captures.extend(captures)
        # A page past the last answers 400 (pywb) or nothing: on to the next crawl.
        more = response.status == 200 and bool(captures)
        current = response.meta["wdtk_crawl"] if more else None
        yield from self._next_crawl(current, response.meta["wdtk_page"] + 1)

    def on_index_error(self, failure: Any) -> None:
        self._index_failed(failure.getErrorMessage())

    def _index_failed(self, error: str) -> None:
        self.logger.warning("archive index: %s", error)
        self.count("errors")
        self.set_stat("index_complete", False)

    # -- the captures -------------------------------------------------------------------------

    def _fetch_plans(self) -> Iterator[Request]:
        plans = plan_captures(self.captures, since=self.since, limit=self.limit)
        self.set_stat("captures_listed", len(self.captures))
        for key, value in summary(plans).items():
            self.set_stat(key, value)
        self.set_stat("due", len(plans))
        for plan in plans:
            first = plan.json or plan.html
            assert first is not None
            yield self._capture_request(plan, first, None)

    def _capture_request(
        self, plan: Planned, capture: Capture, found: JsonSummary | None
    ) -> Request:
        meta: dict[str, Any] = {"wdtk_plan": plan, "wdtk_capture": capture, "wdtk_summary": found,
                                "handle_httpstatus_list": [403, 404, 410]}  # fmt: skip
        if self.archive == "wayback":
            url, headers = wayback_raw_url(self.archive_url, capture), {}
        else:
            url, byte_range = commoncrawl_record_url(self.data_url, capture)
            headers = {"Range": byte_range}
        return Request(url, headers=headers, callback=self.on_capture, errback=self.on_error,
                       dont_filter=True, priority=10, meta=meta)  # fmt: skip

    def on_capture(self, response: Response) -> Iterator[Any]:
        plan: Planned = response.meta["wdtk_plan"]
        capture: Capture = response.meta["wdtk_capture"]
        found: JsonSummary | None = response.meta["wdtk_summary"]
        target = target_of(capture.original)
        assert target is not None
        page = self._page(response, capture)
        if page is None:
            self.count("captures_missing")
            self._failed_capture(f"{response.url} answered {response.status}")
        elif target.kind == "request_json":
            found = self._summary(page, capture)
            if found is not None:
                yield self._raw(page, "request_json", found.request_id, capture)
        else:
            yield from self._store_html(page, capture, found, plan)
        if target.kind == "request_json" and plan.html is not None:
            yield self._capture_request(plan, plan.html, found)
            return
        if found is not None:
            has_html = target.kind == "thread_html" and page is not None
            yield Captured(found, (plan.json or capture).captured_at, has_thread_page=has_html)
        self.count("items")  # one a request (slug), its captures stored
        self.count("threads")

    def _page(self, response: Response, capture: Capture) -> dict[str, Any] | None:
        """The captured body, its status and capture time, or None if the archive lacks it."""
        if self.archive == "commoncrawl":
            if response.status not in (200, 206):
                return None
            try:
                record = one_record(response.body)
            except ValueError as exc:
                self._failed_capture(f"{response.url}: {exc}")
                return None
            # One WARC file holds many records: the byte range names this one.
            where = f"{response.url}#offset={capture.offset}&length={capture.length}"
            return {"body": record.body, "status": record.http_status,
                    "at": record.captured_at or capture.captured_at,
                    "type": record.content_type, "url": where}  # fmt: skip
        if response.status != 200:
            return None
        stamp = _RAW_STAMP.search(response.url)  # a redirect may lead to a nearer capture
        at = parse_timestamp(stamp.group(1)) if stamp else capture.captured_at
        content_type = response.headers.get(b"Content-Type")
        return {"body": response.body, "status": 200, "at": at, "url": response.url,
                "type": content_type.decode("latin-1") if content_type else None}  # fmt: skip

    def _summary(self, page: dict[str, Any], capture: Capture) -> JsonSummary | None:
        """What an archived JSON says, or None (counted) when it does not parse: then it is
        not stored."""
        try:
            record = parse_request_json(page["body"], source=capture.original)
        except (ParseError, ValueError) as exc:
            self.count("bad_captures")
            self.logger.warning("archived JSON %s did not parse: %s", capture.original, exc)
            return None
        return summarise(record)

    def _store_html(
        self, page: dict[str, Any], capture: Capture, found: JsonSummary | None, plan: Planned
    ) -> Iterator[RawPage | Seen]:
        request_id = found.request_id if found else None
        if request_id is None:
            try:
                request_id = parse_thread(page["body"], capture.original).request_id
            except (ParseError, ValueError) as exc:
                self.logger.warning("archived page %s did not parse: %s", capture.original, exc)
                self.count("bad_captures")
        yield self._raw(page, "thread_html", request_id, capture)
        if found is None and request_id is not None:
            # Only the thread page was captured: the live crawl must fetch the JSON.
            yield Seen(request_id, plan.slug, "archive")

    def _raw(
        self, page: dict[str, Any], kind: str, request_id: int | None, capture: Capture
    ) -> RawPage:
        """The captured page as a raw page, with its provenance; the pipeline counts it as
        ``captures_stored`` or ``captures_unchanged``."""
        self.count(f"{kind}_captures")
        return RawPage(
            url=page["url"], kind=kind, body=page["body"], http_status=page["status"],
            request_id=request_id, content_type=page["type"], source="archive",
            archive=self.archive, captured_at=page["at"], original_url=capture.original,
            counts_new=("captures_stored",), counts_same=("captures_unchanged",),
        )  # fmt: skip

    def _failed_capture(self, error: str) -> None:
        self.logger.warning("archive capture: %s", error)
        self.count("errors")

    def on_error(self, failure: Any) -> None:
        request = failure.request
        self._failed_capture(f"{request.url}: {failure.getErrorMessage()}")
        plan: Planned | None = request.meta.get("wdtk_plan")
        capture: Capture | None = request.meta.get("wdtk_capture")
        if plan is None or capture is None:
            return
        if capture is plan.json and plan.html is not None:
            assert self.crawler.engine is not None
            self.crawler.engine.crawl(self._capture_request(plan, plan.html, None))
