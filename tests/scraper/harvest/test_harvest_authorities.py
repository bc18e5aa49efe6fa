"""`authorities` against the replica: the CSV's bodies, their tags as columns, JSON counts.

The spider stores the CSV and the body JSON; normalise loads them (as every flow runs it)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.engine import make_engine
from db.models import Authority
from scraper.replica import ReplicaServer
from tests.scraper.harvest.support import Harvest, replica


def test_catalogue_matches_the_sites_csv(tmp_path: Path) -> None:
    with ReplicaServer(replica(30)) as server:
        harvest = Harvest(server, f"sqlite:///{tmp_path / 'bodies.sqlite3'}", tmp_path / "data")
        result = harvest.run("authorities")
        harvest.normalise()
        bodies = [
            b
            for b in server.replica.corpus.authorities()
            if "site_administration" not in b.tag_names
        ]
    engine = make_engine(harvest.db_url)
    with engine.connect() as conn:
        rows = {row.id: row for row in conn.execute(select(Authority))}
    engine.dispose()
    assert set(rows) == {b.id for b in bodies}
    assert {b.id: rows[b.id].url_name for b in bodies} == {b.id: b.url_name for b in bodies}
    schools = {b.id for b in bodies if {"school", "academy_trust"} & set(b.tag_names)}
    assert {i for i, row in rows.items() if row.is_school} == schools
    # robots.txt's "*/tor*" also forbids /body/torfaen_…: those bodies keep no JSON counts.
    blocked = {b.id for b in bodies if b.url_name.startswith("tor")}
    assert {i for i, row in rows.items() if row.requests_count is None} == blocked
    assert result["counters"].get("robots_blocked", 0) == len(blocked)
