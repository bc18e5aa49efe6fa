"""Web-archive indexes of a WDTK site, read as data: which captures exist, which to fetch.

Pure functions; the archive spider (scraper.spiders.archive) does the fetching.

* Wayback CDX server (``/cdx/search/cdx``, internetarchive/wayback ``wayback-cdx-server``):
  ``output=json`` gives a JSON array whose first row names the fields (``urlkey, timestamp,
  original, mimetype, statuscode, digest, length``); with ``showResumeKey=true`` and more to
  come it ends with an empty row and a one-item row holding the resume key. Raw captures are
  at ``/web/<timestamp>id_/<original>`` (``id_``: the bytes as captured, not rewritten).
* Common Crawl index server (pywb, one index per crawl listed in ``/collinfo.json`` with its
  ``cdx-api``): ``output=json`` gives one JSON object a line with ``urlkey, timestamp, url,
  mime, status, digest, length, offset, filename``; the record is the byte range
  ``offset .. offset+length-1`` of ``filename`` on the data host, one gzip member holding a
  WARC ``response`` record.

Timestamps are 14-digit UTC ``yyyyMMddhhmmss``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal
from urllib.parse import quote, urlencode, urlsplit

PageKind = Literal["request_json", "thread_html"]
WAYBACK_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
# A thread page or its JSON, nothing under it (attachments, /details, feeds) and no numeric
# id (those are 301s to the slug).
_REQUEST_PAGE = re.compile(r"^/request/([^/?#]+?)(\.json)?$")
ORIGINAL_FILTER = r"original:^https?://[^/]+/request/[^/?]+(\.json|\?unfold=1)?$"


class ArchiveFormatError(ValueError):
    """An archive answered with something that is not the index format it should be."""


@dataclass(frozen=True, slots=True)
class Capture:
    """One capture listed in an index."""

    timestamp: str  # 14 digits, UTC
    original: str  # the URL captured
    mimetype: str | None
    status: int | None
    digest: str | None = None
    # Common Crawl: where the WARC record is.
    filename: str | None = None
    offset: int | None = None
    length: int | None = None

    @property
    def captured_at(self) -> datetime:
        return parse_timestamp(self.timestamp)


@dataclass(frozen=True, slots=True)
class Target:
    """What a captured URL is on the site."""

    kind: PageKind
    slug: str
    unfolded: bool  # a thread page captured with ?unfold=1 (quoted sections inline)


@dataclass(slots=True)
class Planned:
    """The captures to fetch for one slug: the newest of each page kind."""

    slug: str
    json: Capture | None = None
    html: Capture | None = None


def parse_timestamp(text: str) -> datetime:
    """A 1-14 digit archive timestamp as a UTC instant (missing digits: the earliest)."""
    if not text.isdigit() or not 4 <= len(text) <= 14:
        raise ArchiveFormatError(f"bad archive timestamp {text!r}")
    padded = text + "00000101000000"[len(text) :] if len(text) < 14 else text
    return datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def timestamp(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")
    return moment.strftime("%Y%m%d")


def target_of(url: str) -> Target | None:
    """The page a captured URL is, if it is a request's thread page or JSON."""
    split = urlsplit(url)
    match = _REQUEST_PAGE.match(split.path)
    if match is None or match.group(1).isdigit():
        return None
    query = split.query
    if match.group(2):
        return Target("request_json", match.group(1), False) if not query else None
    if query not in ("", "unfold=1"):
        return None
    return Target("thread_html", match.group(1), query == "unfold=1")


_OTHER_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^/body/all-authorities\.csv$"), "authority_csv"),
    (re.compile(r"^/body/[^/]+\.json$"), "body_json"),
    (re.compile(r"^/user/[^/]+\.json$"), "user_json"),
    (re.compile(r"^/list(/[a-z]+)?$"), "list_html"),
    (re.compile(r"^/version\.json$"), "version_json"),
)


def page_kind(url: str) -> str | None:
    """The raw page kind (db.raw_store.RAW_KINDS) of a site URL, or None for other pages."""
    target = target_of(url)
    if target is not None:
        return target.kind
    path = urlsplit(url).path
    return next((kind for pattern, kind in _OTHER_KINDS if pattern.match(path)), None)


def site_host(base_url: str) -> str:
    """The host (and port) an archive indexes the site under."""
    return urlsplit(base_url).netloc


# -- Wayback ---------------------------------------------------------------------------------


def wayback_query(
    archive_url: str, base_url: str, *, since: date | None, page_size: int,
    resume_key: str | None = None,
) -> str:  # fmt: skip
    params: list[tuple[str, str]] = [
        ("url", f"{site_host(base_url)}/request/*"),
        ("output", "json"),
        ("filter", "statuscode:200"),
        ("filter", ORIGINAL_FILTER),
        # Adjacent captures of the same content count once (the first of each run).
        ("collapse", "digest"),
        ("limit", str(page_size)),
        ("showResumeKey", "true"),
    ]
    if since is not None:
        params.append(("from", timestamp(since)))
    if resume_key:
        params.append(("resumeKey", resume_key))
    return f"{archive_url.rstrip('/')}/cdx/search/cdx?{urlencode(params)}"


def wayback_raw_url(archive_url: str, capture: Capture) -> str:
    return f"{archive_url.rstrip('/')}/web/{capture.timestamp}id_/{capture.original}"


