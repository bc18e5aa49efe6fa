"""What a spider remembers, as Scrapy items: the only way a fetch reaches the database.

Spiders fetch and decide; they write nothing. Each callback yields these items in the order
they must be committed (a response's raw page first, then the frontier update that depends
on it), and the item pipeline (``scraper.pipelines.StorePipeline``) commits each in turn:
``RawPage`` and ``PageConfirmed`` to ``raw_pages`` (``db.raw_store``), the frontier updates to
``crawl_state`` (``db.crawl_state``), the download outcomes to the attachments frontier and
its blobs (``db.downloads``, ``scraper.blobs``). A figure that depends on what a write found
(a page new or unchanged, a takedown, a capture that seeded the frontier) is counted by the
pipeline, under the spider's usual ``wdtk/*`` names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class JsonSummary:
    """What the crawl needs from a request's JSON to decide, schedule and seed the frontier."""

    request_id: int
    url_title: str
    updated_at: datetime
    last_event_id: int | None
    last_event_at: datetime | None
    is_open: bool


# -- raw_pages --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawPage:
    """A body to keep in ``raw_pages`` as served (stored once per distinct content).

    ``source``, ``archive``, ``captured_at`` and ``original_url`` are the provenance of an
    archived copy. ``counts_new`` / ``counts_same`` are the ``wdtk/*`` counters the pipeline
    adds one to when the content was new for the URL / was already stored."""

    url: str
    kind: str
    body: bytes = field(repr=False)
    http_status: int
    request_id: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    source: str = "live"
    archive: str | None = None
    captured_at: datetime | None = None
    original_url: str | None = None
    counts_new: tuple[str, ...] = ("pages_stored",)
    counts_same: tuple[str, ...] = ("pages_unchanged",)


@dataclass(frozen=True, slots=True)
class PageConfirmed:
    """A 304 confirmed the stored page ``page_id``: the site served it again, now."""

    page_id: int


# -- crawl_state: the frontier ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Seen:
    """A request id to keep (due at once if it is new); nothing changes for a known one."""

    request_id: int
    url_title: str | None
    via: str


@dataclass(frozen=True, slots=True)
class Fetched:
    """The request's JSON (and thread page, when ``changed``) are stored: schedule the next
    look from what the JSON said."""

    summary: JsonSummary
    changed: bool


@dataclass(frozen=True, slots=True)
class Gone:
    """The site answers ``http_status`` (403 hidden, 404 removed or embargoed) for the id,
    its answer stored just before: re-probe slowly. The pipeline counts a ``takedown`` (and
    an ``item``) when the request was visible until now."""

    request_id: int
    http_status: int


@dataclass(frozen=True, slots=True)
class Failed:
    """Fetching the request failed (network, 5xx after retries, a page that did not parse):
    try again after a back-off."""

    request_id: int
    error: str


@dataclass(frozen=True, slots=True)
class Captured:
    """An archived JSON capture (stored just before) seeds the frontier as a fetch made at
    ``captured_at``; never over what a newer fetch recorded. The pipeline counts
    ``frontier_seeded`` or ``frontier_newer_kept``."""

    summary: JsonSummary
    captured_at: datetime
    has_thread_page: bool


FrontierUpdate = Seen | Fetched | Gone | Failed | Captured


# -- attachments: the downloads frontier ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Downloaded:
    """A file's bytes for attachment ``key`` (message id, part): kept as a content-addressed
    blob, then recorded as downloaded."""

    key: tuple[int, int]
    body: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class DownloadOutcome:
    """Any other answer for attachment ``key``: its download status (``wait``, ``hidden``,
    ``gone``, ``too_large``, ``failed``), one attempt more."""

    key: tuple[int, int]
    status: str
    detail: str | None = None
    erased: bool | None = None


Item = RawPage | PageConfirmed | FrontierUpdate | Downloaded | DownloadOutcome
