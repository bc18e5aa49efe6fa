"""The archive backfill against the replica's own Wayback-style archive (loopback only).

* The rows it gives equal a live crawl of the replica at the moment of the capture, for every
  request whose JSON and thread page were captured together.
* A live crawl after it fetches from the site only what changed since the capture or what
  the archive lacks.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.engine import make_engine
from db.models import CrawlState, Quarantine, RawPage, Request
from scraper.replica import ReplicaServer
from tests.scraper.archive.support import (
    HTML_COLUMNS,
    archive,
    crawl,
    normalise_all,
    replica,
    request_paths,
    rows,
)

N = 100


@dataclass
class Backfill:
    server: ReplicaServer
    db_path: Path
    data: Path
    result: dict[str, Any]
    snapshots: list[datetime]

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.db_path}"


@pytest.fixture(scope="module")
def backfill(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backfill]:
    root = tmp_path_factory.mktemp("backfill")
    with ReplicaServer(replica(N), archive=True) as server:
        assert server.archive is not None
        db_path = root / "archive.sqlite3"
        result = archive(server.url, f"sqlite:///{db_path}", root / "data")
        normalise_all(f"sqlite:///{db_path}")
        yield Backfill(server, db_path, root / "data", result, list(server.archive.snapshots))


def _captures(db_url: str) -> dict[int, dict[str, Any]]:
    """Per request, the newest archived JSON and thread page: capture time, URL."""
    engine = make_engine(db_url)
    newest: dict[int, dict[str, Any]] = {}
    with engine.connect() as conn:
        for kind, rid, at, url in conn.execute(
            select(RawPage.kind, RawPage.request_id, RawPage.captured_at, RawPage.original_url)
            .where(RawPage.source == "archive")
        ):  # fmt: skip
            mine = newest.setdefault(rid, {})
            if kind not in mine or at > mine[kind][0]:
                mine[kind] = (at, url)
    engine.dispose()
    return newest


def test_the_backfill_fills_the_database_with_the_captured_requests(backfill: Backfill) -> None:
    counters = backfill.result["counters"]
    assert backfill.result["status"] == "finished"
    assert counters["captured_both"] > 20 and counters["captured_json_only"] > 0
    assert counters["captured_html_only"] > 0
    archived = rows(backfill.db_url)
    captured = _captures(backfill.db_url)
    with_json = {rid for rid, c in captured.items() if "request_json" in c}
    assert set(archived) == with_json
    assert sum(len(r["messages"]) for r in archived.values()) > 100
    engine = make_engine(backfill.db_url)
    with engine.connect() as conn:
        provenance = conn.execute(
            select(Request.id, Request.captured_at, Request.data_source)
        ).all()  # fmt: skip
        waiting = conn.execute(
            select(Quarantine.reason, Quarantine.raw_page_id).where(Quarantine.resolved_at.is_(None))
        ).all()  # fmt: skip
        due_now = set(conn.execute(
            select(CrawlState.request_id).where(CrawlState.next_check_at <= datetime.now().astimezone())
        ).scalars())  # fmt: skip
    engine.dispose()
    for rid, at, source in provenance:
        times = [captured[rid][k][0] for k in ("request_json", "thread_html") if k in captured[rid]]
        assert source == "archive" and at == min(times), rid
        assert at in backfill.snapshots
    # Captured only as HTML: waiting for the JSON a live crawl will fetch (due at once).
    html_only = {rid for rid, c in captured.items() if "request_json" not in c}
    assert html_only and html_only <= due_now
    assert {reason for reason, _ in waiting} == {"no_request_json"}
    # Captured only as JSON: the thread page is due from the site.
    json_only = {rid for rid, c in captured.items() if "thread_html" not in c}
    assert json_only <= due_now


def test_common_crawl_records_give_the_same_rows_as_the_wayback_captures(
    backfill: Backfill, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path / 'commoncrawl.sqlite3'}"
    result = crawl("archive", backfill.server.url, db_url, backfill.data,
                   "WDTK_ARCHIVE=commoncrawl", f"WDTK_ARCHIVE_URL={backfill.server.url}")  # fmt: skip
    assert result["status"] == "finished"
    assert result["counters"]["crawls"] == len(backfill.snapshots)
    assert (
        result["counters"]["captured_requests"] == backfill.result["counters"]["captured_requests"]
    )
    normalise_all(db_url)
    assert rows(db_url) == rows(backfill.db_url)
    engine = make_engine(db_url)
    with engine.connect() as conn:
        archives = set(conn.execute(select(RawPage.archive)).scalars())
    engine.dispose()
    assert archives == {"commoncrawl"}


def test_the_backfill_equals_a_live_crawl_of_the_same_moment(
    backfill: Backfill, tmp_path: Path
) -> None:
    archived = rows(backfill.db_url)
    captured = _captures(backfill.db_url)
    compared = 0
    for moment in backfill.snapshots:
        same = {
            rid for rid, c in captured.items()
            if "request_json" in c and c["request_json"][0] == moment
            and c.get("thread_html", (moment,))[0] == moment
        }  # fmt: skip
        if not same:
            continue
        db_url = f"sqlite:///{tmp_path / f'live-{moment:%Y%m%d}.sqlite3'}"
        with ReplicaServer(replica(N, now=moment)) as then:
            crawl("discover", then.url, db_url, tmp_path / "data")
            crawl("threads", then.url, db_url, tmp_path / "data")
        normalise_all(db_url)
        live = rows(db_url)
        for rid in same:
            got, want = archived[rid], live[rid]
            has_html = "thread_html" in captured[rid]
            skip = set() if has_html else HTML_COLUMNS
            assert {k: v for k, v in got["request"].items() if k not in skip} == {
                k: v for k, v in want["request"].items() if k not in skip
            }, rid
            assert got["events"] == want["events"], rid
            if not has_html:
                assert not got["messages"], rid
                continue
            unfolded = captured[rid]["thread_html"][1].endswith("?unfold=1")
            assert got["messages"].keys() == want["messages"].keys(), rid
            for key, message in got["messages"].items():
                expected = dict(want["messages"][key])
                if not unfolded:
                    # A page captured without ?unfold=1 has no quoted sections: unknown, not empty.
                    assert message["quoted_text"] is None
                    expected["quoted_text"] = None
                assert message == expected, (rid, key)
            assert got["attachments"] == want["attachments"], rid
            compared += 1
    assert compared > 20


def test_a_live_crawl_after_the_backfill_fetches_only_what_changed_or_is_missing(
    backfill: Backfill, tmp_path: Path
) -> None:
    db_path = tmp_path / "after.sqlite3"
    shutil.copy(backfill.db_path, db_path)
    db_url = f"sqlite:///{db_path}"
    live = backfill.server.replica
    made = live.clock
    live.advance(3, churn=0.1)
    captured = _captures(backfill.db_url)
    complete = {rid for rid, c in captured.items() if len(c) == 2}
    changed: set[int] = set()
    for rid, c in captured.items():
        since = min(at for at, _ in c.values())
        now = live.request(rid)
        # Not as captured: an event since (changed_ids only follows the base clock on), or
        # not public any more.
        if now is None or not now.public or any(e.at > since for e in now.events):
            changed.add(rid)
    mark = len(backfill.server.log)
    crawl("discover", backfill.server.url, db_url, backfill.data, "WDTK_PROBE_LIMIT=0")
    crawl("threads", backfill.server.url, db_url, backfill.data)
    paths = request_paths(backfill.server.log[mark:])
    fetched = {_request_id(live, p) for p in paths if p.endswith(".json")} - {None}
    # Nothing the archive held whole and that has not changed since is asked of the site.
    assert not (fetched & (complete - changed))
    # What the archive lacks comes from the site: never captured, or half captured.
    listed = set(live.listed_ids())
    assert (listed - set(captured)) <= fetched
    assert ((listed & set(captured)) - complete) <= fetched
    # Activity after the capture that /list shows (responses, follow-ups, annotations,
    # renames) is found and fetched.
    active = {m.request_id for m in live.mutations()
              if m.at > made and m.kind in ("response", "followup", "annotation", "rename")}  # fmt: skip
    assert (active & listed) <= fetched
    thread_pages = [p for p in paths if "unfold=1" in p]
    assert len(thread_pages) <= len(fetched)
    assert made + timedelta(days=3) == live.clock


def _request_id(live: Any, path: str) -> int | None:
    key = path.removeprefix("/request/").removesuffix(".json").split("?")[0]
    if key.isdigit():
        return int(key)
    return live.resolve_slug(key)
