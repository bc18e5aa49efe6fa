"""Fixtures for the replica tests: small corpora, a running server, an HTTP client."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from scraper.replica import Replica, ReplicaServer
from tests.support import optional_shared


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> object:
        return json.loads(self.body)


class Client:
    """A plain http.client user agent that does not follow redirects."""

    def __init__(self, base: str, user_agent: str = "wdtk-tests/1.0 (+tests@example.org)"):
        self.netloc = urlsplit(base).netloc
        self.user_agent = user_agent

    def request(
        self,
        path: str,
        method: str = "GET",
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
    ) -> Reply:
        connection = http.client.HTTPConnection(self.netloc, timeout=30)
        try:
            connection.request(
                method, path, body=body, headers={"User-Agent": self.user_agent, **(headers or {})}
            )
            response = connection.getresponse()
            data = response.read()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        finally:
            connection.close()

    def get(self, path: str, **headers: str) -> Reply:
        return self.request(path, headers=headers)

    def follow(self, path: str, limit: int = 5) -> Reply:
        reply = self.get(path)
        while reply.status in (301, 302, 303) and limit:
            reply, limit = self.get(reply.headers["location"]), limit - 1
        return reply


@pytest.fixture(scope="session")
def replica() -> Replica:
    """A read-only corpus shared by tests that never move the clock (with the real seed letters
    when ../shared is here, their synthetic stand-ins otherwise)."""
    return Replica(requests=300, seed=7, seed_letters=optional_shared("seeds"))


@pytest.fixture(scope="session")
def server(replica: Replica) -> Iterator[ReplicaServer]:
    with ReplicaServer(replica) as running:
        yield running


@pytest.fixture(scope="session")
def client(server: ReplicaServer) -> Client:
    return Client(server.url)


@pytest.fixture
def fresh() -> Replica:
    """A corpus of its own, for tests that move the clock."""
    return Replica(requests=120, seed=11, seed_letters=optional_shared("seeds"))


@pytest.fixture(scope="session")
def client_for() -> type[Client]:
    """The client class, for tests that start a server of their own."""
    return Client
