"""Incremental runs: nothing new costs no thread fetch; a moved clock costs about the changes.

The replica (200 requests, seed 7) is crawled once; a rerun with no change must fetch no
thread or attachment page. Then its clock moves 30 days with 5 % churn, which for this seed
includes a rename and a takedown, and the rerun's thread fetches are counted from the
server's access log.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from db.engine import make_engine
from db.models import CrawlState
from pipeline.states import INDEXED_EVENT_TYPES
from scraper.replica import ReplicaServer
from tests.scraper.harvest.support import (
    Harvest,
    attachment_fetches,
    html_fetches,
    replica,
    thread_fetches,
)


@dataclass
class Scenario:
    harvest: Harvest
    quiet_log: list[dict]
    changed: set[int]
    kinds: dict[int, str]
    moved_log: list[dict]


def _state(harvest: Harvest) -> dict[int, CrawlState]:
    engine = make_engine(harvest.db_url)
    try:
        with engine.connect() as conn:
            return {row.request_id: row for row in conn.execute(select(CrawlState))}
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def scenario(reference: Harvest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    root = tmp_path_factory.mktemp("incremental")
    with ReplicaServer(replica(200, seed=7)) as server:
        # The session's reference crawl is a full crawl of this very corpus: start from a copy.
        harvest = reference.copy_to(root, server)
        mark = harvest.mark()
        harvest.run("discover")
        harvest.run("threads")
        harvest.run("attachments")
        quiet = harvest.log_since(mark)
        site = server.replica
        changed = site.advance(30, 0.05)
        kinds = {m.request_id: m.kind for m in site.mutations()}
        mark = harvest.mark()
        harvest.run("discover")
        harvest.run("threads")
        yield Scenario(harvest, quiet, changed, kinds, harvest.log_since(mark))


def test_a_rerun_without_changes_fetches_no_thread(scenario: Scenario) -> None:
    assert thread_fetches(scenario.quiet_log) == []


def test_a_rerun_without_changes_fetches_no_attachment(scenario: Scenario) -> None:
    assert attachment_fetches(scenario.quiet_log) == []


def test_the_scenario_has_a_rename_and_a_takedown(scenario: Scenario) -> None:
    assert {"rename", "takedown"} <= set(scenario.kinds.values())


def test_thread_pages_fetched_are_at_most_105_percent_of_the_changes(scenario: Scenario) -> None:
    fetched = html_fetches(scenario.moved_log)
    assert 0 < len(fetched) <= 1.05 * len(scenario.changed)


def test_every_thread_page_fetched_belongs_to_a_changed_request(scenario: Scenario) -> None:
    site = scenario.harvest.server.replica
    slugs = {
        path.split("?")[0].removeprefix("/request/") for path in html_fetches(scenario.moved_log)
    }
    assert {site.resolve_slug(slug) for slug in slugs} <= scenario.changed


def test_json_fetches_stay_within_two_per_change_plus_a_margin(scenario: Scenario) -> None:
    # /request/<id>.json answers 301 to the slug form: two requests per known request.
    assert len(thread_fetches(scenario.moved_log)) <= 3 * 1.05 * len(scenario.changed)


def test_a_renamed_request_is_known_under_its_new_slug(scenario: Scenario) -> None:
    site = scenario.harvest.server.replica
    state = _state(scenario.harvest)
    renamed = [rid for rid, kind in scenario.kinds.items() if kind == "rename"]
    assert renamed
    assert {rid: state[rid].url_title for rid in renamed} == {
        rid: site.slug_of(rid) for rid in renamed
    }


def test_a_taken_down_request_is_marked_gone_with_403(scenario: Scenario) -> None:
    state = _state(scenario.harvest)
    taken = [rid for rid, kind in scenario.kinds.items() if kind == "takedown"]
    assert taken
    assert {(state[rid].gone, state[rid].last_http_status) for rid in taken} == {(True, 403)}


def test_every_request_with_a_listed_event_is_known_after_the_rerun(scenario: Scenario) -> None:
    site = scenario.harvest.server.replica
    listable = {
        rid
        for rid in site.listed_ids()
        if any(e.event_type in INDEXED_EVENT_TYPES for e in site.truth(rid).record.events)
    }
    visible = {rid for rid, row in _state(scenario.harvest).items() if not row.gone}
    assert listable <= visible


def test_new_responses_are_in_crawl_state(scenario: Scenario) -> None:
    site = scenario.harvest.server.replica
    state = _state(scenario.harvest)
    answered = [rid for rid, kind in scenario.kinds.items() if kind in ("response", "followup")]
    assert answered
    newest = {rid: max(e.id for e in site.truth(rid).record.events) for rid in answered}
    assert {rid: state[rid].last_event_id for rid in answered} == newest
