"""Bot wall, takedown or normal: the pure rules (pipeline.botwall) and the replica's wall."""

from __future__ import annotations

from pipeline.botwall import advice, classify_response, path_family, same_family
from scraper.replica.front import challenge

REMOVED = b"<html><body><h1>Request has been removed</h1><p>This request has been hidden.</p>"


def test_the_replica_challenge_is_a_wall_by_header_and_by_page() -> None:
    page = challenge("/request/some_slug.json")
    headers = page.headers
    assert classify_response(page.status, headers, page.body).kind == "wall"
    # Without the header, the page's own markers still give it away on a refusal status.
    bare = {k: v for k, v in headers.items() if k.lower() != "cf-mitigated"}
    verdict = classify_response(403, bare, page.body)
    assert verdict.kind == "wall" and "Just a moment" in (verdict.reason or "")
    assert classify_response(503, {}, page.body).kind == "wall"


def test_a_takedown_403_is_not_a_wall() -> None:
    verdict = classify_response(403, {"Content-Type": "text/html"}, REMOVED)
    assert verdict.kind == "takedown"


def test_ordinary_answers_are_normal() -> None:
    # Cloudflare injects challenge-platform scripts into ordinary pages: only refusals count.
    page = b"<html><script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script>"
    assert classify_response(200, {}, page).kind == "normal"
    assert classify_response(429, {"Retry-After": "5"}, b"slow down").kind == "normal"
    assert (
        classify_response(404, {}, b"<h1>Sorry, we couldn't find that page</h1>").kind == "normal"
    )
    assert classify_response(403, {}, b"").kind == "normal"  # the circuit breaker's business


def test_the_header_alone_makes_a_wall_whatever_the_status_and_case() -> None:
    assert classify_response(200, [("CF-Mitigated", "Challenge")], b"").kind == "wall"


def test_path_families() -> None:
    assert path_family("https://x/request/a_b.json") == "/request/"
    assert path_family("https://x/request/a_b/response/1/attach/2/f.pdf") == "/request/"
    assert path_family("https://x/list?page=2") == "/list"
    assert path_family("https://x/body/all-authorities.csv") == "/body/"
    assert same_family("https://x/request/other", "/request/")
    assert not same_family("https://x/list", "/request/")


def test_the_advice_names_the_three_routes_and_never_evasion() -> None:
    line = advice("https://www.whatdotheyknow.com/request/x.json", "HTTP 403 with cf-mitigated")
    assert "\n" not in line
    for route in ("wdtk crawl archive", "wdtk import", "research access"):
        assert route in line
    assert "will not try to get past it" in line
