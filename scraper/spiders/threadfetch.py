"""Fetching one request: its JSON (ids, states, events), then its unfolded thread page.

``/request/<id>.json`` answers 301 to ``/request/<slug>.json`` (so a rename shows as a new slug),
or 404 when the request is hidden, embargoed or gone. A hidden request's *slug* page still
answers 403 "Request has been removed", which tells hidden from removed. The thread page is
fetched only when the JSON says something moved (new event, new ``updated_at``, new slug), and
always as ``?unfold=1`` so quoted sections are in the stored copy.

The callbacks write nothing: they yield items (``scraper.items``) that the item pipeline
commits in the order yielded. Order of writes, for kill-safety: raw JSON committed (and the
id kept as seen), raw HTML committed, then crawl_state. Every answer that says a request is
gone (403, 404) is stored as a raw page too, and normalise turns it into the request's
visibility (``pipeline.visibility.taken_down``), as it turns the JSON's slug into
``request_slugs``. A callback decides from what the store held before its response: it reads
(``scraper.reader``) before it yields, never after.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from twisted.python.failure import Failure

from pipeline.botwall import is_removed_page
from pipeline.parse.errors import ParseError
from pipeline.parse.request_json import parse_request_json
from pipeline.records import RequestRecord
from pipeline.states import INDEXED_EVENT_TYPES, OPEN_STATES
from scraper.botwall import BotWalled
from scraper.items import Failed, Fetched, Gone, JsonSummary, Seen
from scraper.reader import FrontierEntry
from scraper.spiders.base import WdtkSpider, own_meta, request_of

BAD_BODY_RETRIES = 3
GONE_STATUSES = [304, 403, 404]


def summarise(record: RequestRecord) -> JsonSummary:
    events = record.events
    indexed = [e.created_at for e in events if e.event_type in INDEXED_EVENT_TYPES]
    return JsonSummary(
        request_id=record.id,
        url_title=record.url_title,
        updated_at=record.updated_at,
        last_event_id=max((e.id for e in events), default=None),
        last_event_at=max(indexed, default=None),
        is_open=record.described_state in OPEN_STATES or record.awaiting_description,
    )


def thread_changed(entry: FrontierEntry | None, summary: JsonSummary) -> bool:
    """Whether the thread page may differ from the one stored at the last fetch."""
    if entry is None or entry.gone or entry.last_http_status != 200:
        return True
    return (
        entry.last_event_id != summary.last_event_id
        or entry.url_title != summary.url_title
        or entry.site_updated_at != summary.updated_at
    )


def html_problem(body: bytes) -> str | None:
    """Why a thread page looks damaged in transit (worth a retry), or None.

    A page cut short lacks its closing tag; the site always sends UTF-8, so bytes that do not
    decode were mangled on the way (or by a proxy).
    """
    if b"</html>" not in body[-4096:].lower():
        return "truncated thread page"
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "thread page is not UTF-8"
    return None


class ThreadFetcher(WdtkSpider):
    """Mixin-style base: ``thread_request`` and the callbacks that store and schedule."""

    def thread_request(
        self, request_id: int | None = None, slug: str | None = None, via: str = "due"
    ) -> Request | None:
        """A request for the JSON of one request, or None when ``--limit`` is used up."""
        if request_id is None and not slug:
            raise ValueError("thread_request needs an id or a slug")
        if not self.take("threads"):
            return None
        path = (
            f"/request/{request_id}.json"
            if request_id is not None
            else f"/request/{quote(slug or '')}.json"
        )
        request = Request(
            self.url(path),
            callback=self.on_json,
            errback=self.on_error,
            dont_filter=True,
            priority=10,
            meta={
                "handle_httpstatus_list": GONE_STATUSES,
                "wdtk_id": request_id,
                "wdtk_slug": slug,
                "wdtk_via": via,
                "wdtk_attempt": 0,
            },
        )
        entry = self.reads.frontier(request_id) if request_id is not None else None
        known_slug = entry.url_title if entry else slug
        if known_slug:
            # Validators belong to the slug URL the 301 leads to.
            probe = self.conditional(Request(self.url(f"/request/{quote(known_slug)}.json")))
            if "wdtk_validators" in probe.meta:
                request.meta["wdtk_validators"] = probe.meta["wdtk_validators"]
        return request

    # -- JSON ---------------------------------------------------------------------------------

    def on_json(self, response: Response) -> Iterator[Any]:
        meta = response.meta
        request_id: int | None = meta.get("wdtk_id")
        self.count("json_fetched")
        if response.status == 404:
            yield from self._on_json_404(response, request_id)
            return
        if response.status == 403:
            # Only the slug form answers 403 (hidden); the numeric form would have said 404.
            if request_id is None:
                request_id = self._id_for_slug(meta.get("wdtk_slug"))
            if request_id is not None:
                yield from self._gone(response, "request_json", request_id)
            return
        if response.status == 304:
            confirmed = self.confirmed(response.url)
            if confirmed is None:
                yield self._refetch_without_validators(response)
                return
            touched, body = confirmed
            yield touched
            self.count("not_modified")
        else:
            body = response.body
            try:
                json.loads(body)
            except ValueError:
                yield from self._bad_body(response, "malformed JSON")
                return
        try:
            record = parse_request_json(body, source=response.url)
        except ParseError as exc:
            if response.status == 200:
                yield self.raw_page(response, "request_json", request_id=request_id)
            yield from self._failed(request_id, f"request JSON did not parse: {exc}")
            return
        summary = summarise(record)
        # Read before yielding this response's writes; they change neither answer (a Seen adds
        # a row only for an id not held, and a new row is fetched either way).
        entry = self.reads.frontier(summary.request_id)
        has_html = self.reads.has_thread_page(summary.request_id)
        if response.status == 200:
            yield self.raw_page(response, "request_json", request_id=record.id)
        # Seen (and due) from now on, even if this run dies before the thread page.
        yield Seen(record.id, record.url_title, meta.get("wdtk_via") or "link")
        if thread_changed(entry, summary) or not has_html:
            if entry and entry.url_title and entry.url_title != summary.url_title:
                self.count("renames")
            yield self.conditional(
                Request(
                    self.url(f"/request/{quote(summary.url_title)}?unfold=1"),
                    callback=self.on_html,
                    errback=self.on_error,
                    dont_filter=True,
                    priority=20,
                    meta={
                        "handle_httpstatus_list": GONE_STATUSES,
                        "wdtk_id": summary.request_id,
                        "wdtk_summary": summary,
                        "wdtk_attempt": 0,
                    },
                )
            )
            return
        yield self._fetched(summary, changed=False)

    def _on_json_404(self, response: Response, request_id: int | None) -> Iterator[Any]:
        if request_id is None:
            # A slug from a list that has since been renamed or taken down; the id-based
            # checks will find out which.
            self.count("stale_slugs")
            return
        entry = self.reads.frontier(request_id)
        if entry and entry.url_title:
            # Hidden (403 on the slug) or removed/embargoed (404)?
            yield Request(
                self.url(f"/request/{quote(entry.url_title)}"),
                callback=self.on_gone_check,
                errback=self.on_error,
                dont_filter=True,
                priority=20,
                meta={"handle_httpstatus_list": GONE_STATUSES, "wdtk_id": request_id},
            )
            return
        yield from self._gone(response, "request_json", request_id)

    def on_gone_check(self, response: Response) -> Iterator[Any]:
        request_id: int = response.meta["wdtk_id"]
        if response.status == 403 and is_removed_page(response.body):
            yield from self._gone(response, "thread_html", request_id)
        elif response.status == 200:
            # The slug page is public but the numeric id is not: the id now points elsewhere
            # (should not happen); note it and look again later.
            yield from self._failed(request_id, f"/request/{request_id} 404 but {response.url} 200")
        else:
            # 404 on the slug too: removed or embargoed (a 403 without the removal notice is
            # a wall, stopped by scraper.middlewares before it gets here).
            yield from self._gone(response, "thread_html", request_id)

    # -- HTML ---------------------------------------------------------------------------------

    def on_html(self, response: Response) -> Iterator[Any]:
        summary: JsonSummary = response.meta["wdtk_summary"]
        if response.status == 403:
            yield from self._gone(response, "thread_html", summary.request_id)
            return
        if response.status == 404:
            yield from self._failed(summary.request_id, f"thread page {response.url} answered 404")
            return
        if response.status == 304:
            confirmed = self.confirmed(response.url)
            if confirmed is None:
                yield self._refetch_without_validators(response)
                return
            yield confirmed[0]
            self.count("not_modified")
        else:
            problem = html_problem(response.body)
            if problem and response.meta.get("wdtk_attempt", 0) < BAD_BODY_RETRIES:
                yield from self._bad_body(response, problem)
                return
            if problem == "truncated thread page":
                yield from self._failed(summary.request_id, f"{problem} at {response.url}")
                return
            # A page that stays non-UTF-8 after retries is kept as served: the normaliser
            # quarantines it if it cannot be read.
            yield self.raw_page(response, "thread_html", request_id=summary.request_id)
        self.count("threads_fetched")
        yield self._fetched(summary, changed=True)

    # -- outcomes (items for the pipeline) ------------------------------------------------------

    def _fetched(self, summary: JsonSummary, *, changed: bool) -> Fetched:
        self.count("items")
        return Fetched(summary, changed)

    def _gone(self, response: Response, kind: str, request_id: int) -> Iterator[Any]:
        """The site no longer serves the request: store its answer (normalise reads the
        request's visibility from it), then re-probe slowly (crawl_state). The pipeline
        counts a takedown when the request was visible until now."""
        yield self.raw_page(response, kind, request_id=request_id)
        yield Gone(request_id, response.status)
        self.count("hidden" if response.status == 403 else "not_found")

    def _failed(self, request_id: int | None, error: str) -> Iterator[Failed]:
        self.logger.warning("%s", error)
        self.count("errors")
        if request_id is not None:
            yield Failed(request_id, error)

    def _bad_body(self, response: Response, what: str) -> Iterator[Any]:
        attempt = response.meta.get("wdtk_attempt", 0)
        if attempt < BAD_BODY_RETRIES:
            self.count("bad_body_retries")
            yield request_of(response).replace(
                dont_filter=True, meta=own_meta(response.meta, wdtk_attempt=attempt + 1)
            )
            return
        yield from self._failed(response.meta.get("wdtk_id"), f"{what} at {response.url}")

    def _refetch_without_validators(self, response: Response) -> Request:
        meta = own_meta(response.meta)
        meta.pop("wdtk_validators", None)
        request = request_of(response).replace(dont_filter=True, meta=meta)
        for header in (b"If-None-Match", b"If-Modified-Since"):
            request.headers.pop(header, None)
        return request

    def on_error(self, failure: Failure) -> Iterator[Failed]:
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(BotWalled):
            # Not the request's fault: its frontier entry stays as it was.
            self.count("walled")
            return
        if failure.check(IgnoreRequest):
            # Filtered before any network access, e.g. robots.txt's "*/tor*" also matches
            # /request/tory_…; nothing to fetch, but the id is kept and looked at later.
            self.count("robots_blocked")
        yield from self._failed(
            request.meta.get("wdtk_id"), f"{request.url}: {failure.getErrorMessage()}"
        )

    def _id_for_slug(self, slug: str | None) -> int | None:
        if not slug:
            return None
        entry = self.reads.slug_index().get(slug)
        return entry.request_id if entry else None
