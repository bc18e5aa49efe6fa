"""Fixtures for the harvest tests: one full reference crawl of the replica per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scraper.replica import ReplicaServer
from tests.scraper.harvest.support import Harvest, replica


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harvest]:
    """A full, fault-free crawl of a 200-request replica (seed 7), shared by the session."""
    root = tmp_path_factory.mktemp("reference")
    with ReplicaServer(replica(200)) as server:
        harvest = Harvest(server, f"sqlite:///{root / 'ref.sqlite3'}", root / "data")
        harvest.full()
        yield harvest
