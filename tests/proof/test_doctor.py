"""wdtk doctor: passes on the replica; names the selector, field, rule or wall a changed site
broke, as the parser names it; fetches as politely as the crawl (it is the crawl's Scrapy)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scraper.replica import Replica, ReplicaServer
from scraper.replica.site import Site
from tests.proof.doctor_support import doctor_app, in_threads, run_cli, serve

REPLICA = {"requests": 60, "seed": 7}


@pytest.fixture(scope="module")
def site() -> Site:
    return Site(Replica(**REPLICA))


def test_replica_passes(site: Site) -> None:
    with serve(site) as served:
        code, output = run_cli(served.url)
    assert (code, " checks, ok (" in output, "FAIL" in output) == (0, True, False)


def test_renamed_status_class_fails_naming_the_selector(site: Site) -> None:
    with serve(site, in_threads(b"request-status-message", b"request-status-banner")) as served:
        code, output = run_cli(served.url)
    assert (code, "FAIL thread: div#request_status.request-status-message--<status>" in output) == (
        1,
        True,
    )


def test_a_class_the_parser_does_not_read_may_change(site: Site) -> None:
    # The dates are read from the header's <time>, whatever the link's class: no false alarm.
    with serve(site, in_threads(b"correspondence__header__date", b"correspondence__date")) as s:
        code, output = run_cli(s.url)
    assert (code, "FAIL" in output) == (0, False)


def test_renamed_attachment_list_fails_naming_the_selector(site: Site) -> None:
    with serve(site, in_threads(b"list-of-attachments", b"attachments-list")) as served:
        code, output = run_cli(served.url)
    assert (code, "FAIL thread: ul.list-of-attachments li.attachment" in output) == (1, True)


def test_renamed_message_blocks_fail_naming_the_selector(site: Site) -> None:
    mutate = in_threads(b" correspondence ", b" message ")
    with serve(site, mutate) as served:
        code, output = run_cli(served.url)
    assert (
        code,
        "FAIL thread: div.correspondence.incoming|outgoing — no message block" in output,
    ) == (
        1,
        True,
    )


def test_renamed_list_item_class_fails_naming_the_selector(site: Site) -> None:
    def mutate(path: str, body: bytes) -> bytes:
        return body.replace(b"request_listing", b"request-listing") if path == "/list" else body

    with serve(site, mutate) as served:
        code, output = run_cli(served.url)
    assert (code, "FAIL list: div.request_listing — a result count" in output) == (1, True)


def test_json_field_of_wrong_type_fails_naming_the_field(site: Site) -> None:
    def mutate(path: str, body: bytes) -> bytes:
        if path.endswith(".json"):
            return re.sub(
                rb'"awaiting_description":\s*(true|false)', rb'"awaiting_description":"no"', body
            )
        return body

    with serve(site, mutate) as served:
        code, output = run_cli(served.url)
    assert (code, "FAIL json: awaiting_description — field 'awaiting_description'" in output) == (
        1,
        True,
    )


def test_renamed_csv_column_fails_naming_it(site: Site) -> None:
    def mutate(path: str, body: bytes) -> bytes:
        return body.replace(b"URL name", b"Slug", 1) if path.endswith(".csv") else body

    with serve(site, mutate) as served:
        code, output = run_cli(served.url)
    assert (code, "FAIL csv: column 'URL name' — all-authorities.csv header" in output) == (1, True)


def test_robots_losing_the_attachment_allow_fails_naming_the_rule(site: Site) -> None:
    def mutate(path: str, body: bytes) -> bytes:
        if path == "/robots.txt":
            return body.replace(b"Allow: */request/*/response/*/attach/*\n", b"")
        return body

    with serve(site, mutate) as served:
        code, output = run_cli(served.url)
    assert (
        code,
        "FAIL robots: Allow /request/some_request/response/123/attach/2/letter.pdf" in output,
    ) == (1, True)


def test_doctor_obeys_robots_for_its_own_fetches(site: Site) -> None:
    def mutate(path: str, body: bytes) -> bytes:
        return body + b"Disallow: */list*\n" if path == "/robots.txt" else body

    with serve(site, mutate) as served:
        code, output = run_cli(served.url)
        asked = served.paths()
    assert (code, "FAIL list: GET /list — robots.txt disallows /list" in output) == (1, True)
    assert "/list" not in asked and asked[0] == "/robots.txt"


def test_json_report_lists_every_fetch_as_the_server_saw_them(site: Site) -> None:
    with serve(site) as served:
        code, output = run_cli(served.url, "--json")
        asked = served.paths()
        agents = {e["user_agent"] for e in served.log}
    report = json.loads(output)
    assert (code, report["ok"]) == (0, True)
    assert report["fetched"][:4] == [
        "/robots.txt",
        "/version.json",
        "/body/all-authorities.csv",
        "/list",
    ]
    assert report["fetched"] == asked
    # The crawl's thread URL, and at most 4 + 2 * max_threads requests.
    assert any(p.endswith("?unfold=1") for p in asked) and len(asked) <= 4 + 2 * 5
    assert len(agents) == 1 and next(iter(agents)).startswith("wdtk-pipeline/")


def test_requests_arrive_no_faster_than_the_rate(site: Site) -> None:
    with serve(site) as served:
        code, _ = run_cli(served.url, "--rate", "5")
        times = [e["time"] for e in served.log]
    assert code == 0 and len(times) >= 6
    # The same rule as the crawl's (tests/scraper/harvest/test_harvest_robustness.py): Scrapy
    # spaces the *sending* 0.2 s apart, but the server logs a request once it has answered it,
    # so on a loaded machine two entries can land close together. What must hold is the rate:
    # at most 5 in any second (plus one where the second starts), and 5 a second on average.
    busiest = max(sum(1 for t in times if start <= t < start + 1.0) for start in times)
    assert busiest <= 5 + 1
    assert (len(times) - 1) / (times[-1] - times[0]) <= 5.0 * 1.02


def test_retry_after_is_honoured(site: Site) -> None:
    def busy_once(path: str, before: int) -> tuple[int, dict[str, str], bytes] | None:
        if path == "/list" and before == 0:
            return 429, {"Retry-After": "1", "Content-Type": "text/plain"}, b"slow down"
        return None

    with serve(site, intercept=busy_once) as served:
        code, output = run_cli(served.url)
        lists = [e["time"] for e in served.log if e["path"] == "/list"]
    assert (code, len(lists)) == (0, 2), output
    assert lists[1] - lists[0] >= 1.0


def test_bot_wall_is_named_with_the_routes_that_remain() -> None:
    with ReplicaServer(Replica(**REPLICA), bot_wall=True) as server:
        code, output = run_cli(server.url)
        walled = [e for e in server.log if e["path"].startswith("/request/")]
    assert (code, "FAIL bot-wall: GET /request/" in output, "wdtk crawl archive" in output) == (
        1,
        True,
        True,
    )
    assert len(walled) == 1  # the walled family is not asked again


def test_the_doctor_writes_nothing(site: Site, tmp_path: Path) -> None:
    database = tmp_path / "untouched.sqlite3"
    with serve(site) as served:
        code, _ = run_cli(served.url, env={"WDTK_DATABASE_URL": f"sqlite:///{database}"})
    assert (code, database.exists()) == (0, False)


def test_live_site_without_contact_is_refused() -> None:
    result = CliRunner().invoke(
        doctor_app(),
        ["doctor", "--base-url", "https://www.whatdotheyknow.com"],
        env={"WDTK_CONTACT": ""},
    )
    assert (result.exit_code, "WDTK_CONTACT" in result.output) == (2, True)


def test_no_rate_limit_off_loopback_is_refused() -> None:
    result = CliRunner().invoke(
        doctor_app(),
        ["doctor", "--base-url", "https://www.whatdotheyknow.com", "--rate", "0"],
        env={"WDTK_CONTACT": "ops@example.org"},
    )
    assert (result.exit_code, "loopback" in result.output) == (2, True)
