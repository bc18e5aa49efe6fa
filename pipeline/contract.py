"""The site contract: what the pipeline relies on WDTK serving, checked on sample pages.

Pure checks (text or bytes in, findings out) for ``wdtk doctor``, the early warning when
WhatDoTheyKnow changes its markup or JSON. Each finding names one selector or field, as
wdtk-site.md lists them: robots.txt rules (§1.5), list items (§2.6), thread selectors
(§2.2–2.3) and the request JSON (§4). A failed finding means the crawler or the parser would
read that page wrongly or not at all; ``skip`` means the sample held nothing to check it on.
Thread-page checks are in ``pipeline.contract_thread``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement

from pipeline.states import DESCRIBED_STATES, EVENT_TYPES

Outcome = Literal["ok", "fail", "skip"]


@dataclass(frozen=True, slots=True)
class Finding:
    area: str  # robots, list, json, thread
    name: str  # the selector, robots rule or JSON field checked
    outcome: Outcome
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.outcome == "fail"


def ok_finding(area: str, name: str, detail: str = "") -> Finding:
    return Finding(area, name, "ok", detail)


def fail_finding(area: str, name: str, detail: str) -> Finding:
    return Finding(area, name, "fail", detail)


# --- robots.txt -------------------------------------------------------------------------------

# (path, allowed?) that the crawler's plan depends on. Wildcard rules need Google semantics
# (Protego), which is what Scrapy obeys.
ROBOTS_EXPECTATIONS: tuple[tuple[str, bool], ...] = (
    ("/request/some_request", True),
    ("/request/some_request.json", True),
    ("/request/some_request/details", True),
    ("/request/some_request/response/123/attach/2/letter.pdf", True),
    ("/request/some_request/response/123/attach/html/2/letter.pdf.html", True),
    ("/body/some_body", True),
    ("/body/all-authorities.csv", True),
    ("/list", True),
    ("/feed/list/recent", False),
    ("/request/some_request/feed", False),
    ("/search/anything", False),
    ("/request/some_request/similar", False),
    ("/request/some_request/download", False),
)


def check_robots(text: str, user_agent: str) -> list[Finding]:
    from protego import Protego

    rules = Protego.parse(text)
    findings: list[Finding] = []
    for path, allowed in ROBOTS_EXPECTATIONS:
        got = rules.can_fetch(path, user_agent)
        name = f"{'Allow' if allowed else 'Disallow'} {path}"
        if got == allowed:
            findings.append(ok_finding("robots", name))
        else:
            findings.append(
                fail_finding(
                    "robots",
                    name,
                    f"robots.txt now {'allows' if got else 'disallows'} {path}",
                )
            )
    return findings


# --- HTML helpers -----------------------------------------------------------------------------


class ContractPageError(ValueError):
    """A sample page is not HTML at all."""


def parse_document(html: bytes | str, url: str) -> HtmlElement:
    try:
        return lxml.html.fromstring(html)
    except (ParserError, ValueError) as exc:
        raise ContractPageError(f"{url} is not an HTML document: {exc}") from None


def _selector(
    area: str, root: HtmlElement, selector: str, *, minimum: int = 1, what: str = ""
) -> tuple[Finding, list[HtmlElement]]:
    found = root.cssselect(selector)
    if len(found) >= minimum:
        return ok_finding(area, selector, f"{len(found)} found"), found
    return fail_finding(
        area, selector, f"no element matches{' (' + what + ')' if what else ''}"
    ), []


def is_iso_time(value: str | None) -> bool:
    if not value:
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


# --- list page ---------------------------------------------------------------------------------

_REQUEST_HREF = re.compile(r"^/request/([^/#?.]+)")


@dataclass(frozen=True, slots=True)
class ListSample:
    findings: list[Finding]
    slugs: list[str]  # request slugs linked from the list, in page order


def check_list_page(html: bytes | str, url: str = "/list") -> ListSample:
    area = "list"
    root = parse_document(html, url)
    findings: list[Finding] = []
    item, items = _selector(area, root, "div.request_listing", what="one per request")
    findings.append(item)
    slugs: list[str] = []
    if items:
        link_sel = "div.request_left span.head a"
        links = [a for i in items for a in i.cssselect(link_sel)]
        hrefs = [a.get("href") or "" for a in links]
        matched = [m.group(1) for m in map(_REQUEST_HREF.match, hrefs) if m]
        if links and len(matched) == len(links):
            findings.append(
                ok_finding(area, f'{link_sel}[href^="/request/"]', f"{len(links)} links")
            )
        else:
            findings.append(
                fail_finding(area, f'{link_sel}[href^="/request/"]', "items carry no request link")
            )
        slugs = list(dict.fromkeys(matched))
        for selector in ("div.requester time[datetime]", 'p i[class*="icon_"]'):
            hits = [i for i in items if i.cssselect(selector)]
            if len(hits) == len(items):
                findings.append(ok_finding(area, selector, f"in all {len(items)} items"))
            else:
                findings.append(
                    fail_finding(
                        area, selector, f"missing in {len(items) - len(hits)} of {len(items)} items"
                    )
                )
    findings.append(_selector(area, root, "h2.foi_results", what="result count")[0])
    return ListSample(findings, slugs)


# --- request JSON ------------------------------------------------------------------------------

_NULL = type(None)
_TIME = "time"  # an ISO 8601 string
FieldSpec = Mapping[str, tuple[Any, ...]]

REQUEST_FIELDS: FieldSpec = {
    "id": (int,),
    "url_title": (str,),
    "title": (str,),
    "created_at": (_TIME,),
    "updated_at": (_TIME,),
    "described_state": (str,),
    "display_status": (str,),
    "awaiting_description": (bool,),
    "prominence": (str,),
    "law_used": (str,),
    "tags": (list,),
    "public_body": (dict,),
    "info_request_events": (list,),
}
EVENT_FIELDS: FieldSpec = {
    "id": (int,),
    "event_type": (str,),
    "created_at": (_TIME,),
    "described_state": (str, _NULL),
    "calculated_state": (str, _NULL),
    "last_described_at": (_TIME, _NULL),
    "incoming_message_id": (int, _NULL),
    "outgoing_message_id": (int, _NULL),
    "comment_id": (int, _NULL),
}
BODY_FIELDS: FieldSpec = {
    "id": (int,),
    "url_name": (str,),
    "name": (str,),
    "short_name": (str, _NULL),
    "created_at": (_TIME,),
    "updated_at": (_TIME,),
    "tags": (list,),
    "info": (dict,),
}
USER_FIELDS: FieldSpec = {"id": (int,), "url_name": (str,), "name": (str,)}


def _type_name(kind: Any) -> str:
    return {_TIME: "ISO time", _NULL: "null"}.get(kind, getattr(kind, "__name__", str(kind)))


def _matches(value: Any, kinds: tuple[Any, ...]) -> bool:
    for kind in kinds:
        if kind is _TIME:
            if isinstance(value, str) and is_iso_time(value):
                return True
        elif kind is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return True
        elif isinstance(value, kind):
            return True
    return False


def _fields(prefix: str, objects: Iterable[Mapping[str, Any]], spec: FieldSpec) -> list[Finding]:
    objects = list(objects)
    findings = []
    for name, kinds in spec.items():
        label = f"{prefix}{name}"
        expected = " or ".join(map(_type_name, kinds))
        missing = sum(1 for o in objects if name not in o)
        wrong = [o[name] for o in objects if name in o and not _matches(o[name], kinds)]
        if missing:
            findings.append(fail_finding("json", label, f"missing in {missing} of {len(objects)}"))
        elif wrong:
            findings.append(fail_finding("json", label, f"expected {expected}, got {wrong[0]!r}"))
        else:
            findings.append(ok_finding("json", label, expected))
    return findings


def _values(label: str, values: Iterable[str | None], known: Iterable[str]) -> Finding:
    unknown = sorted({v for v in values if v is not None} - set(known))
    if unknown:
        return fail_finding("json", label, f"values not in the taxonomy: {', '.join(unknown)}")
    return ok_finding("json", label, "all known")


def check_request_json(data: bytes | str, url: str = "request.json") -> tuple[list[Finding], dict]:
    """Field names and types of ``/request/<slug>.json``; returns the findings and the object."""
    try:
        doc = json.loads(data)
    except ValueError as exc:
        return [fail_finding("json", url, f"not JSON: {exc}")], {}
    if not isinstance(doc, dict):
        return [fail_finding("json", url, f"expected an object, got {type(doc).__name__}")], {}
    findings = _fields("", [doc], REQUEST_FIELDS)
    if isinstance(doc.get("user"), dict):
        findings += _fields("user.", [doc["user"]], USER_FIELDS)
    elif isinstance(doc.get("user_name"), str):
        findings.append(ok_finding("json", "user_name", "external requester"))
    else:
        findings.append(
            fail_finding("json", "user", "neither a user object nor a user_name string")
        )
    if isinstance(doc.get("public_body"), dict):
        findings += _fields("public_body.", [doc["public_body"]], BODY_FIELDS)
    events = doc.get("info_request_events")
    events = [e for e in events if isinstance(e, dict)] if isinstance(events, list) else []
    if events:
        findings += _fields("info_request_events[].", events, EVENT_FIELDS)
        findings.append(
            _values(
                "info_request_events[].event_type values",
                (e.get("event_type") for e in events),
                EVENT_TYPES,
            )
        )
    if isinstance(doc.get("described_state"), str):
        findings.append(
            _values("described_state values", [doc["described_state"]], DESCRIBED_STATES)
        )
    return findings, doc


def merge_skips(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per (area, name) over several samples: any failure wins, then any ok."""
    merged: dict[tuple[str, str], Finding] = {}
    rank = {"fail": 2, "ok": 1, "skip": 0}
    for finding in findings:
        key = (finding.area, finding.name)
        if key not in merged or rank[finding.outcome] > rank[merged[key].outcome]:
            merged[key] = finding
    return list(merged.values())
