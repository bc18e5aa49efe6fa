"""Crawl settings: polite defaults for the live site, limits lifted only on loopback."""

from __future__ import annotations

import pytest

from pipeline.config import Settings
from scraper.politeness import CrawlConfigError, check_allowed, scrapy_settings

LIVE = "https://www.whatdotheyknow.com"
LOOPBACK = "http://127.0.0.1:8800"


def test_live_site_without_contact_is_refused() -> None:
    with pytest.raises(CrawlConfigError, match="WDTK_CONTACT"):
        check_allowed(Settings(base_url=LIVE))


def test_live_site_with_contact_is_allowed() -> None:
    check_allowed(Settings(base_url=LIVE, contact="ops@example.org"))


def test_no_rate_limit_is_refused_off_loopback() -> None:
    with pytest.raises(CrawlConfigError, match="loopback"):
        check_allowed(Settings(base_url=LIVE, contact="ops@example.org", rate=0))


def test_loopback_needs_no_contact_and_may_lift_the_limit() -> None:
    check_allowed(Settings(base_url=LOOPBACK, rate=0))


def test_defaults_are_one_request_a_second_one_connection() -> None:
    s = scrapy_settings(Settings(base_url=LIVE, contact="ops@example.org"))
    assert (
        s["DOWNLOAD_DELAY"],
        s["CONCURRENT_REQUESTS_PER_DOMAIN"],
        s["DOWNLOAD_DELAY_JITTER"],
    ) == (
        1.0,
        1,
        0,
    )


def test_robots_are_obeyed_with_protego() -> None:
    s = scrapy_settings(Settings(base_url=LIVE, contact="ops@example.org"))
    assert (s["ROBOTSTXT_OBEY"], s["ROBOTSTXT_PARSER"]) == (
        True,
        "scrapy.robotstxt.ProtegoRobotParser",
    )


def test_user_agent_carries_the_contact() -> None:
    s = scrapy_settings(Settings(base_url=LIVE, contact="ops@example.org"))
    assert s["USER_AGENT"].endswith("; contact: ops@example.org)")


def test_remote_control_and_telnet_are_off() -> None:
    s = scrapy_settings(Settings(base_url=LOOPBACK))
    assert (s["REMOTE_CONTROL_ENABLED"], s["TELNETCONSOLE_ENABLED"]) == (False, False)


def test_rate_five_means_a_fifth_of_a_second_between_requests() -> None:
    assert scrapy_settings(Settings(base_url=LOOPBACK, rate=5))["DOWNLOAD_DELAY"] == 0.2


def test_autothrottle_is_on_for_a_limited_rate_only() -> None:
    assert scrapy_settings(Settings(base_url=LOOPBACK, rate=1))["AUTOTHROTTLE_ENABLED"] is True
    assert scrapy_settings(Settings(base_url=LOOPBACK, rate=0))["AUTOTHROTTLE_ENABLED"] is False
