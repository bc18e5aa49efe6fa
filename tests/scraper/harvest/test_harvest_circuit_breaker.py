"""A site that answers bare 403s (a bot block, not "Request has been removed") stops the crawl."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from pipeline.config import Settings
from scraper.launch import run_spider


class _Blocking(BaseHTTPRequestHandler):
    paths: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        self.paths.append(self.path)
        status, body = (
            (200, b"User-agent: *\nAllow: /\n")
            if self.path == "/robots.txt"
            else (
                403,
                b"<html><h1>Access denied</h1></html>",
            )
        )
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def blocking_site() -> Iterator[str]:
    _Blocking.paths = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Blocking)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_repeated_bare_403s_trip_the_breaker(blocking_site: str, tmp_path: Path) -> None:
    config = Settings(
        database_url=f"sqlite:///{tmp_path / 'blocked.sqlite3'}", base_url=blocking_site, rate=0
    )
    result = run_spider("discover", config, since="2020-01-01")
    assert (result["status"], result["finish_reason"]) == ("failed", "circuit_breaker_403")


def test_the_breaker_stops_requests_soon_after_the_threshold(
    blocking_site: str, tmp_path: Path
) -> None:
    config = Settings(
        database_url=f"sqlite:///{tmp_path / 'blocked.sqlite3'}", base_url=blocking_site, rate=0
    )
    run_spider("discover", config, since="2008-01-01")
    # 5 in a row trip it; requests already in flight (16 at most without a rate) may still land.
    assert len([p for p in _Blocking.paths if p != "/robots.txt"]) <= 5 + 16
