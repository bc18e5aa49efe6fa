"""Fault knobs: deterministic per (seed, path, attempt), so a retried request can succeed."""

from __future__ import annotations

import http.client
import json
import socket

import pytest

from scraper.replica import Faults, Replica, ReplicaServer


def serve(**faults: float) -> ReplicaServer:
    return ReplicaServer(Replica(requests=40, seed=2, seed_letters=None, faults=Faults(**faults)))


def raw_get(server: ReplicaServer, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", path, headers={"User-Agent": "fault-test"})
    return connection.getresponse()


def test_rate_limited_is_429_with_retry_after():
    with serve(rate_limited=1.0) as server:
        response = raw_get(server, "/version.json")
        assert (response.status, response.getheader("Retry-After")) == (429, "1")


def test_unavailable_is_503_with_retry_after():
    with serve(unavailable=1.0) as server:
        response = raw_get(server, "/version.json")
        assert (response.status, response.getheader("Retry-After")) == (503, "1")


def test_robots_txt_is_never_faulted():
    with serve(unavailable=1.0) as server:
        assert raw_get(server, "/robots.txt").status == 200


def test_retries_eventually_succeed_and_repeat_identically():
    def statuses() -> list[int]:
        with serve(unavailable=0.5) as server:
            return [raw_get(server, "/version.json").status for _ in range(12)]

    first = statuses()
    assert 200 in first and 503 in first and first == statuses()


def test_truncated_body_is_shorter_than_content_length():
    with serve(truncated=1.0) as server:
        response = raw_get(server, "/version.json")
        with pytest.raises(http.client.IncompleteRead):
            response.read()


def test_bad_encoding_page_is_not_utf8():
    with serve(bad_encoding=1.0) as server:
        slug = server.replica.slug_of(server.replica.listed_ids()[0])
        body = raw_get(server, f"/request/{slug}").read()
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")


def test_bad_json_does_not_parse():
    with serve(bad_json=1.0) as server:
        body = raw_get(server, "/version.json").read()
        with pytest.raises(json.JSONDecodeError):
            json.loads(body)


def test_reset_closes_the_connection_without_a_response():
    with serve(reset=1.0) as server:
        with pytest.raises((ConnectionResetError, http.client.RemoteDisconnected, socket.error)):
            raw_get(server, "/version.json").read()
        assert server.log[-1]["fault"] == "reset"


def test_slow_responses_are_logged_as_slow():
    with serve(slow=1.0) as server:
        assert raw_get(server, "/version.json").status == 200
        assert server.log[-1]["fault"] == "slow"


def test_uniform_sets_every_kind():
    faults = Faults.uniform(0.02)
    assert (faults.rate_limited, faults.unavailable, faults.reset, faults.bad_json) == (
        0.02,
        0.02,
        0.02,
        0.02,
    )


def test_access_log_is_written_as_jsonl(tmp_path):
    log = tmp_path / "access.jsonl"
    with ReplicaServer(Replica(requests=40, seed=2, seed_letters=None), log_path=log) as server:
        raw_get(server, "/robots.txt").read()
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(e["path"], e["status"], e["user_agent"]) for e in entries] == [
        ("/robots.txt", 200, "fault-test")
    ]


def test_server_refuses_non_loopback_hosts():
    from scraper.replica import HostNotAllowed

    with pytest.raises(HostNotAllowed):
        ReplicaServer(Replica(requests=40, seed=2, seed_letters=None), host="0.0.0.0")