def parse_wayback_cdx(body: bytes) -> tuple[list[Capture], str | None]:
    """Captures and the resume key (None when the listing is complete)."""
    try:
        rows = json.loads(body or b"[]")
    except ValueError as exc:
        raise ArchiveFormatError(f"CDX answer is not JSON: {exc}") from None
    if not isinstance(rows, list):
        raise ArchiveFormatError("CDX answer is not a JSON array")
    if not rows:
        return [], None
    header = rows[0]
    if not isinstance(header, list) or not {"timestamp", "original"} <= set(header):
        raise ArchiveFormatError(f"CDX answer has no field row: {header!r}")
    index = {name: i for i, name in enumerate(header)}
    resume: str | None = None
    captures: list[Capture] = []
    body_rows = rows[1:]
    if len(body_rows) >= 2 and body_rows[-2] == [] and len(body_rows[-1]) == 1:
        resume = str(body_rows[-1][0])
        body_rows = body_rows[:-2]
    for row in body_rows:
        if not isinstance(row, list) or len(row) != len(header):
            continue
        status = row[index["statuscode"]] if "statuscode" in index else None
        captures.append(
            Capture(
                timestamp=str(row[index["timestamp"]]),
                original=str(row[index["original"]]),
                mimetype=row[index["mimetype"]] if "mimetype" in index else None,
                status=int(status) if status and str(status).isdigit() else None,
                digest=row[index["digest"]] if "digest" in index else None,
            )
        )
    return captures, resume


# -- Common Crawl ----------------------------------------------------------------------------


def parse_collinfo(body: bytes, since: date | None) -> list[str]:
    """The crawls' index endpoints, newest first, skipping crawls that ended before ``since``."""
    try:
        crawls = json.loads(body)
    except ValueError as exc:
        raise ArchiveFormatError(f"collinfo.json is not JSON: {exc}") from None
    endpoints: list[tuple[str, str]] = []
    for crawl in crawls if isinstance(crawls, list) else []:
        if not isinstance(crawl, dict) or not crawl.get("cdx-api"):
            continue
        ended = str(crawl.get("to") or "")
        if since is not None and ended and ended[:10] < since.isoformat():
            continue
        endpoints.append((str(crawl.get("id") or crawl["cdx-api"]), str(crawl["cdx-api"])))
    return [api for _, api in sorted(endpoints, reverse=True)]


def commoncrawl_query(cdx_api: str, base_url: str, *, page: int) -> str:
    params = [
        ("url", f"{site_host(base_url)}/request/*"),
        ("output", "json"),
        ("filter", "=status:200"),
        ("page", str(page)),
    ]
    return f"{cdx_api}?{urlencode(params)}"


def parse_commoncrawl_index(body: bytes) -> list[Capture]:
    captures = []
    for line in body.splitlines():
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if not isinstance(row, dict) or not row.get("filename"):
            continue
        try:
            captures.append(
                Capture(
                    timestamp=str(row["timestamp"]),
                    original=str(row["url"]),
                    mimetype=row.get("mime"),
                    status=int(row["status"]) if str(row.get("status", "")).isdigit() else None,
                    digest=row.get("digest"),
                    filename=str(row["filename"]),
                    offset=int(row["offset"]),
                    length=int(row["length"]),
                )
            )
        except (KeyError, ValueError):
            continue
    return captures


def commoncrawl_record_url(data_url: str, capture: Capture) -> tuple[str, str]:
    """The data URL and the Range header value for a capture's WARC record."""
    assert capture.filename is not None and capture.offset is not None
    assert capture.length is not None
    end = capture.offset + capture.length - 1
    return f"{data_url.rstrip('/')}/{quote(capture.filename)}", f"bytes={capture.offset}-{end}"


# -- choosing --------------------------------------------------------------------------------


def plan_captures(
    captures: Iterable[Capture], *, since: date | None = None, limit: int | None = None
) -> list[Planned]:
    """The newest capture of each page kind per slug (a thread page captured with
    ``?unfold=1`` wins a tie), newest slugs first, at most ``limit`` slugs."""
    plans: dict[str, Planned] = {}
    floor = timestamp(since) if since is not None else ""
    for capture in captures:
        if capture.status not in (None, 200) or capture.timestamp < floor:
            continue
        target = target_of(capture.original)
        if target is None:
            continue
        plan = plans.setdefault(target.slug, Planned(target.slug))
        if target.kind == "request_json":
            if plan.json is None or capture.timestamp > plan.json.timestamp:
                plan.json = capture
        elif plan.html is None or _html_key(capture) > _html_key(plan.html):
            plan.html = capture
    ordered = sorted(plans.values(), key=lambda p: (_newest(p), p.slug), reverse=True)
    return ordered[:limit] if limit is not None else ordered


def _html_key(capture: Capture) -> tuple[str, bool]:
    target = target_of(capture.original)
    return capture.timestamp, bool(target and target.unfolded)


def _newest(plan: Planned) -> str:
    return max(c.timestamp for c in (plan.json, plan.html) if c is not None)


def summary(plans: Sequence[Planned]) -> dict[str, Any]:
    """Counts for the run's figures."""
    return {
        "captured_requests": len(plans),
        "captured_both": sum(1 for p in plans if p.json and p.html),
        "captured_json_only": sum(1 for p in plans if p.json and not p.html),
        "captured_html_only": sum(1 for p in plans if p.html and not p.json),
    }
