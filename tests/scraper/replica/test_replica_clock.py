"""Time moves: new requests, churn, takedowns, renames, embargo expiry, and exact change sets."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from scraper.replica import ClockError, Replica, ReplicaServer
from scraper.replica.jsonapi import request_json
from scraper.replica.site import Site


def snapshot(replica: Replica) -> dict[int, str]:
    """What a crawler could see of each request: its JSON (minus body statistics) or its status."""
    out = {}
    for rid in replica.existing_ids():
        r = replica.request(rid)
        assert r is not None
        if not r.public:
            out[rid] = replica._visibility(rid)
            continue
        data = request_json(r, {})
        out[rid] = json.dumps(data)
    return out


def test_default_clock_is_fixed():
    assert Replica(requests=40, seed=1).clock == datetime(2026, 11, 1, 12, tzinfo=UTC)


def test_changed_ids_are_exactly_the_requests_that_changed(fresh):
    before_clock, before = fresh.clock, snapshot(fresh)
    fresh.advance(10, churn=0.2)
    after = snapshot(fresh)
    differ = {rid for rid in after if before.get(rid) != after[rid]}
    assert fresh.changed_ids(before_clock) == differ


def test_advance_returns_the_changed_ids(fresh):
    start = fresh.clock
    changed = fresh.advance(5, churn=0.1)
    assert changed == fresh.changed_ids(start) and changed


def test_churn_touches_about_the_requested_share(fresh):
    public = len(fresh.visible_ids())
    fresh.advance(3, churn=0.25)
    touched = {m.request_id for m in fresh.mutations()}
    assert 0.1 * public <= len(touched) <= 0.4 * public


def test_new_requests_appear_as_time_passes(fresh):
    before = set(fresh.existing_ids())
    fresh.set_now(fresh.clock + timedelta(days=30))
    new = set(fresh.existing_ids()) - before
    assert new and min(new) > max(before)


def test_new_responses_surface_at_the_top_of_list(fresh):
    site = Site(fresh)
    start = fresh.clock
    fresh.advance(4, churn=0.3)
    top = site.index().search()[0][0]
    newest = max(
        (e.at, rid) for rid in fresh.listed_ids() for e in fresh.request(rid).events
        if e.type in ("sent", "followup_sent", "response", "comment") and e.message.prominence == "normal"
    )  # fmt: skip
    assert top == newest[1] and newest[0] > start


def _apply_until(replica: Replica, kind: str) -> int:
    for _serial in range(30):
        replica.advance(2, churn=0.5)
        found = [m for m in replica.mutations() if m.kind == kind]
        if found:
            return found[-1].request_id
    raise AssertionError(f"no {kind} in 30 windows")


def test_takedown_makes_the_page_403_and_drops_it_from_list_and_count(fresh):
    rid = _apply_until(fresh, "takedown")
    site = Site(fresh)
    assert site.handle("GET", f"/request/{fresh.slug_of(rid)}").status == 403
    assert rid not in {hit[0] for hit in site.index().search()}
    assert rid not in fresh.listed_ids()
    assert json.loads(site.handle("GET", "/version.json").body)["visible_request_count"] == len(
        fresh.listed_ids()
    )


def test_rename_changes_the_slug_and_the_old_slug_404s(fresh):
    rid = _apply_until(fresh, "rename")
    site = Site(fresh)
    old = fresh.old_slugs(rid)
    assert old and old[-1] != fresh.slug_of(rid)
    assert site.handle("GET", f"/request/{old[-1]}").status == 404
    assert site.handle("GET", f"/request/{fresh.slug_of(rid)}").status == 200
    assert (
        site.handle("GET", f"/request/{rid}").headers["Location"]
        == f"/request/{fresh.slug_of(rid)}"
    )


def test_renames_prefer_recent_requests(fresh):
    for _ in range(15):
        fresh.advance(2, churn=0.5)
    renamed = [m for m in fresh.mutations() if m.kind == "rename"]
    recent = [
        m for m in renamed if m.at - fresh.request(m.request_id).created_at < timedelta(days=120)
    ]
    assert renamed and len(recent) / len(renamed) > 0.5


def test_embargoed_request_becomes_public_with_embargo_events():
    replica = Replica(requests=300, seed=7, seed_letters=None)
    rid = next(r for r in replica.existing_ids() if replica._visibility(r) == "embargoed")
    until = replica.corpus.static(rid).embargo_until
    replica.set_now(until + timedelta(hours=1))
    types = [e.type for e in replica.request(rid).events]
    assert (
        replica._visibility(rid) == "public"
        and "set_embargo" in types
        and "expire_embargo" in types
    )
    assert rid in replica.changed_ids(until - timedelta(hours=1))


def test_overdue_comes_from_working_days_and_logs_an_event():
    replica = Replica(requests=300, seed=7, seed_letters=None)
    r = next(
        replica.request(rid)
        for rid in replica.listed_ids()
        if replica.request(rid).status == "waiting_response"
    )
    replica.set_now(
        datetime.combine(r.due_date + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
        + timedelta(hours=12)
    )
    later = replica.request(r.id)
    assert later.status == "waiting_response_overdue"
    assert [e.type for e in later.events if e.type == "overdue"] == ["overdue"]


def test_school_requests_are_very_late_only_after_60_working_days():
    from pipeline.workdays import add_working_days
    from scraper.replica.history import london_date

    replica = Replica(requests=300, seed=7, seed_letters=None)
    school = [
        replica.request(rid)
        for rid in replica.listed_ids()
        if replica.request(rid).authority.is_school
    ]
    # Requests whose clock never restarted (no resend, no clarification).
    r = next(
        r
        for r in school
        if not any(e.type in ("resent", "send_error", "followup_sent") for e in r.events)
    )
    start = london_date(next(e.at for e in r.events if e.type == "sent"))
    assert r.very_overdue_date in (
        add_working_days(start, 60),
        add_working_days(start, 60, "scotland"),
    )


def test_clock_cannot_go_backwards(fresh):
    with pytest.raises(ClockError):
        fresh.set_now(fresh.clock - timedelta(days=1))


def test_clock_moves_over_http(fresh, client_for):
    with ReplicaServer(fresh) as server:
        client = client_for(server.url)
        reply = client.request(
            "/_replica/clock", method="POST", body=json.dumps({"days": 3, "churn": 0.1}).encode()
        )
        data = reply.json()
        assert (
            data["clock"] == (datetime(2026, 11, 1, 12, tzinfo=UTC) + timedelta(days=3)).isoformat()
        )
        assert data["changed_ids"] == sorted(
            fresh.changed_ids(datetime.fromisoformat(data["since"]))
        )
        assert client.get("/_replica/clock").json()["clock"] == data["clock"]


def test_same_seed_and_advances_give_identical_pages():
    def pages() -> list[bytes]:
        replica = Replica(requests=80, seed=5, seed_letters=None)
        replica.advance(6, churn=0.2)
        site = Site(replica)
        return [
            site.handle("GET", f"/request/{replica.slug_of(rid)}").body
            for rid in replica.visible_ids()
        ] + [site.handle("GET", "/list").body]

    assert pages() == pages()
