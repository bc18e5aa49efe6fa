"""Stop at a bot wall: never ask that part of the site again in this run, say so, record it.

``BotWallMiddleware`` looks at every response before retries and the 403 circuit breaker
(pipeline.botwall.classify_response). The first challenge page closes the spider with reason
``bot_wall``: the path family it covers (``/request/`` on WDTK today) is refused before any
further request leaves, the wall is written to ``crawl_runs`` (reason, first URL, time) at
once, so a killed run keeps it, and one log line says what it means and what to do. Nothing
here tries to get through: no other User-Agent, no browser, no solving, no retry.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro
from sqlalchemy import update

from db.base import utcnow
from db.engine import make_engine
from db.models import CrawlRun
from pipeline.botwall import advice, classify_response, path_family, same_family

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)
CLOSE_REASON = "bot_wall"


class BotWalled(IgnoreRequest):
    """A request not sent (or a challenge not read) because its path family is walled."""


def scrapy_headers(response: Response) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in response.headers.items()
        for value in values
    ]


def record_wall(engine: Engine, run_id: int, reason: str, url: str, at: datetime) -> None:
    """Write the wall to the run's row (the first one only: later walls change nothing)."""
    with engine.begin() as conn:
        conn.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id, CrawlRun.wall_url.is_(None))
            .values(wall_reason=reason, wall_url=url, wall_at=at)
        )


class BotWallMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.walled: dict[tuple[str, str], str] = {}  # (host, path family) → first URL walled
        run_id = crawler.settings.get("WDTK_CRAWL_RUN_ID")
        self.run_id = int(run_id) if run_id not in (None, "") else None
        self.database_url = crawler.settings.get("WDTK_DATABASE_URL")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BotWallMiddleware:
        return cls(crawler)

    def _is_walled(self, url: str) -> bool:
        host = urlsplit(url).netloc
        return any(h == host and same_family(url, family) for h, family in self.walled)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if self.walled and self._is_walled(request.url):
            self._count("walled_skipped")
            raise BotWalled(f"not requested: {request.url} is behind the bot wall")
        return None

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        verdict = classify_response(response.status, scrapy_headers(response), response.body)
        if not verdict.is_wall:
            return response
        key = (urlsplit(response.url).netloc, path_family(response.url))
        self._count("bot_wall_responses")
        if key not in self.walled:
            first = not self.walled
            self.walled[key] = response.url
            if first:
                self._first(response.url, verdict.reason or "challenge", spider)
        raise BotWalled(f"bot wall at {response.url}: {verdict.reason}")

    def _first(self, url: str, reason: str, spider: Spider | None) -> None:
        at = utcnow()
        stats = self.crawler.stats
        if stats:
            stats.set_value("wdtk/bot_wall", True)
            stats.set_value("wdtk/bot_wall_url", url)
            stats.set_value("wdtk/bot_wall_reason", reason)
            stats.set_value("wdtk/bot_wall_at", at.isoformat())
        # INFO: `wdtk crawl` prints the same advice itself, once, from the run's figures.
        log.info("%s", advice(url, reason))
        if self.run_id is not None and self.database_url:
            engine = getattr(spider, "db", None) or make_engine(self.database_url)
            record_wall(engine, self.run_id, reason, url, at)
        assert self.crawler.engine is not None
        # Scheduled, not awaited: closing waits for in-flight downloads, this one included.
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=CLOSE_REASON))

    def _count(self, key: str) -> None:
        if self.crawler.stats:
            self.crawler.stats.inc_value(f"wdtk/{key}")


def wall_line(result: dict[str, Any]) -> str | None:
    """The advice line for a crawl's RESULT figures, if it met a wall."""
    counters = result.get("counters") or {}
    url = counters.get("bot_wall_url")
    if not url:
        return None
    return advice(str(url), counters.get("bot_wall_reason"))
