"""One crawl in this process: ``python -m scraper.run <spider> [--limit N] [--full]``.

Twisted's reactor cannot be restarted, so every crawl gets a fresh process (scraper.launch
starts this module). Configuration comes from the WDTK_* environment. While running it
prints ``PROGRESS <json>`` lines on stdout; at the end one ``RESULT <json>`` line with the
figures also written to ``crawl_runs``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.spiders import Spider
from twisted.internet import task

from db.engine import make_engine
from db.migrate import upgrade
from pipeline.config import ConfigError, Settings
from scraper.politeness import CrawlConfigError, check_allowed, scrapy_settings
from scraper.runs import finish_run, report_figures, start_run
from scraper.spiders.archive import ArchiveSpider
from scraper.spiders.attachments import AttachmentsSpider
from scraper.spiders.authorities import AuthoritiesSpider
from scraper.spiders.discover import DiscoverSpider
from scraper.spiders.threads import ThreadsSpider

SPIDERS: dict[str, type[Spider]] = {
    "authorities": AuthoritiesSpider,
    "discover": DiscoverSpider,
    "threads": ThreadsSpider,
    "attachments": AttachmentsSpider,
    "archive": ArchiveSpider,  # wdtk crawl archive: backfill from a web archive
}
PROGRESS_PREFIX = "PROGRESS "
RESULT_PREFIX = "RESULT "


def summarise(stats: dict[str, Any], extra: dict[str, Any], reason: str | None) -> dict[str, Any]:
    """The run's figures: the headline counters and every wdtk/* counter."""
    wdtk = {k.removeprefix("wdtk/"): v for k, v in stats.items() if k.startswith("wdtk/")}
    due = wdtk.get("due")
    done = wdtk.get("threads", wdtk.get("attachments", 0))
    summary: dict[str, Any] = {
        "pages": int(stats.get("downloader/response_count", 0)),
        "items": int(wdtk.get("items", 0)),
        "errors": int(wdtk.get("errors", 0)) + int(stats.get("log_count/ERROR", 0)),
        "retries": int(stats.get("retry/count", 0)),
        "left": max(int(due) - int(done), 0) if isinstance(due, int) else None,
        "robots_forbidden": int(stats.get("robotstxt/forbidden", 0)),
        "finish_reason": reason,
        "counters": {k: v for k, v in sorted(wdtk.items()) if _plain(v)},
        "responses_by_status": _suffixes(stats, "downloader/response_status_count/"),
        "exceptions": _suffixes(stats, "downloader/exception_type_count/"),
    }
    summary.update(extra)
    return summary


def _suffixes(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    """Counters under ``prefix``, keyed by what follows it (status code, exception name)."""
    return {
        key[len(prefix) :].rsplit(".", 1)[-1]: int(value)
        for key, value in sorted(stats.items())
        if key.startswith(prefix)
    }


def _plain(value: Any) -> bool:
    return isinstance(value, (int, float, str, bool)) or value is None


def _emit(prefix: str, data: dict[str, Any]) -> None:
    sys.stdout.write(prefix + json.dumps(data, default=str) + "\n")
    sys.stdout.flush()


class _Progress:
    """Prints the running figures every ``interval`` seconds (a named receiver, not a lambda:
    Scrapy keeps signal receivers as weak references)."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.loop: task.LoopingCall | None = None
        self.reason: str | None = None
        self.spider: Spider | None = None
        self.latest: dict[str, Any] | None = None  # the last figures, for the heartbeat thread

    def spider_opened(self, spider: Spider) -> None:
        self.spider = spider
        if self.interval > 0:
            self.loop = task.LoopingCall(self.tick)
            self.loop.start(self.interval, now=False)

    def tick(self) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        self.latest = summarise(stats, {}, None)
        _emit(PROGRESS_PREFIX, self.latest)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.reason = reason
        if self.loop and self.loop.running:
            self.loop.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scraper.run")
    parser.add_argument("spider", choices=sorted(SPIDERS))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--full", action="store_true", help="discover: walk every window")
    parser.add_argument("--since", default=None, help="discover: first day (YYYY-MM-DD)")
    parser.add_argument("--progress-interval", type=float, default=1.0)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    try:
        config = Settings.from_env()
        check_allowed(config)
    except (ConfigError, CrawlConfigError) as exc:
        print(f"wdtk crawl: error: {exc}", file=sys.stderr)
        return 2
    engine = make_engine(config.database_url)
    upgrade(engine)
    run_id = start_run(engine, args.spider, config.base_url)
    extra: dict[str, Any] = {"LOG_LEVEL": os.environ.get("WDTK_LOG_LEVEL", "INFO")}
    for item in args.set:
        name, _, value = item.partition("=")
        extra[name] = value
    if args.since:
        extra["WDTK_DISCOVER_SINCE"] = args.since
    if args.full:
        extra["WDTK_DISCOVER_FULL"] = True
    settings = scrapy_settings(config, crawl_run_id=run_id, limit=args.limit, extra=extra)
    process = CrawlerProcess({**settings, "LOG_INSTALL_ROOT_HANDLER": True})
    crawler = process.create_crawler(SPIDERS[args.spider])
    progress = _Progress(crawler, args.progress_interval)
    report_figures(run_id, lambda: progress.latest)
    crawler.signals.connect(progress.spider_opened, signal=signals.spider_opened)
    crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
    started = time.monotonic()
    status = "failed"
    summary: dict[str, Any] = {}
    try:
        process.crawl(crawler)
        process.start()
        reason = progress.reason
        status = "finished" if reason == "finished" else "interrupted"
        if reason in ("circuit_breaker_403", "bot_wall", "store_failed"):
            status = "failed"
        stats = crawler.stats.get_stats() if crawler.stats else {}
        spider_extra = getattr(progress.spider, "run_extra", {}) or {}
        summary = summarise(stats, spider_extra, reason)
        summary["elapsed_seconds"] = round(time.monotonic() - started, 3)
        summary["crawl_run_id"] = run_id
        summary["spider"] = args.spider
    finally:
        finish_run(engine, run_id, status, summary or {"finish_reason": "crashed"})
        engine.dispose()
    summary["status"] = status
    _emit(RESULT_PREFIX, summary)
    return 0 if status == "finished" else 1


if __name__ == "__main__":
    raise SystemExit(main())
