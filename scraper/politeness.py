"""Scrapy settings for a crawl of one Alaveteli site, from the pipeline's configuration.

The defaults are for the live WhatDoTheyKnow: robots.txt obeyed with Protego (Alaveteli's rules
use wildcards, which urllib.robotparser ignores), an honest User-Agent with a contact, one
request a second over one connection, AutoThrottle on top, retries for 429/5xx that honour
Retry-After, and a circuit breaker for bot blocks. ``rate=0`` lifts the limit, for the replica
on loopback only.
"""

from __future__ import annotations

from typing import Any

from pipeline.config import Settings, is_loopback


class CrawlConfigError(ValueError):
    """The crawl may not run as configured (e.g. a live site without a contact)."""


def check_allowed(config: Settings) -> None:
    """Refuse what would be impolite: no contact for a real site, no limit off loopback."""
    loopback = is_loopback(config.base_url)
    if not loopback and not config.contact:
        raise CrawlConfigError(
            f"set WDTK_CONTACT (an e-mail or URL for the User-Agent) before crawling "
            f"{config.base_url}"
        )
    if config.rate == 0 and not loopback:
        raise CrawlConfigError(
            f"--rate 0 (no limit) is only allowed on loopback, not {config.base_url}"
        )


def check_archive_allowed(config: Settings, archive_url: str) -> None:
    """The same rules for a web archive's host: a contact in the User-Agent, and no
    unlimited rate except on loopback (each host gets its own download slot at the rate)."""
    loopback = is_loopback(archive_url)
    if not loopback and not config.contact:
        raise CrawlConfigError(
            f"set WDTK_CONTACT (an e-mail or URL for the User-Agent) before using {archive_url}"
        )
    if config.rate == 0 and not loopback:
        raise CrawlConfigError(
            f"--rate 0 (no limit) is only allowed on loopback, not {archive_url}"
        )


DEFAULT_ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_RETRY_AFTER_CAP = 120.0


def scrapy_settings(
    config: Settings,
    *,
    crawl_run_id: int | None = None,
    limit: int | None = None,
    attachment_max_bytes: int = DEFAULT_ATTACHMENT_MAX_BYTES,
    retry_after_cap: float = DEFAULT_RETRY_AFTER_CAP,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Every Scrapy setting a WDTK crawl needs, for ``config`` (already checked)."""
    unlimited = config.rate == 0
    delay = 0.0 if unlimited else 1.0 / config.rate
    settings: dict[str, Any] = {
        "BOT_NAME": "wdtk",
        "SPIDER_MODULES": ["scraper.spiders"],
        "NEWSPIDER_MODULE": "scraper.spiders",
        "USER_AGENT": config.user_agent,
        "DEFAULT_REQUEST_HEADERS": {
            "Accept": "text/html,application/json;q=0.9,*/*;q=0.8",
            # The site picks the locale from Accept-Language; Welsh pages would not parse.
            "Accept-Language": "en-GB",
        },
        "ROBOTSTXT_OBEY": True,
        "ROBOTSTXT_PARSER": "scrapy.robotstxt.ProtegoRobotParser",
        "ROBOTSTXT_USER_AGENT": "wdtk-pipeline",
        # One connection per host; the delay is exact (no randomising below the rate).
        "CONCURRENT_REQUESTS": 16 if unlimited else 1,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16 if unlimited else 1,
        "DOWNLOAD_DELAY": delay,
        "DOWNLOAD_DELAY_JITTER": 0,
        # AutoThrottle only ever slows down: it never goes below DOWNLOAD_DELAY.
        "AUTOTHROTTLE_ENABLED": not unlimited,
        "AUTOTHROTTLE_START_DELAY": delay or 1.0,
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_TIMEOUT": 60,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 5,
        "RETRY_HTTP_CODES": [429, 500, 502, 503, 504, 522, 524, 408],
        "WDTK_RETRY_AFTER_CAP": retry_after_cap,
        "WDTK_CIRCUIT_BREAKER_403S": 5,
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "scraper.middlewares.RetryAfterMiddleware": 550,
            "scraper.middlewares.CircuitBreakerMiddleware": 560,
            "scraper.middlewares.ConditionalGetMiddleware": 570,
            # Sees each response first (before retries and the 403 breaker): a bot wall
            # stops the crawl at once.
            "scraper.botwall.BotWallMiddleware": 580,
        },
        # Spiders write nothing: the items they yield are committed by the one pipeline, one
        # at a time and in the order yielded (a raw page before the state that depends on it).
        "ITEM_PIPELINES": {"scraper.pipelines.StorePipeline": 300},
        "CONCURRENT_ITEMS": 1,
        # The database is the crawl state; Scrapy's own dedup would drop deliberate re-fetches.
        "DUPEFILTER_CLASS": "scrapy.dupefilters.BaseDupeFilter",
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "HTTPCACHE_ENABLED": False,
        "LOG_LEVEL": "INFO",
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "WDTK_DATABASE_URL": config.database_url,
        "WDTK_BASE_URL": config.base_url,
        "WDTK_DATA_DIR": str(config.data_dir),
        "WDTK_CRAWL_RUN_ID": crawl_run_id,
        "WDTK_LIMIT": limit,
        "WDTK_ATTACHMENT_MAX_BYTES": attachment_max_bytes,
    }
    settings.update(_remote_control_off())
    if extra:
        settings.update(extra)
    return settings


def _remote_control_off() -> dict[str, Any]:
    # Scrapy 2.19 starts a remote-control web service by default; a crawler must not listen.
    return {
        "EXTENSIONS": {
            "scrapy.extensions.telnet.TelnetConsole": None,
        },
        "WEBSERVICE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
    }
