"""``wdtk import``: a WARC of the replica equals a live crawl of it; reruns change nothing and
resume; a damaged record is quarantined and the rest goes in; saved pages find their URL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.engine import make_engine
from db.migrate import upgrade
from db.models import Quarantine, RawPage, Request
from scraper.importer import Importer
from scraper.replica import ReplicaServer
from scraper.replica.warc import write_warc
from scraper.warcfile import read_records
from tests.scraper.archive.support import crawl, normalise_all, replica, rows

N = 60


@dataclass
class Site:
    url: str
    live_db: str
    warc: Path
    live: dict[int, dict[str, Any]]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("import")
    live_db = f"sqlite:///{root / 'live.sqlite3'}"
    the_replica = replica(N)
    with ReplicaServer(the_replica) as server:
        crawl("discover", server.url, live_db, root / "data")
        crawl("threads", server.url, live_db, root / "data")
        normalise_all(live_db)
        warc = root / "site.warc.gz"
        write_warc(the_replica, warc, base_url=server.url)
        yield Site(server.url, live_db, warc, rows(live_db))


def _import(db_url: str, *paths: Path, **kw: Any) -> dict[str, Any]:
    engine = make_engine(db_url)
    upgrade(engine)
    try:
        return Importer(engine, **kw).run(list(paths)).as_dict()
    finally:
        engine.dispose()


def _count(db_url: str, *where: Any, table: Any = RawPage) -> int:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
    engine.dispose()
    return int(n)


def test_a_warc_import_equals_the_live_crawl(site: Site, tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'imported.sqlite3'}"
    report = _import(db_url, site.warc)
    assert report["quarantined"] == 0 and report["stored"] == report["records"]
    normalise_all(db_url)
    imported = rows(db_url)
    assert site.live and set(site.live) <= set(imported)
    for rid, want in site.live.items():
        assert imported[rid] == want, rid
    assert _count(db_url, Request.data_source == "import", table=Request) == len(imported)


def test_importing_again_changes_nothing_and_a_killed_import_resumes(
    site: Site, tmp_path: Path
) -> None:
    once = f"sqlite:///{tmp_path / 'once.sqlite3'}"
    first = _import(once, site.warc)
    stored = _count(once)
    again = _import(once, site.warc)
    assert again["stored"] == 0 and again["records"] == 0
    assert again["resumed"] == first["records"] and _count(once) == stored

    killed = f"sqlite:///{tmp_path / 'killed.sqlite3'}"
    commits: list[str] = []

    def stop_after_two(line: str) -> None:
        commits.append(line)
        if len(commits) == 2:
            raise KeyboardInterrupt  # killed mid-file, after two committed batches

    with pytest.raises(KeyboardInterrupt):
        _import(killed, site.warc, progress=stop_after_two, commit_every=25)
    partial = _count(killed)
    assert 0 < partial < _count(once)
    resumed = _import(killed, site.warc, commit_every=25)
    assert resumed["resumed"] == 50 and _count(killed) == _count(once)


def test_a_damaged_record_is_quarantined_and_the_rest_imported(site: Site, tmp_path: Path) -> None:
    records = [r for r in read_records(site.warc.open("rb"))]
    victim = records[5].offset
    data = bytearray(site.warc.read_bytes())
    data[victim + 30 : victim + 60] = b"\x00" * 30
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(bytes(data))
    db_url = f"sqlite:///{tmp_path / 'damaged.sqlite3'}"
    report = _import(db_url, damaged)
    assert report["quarantined"] == 1
    assert report["stored"] == len(records) - 1
    engine = make_engine(db_url)
    with engine.connect() as conn:
        row = conn.execute(select(Quarantine.__table__)).mappings().one()
    engine.dispose()
    assert row["stage"] == "import" and row["reason"] == "unreadable_record"
    assert f"#{victim}" in row["entity_key"] and "damaged gzip member" in row["detail"]


def test_saved_pages_take_their_url_from_a_sidecar_or_their_canonical_link(
    site: Site, tmp_path: Path
) -> None:
    records = [r for r in read_records(site.warc.open("rb"))]
    json_page = next(r for r in records if r.url.endswith(".json"))
    html_page = next(r for r in records if "unfold=1" in r.url)
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "request.json").write_bytes(json_page.body)
    (folder / "request.json.meta.json").write_text(
        json.dumps({"url": json_page.url, "captured_at": "2026-10-01T08:00:00Z"})
    )
    (folder / "thread.html").write_bytes(html_page.body)  # og:url names the page
    (folder / "orphan.json").write_bytes(json_page.body)  # no sidecar, no canonical link
    db_url = f"sqlite:///{tmp_path / 'saved.sqlite3'}"
    report = _import(db_url, folder)
    assert report["files"] == 3 and report["stored"] == 2 and report["quarantined"] == 1
    engine = make_engine(db_url)
    with engine.connect() as conn:
        stored = dict(conn.execute(select(RawPage.kind, RawPage.captured_at)).all())
        reason = conn.execute(select(Quarantine.reason)).scalar_one()
    engine.dispose()
    assert set(stored) == {"request_json", "thread_html"} and reason == "no_url"
    assert stored["request_json"].isoformat() == "2026-10-01T08:00:00+00:00"
