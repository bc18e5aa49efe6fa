"""The doctor's fetches: a Scrapy spider with the crawl's own settings, in its own process.

``python -m scraper.doctor_spider [--max-threads N]`` is what scraper.doctor starts (a fresh
interpreter, like every crawl: Twisted's reactor cannot restart). Configuration comes from
the WDTK_* environment and goes through ``scraper.politeness.scrapy_settings`` unchanged:
robots.txt read first and obeyed with Protego, the honest User-Agent, the rate over one
connection, retries that honour Retry-After, the 403 circuit breaker and the bot-wall
middleware (a challenge page closes the run at once, as it does a crawl).

One request at a time, each asked only once the previous one is answered: /version.json,
/body/all-authorities.csv, /list, then for up to N requests from that list their JSON and
their unfolded thread page, the URLs the crawl fetches (stopping once a thread with
attachments has been read, so the attachment checks ran). Each body goes to the
pipeline.contract check for its kind, which runs the real parser.

It writes nothing: no database, no raw pages, no crawl run (no item pipelines, no run id for
the bot-wall middleware to record). Its findings go to stdout as one ``DOCTOR <json>`` line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import deque
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import quote, urlsplit

import scrapy
from scrapy import Request, signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from pipeline.botwall import advice
from pipeline.config import ConfigError, Settings
from pipeline.contract import (
    Finding,
    check_authorities_csv,
    check_list_page,
    check_request_json,
    check_robots,
    check_thread_page,
    check_version_json,
)
from pipeline.records import RequestRecord
from scraper.botwall import BotWalled
from scraper.politeness import CrawlConfigError, check_allowed, scrapy_settings

RESULT_PREFIX = "DOCTOR "
ROBOTS = "/robots.txt"


class DoctorSpider(scrapy.Spider):
    """Fetches the samples in order; ``findings`` and ``fetched`` hold what it found."""

    name = "doctor"
    base_url: str
    robots_agent: str

    def __init__(self, max_threads: int = 5, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_threads = max_threads
        self.findings: list[Finding] = []
        self.fetched: list[str] = []  # paths of the requests that went out, in order
        self.robots_status: int | None = None
        self.robots_read = False
        self.reason: str | None = None
        self.steps: deque[tuple[str, str]] = deque(
            [("version", "/version.json"), ("csv", "/body/all-authorities.csv"), ("list", "/list")]
        )
        self.requests: dict[str, RequestRecord | None] = {}  # slug → its parsed JSON

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> DoctorSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.base_url = crawler.settings.get("WDTK_BASE_URL").rstrip("/")
        spider.robots_agent = crawler.settings.get("ROBOTSTXT_USER_AGENT")
        connect = crawler.signals.connect
        connect(spider.on_sent, signal=signals.request_reached_downloader)
        connect(spider.on_received, signal=signals.response_received)
        connect(spider.on_robots, signal=signals.robots_parsed)
        connect(spider.on_closed, signal=signals.spider_closed)
        return spider

    def path_of(self, url: str) -> str:
        split = urlsplit(url)
        return split.path + (f"?{split.query}" if split.query else "")

    # -- signals: what went out, robots.txt, the end ------------------------------------------

    def on_sent(self, request: Request, spider: scrapy.Spider) -> None:
        self.fetched.append(self.path_of(request.url))

    def on_received(self, response: Response, request: Request, spider: scrapy.Spider) -> None:
        if self.path_of(response.url) == ROBOTS:
            self.robots_status = response.status

    def on_robots(self, robotparser: RobotParser, request: Request) -> None:
        """The parser Scrapy obeys for this run: the robots checks ask it, nothing else."""
        self.robots_read = True
        if self.robots_status not in (None, 200):
            self.findings.append(
                Finding("robots", f"GET {ROBOTS}", "fail", f"HTTP {self.robots_status}")
            )
            return
        self.findings += check_robots(
            lambda path: robotparser.allowed(self.base_url + path, self.robots_agent)
        )

    def on_closed(self, spider: scrapy.Spider, reason: str) -> None:
        self.reason = reason
        stats = self.crawler.stats
        wall_url = stats.get_value("wdtk/bot_wall_url") if stats else None
        if wall_url:
            reason_text = stats.get_value("wdtk/bot_wall_reason") if stats else None
            self.findings.append(
                Finding(
                    "bot-wall",
                    f"GET {self.path_of(wall_url)}",
                    "fail",
                    advice(wall_url, reason_text),
                )
            )
        elif not self.robots_read:
            self.findings.append(Finding("robots", f"GET {ROBOTS}", "fail", "robots.txt not read"))

    # -- the chain of samples -----------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        for request in self.next_request():
            yield request

    def next_request(self) -> Iterator[Request]:
        if self.steps:
            area, path = self.steps.popleft()
            yield Request(
                self.base_url + path,
                callback=self.on_page,
                errback=self.on_failure,
                dont_filter=True,
                meta={"doctor_area": area, "doctor_path": path},
            )

    def on_page(self, response: Response) -> Iterator[Request]:
        area: str = response.meta["doctor_area"]
        path: str = response.meta["doctor_path"]
        try:
            self.check(area, path, response.url, response.body)
        except Exception as exc:  # a bug here must not end the run unreported
            self.findings.append(Finding(area, f"GET {path}", "fail", f"checking raised {exc!r}"))
        yield from self.next_request()

    def check(self, area: str, path: str, url: str, body: bytes) -> None:
        """Run the check for ``area`` on one body; queue what it leads to."""
        if area == "version":
            self.findings += check_version_json(body, url)
        elif area == "csv":
            self.findings += check_authorities_csv(body, url)
        elif area == "list":
            sample = check_list_page(body, url)
            self.findings += sample.findings
            slugs = sample.slugs[: self.max_threads]
            self.steps.extend(("json", f"/request/{quote(s)}.json") for s in slugs)
        elif area == "json":
            found, record = check_request_json(body, url)
            self.findings += found
            slug = path.removeprefix("/request/").removesuffix(".json")
            self.requests[slug] = record
            # The crawl's thread URL (threadfetch): quoted sections unfolded.
            self.steps.appendleft(("thread", f"/request/{slug}?unfold=1"))
        else:
            slug = path.removeprefix("/request/").split("?", 1)[0]
            found, page = check_thread_page(body, url, self.requests.get(slug))
            self.findings += found
            if page is not None and any(item.attachments for item in page.items):
                self.steps.clear()  # the attachment checks have run: enough asked of the site

    def on_failure(self, failure: Failure) -> Iterator[Request]:
        request = failure.request  # type: ignore[attr-defined]  # Scrapy sets it on errback failures
        area: str = request.meta["doctor_area"]
        path: str = request.meta["doctor_path"]
        if failure.check(BotWalled):
            pass  # named once, from the run's figures, when the spider closes
        elif isinstance(failure.value, HttpError):
            status = failure.value.response.status
            self.findings.append(Finding(area, f"GET {path}", "fail", f"HTTP {status}"))
        elif failure.check(IgnoreRequest):
            message = failure.getErrorMessage()
            if "robots.txt" in message:
                message = f"robots.txt disallows {path.split('?', 1)[0]}"
            self.findings.append(Finding(area, f"GET {path}", "fail", message))
        else:
            detail = f"cannot fetch: {failure.getErrorMessage()}"
            self.findings.append(Finding(area, f"GET {path}", "fail", detail))
        yield from self.next_request()


def run(config: Settings, max_threads: int) -> dict[str, Any]:
    """Run the spider in this process (once: the reactor cannot restart); its figures."""
    settings = scrapy_settings(
        config,
        extra={
            "LOG_LEVEL": os.environ.get("WDTK_LOG_LEVEL", "WARNING"),
            "SPIDER_MODULES": [],  # the doctor's spider only: the crawl's are not loaded
            "ITEM_PIPELINES": {},  # it yields no items and stores nothing
        },
    )
    process = CrawlerProcess({**settings, "LOG_INSTALL_ROOT_HANDLER": True})
    crawler = process.create_crawler(DoctorSpider)
    process.crawl(crawler, max_threads=max_threads)
    process.start()
    spider = crawler.spider
    assert isinstance(spider, DoctorSpider)
    return {
        "base_url": config.base_url,
        "finish_reason": spider.reason,
        "fetched": spider.fetched,
        "findings": [f.as_dict() for f in spider.findings],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scraper.doctor_spider")
    parser.add_argument("--max-threads", type=int, default=5)
    args = parser.parse_args(argv)
    try:
        config = Settings.from_env()
        check_allowed(config)
    except (ConfigError, CrawlConfigError) as exc:
        print(f"wdtk doctor: error: {exc}", file=sys.stderr)
        return 2
    result = run(config, args.max_threads)
    sys.stdout.write(RESULT_PREFIX + json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
