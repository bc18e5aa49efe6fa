"""wdtk doctor: passes on the replica; names the selector, field or rule a mutated site broke."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import typer
from typer.testing import CliRunner

from flows.cli import doctor as doctor_cli
from pipeline.contract import check_request_json
from scraper.replica import Replica
from scraper.replica.site import Site

Mutation = Callable[[str, bytes], bytes]


@pytest.fixture(scope="module")
def site() -> Site:
    return Site(Replica(requests=60, seed=7))


class _Mutating(ThreadingHTTPServer):
    site: Site
    mutate: Mutation


class _Handler(BaseHTTPRequestHandler):
    server: _Mutating

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        response = self.server.site.handle("GET", self.path, b"")
        body = self.server.mutate(self.path, response.body)
        self.send_response(response.status)
        for name, value in response.headers.items():
            if name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _serve(site: Site, mutate: Mutation) -> Iterator[str]:
    server = _Mutating(("127.0.0.1", 0), _Handler)
    server.site, server.mutate = site, mutate
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _run(site: Site, mutate: Mutation, *args: str) -> tuple[int, str]:
    app = typer.Typer()
    doctor_cli.register(app)
    app.command("noop")(lambda: None)  # a second command keeps typer from flattening the app
    for url in _serve(site, mutate):
        result = CliRunner().invoke(
            app, ["doctor", "--base-url", url, *args], env={"WDTK_RATE": "0"}
        )
        return result.exit_code, result.output
    raise AssertionError("unreachable")


def _unchanged(path: str, body: bytes) -> bytes:
    return body


def _in_threads(old: bytes, new: bytes) -> Mutation:
    def mutate(path: str, body: bytes) -> bytes:
        is_thread = path.startswith("/request/") and not path.endswith(".json")
        return body.replace(old, new) if is_thread else body

    return mutate


def test_replica_passes(site: Site) -> None:
    code, output = _run(site, _unchanged)
    assert (code, " checks, ok (" in output) == (0, True)


def test_renamed_status_class_fails_naming_the_selector(site: Site) -> None:
    code, output = _run(site, _in_threads(b"request-status-message", b"request-status-banner"))
    assert (code, "FAIL thread: div#request_status.request-status-message--<status>" in output) == (
        1,
        True,
    )


def test_renamed_header_date_class_fails_naming_the_selector(site: Site) -> None:
    code, output = _run(site, _in_threads(b"correspondence__header__date", b"correspondence__date"))
    assert (code, "FAIL thread: a.correspondence__header__date > time[datetime]" in output) == (
        1,
        True,
    )


def test_renamed_attachment_list_fails_naming_the_selector(site: Site) -> None:
    code, output = _run(site, _in_threads(b"list-of-attachments", b"attachments-list"))
    assert (code, "FAIL thread: ul.list-of-attachments li.attachment" in output) == (1, True)


def test_renamed_list_item_class_fails_naming_the_selector(site: Site) -> None:
    def mutate(path: str, body: bytes) -> bytes:
        return body.replace(b"request_listing", b"request-listing") if path == "/list" else body

    code, output = _run(site, mutate)
    assert (code, "FAIL list: div.request_listing" in output) == (1, True)


def test_json_field_of_wrong_type_fails_naming_the_field(site: Site) -> None:
    def mutate(path: str, body: bytes) -> bytes:
        if path.endswith(".json"):
            return re.sub(
                rb'"awaiting_description":\s*(true|false)', rb'"awaiting_description":"no"', body
            )
        return body

    code, output = _run(site, mutate)
    assert (code, "FAIL json: awaiting_description — expected bool" in output) == (1, True)


def test_robots_losing_the_attachment_allow_fails_naming_the_rule(site: Site) -> None:
    def mutate(path: str, body: bytes) -> bytes:
        if path == "/robots.txt":
            return body.replace(b"Allow: */request/*/response/*/attach/*\n", b"")
        return body

    code, output = _run(site, mutate)
    assert (
        code,
        "FAIL robots: Allow /request/some_request/response/123/attach/2/letter.pdf" in output,
    ) == (1, True)


def test_doctor_obeys_robots_for_its_own_fetches(site: Site) -> None:
    def mutate(path: str, body: bytes) -> bytes:
        return body + b"Disallow: */list*\n" if path == "/robots.txt" else body

    code, output = _run(site, mutate)
    assert (code, "FAIL list: GET /list — robots.txt disallows /list" in output) == (1, True)


def test_live_site_without_contact_is_refused() -> None:
    app = typer.Typer()
    doctor_cli.register(app)
    app.command("noop")(lambda: None)
    result = CliRunner().invoke(
        app, ["doctor", "--base-url", "https://www.whatdotheyknow.com"], env={"WDTK_CONTACT": ""}
    )
    assert (result.exit_code, "WDTK_CONTACT" in result.output) == (2, True)


def test_json_report_lists_every_fetch(site: Site) -> None:
    import json

    code, output = _run(site, _unchanged, "--json")
    assert code == 0
    report = json.loads(output)
    assert report["fetched"][:2] == ["/robots.txt", "/list"]


def test_request_json_missing_events_field_is_named() -> None:
    findings, _ = check_request_json(b'{"id": 1}')
    failed = {f.name for f in findings if f.failed}
    assert "info_request_events" in failed


def test_request_json_that_is_not_json_fails() -> None:
    findings, _ = check_request_json(b"<html>", "x.json")
    assert [(f.name, f.failed) for f in findings] == [("x.json", True)]
