"""The site contract, checked on sample pages by the parsers themselves.

``wdtk doctor`` (scraper.doctor) fetches a few pages and hands each to the check for its kind
here. Every check runs the real parser from ``pipeline.parse`` — the call normalise makes on
the same bytes — and turns what it raises into a failed :class:`Finding` named by the error's
own ``selector`` (ThreadParseError, ListPageError), ``field`` (FieldError) or ``column``
(CsvHeaderError), with the error's message as the detail. So the doctor fails exactly when
normalise would quarantine the page, and names the same thing: the selectors live in the
parsers only.

What the parsers accept but cannot pair is reported as ``warn``: a message event in the JSON
with no block on the page, or JSON and page disagreeing on a fact (pipeline.parse.merge).
Normalise keeps such a thread (a page may be an older capture than its JSON); on two pages
fetched seconds apart it usually means markup the parser no longer reads.

The one fact kept here that is no parser's: which paths robots.txt must allow and forbid for
the crawl's plan to work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pipeline.parse import (
    CsvHeaderError,
    FieldError,
    ListPageError,
    ParseError,
    ThreadParseError,
    merge_thread,
    parse_authorities_csv,
    parse_list_page,
    parse_request_json,
    parse_thread,
    parse_version_json,
)
from pipeline.parse.merge import block_key
from pipeline.parse.thread_items import block_selector
from pipeline.records import RequestRecord, ThreadPage

Outcome = Literal["ok", "warn", "fail", "skip"]
_RANK: dict[str, int] = {"fail": 3, "warn": 2, "ok": 1, "skip": 0}


@dataclass(frozen=True, slots=True)
class Finding:
    area: str  # robots, version, csv, list, json, thread, bot-wall
    name: str  # the selector, field, column or robots rule; or the parser that read the page
    outcome: Outcome
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.outcome == "fail"

    def as_dict(self) -> dict[str, str]:
        return {
            "area": self.area,
            "name": self.name,
            "outcome": self.outcome,
            "detail": self.detail,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(str(data["area"]), str(data["name"]), data["outcome"], str(data["detail"]))


def error_name(exc: ParseError) -> str:
    """The selector, field or column a parse error names (the check that no longer matches)."""
    if isinstance(exc, ThreadParseError | ListPageError):
        return exc.selector
    if isinstance(exc, FieldError):
        return exc.field
    if isinstance(exc, CsvHeaderError):
        return f"column {exc.column!r}"
    return type(exc).__name__


def error_finding(area: str, exc: ParseError) -> Finding:
    return Finding(area, error_name(exc), "fail", str(exc))


def merge_findings(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per (area, name) over several samples: fail, then warn, then ok wins."""
    merged: dict[tuple[str, str], Finding] = {}
    for finding in findings:
        key = (finding.area, finding.name)
        if key not in merged or _RANK[finding.outcome] > _RANK[merged[key].outcome]:
            merged[key] = finding
    return list(merged.values())


# --- robots.txt -------------------------------------------------------------------------------

# (path, allowed?) that the crawler's plan depends on (wdtk-site.md §1.5). Wildcard rules need
# Google semantics (Protego), which is what Scrapy obeys.
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


def check_robots(can_fetch: Callable[[str], bool]) -> list[Finding]:
    """``can_fetch(path)``: the crawl's own robots.txt verdict for this site and user agent."""
    findings = []
    for path, allowed in ROBOTS_EXPECTATIONS:
        got = can_fetch(path)
        name = f"{'Allow' if allowed else 'Disallow'} {path}"
        if got == allowed:
            findings.append(Finding("robots", name, "ok"))
        else:
            verb = "allows" if got else "disallows"
            findings.append(Finding("robots", name, "fail", f"robots.txt now {verb} {path}"))
    return findings


# --- one check per page kind --------------------------------------------------------------------


def check_version_json(data: bytes, url: str) -> list[Finding]:
    try:
        version = parse_version_json(data)
    except ParseError as exc:
        return [error_finding("version", exc)]
    count = version.counts.get("visible_request_count")
    return [Finding("version", "parse_version_json", "ok", f"{count} visible requests")]


def check_authorities_csv(data: bytes, url: str) -> list[Finding]:
    try:
        rows = parse_authorities_csv(data)
    except ParseError as exc:
        return [error_finding("csv", exc)]
    return [Finding("csv", "parse_authorities_csv", "ok", f"{len(rows)} authorities")]


@dataclass(frozen=True, slots=True)
class ListSample:
    findings: list[Finding]
    slugs: list[str]  # request slugs linked from the list, in page order


def check_list_page(data: bytes, url: str) -> ListSample:
    try:
        listing = parse_list_page(data, url)
    except ParseError as exc:
        return ListSample([error_finding("list", exc)], [])
    slugs = list(dict.fromkeys(item.url_title for item in listing.items))
    if not slugs:
        return ListSample([Finding("list", "parse_list_page", "skip", "no requests listed")], [])
    return ListSample([Finding("list", "parse_list_page", "ok", f"{len(slugs)} requests")], slugs)


def check_request_json(data: bytes, url: str) -> tuple[list[Finding], RequestRecord | None]:
    try:
        record = parse_request_json(data, url)
    except ParseError as exc:
        return [error_finding("json", exc)], None
    detail = f"{len(record.events)} events"
    return [Finding("json", "parse_request_json", "ok", detail)], record


def check_thread_page(
    data: bytes, url: str, request: RequestRecord | None
) -> tuple[list[Finding], ThreadPage | None]:
    """parse_thread, then merge_thread with the request's JSON when it parsed."""
    try:
        page = parse_thread(data, url)
    except ParseError as exc:
        return [error_finding("thread", exc)], None
    files = sum(len(item.attachments) for item in page.items)
    detail = f"{len(page.items)} items, {files} attachments"
    findings = [Finding("thread", "parse_thread", "ok", detail)]
    if request is None:
        return findings, page
    try:
        merged = merge_thread(request, page)
    except ParseError as exc:
        return [*findings, error_finding("thread", exc)], page
    findings.append(Finding("thread", "merge_thread", "ok", f"{len(merged.items)} paired"))
    for kind in ("outgoing", "incoming"):
        missing = [key[1] for e in merged.json_only if (key := block_key(e)) and key[0] == kind]
        if missing:
            ids = ", ".join(f"{kind}-{n}" for n in missing)
            findings.append(
                Finding(
                    "thread",
                    block_selector(kind),
                    "warn",
                    f"{url}: the JSON lists {ids}, which the page shows no block for; "
                    "normalise keeps those events without their text",
                )
            )
    if merged.conflicts:
        findings.append(Finding("thread", "merge_thread", "warn", f"{url}: {merged.conflicts[0]}"))
    return findings, page
