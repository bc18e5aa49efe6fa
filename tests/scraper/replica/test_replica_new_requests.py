"""Requests created while the clock moves: histories, /list, /version.json, truth, changes.

On WhatDoTheyKnow every request has its ``sent`` event from the moment it exists (indexed, so
it shows in /list under its sent date), and gathers responses and classifications later. The
replica's requests created by ``advance`` must look the same to a crawler, seen over HTTP.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

import pytest

from scraper.replica import Replica, ReplicaServer
from scraper.replica.history import london_date
from scraper.replica.jsonapi import request_json
from scraper.replica.timeline import BASE_CLOCK
from tests.support import optional_shared

ENTRY_LINK = re.compile(r'<span class="head">\s*<a href="/request/([^"#]+)')
NEXT_PAGE = re.compile(r'href="[^"]*[?&;]page=(\d+)"[^>]*>\s*Next')


@dataclass
class Advanced:
    client: Any  # conftest.Client
    replica: Replica
    since: datetime
    changed_ids: list[int]
    new_ids: list[int]  # created by the advance and served with a 200


def get_json(client: Any, path: str) -> Any:
    reply = client.follow(path)
    assert reply.status == 200, path
    return reply.json()


def list_slugs(client: Any, query: str = "") -> list[str]:
    """Every request linked from /list[?query], walking its pages."""
    slugs: list[str] = []
    page = 1
    while True:
        sep = "&" if query else ""
        reply = client.get(f"/list?{query}{sep}page={page}")
        assert reply.status == 200
        slugs += ENTRY_LINK.findall(reply.text)
        if not NEXT_PAGE.search(reply.text):
            return slugs
        page += 1


def day_query(moment: datetime) -> str:
    day = london_date(moment).strftime("%d/%m/%Y")
    return f"request_date_after={quote(day, safe='')}&request_date_before={quote(day, safe='')}"


@pytest.fixture(scope="module")
def advanced(client_for) -> Iterator[Advanced]:
    replica = Replica(requests=120, seed=11, seed_letters=optional_shared("seeds"))
    with ReplicaServer(replica) as server:
        client = client_for(server.url)
        before = set(get_json(client, "/_replica/ids.json")["existing"])
        reply = client.request(
            "/_replica/clock", method="POST", body=json.dumps({"days": 30, "churn": 0.05}).encode()
        )
        moved = reply.json()
        visible = get_json(client, "/_replica/ids.json")["visible"]
        new_ids = sorted(set(visible) - before)
        since = datetime.fromisoformat(moved["since"])
        yield Advanced(client, replica, since, moved["changed_ids"], new_ids)


def created_at(advanced: Advanced, request_id: int) -> datetime:
    record = get_json(advanced.client, f"/_replica/truth/{request_id}.json")["record"]
    return datetime.fromisoformat(record["created_at"])


def test_the_advance_creates_visible_requests(advanced):
    assert len(advanced.new_ids) >= 5


def test_every_new_request_has_events_in_its_json(advanced):
    empty = [
        rid
        for rid in advanced.new_ids
        if not get_json(advanced.client, f"/request/{rid}.json")["info_request_events"]
    ]
    assert empty == []


def test_every_new_request_starts_with_its_sent_event_at_creation(advanced):
    for rid in advanced.new_ids:
        first = get_json(advanced.client, f"/request/{rid}.json")["info_request_events"][0]
        assert (first["event_type"], datetime.fromisoformat(first["created_at"])) == (
            "sent",
            created_at(advanced, rid),
        )


def test_no_served_event_is_after_the_clock(advanced):
    clock = datetime.fromisoformat(get_json(advanced.client, "/_replica/clock")["clock"])
    late = [
        (rid, e["created_at"])
        for rid in advanced.new_ids
        for e in get_json(advanced.client, f"/request/{rid}.json")["info_request_events"]
        if datetime.fromisoformat(e["created_at"]) > clock
    ]
    assert late == []


def test_some_new_request_already_has_a_response(advanced):
    types = {
        e["event_type"]
        for rid in advanced.new_ids
        for e in get_json(advanced.client, f"/request/{rid}.json")["info_request_events"]
    }
    assert "response" in types


def test_every_new_listed_request_is_in_the_list_of_its_sent_day(advanced):
    listed = set(get_json(advanced.client, "/_replica/ids.json")["listed"])
    missing = []
    for rid in advanced.new_ids:
        if rid not in listed:
            continue
        slug = get_json(advanced.client, f"/request/{rid}.json")["url_title"]
        if slug not in list_slugs(advanced.client, day_query(created_at(advanced, rid))):
            missing.append(rid)
    assert missing == []


def test_visible_request_count_is_the_number_of_requests_reachable_through_list(advanced):
    # Alaveteli counts InfoRequest.is_searchable: normal prominence, not embargoed. Those are
    # exactly the requests /list can show; backpage requests answer 200 but are in neither.
    count = get_json(advanced.client, "/version.json")["visible_request_count"]
    assert count == len(set(list_slugs(advanced.client)))


def test_backpage_requests_are_served_but_not_listed(advanced):
    ids = get_json(advanced.client, "/_replica/ids.json")
    backpage = sorted(set(ids["visible"]) - set(ids["listed"]))
    assert backpage
    slugs = set(list_slugs(advanced.client))
    for rid in backpage:
        data = get_json(advanced.client, f"/request/{rid}.json")
        assert (data["prominence"], data["url_title"] in slugs) == ("backpage", False)


def test_every_new_request_is_among_the_changed_ids(advanced):
    assert set(advanced.new_ids) <= set(advanced.changed_ids)


def test_changes_endpoint_agrees_with_the_advance(advanced):
    since = quote(advanced.since.isoformat(), safe="")
    changes = get_json(advanced.client, f"/_replica/changes?since={since}")
    assert changes["changed_ids"] == advanced.changed_ids


def test_truth_of_every_new_request_has_thread_items(advanced):
    bare = [
        rid
        for rid in advanced.new_ids
        if not get_json(advanced.client, f"/_replica/truth/{rid}.json")["page"]["items"]
    ]
    assert bare == []


def json_snapshot(replica: Replica) -> dict[int, str]:
    out = {}
    for rid in replica.existing_ids():
        r = replica.request(rid)
        assert r is not None
        out[rid] = json.dumps(request_json(r, {})) if r.public else replica._visibility(rid)
    return out


SCRIPTED = ("response", "status_update", "followup_sent", "comment")


def scripted_events(replica: Replica, request_id: int) -> int:
    r = replica.request(request_id)
    assert r is not None
    return sum(e.type in SCRIPTED for e in r.events)


@pytest.fixture
def two_windows() -> tuple[Replica, datetime, dict[int, str], dict[int, int]]:
    """20 quiet days (new requests arrive), a snapshot, then 40 more quiet days."""
    replica = Replica(requests=120, seed=11, seed_letters=None)
    replica.advance(20, churn=0.0)
    first_clock, before = replica.clock, json_snapshot(replica)
    arrived = {
        rid: scripted_events(replica, rid)
        for rid in replica.existing_ids()
        if replica.request(rid).created_at > BASE_CLOCK
    }
    replica.advance(40, churn=0.0)
    return replica, first_clock, before, arrived


def test_new_requests_gain_scripted_events_later_without_churn(two_windows):
    replica, _, _, arrived = two_windows
    grown = [rid for rid, n in arrived.items() if scripted_events(replica, rid) > n]
    assert grown


def test_changed_ids_are_exactly_the_requests_whose_json_changed_without_churn(two_windows):
    replica, first_clock, before, _ = two_windows
    after = json_snapshot(replica)
    differ = {rid for rid in after if before.get(rid) != after[rid]}
    assert replica.changed_ids(first_clock) == differ


def test_a_later_event_of_a_new_request_marks_it_changed(two_windows):
    replica, first_clock, _, arrived = two_windows
    grown = {rid for rid, n in arrived.items() if scripted_events(replica, rid) > n}
    assert grown <= replica.changed_ids(first_clock)


def test_pages_of_new_requests_are_byte_identical_across_runs(client_for):
    def pages() -> list[bytes]:
        replica = Replica(requests=80, seed=5, seed_letters=None)
        before = set(replica.existing_ids())
        replica.advance(10, churn=0.1)
        replica.advance(15, churn=0.1)
        with ReplicaServer(replica) as server:
            client = client_for(server.url)
            new = sorted(set(replica.visible_ids()) - before)
            assert new
            return [client.follow(f"/request/{rid}").body for rid in new] + [
                client.get("/list").body
            ]

    assert pages() == pages()
