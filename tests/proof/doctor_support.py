"""A replica served with its pages changed on the way out, for the doctor's tests.

``serve(site, mutate)`` answers every GET from the replica's Site, passes the body through
``mutate(path, body)`` and keeps, per request, the arrival time, path, status, User-Agent and
the exact bytes sent, so a test can hand the same bytes to the normaliser. ``intercept`` may
answer a request itself (e.g. a 429 with Retry-After). Loopback only.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import typer
from typer.testing import CliRunner

from flows.cli import doctor as doctor_cli
from scraper.replica.site import Site

Mutation = Callable[[str, bytes], bytes]
# (path, how many times it was asked before) → (status, headers, body), or None to serve it
Intercept = Callable[[str, int], tuple[int, dict[str, str], bytes] | None]


def unchanged(path: str, body: bytes) -> bytes:
    return body


def is_thread(path: str) -> bool:
    return path.startswith("/request/") and ".json" not in path


def in_threads(old: bytes, new: bytes) -> Mutation:
    def mutate(path: str, body: bytes) -> bytes:
        return body.replace(old, new) if is_thread(path) else body

    return mutate


@dataclass
class Served:
    url: str
    log: list[dict[str, Any]] = field(default_factory=list)

    def paths(self) -> list[str]:
        return [e["path"] for e in self.log]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site
    mutate: Mutation
    intercept: Intercept | None
    served: Served
    lock: threading.Lock


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        arrived = time.time()
        server = self.server
        with server.lock:
            before = sum(1 for e in server.served.log if e["path"] == self.path)
        answer = server.intercept(self.path, before) if server.intercept else None
        if answer is None:
            response = server.site.handle("GET", self.path, b"")
            status, headers = response.status, dict(response.headers)
            body = server.mutate(self.path, response.body)
        else:
            status, headers, body = answer
        entry = {
            "time": arrived,
            "path": self.path,
            "status": status,
            "user_agent": self.headers.get("User-Agent"),
            "body": body,
        }
        with server.lock:
            server.served.log.append(entry)
        self.send_response(status)
        for name, value in headers.items():
            if name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(
    site: Site, mutate: Mutation = unchanged, intercept: Intercept | None = None
) -> Iterator[Served]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site, server.mutate, server.intercept = site, mutate, intercept
    server.lock = threading.Lock()
    server.served = Served(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.served
    finally:
        server.shutdown()
        server.server_close()


def doctor_app() -> typer.Typer:
    app = typer.Typer()
    doctor_cli.register(app)
    app.command("noop")(lambda: None)  # a second command keeps typer from flattening the app
    return app


def run_cli(url: str, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """``wdtk doctor --base-url URL ARGS`` (unlimited rate on loopback unless ARGS say)."""
    result = CliRunner().invoke(
        doctor_app(), ["doctor", "--base-url", url, *args], env={"WDTK_RATE": "0", **(env or {})}
    )
    return result.exit_code, result.output
