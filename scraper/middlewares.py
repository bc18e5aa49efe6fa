"""Downloader middlewares: polite retries, a bot-block circuit breaker, conditional GET."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro

# The takedown markers live with the bot-wall rules (one place); re-exported for callers here.
from pipeline.botwall import REMOVED_MARKERS as REMOVED_MARKERS
from pipeline.botwall import is_removed_page

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

log = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or HTTP-date); None if unusable."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, but a 429/503 with Retry-After waits that long (capped) first."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.cap = settings.getfloat("WDTK_RETRY_AFTER_CAP", 120.0)

    async def process_response(  # type: ignore[override]  # Scrapy takes a coroutine; its base is sync
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait:
            delay = min(wait, self.cap)
            if self.crawler.stats:
                self.crawler.stats.inc_value("wdtk/retry_after_waits")
                self.crawler.stats.inc_value("wdtk/retry_after_seconds", delay)
            await asyncio.sleep(delay)
        reason = f"{response.status} {response.reason}" if hasattr(response, "reason") else ""
        return self._retry(request, reason or str(response.status)) or response


class CircuitBreakerMiddleware:
    """Stop the crawl after N 403s in a row that are not "… has been removed" pages.

    A run of bare 403s means the site (or a CDN in front of it) is refusing us: carrying on
    would only hammer it. One good response resets the count.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.threshold = crawler.settings.getint("WDTK_CIRCUIT_BREAKER_403S", 5)
        self.consecutive = 0
        self.tripped = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CircuitBreakerMiddleware:
        return cls(crawler)

    def close_crawl(self, reason: str) -> None:
        assert self.crawler.engine is not None
        # Scheduled, not awaited: closing waits for in-flight downloads, this one included.
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=reason))

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if response.status == 403 and not is_removed_page(response.body):
            self.consecutive += 1
            if self.consecutive >= self.threshold and not self.tripped:
                self.tripped = True
                stats = self.crawler.stats
                if stats:
                    stats.set_value("wdtk/circuit_breaker", response.url)
                log.error(
                    "circuit breaker: %d consecutive 403s, last %s; stopping the crawl",
                    self.consecutive,
                    response.url,
                )
                self.close_crawl("circuit_breaker_403")
            if self.tripped:
                raise IgnoreRequest(f"circuit breaker open after 403 at {response.url}")
        elif 200 <= response.status < 400 or response.status == 404:
            self.consecutive = 0
        return response


class ConditionalGetMiddleware:
    """Send the stored copy's validators; a 304 then costs the site next to nothing.

    Spiders put ``wdtk_validators`` (etag, last_modified) in a request's meta; the redirect
    middleware copies meta onto the redirected request, so validators are only applied when the
    URL is the one they were stored for.
    """

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        validators = request.meta.get("wdtk_validators")
        if not validators:
            return None
        url, etag, last_modified = validators
        if url != request.url:
            return None
        if etag:
            request.headers.setdefault(b"If-None-Match", etag)
        if last_modified:
            request.headers.setdefault(b"If-Modified-Since", last_modified)
        return None
