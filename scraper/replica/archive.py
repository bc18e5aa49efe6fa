"""A Wayback-style web archive of the replica, served beside it on the same port.

``ReplicaArchive`` pretends an archive crawled the replica at a few earlier moments
(``SNAPSHOT_DAYS`` before the clock the archive was made at): each snapshot is the replica's
own history at that moment (a ``Replica`` built at that clock, with the churn the live one had
by then), so captures are stale in realistic ways. Per request and snapshot a seeded draw
decides whether the JSON and the thread page were captured (the page mostly without
``?unfold=1``, sometimes with it); some requests were never captured, some only as JSON or
only as HTML. A few captures of other pages (``/details``, numeric 301s) are listed too, as a
real index would.

Endpoints (the Wayback Machine's shapes):

* ``GET /cdx/search/cdx?url=<host>/request/*&output=json&filter=statuscode:200&from=&to=
  &collapse=digest&limit=&showResumeKey=true&resumeKey=`` — the capture index, sorted by
  urlkey then timestamp; the first row names the fields.
* ``GET /web/<14-digit timestamp>id_/<original url>`` — the capture as the site served it,
  with ``Memento-Datetime``; an inexact timestamp redirects (302) to the nearest capture.

Known differences: every capture of one snapshot has the snapshot's timestamp (so it can be
compared with a live crawl at that moment); ``digest`` hashes what the page shows (id, slug,
title, events, visibility) rather than its bytes; ``length`` is 0.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from urllib.parse import parse_qs, quote, unquote, urlsplit

from scraper.replica.http_common import JSON, TEXT, Response, redirect
from scraper.replica.replica import Replica
from scraper.replica.rng import stable_unit
from scraper.replica.site import Site

SNAPSHOT_DAYS = (240, 75, 12)
P_ARCHIVED = 0.85  # share of requests an archive ever captured
P_JSON, P_HTML, P_UNFOLDED, P_EXTRA = 0.5, 0.5, 0.35, 0.1
FIELDS = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
PAGE_SIZE = 150_000  # the Wayback CDX server's own cap on one query
_RAW = re.compile(r"^/web/(\d{1,14})id_/(.+)$")


def timestamp14(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def parse_timestamp14(text: str) -> datetime:
    padded = (text + "00000101000000"[len(text) :])[:14] if len(text) < 14 else text
    return datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Capture:
    urlkey: str
    timestamp: str
    path: str  # path and query on the site
    mimetype: str
    statuscode: int
    digest: str
    snapshot: int  # index into ReplicaArchive.snapshots
    request_id: int


def _digest(*parts: object) -> str:
    raw = hashlib.sha1("\x1f".join(map(str, parts)).encode()).digest()
    return base64.b32encode(raw).decode()


def _urlkey(host: str, path: str) -> str:
    """A SURT-style key: host reversed with commas, then the path, lower-cased."""
    name = host.split(":", 1)[0]
    labels = [p for p in name.split(".") if p != "www"]
    return ",".join(reversed(labels)) + ")" + path.lower()


class ReplicaArchive:
    def __init__(self, replica: Replica, snapshot_days: tuple[float, ...] = SNAPSHOT_DAYS):
        self.replica = replica
        made = replica.clock
        self.snapshots = sorted(made - timedelta(days=d) for d in snapshot_days)
        self.base_url = ""  # set by the server once it has a port
        self._lock = threading.RLock()
        self._past: dict[int, Site] = {}
        self._captures: list[Capture] | None = None

    # -- the replica at a snapshot ---------------------------------------------------------
    def past(self, snapshot: int) -> Site:
        with self._lock:
            if snapshot not in self._past:
                live, moment = self.replica, self.snapshots[snapshot]
                then = Replica(
                    requests=live.requests,
                    seed=live.seed,
                    markup=live.corpus.markup,
                    now=moment,
                    seed_letters=live.corpus.seed_letters,
                )
                # The churn the live replica had by then (renames, takedowns, responses).
                then._mutations = {
                    rid: [m for m in ms if m.at <= moment] for rid, ms in live._mutations.items()
                }
                then._serial = live._serial
                self._past[snapshot] = Site(then)
            return self._past[snapshot]

    # -- the index -------------------------------------------------------------------------
    def captures(self) -> list[Capture]:
        with self._lock:
            if self._captures is None:
                self._captures = self._build()
            return self._captures

    def _build(self) -> list[Capture]:
        seed = self.replica.seed
        host = urlsplit(self.base_url).netloc or "127.0.0.1"
        out: list[Capture] = []
        for s, moment in enumerate(self.snapshots):
            then = self.past(s).replica
            stamp = timestamp14(moment)
            for rid in then.listed_ids():
                if stable_unit(seed, "archive-any", rid) >= P_ARCHIVED:
                    continue
                request = then.request(rid)
                assert request is not None
                slug = then.slug_of(rid)
                shows = (rid, slug, request.title, [e.id for e in request.events], "public")
                wanted: list[tuple[str, str, int, str]] = []
                if stable_unit(seed, "archive-json", rid, s) < P_JSON:
                    wanted.append((f"/request/{slug}.json", "application/json", 200, "json"))
                if stable_unit(seed, "archive-html", rid, s) < P_HTML:
                    unfolded = stable_unit(seed, "archive-unfold", rid, s) < P_UNFOLDED
                    path = f"/request/{slug}" + ("?unfold=1" if unfolded else "")
                    wanted.append((path, "text/html", 200, ""))
                if stable_unit(seed, "archive-extra", rid, s) < P_EXTRA:
                    wanted.append((f"/request/{slug}/details", "text/html", 200, "details"))
                    wanted.append((f"/request/{rid}", "text/html", 301, "redirect"))
                for path, mime, status, what in wanted:
                    digest = _digest(*shows, path.split("?")[0], what)
                    out.append(
                        Capture(_urlkey(host, path), stamp, path, mime, status, digest, s, rid)
                    )
        out.sort(key=lambda c: (c.urlkey, c.timestamp))
        return out

    # -- HTTP ------------------------------------------------------------------------------
    def handle(self, target: str) -> Response | None:
        """The archive's answer for ``target``, or None if it is not an archive path."""
        split = urlsplit(target)
        if split.path == "/cdx/search/cdx":
            return self.cdx(parse_qs(split.query, keep_blank_values=True))
        match = _RAW.match(split.path)
        if match:
            original = match.group(2) + (f"?{split.query}" if split.query else "")
            return self.raw(match.group(1), unquote(original))
        return None

    def cdx(self, query: dict[str, list[str]]) -> Response:
        url = query.get("url", [""])[0]
        if not url:
            return Response(400, b"url= is required", {"Content-Type": TEXT}, conditional=False)
        prefix = url.endswith("*") or query.get("matchType", [""])[0] == "prefix"
        wanted = "/" + url.rstrip("*").split("://", 1)[-1].split("/", 1)[-1]
        rows = [
            c for c in self.captures()
            if (c.path.startswith(wanted) if prefix else c.path == wanted)
        ]  # fmt: skip
        low = query.get("from", [""])[0]
        high = query.get("to", [""])[0]
        if low:
            rows = [c for c in rows if c.timestamp >= timestamp14(parse_timestamp14(low))]
        if high:
            rows = [c for c in rows if c.timestamp[: len(high)] <= high]
        lines = [self._fields(c) for c in rows]
        for spec in query.get("filter", []):
            lines = _filtered(lines, spec)
        for spec in query.get("collapse", []):
            lines = _collapsed(lines, spec)
        resume = query.get("resumeKey", [""])[0]
        if resume:
            after = unquote(resume)
            lines = [row for row in lines if f"{row[0]} {row[1]}" > after]
        limit = int(query.get("limit", [str(PAGE_SIZE)])[0] or PAGE_SIZE)
        more = len(lines) > limit
        lines = lines[:limit]
        if query.get("output", [""])[0] == "json":
            payload: list[list[str]] = [FIELDS, *lines] if lines else []
            if more and query.get("showResumeKey", [""])[0] == "true":
                payload += [[], [quote(f"{lines[-1][0]} {lines[-1][1]}")]]
            body = json.dumps(payload).encode()
            return Response(200, body, {"Content-Type": JSON}, conditional=False)
        text = "".join(" ".join(row) + "\n" for row in lines)
        return Response(200, text.encode(), {"Content-Type": TEXT}, conditional=False)

    def _fields(self, c: Capture) -> list[str]:
        original = self.base_url + c.path
        return [c.urlkey, c.timestamp, original, c.mimetype, str(c.statuscode), c.digest, "0"]

    def raw(self, stamp: str, original: str) -> Response:
        path = "/" + original.split("://", 1)[-1].split("/", 1)[-1]
        same = [c for c in self.captures() if c.path == path]
        if not same:
            return Response(404, b"not in the archive", {"Content-Type": TEXT}, conditional=False)
        exact = [c for c in same if c.timestamp == stamp]
        if not exact:
            want = parse_timestamp14(stamp)
            nearest = min(same, key=lambda c: abs(parse_timestamp14(c.timestamp) - want))
            return redirect(302, f"/web/{nearest.timestamp}id_/{original}")
        capture = exact[0]
        if capture.statuscode != 200:
            return redirect(capture.statuscode, f"/web/{stamp}id_/{self.base_url}/request/")
        served = self.past(capture.snapshot).route(
            urlsplit(path).path, unquote(urlsplit(path).path), parse_qs(urlsplit(path).query)
        )
        moment = parse_timestamp14(capture.timestamp)
        headers = {
            "Content-Type": served.headers.get("Content-Type", "text/html"),
            "Memento-Datetime": format_datetime(moment, usegmt=True),
            "Link": f'<{original}>; rel="original"',
        }
        return Response(served.status, served.body, headers, conditional=False)


def _filtered(lines: list[list[str]], spec: str) -> list[list[str]]:
    """``[!]field:regex`` as the Wayback CDX server reads it."""
    negate = spec.startswith("!")
    field, _, pattern = spec.lstrip("!").partition(":")
    if field not in FIELDS:
        return lines
    index, regex = FIELDS.index(field), re.compile(pattern)
    return [row for row in lines if bool(regex.fullmatch(row[index])) != negate]


def _collapsed(lines: list[list[str]], spec: str) -> list[list[str]]:
    """``field`` or ``field:N``: drop adjacent rows whose field (first N chars) repeats."""
    field, _, width = spec.partition(":")
    if field not in FIELDS:
        return lines
    index, n = FIELDS.index(field), int(width) if width else None
    out: list[list[str]] = []
    last: tuple[str, str] | None = None
    for row in lines:
        key = (row[0], row[index][:n] if n else row[index])
        if field == "urlkey":
            key = ("", key[1])
        if key != last:
            out.append(row)
        last = key
    return out
