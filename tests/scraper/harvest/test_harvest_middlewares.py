"""Retry-After parsing, removed-page detection, the circuit breaker and conditional GET."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.settings import Settings as ScrapySettings
from scrapy.statscollectors import MemoryStatsCollector

from scraper.middlewares import (
    CircuitBreakerMiddleware,
    ConditionalGetMiddleware,
    is_removed_page,
    retry_after_seconds,
)

URL = "http://127.0.0.1:9/request/x"
REMOVED = b"<html><h1>Request has been removed</h1></html>"
BLOCKED = b"<html><h1>Forbidden</h1></html>"


def test_retry_after_in_seconds() -> None:
    assert retry_after_seconds(b"7") == 7.0


def test_retry_after_as_http_date() -> None:
    now = datetime(2026, 11, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Sun, 01 Nov 2026 12:00:30 GMT", now) == 30.0


def test_retry_after_in_the_past_is_zero() -> None:
    now = datetime(2026, 11, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Sun, 01 Nov 2026 11:00:00 GMT", now) == 0.0


@pytest.mark.parametrize("value", [None, b"", b"soon"])
def test_unusable_retry_after_is_none(value: bytes | None) -> None:
    assert retry_after_seconds(value) is None


def test_request_removed_page_is_recognised() -> None:
    assert is_removed_page(REMOVED)


def test_bare_forbidden_is_not_a_removed_page() -> None:
    assert not is_removed_page(BLOCKED)


class _Closed:
    def __init__(self) -> None:
        self.closed_with: list[str] = []

    def __call__(self, reason: str) -> None:
        self.closed_with.append(reason)


def _breaker(threshold: int = 3) -> tuple[CircuitBreakerMiddleware, _Closed]:
    crawler = SimpleNamespace(
        settings=ScrapySettings({"WDTK_CIRCUIT_BREAKER_403S": threshold}),
        stats=MemoryStatsCollector(SimpleNamespace(settings=ScrapySettings())),
        engine=None,
    )
    breaker = CircuitBreakerMiddleware(crawler)  # type: ignore[arg-type]  # a stand-in Crawler
    closed = _Closed()
    breaker.close_crawl = closed  # type: ignore[method-assign]  # records the call instead
    return breaker, closed


def _response(status: int, body: bytes) -> HtmlResponse:
    return HtmlResponse(URL, status=status, body=body, request=Request(URL))


def test_breaker_trips_after_consecutive_bare_403s() -> None:
    breaker, engine = _breaker(3)
    breaker.process_response(Request(URL), _response(403, BLOCKED))
    breaker.process_response(Request(URL), _response(403, BLOCKED))
    with pytest.raises(IgnoreRequest):
        breaker.process_response(Request(URL), _response(403, BLOCKED))
    assert engine.closed_with == ["circuit_breaker_403"]


def test_removed_pages_do_not_count_towards_the_breaker() -> None:
    breaker, engine = _breaker(2)
    for _ in range(5):
        breaker.process_response(Request(URL), _response(403, REMOVED))
    assert engine.closed_with == []


def test_a_good_response_resets_the_breaker() -> None:
    breaker, engine = _breaker(2)
    breaker.process_response(Request(URL), _response(403, BLOCKED))
    breaker.process_response(Request(URL), _response(200, b"<html></html>"))
    breaker.process_response(Request(URL), _response(403, BLOCKED))
    assert engine.closed_with == []


def test_conditional_get_sends_validators_for_their_own_url() -> None:
    request = Request(
        URL, meta={"wdtk_validators": (URL, '"abc"', "Sun, 01 Nov 2026 12:00:00 GMT")}
    )
    ConditionalGetMiddleware().process_request(request)
    assert request.headers[b"If-None-Match"] == b'"abc"'
    assert request.headers[b"If-Modified-Since"] == b"Sun, 01 Nov 2026 12:00:00 GMT"


def test_conditional_get_skips_a_redirect_to_another_url() -> None:
    request = Request(URL + "_renamed", meta={"wdtk_validators": (URL, '"abc"', None)})
    ConditionalGetMiddleware().process_request(request)
    assert b"If-None-Match" not in request.headers
