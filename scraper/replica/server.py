"""The replica over real HTTP/1.1 on loopback, with faults and a server-side access log.

    with ReplicaServer(Replica(requests=200, seed=7)) as server:
        urllib.request.urlopen(server.url + "/robots.txt")
        server.log  # [{"path": "/robots.txt", "status": 200, "user_agent": ..., ...}]

The log records every request (wall time for politeness checks, replica clock, method,
path, status, User-Agent, bytes, fault) in memory and optionally as JSONL. Headers follow
WDTK: ``Content-Language: en``, ``Vary: Cookie``, an ETag and Last-Modified with 304 on a
matching conditional GET; the ``Date`` header shows the replica's clock, not wall time.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from scraper.replica.archive import ReplicaArchive
from scraper.replica.front import Front
from scraper.replica.http_common import JSON, Response, etag_for, http_date, not_modified
from scraper.replica.replica import Replica
from scraper.replica.site import Site

LOOPBACK = "127.0.0.1"


class HostNotAllowed(ValueError):
    """The replica only listens on loopback."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def date_time_string(self, timestamp: float | None = None) -> str:
        return format_datetime(self.server.owner.replica.clock, usegmt=True)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def do_POST(self) -> None:
        self._serve("POST")

    def _serve(self, method: str) -> None:
        # When the request arrived, not when its page was built: politeness is about how
        # often requests come, and a slow page would otherwise squeeze the next gap to ~0.
        arrived = time.time()
        owner = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        payload = self.rfile.read(length) if length else b""
        path_only = self.path.split("?", 1)[0]
        attempt = owner.next_attempt(self.path)
        if path_only == "/_replica/log":
            with owner._lock:
                response = Response(
                    200, json.dumps(owner.log).encode(), {"Content-Type": JSON}, conditional=False
                )
        else:
            try:
                response = owner.front.handle(method, self.path, payload, self.headers.get("Range"))
            except Exception as error:  # answered as a 500, as Rails would
                message = f"replica error on {self.path}: {error!r}".encode()
                response = Response(
                    500, message, {"Content-Type": "text/plain; charset=utf-8"}, conditional=False
                )
        is_json = response.headers.get("Content-Type", "").startswith("application/json")
        is_html = response.headers.get("Content-Type", "").startswith("text/html")
        fault = owner.replica.faults.decide(
            owner.replica.seed, path_only, attempt, is_json=is_json, is_html=is_html
        )
        entry = {
            "seq": attempt, "time": arrived, "clock": owner.replica.clock.isoformat(), "method": method,
            "path": self.path, "user_agent": self.headers.get("User-Agent"), "fault": fault,
        }  # fmt: skip
        if fault == "reset":
            owner.record(entry | {"status": None, "bytes": 0})
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        faults = owner.replica.faults
        if fault in ("rate_limited", "unavailable"):
            status = 429 if fault == "rate_limited" else 503
            response = Response(
                status,
                b"",
                {
                    "Content-Type": "text/plain; charset=utf-8",
                    "Retry-After": str(faults.retry_after),
                },
                conditional=False,
            )
        if fault == "slow":
            time.sleep(faults.slow_seconds)
        body = response.body
        if fault == "bad_encoding":
            body = body.decode("utf-8").encode("cp1252", errors="replace")
        elif fault == "bad_json":
            body = body[: max(1, len(body) // 2)]
        headers = dict(response.headers)
        headers.setdefault("Content-Language", "en")
        headers.setdefault("Vary", "Cookie")
        if response.status == 200 and response.conditional:
            headers["ETag"] = etag_for(response.body)
            if response.last_modified is not None:
                headers["Last-Modified"] = http_date(response.last_modified)
            if not_modified(
                response, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            ):
                response, body = Response(304), b""
        status = response.status
        # Logged before sending, so a client that has its answer always finds the entry.
        owner.record(entry | {"status": status, "bytes": len(body)})
        self.send_response(status)
        for name, value in headers.items():
            if status == 304 and name in ("Content-Type", "Content-Disposition"):
                continue
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if method == "HEAD" or status == 304:
            return
        if fault == "truncated":
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: ReplicaServer


class ReplicaServer:
    """A running replica; use as a context manager, or ``start()`` / ``stop()``."""

    def __init__(
        self,
        replica: Replica,
        host: str = LOOPBACK,
        port: int = 0,
        log_path: Path | None = None,
        *,
        bot_wall: bool = False,
        archive: bool = False,
    ):
        if host != LOOPBACK:
            raise HostNotAllowed(f"the replica only listens on {LOOPBACK}, not {host!r}")
        self.replica = replica
        self.site = Site(replica)
        # A CDN bot wall and a web archive of the replica's past, when asked (replica.front).
        self.archive = ReplicaArchive(replica) if archive else None
        self.front = Front(self.site, bot_wall=bot_wall, archive=self.archive)
        self.host, self.port = host, port
        self.log: list[dict[str, Any]] = []
        self.log_path = log_path
        self._attempts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def next_attempt(self, path: str) -> int:
        with self._lock:
            self._attempts[path] = self._attempts.get(path, 0) + 1
            return self._attempts[path]

    def record(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self.log.append(entry)
            if self.log_path is not None:
                with self.log_path.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps(entry) + "\n")

    def start(self) -> ReplicaServer:
        httpd = _Server((self.host, self.port), _Handler)
        httpd.owner = self
        self.port = httpd.server_address[1]
        self._bound()
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, name="wdtk-replica", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        httpd = _Server((self.host, self.port), _Handler)
        httpd.owner = self
        self.port = httpd.server_address[1]
        self._bound()
        self._httpd = httpd
        try:
            httpd.serve_forever()
        finally:
            httpd.server_close()

    def _bound(self) -> None:
        if self.archive is not None:
            self.archive.base_url = self.url  # captures are of this site

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> ReplicaServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
