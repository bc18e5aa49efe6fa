"""The doctor and the normaliser agree: on a changed site, the doctor fails exactly when
``wdtk normalise`` quarantines the very pages the doctor fetched, and names the same selector,
field or column, with the same message.

For each change, the doctor runs against the replica served with that change; every page it
fetched (the bytes as sent) is then stored in a fresh database as a crawl would store it and
normalised. /list pages are not normalised (discovery reads them), so the list change is
checked against ``parse_list_page``, the call the discover spider makes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from sqlalchemy import text
from typer.testing import CliRunner

from db.engine import make_engine
from db.migrate import upgrade
from db.raw_store import store_page
from flows.cli import parse as parse_cli
from pipeline.config import Settings
from pipeline.parse import ListPageError, parse_list_page
from scraper.doctor import DoctorReport, run_doctor
from scraper.replica import Replica
from scraper.replica.site import Site
from tests.proof.doctor_support import Mutation, Served, in_threads, is_thread, serve, unchanged

PARSE_AREAS = ("version", "csv", "json", "thread")
PARSE_REASONS = ("thread_parse_error", "field_error", "csv_header_error", "parse_error")
_NAMED = (
    re.compile(r"\(selector '(?P<name>.+?)'\)"),
    re.compile(r"^field '(?P<name>.+?)'"),
    re.compile(r"\(first difference: (?P<name>column '.+?')\)$"),
)


@pytest.fixture(scope="module")
def replica() -> Replica:
    return Replica(requests=60, seed=7)


def json_edit(where: Callable[[str], bool], edit: Callable[[dict], None]) -> Mutation:
    def mutate(path: str, body: bytes) -> bytes:
        if not where(path):
            return body
        doc = json.loads(body)
        edit(doc)
        return json.dumps(doc).encode()

    return mutate


def _drop_event_times(doc: dict) -> None:
    for event in doc["info_request_events"]:
        event.pop("created_at", None)


def _csv(old: bytes, new: bytes) -> Mutation:
    return lambda path, body: body.replace(old, new, 1) if path.endswith(".csv") else body


def _request_json(path: str) -> bool:
    return path.startswith("/request/") and path.endswith(".json")


MUTATIONS: dict[str, Mutation] = {
    "unchanged": unchanged,
    "a class the parser does not read": in_threads(
        b"correspondence__header__date", b"correspondence__date"
    ),
    "status class renamed": in_threads(b"request-status-message", b"request-status-banner"),
    "every message block renamed (zero blocks)": in_threads(b" correspondence ", b" message "),
    "outgoing blocks renamed": in_threads(b'class="outgoing correspondence', b'class="outgoing x'),
    "attachment list renamed": in_threads(b"list-of-attachments", b"attachments-list"),
    "attachment links moved": in_threads(b"/attach/", b"/attachment/"),
    "request JSON field dropped": json_edit(_request_json, lambda d: d.pop("law_used")),
    "event JSON field dropped": json_edit(_request_json, _drop_event_times),
    "version JSON field dropped": json_edit(
        lambda p: p == "/version.json", lambda d: d.pop("visible_request_count")
    ),
    "CSV column renamed": _csv(b"URL name", b"Slug"),
}


def _kind(path: str) -> str | None:
    if path == "/version.json":
        return "version_json"
    if path.endswith(".csv"):
        return "authority_csv"
    if _request_json(path):
        return "request_json"
    if is_thread(path):
        return "thread_html"
    return None  # robots.txt, /list: nothing normalise reads


def normalise_what_was_served(
    served: Served, replica: Replica, tmp_path: Path
) -> list[tuple[str, str]]:
    """Store every page the doctor was sent, as a crawl stores it; normalise; the quarantine."""
    db_url = f"sqlite:///{tmp_path / 'agree.sqlite3'}"
    engine = make_engine(db_url)
    upgrade(engine)
    ids = {replica.slug_of(i): i for i in replica.visible_ids()}
    with engine.begin() as conn:
        for entry in served.log:
            kind = _kind(entry["path"])
            if kind is None or entry["status"] != 200:
                continue
            slug = entry["path"].removeprefix("/request/").split("?")[0].removesuffix(".json")
            store_page(
                conn,
                url=served.url + entry["path"],
                kind=kind,
                body=entry["body"],
                http_status=200,
                request_id=ids.get(slug) if kind in ("request_json", "thread_html") else None,
            )
    app = typer.Typer()
    parse_cli.register(app)
    result = CliRunner().invoke(
        app, ["normalise"], env={"WDTK_DATABASE_URL": db_url, "WDTK_PARSE_WORKERS": "0"}
    )
    assert result.exit_code == 0, result.output
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT reason, detail FROM quarantine")).all()
    engine.dispose()
    return [(r.reason, r.detail) for r in rows]


def named(detail: str) -> str:
    """The selector, field or column a quarantine row's message names."""
    for pattern in _NAMED:
        m = pattern.search(detail)
        if m:
            return m.group("name")
    raise AssertionError(f"a parse error that names nothing: {detail}")


def doctor(url: str) -> DoctorReport:
    config = Settings(database_url="sqlite://", base_url=url, rate=0)
    return run_doctor(config, max_threads=3)


@pytest.mark.parametrize("change", list(MUTATIONS))
def test_the_doctor_fails_exactly_when_normalise_quarantines(
    change: str, replica: Replica, tmp_path: Path
) -> None:
    with serve(Site(replica), MUTATIONS[change]) as served:
        report = doctor(served.url)
    quarantined = normalise_what_was_served(served, replica, tmp_path)
    parse_rows = [(reason, detail) for reason, detail in quarantined if reason in PARSE_REASONS]
    assert parse_rows == quarantined  # nothing failed for another reason
    failed = [f for f in report.failed if f.area in PARSE_AREAS]
    assert failed == report.failed  # and the doctor failed on nothing but parsing
    assert {f.name for f in failed} == {named(detail) for _, detail in parse_rows}
    assert {f.detail for f in failed} <= {detail for _, detail in parse_rows}
    assert report.ok == (not parse_rows)
    if change in ("unchanged", "a class the parser does not read"):
        assert report.ok
    else:
        assert not report.ok, f"{change}: the doctor and normalise both missed it"


def test_the_list_check_names_what_the_discover_parser_raises(replica: Replica) -> None:
    def mutate(path: str, body: bytes) -> bytes:
        return body.replace(b"request_listing", b"request-listing") if path == "/list" else body

    with serve(Site(replica), mutate) as served:
        report = doctor(served.url)
    body = next(e["body"] for e in served.log if e["path"] == "/list")
    with pytest.raises(ListPageError) as info:
        parse_list_page(body, served.url + "/list")
    assert [(f.area, f.name, f.detail) for f in report.failed] == [
        ("list", info.value.selector, str(info.value))
    ]
