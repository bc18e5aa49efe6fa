"""``discover``: find every request id, and notice which known requests moved.

1. ``/version.json``: the site's own count of visible requests (normalise loads site_stats).
2. ``/list`` in date windows (scraper.windows). The first run walks every year from
   ``WDTK_DISCOVER_SINCE``; later runs walk only the days since the newest event seen last
   time (less a margin for the index's lag), and for each older window fetch just its first
   page to compare the count with last time. A window whose count changed is walked again:
   a drop means a takedown, a rise a request that came out of embargo.
3. Each listed request that is new, renamed, or shows an event newer than the one we hold is
   fetched at once (JSON, then the unfolded thread page, see threadfetch). After a complete
   walk of a window, known requests whose newest event falls in it but that it no longer lists
   are re-checked: that is how takedowns surface.
4. If the ids we can see still fall short of ``visible_request_count``, numeric ids in the gaps
   are probed (``/request/<id>.json``): backpage requests are never listed anywhere else.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any, overload
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response

from pipeline.parse.errors import ParseError
from pipeline.parse.list_page import ListItem, parse_list_page
from pipeline.parse.version_json import parse_version_json
from scraper.items import RawPage
from scraper.reader import FrontierEntry
from scraper.runs import last_finished_stats
from scraper.spiders.threadfetch import ThreadFetcher
from scraper.windows import (
    LIST_CAP,
    MAX_PAGES,
    Window,
    incremental_window,
    yearly_windows,
)

DEFAULT_SINCE = date(2008, 1, 1)  # WhatDoTheyKnow opened in February 2008
DEFAULT_MARGIN_DAYS = 2
PROBE_BATCH = 50
DEFAULT_PROBE_LIMIT = 200  # per run; WDTK ids are dense, the replica's are not


class DiscoverSpider(ThreadFetcher):
    name = "discover"

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> DiscoverSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        assert isinstance(spider, DiscoverSpider)
        settings = crawler.settings
        since = kwargs.get("since") or settings.get("WDTK_DISCOVER_SINCE")
        spider.since = date.fromisoformat(since) if since else DEFAULT_SINCE
        spider.margin_days = settings.getint("WDTK_DISCOVER_MARGIN_DAYS", DEFAULT_MARGIN_DAYS)
        spider.probe_limit = settings.getint("WDTK_PROBE_LIMIT", DEFAULT_PROBE_LIMIT)
        spider.site_tz = ZoneInfo(settings.get("WDTK_SITE_TIMEZONE", "Europe/London"))
        spider.full = bool(kwargs.get("full") or settings.getbool("WDTK_DISCOVER_FULL"))
        spider.site_visible = None
        spider.probed = 0
        spider.probe_done = False
        spider.scheduled_slugs = set()
        spider.scheduled_ids = set()
        spider.window_counts = {}
        spider.window_listed = {}
        spider.window_top = {}
        spider.previous_counts = {}
        spider.newest_event = None
        spider.incomplete = False
        spider.previous_state = {"watermark": None, "window_counts": {}}
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider

    since: date
    margin_days: int
    probe_limit: int
    site_tz: ZoneInfo
    full: bool
    site_visible: int | None
    probed: int
    probe_done: bool
    scheduled_slugs: set[str]
    scheduled_ids: set[int]
    window_counts: dict[str, int]
    window_listed: dict[str, set[str]]
    window_top: dict[str, date]
    previous_counts: dict[str, int]
    newest_event: date | None
    incomplete: bool
    previous_state: dict[str, Any]

    # -- start --------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        yield Request(self.url("/version.json"), callback=self.on_version, dont_filter=True)
        previous = last_finished_stats(self.db, self.name, self.base_url) or {}
        state = previous.get("discover_state") or {}
        self.previous_state = {
            "watermark": state.get("watermark"),
            "window_counts": dict(state.get("window_counts") or {}),
        }
        watermark = state.get("watermark")
        self.previous_counts = dict(state.get("window_counts") or {})
        self.newest_event = date.fromisoformat(watermark) if watermark else None
        today = datetime.now(UTC).date()
        if watermark is None or self.full:
            self.set_stat("mode", "full")
            for window in yearly_windows(self.since, today):
                yield self.list_request(window, 1, "walk")
            return
        self.set_stat("mode", "incremental")
        recent = incremental_window(date.fromisoformat(watermark), self.margin_days)
        for key, _count in sorted(self.previous_counts.items()):
            window = Window.from_key(key)
            assert window.end is not None, f"stored window {key} is open"
            if window.end < recent.start:
                yield self.list_request(window, 1, "check")
            elif window.start < recent.start:
                # Partly covered by the recent walk: the older part gets a fresh baseline.
                yield self.list_request(
                    Window(window.start, recent.start - timedelta(days=1)), 1, "walk"
                )
        yield self.list_request(recent, 1, "walk")

    def list_request(self, window: Window, page: int, mode: str) -> Request:
        params = {**window.params(), **({"page": str(page)} if page > 1 else {})}
        return Request(
            self.url("/list?" + urlencode(params)),
            callback=self.on_list,
            errback=self.on_list_error,
            dont_filter=True,
            meta={"wdtk_window": window, "wdtk_page": page, "wdtk_mode": mode},
        )

    # -- /version.json ------------------------------------------------------------------------

    def on_version(self, response: Response) -> Iterator[RawPage]:
        yield self.raw_page(response, "version_json")
        try:
            version = parse_version_json(response.body)
        except ParseError as exc:
            self.logger.warning("version.json: %s", exc)
            self.count("errors")
            return
        self.site_visible = version.counts.get("visible_request_count")
        self.set_stat("site_visible_request_count", self.site_visible)

    # -- /list --------------------------------------------------------------------------------

    def on_list(self, response: Response) -> Iterator[Request | RawPage]:
        window: Window = response.meta["wdtk_window"]
        page: int = response.meta["wdtk_page"]
        mode: str = response.meta["wdtk_mode"]
        self.count("list_pages")
        yield self.raw_page(response, "list_html")
        try:
            listing = parse_list_page(response.body, url=response.url)
        except ParseError as exc:
            self.logger.warning("list page %s: %s", response.url, exc)
            self.count("errors")
            self.incomplete = True
            return
        total = listing.total if listing.total is not None else len(listing.items)
        if page == 1:
            if mode == "check" and self.previous_counts.get(window.key) == total:
                self.window_counts[window.key] = total
                # The first page costs nothing more to read: a slug we do not know there is a
                # renamed request (renames are not events, so they move no count).
                yield from self._items(listing.items, set(), only_unknown=True)
                return
            if mode == "check":
                self.count("windows_changed")
            top = _local_date(listing.items[0].event_at, self.site_tz) if listing.items else None
            if top is not None:
                self.window_top[window.key] = top
            if total >= LIST_CAP and window.can_split(top or window.start):
                self.count("windows_split")
                for half in window.split(top or window.start):
                    yield self.list_request(half, 1, "walk")
                return
            self.count("windows_walked")
            self.window_counts[window.key] = total
            self.window_listed[window.key] = set()
        listed = self.window_listed.setdefault(window.key, set())
        yield from self._items(listing.items, listed)
        if listing.next_page and page < MAX_PAGES and listing.items:
            yield self.list_request(window, page + 1, mode)
        elif listing.next_page and window.can_split(self._last_day(window)):
            # The count is Xapian's estimate ("About N"): it can be under the cap while the
            # results are not. Walk the halves; items already seen are not fetched twice.
            self.count("windows_split_late")
            self.window_counts.pop(window.key, None)
            for half in window.split(self._last_day(window)):
                yield self.list_request(half, 1, "walk")
        elif listing.next_page:
            self.count("windows_capped")  # a single day over the cap: the probe must help
        else:
            yield from self._reconcile(window, listed)

    def _last_day(self, window: Window) -> date:
        """The newest day a window can hold: its end, or for an open one its newest item."""
        return window.end or self.window_top.get(window.key) or window.start

    def _items(
        self, items: list[ListItem], listed: set[str], *, only_unknown: bool = False
    ) -> Iterator[Request]:
        by_slug = self.reads.slug_index()
        for item in items:
            listed.add(item.url_title)
            self.count("listed")
            if item.event_at is not None:
                day = _local_date(item.event_at, self.site_tz)
                if self.newest_event is None or day > self.newest_event:
                    self.newest_event = day
            entry = by_slug.get(item.url_title)
            if entry is None:
                if item.url_title in self.scheduled_slugs:
                    continue
                self.scheduled_slugs.add(item.url_title)
                request = self.thread_request(slug=item.url_title, via="list")
            else:
                if (
                    only_unknown
                    or entry.request_id in self.scheduled_ids
                    or not _moved(entry, item)
                ):
                    continue
                self.scheduled_ids.add(entry.request_id)
                request = self.thread_request(entry.request_id, via="list")
            if request is None:
                self.incomplete = True
                return
            yield request

    def _reconcile(self, window: Window, listed: set[str]) -> Iterator[Request]:
        """Known requests whose newest event is in the window but that it no longer lists."""
        start, end = window.utc_bounds(self.site_tz)
        candidates = self.reads.ids_last_active_between(start, end)
        by_id = {e.request_id: e for e in self.reads.slug_index().values()}
        for request_id in candidates:
            entry = by_id.get(request_id)
            if entry is None or entry.url_title in listed or request_id in self.scheduled_ids:
                continue
            if entry.last_http_status != 200:
                continue
            self.scheduled_ids.add(request_id)
            self.count("unlisted_rechecks")
            request = self.thread_request(request_id, via="list")
            if request is None:
                self.incomplete = True
                return
            yield request

    def on_list_error(self, failure: Any) -> None:
        self.count("errors")
        self.incomplete = True
        self.logger.warning("list page failed: %s", failure.getErrorMessage())

    # -- coverage and probing ------------------------------------------------------------------

    def on_idle(self) -> None:
        if self.probe_done:
            return
        requests = self._probe_batch()
        if not requests:
            self.probe_done = True
            return
        assert self.crawler.engine is not None
        for request in requests:
            self.crawler.engine.crawl(request)
        raise DontCloseSpider

    def _probe_batch(self) -> list[Request]:
        if self.site_visible is None or self.incomplete:
            return []
        # Called only when the spider is idle: every item so far is committed.
        visible = self.reads.visible_count()
        known, seen = self.reads.known_and_visible_ids()
        self.set_stat("visible_known", visible)
        if visible >= self.site_visible or self.probed >= self.probe_limit or not seen:
            return []
        # Just past the newest id first (new unlisted requests), then the gaps, newest first.
        top = max(seen)
        ahead = (i for i in range(top + 1, top + 1 + PROBE_BATCH) if i not in known)
        gaps = (i for i in range(top, min(seen) - 1, -1) if i not in known)
        batch: list[Request] = []
        for request_id in itertools.chain(ahead, gaps):
            if request_id in self.scheduled_ids:
                continue
            if len(batch) >= PROBE_BATCH or self.probed >= self.probe_limit:
                break
            request = self.thread_request(request_id, via="probe")
            if request is None:
                self.incomplete = True
                break
            self.scheduled_ids.add(request_id)
            self.probed += 1
            self.count("probes")
            batch.append(request)
        return batch

    def closed(self, reason: str) -> None:
        visible = self.reads.visible_count()  # after the pipeline's last write
        self.set_stat("visible_known", visible)
        complete = reason == "finished" and not self.incomplete
        self.set_stat("complete", complete)
        if self.site_visible is not None:
            self.set_stat(
                "coverage", round(visible / self.site_visible, 4) if self.site_visible else 1.0
            )
        state: dict[str, Any]
        if complete:
            counts = {
                k: v for k, v in self.previous_counts.items() if _keeps(k, self.window_counts)
            }
            for key, value in self.window_counts.items():
                window = Window.from_key(key)
                if window.end is None:
                    # Close the open window at the newest day it listed.
                    window = Window(
                        window.start, max(self.newest_event or window.start, window.start)
                    )
                counts[window.key] = value
            state = {
                "watermark": (self.newest_event or self.since).isoformat(),
                "window_counts": counts,
            }
        else:
            # An interrupted or limited walk proves nothing: keep the last complete state.
            state = self.previous_state
        self.run_extra["discover_state"] = state
        super().closed(reason)


def _moved(entry: FrontierEntry, item: ListItem) -> bool:
    """The list shows an event newer than the newest one we hold for the request."""
    if entry.last_http_status != 200 or entry.last_event_at is None:
        return True
    if item.event_at is None:
        return False
    # The list prints whole seconds; the JSON has milliseconds.
    return item.event_at > entry.last_event_at.replace(microsecond=0)


def _keeps(key: str, fresh: dict[str, int]) -> bool:
    """Keep an old window's count unless this run measured a window overlapping it."""
    old = Window.from_key(key)
    for fresh_key in fresh:
        new = Window.from_key(fresh_key)
        new_end = new.end or date.max
        old_end = old.end or date.max
        if new.start <= old_end and old.start <= new_end:
            return False
    return True


@overload
def _local_date(moment: datetime, tz: ZoneInfo) -> date: ...
@overload
def _local_date(moment: None, tz: ZoneInfo) -> None: ...
@overload
def _local_date(moment: datetime | None, tz: ZoneInfo) -> date | None: ...
def _local_date(moment: datetime | None, tz: ZoneInfo) -> date | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).date()
