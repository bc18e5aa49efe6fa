"""Raw page storage: every distinct body fetched, zlib-compressed, keyed by (url, sha256).

The crawl (its item pipeline, ``scraper.pipelines``) writes here *before* anything is parsed,
so normalisation can be re-run without fetching. Storing the same content twice only refreshes
``last_fetched_at``; a 304 answer to a conditional GET does the same for the stored copy.

Provenance: ``source`` says where the bytes came from (``live`` from the site, ``archive`` from a
web archive's capture, ``import`` from a WARC file or saved page) and ``captured_at`` when the
site was last seen serving them: for live pages the last fetch or 304, for the others the
capture's own time, which a later fetch of the same capture does not move. Normalise takes the
newest capture, whatever its source.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, RowMapping

from db.base import chunked, utcnow
from db.models import RawPage
from db.upsert import insert_missing

RAW_KINDS = frozenset(
    {
        "request_json",
        "thread_html",
        "authority_csv",
        "body_json",
        "user_json",
        "list_html",
        "version_json",
    }
)


SOURCES = frozenset({"live", "archive", "import"})


class RawStoreError(ValueError):
    """A page could not be stored (bad kind, or a stored body that does not decompress)."""


@dataclass(frozen=True, slots=True)
class StoredPage:
    id: int
    url: str
    kind: str
    request_id: int | None
    http_status: int
    content_sha256: str
    etag: str | None
    last_modified: str | None
    content_type: str | None
    processed_version: str | None
    is_new: bool  # this content had not been stored for this URL before
    source: str = "live"
    captured_at: datetime | None = None


def sha256_hex(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def store_page(
    conn: Connection,
    *,
    url: str,
    kind: str,
    body: bytes,
    http_status: int,
    request_id: int | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    content_type: str | None = None,
    crawl_run_id: int | None = None,
    now: datetime | None = None,
    source: str = "live",
    archive: str | None = None,
    captured_at: datetime | None = None,
    original_url: str | None = None,
) -> StoredPage:
    """Store ``body`` for ``url`` unless the same content is already there; return the row.

    ``captured_at`` (archive and import pages) is when the site served the body; a live page
    is captured when it is fetched, ``now``."""
    if kind not in RAW_KINDS:
        raise RawStoreError(f"unknown raw page kind {kind!r} for {url}")
    if source not in SOURCES:
        raise RawStoreError(f"unknown raw page source {source!r} for {url}")
    now = now or utcnow()
    captured = now if source == "live" or captured_at is None else captured_at
    sha = sha256_hex(body)
    existing = _find(conn, url, sha)
    if existing is None:
        insert_missing(
            conn,
            RawPage,
            [
                {
                    "url": url,
                    "kind": kind,
                    "request_id": request_id,
                    "http_status": http_status,
                    "fetched_at": now,
                    "last_fetched_at": now,
                    "etag": etag,
                    "last_modified": last_modified,
                    "content_type": content_type,
                    "content_sha256": sha,
                    "body": zlib.compress(body, 6),
                    "body_size": len(body),
                    "compression": "zlib",
                    "crawl_run_id": crawl_run_id,
                    "source": source,
                    "archive": archive,
                    "captured_at": captured,
                    "original_url": original_url,
                }
            ],
            conflict=["url", "content_sha256"],
        )
        row = _find(conn, url, sha)
        assert row is not None, f"raw page for {url} vanished after insert"
        return _stored(row, is_new=True)
    values: dict[str, object] = {"last_fetched_at": now}
    # A newer response may carry validators the first one lacked.
    if etag and etag != existing.etag:
        values["etag"] = etag
    if last_modified and last_modified != existing.last_modified:
        values["last_modified"] = last_modified
    # The same bytes seen again: the site still served them then (an older capture of the
    # same content changes nothing).
    if existing["captured_at"] is None or captured > existing["captured_at"]:
        values["captured_at"] = captured
        if existing["http_status"] != 200:
            # An error answer says something about *when* (a request gone again after it
            # came back): seen anew, normalise must weigh it again against the newer pages.
            values["processed_version"] = None
    conn.execute(update(RawPage).where(RawPage.id == existing.id).values(**values))
    return _stored(existing, is_new=False)


def touch_page(conn: Connection, page_id: int, now: datetime | None = None) -> None:
    """A 304 confirmed the stored copy: note when (the site served it again, so it is
    captured again too)."""
    now = now or utcnow()
    conn.execute(
        update(RawPage).where(RawPage.id == page_id).values(last_fetched_at=now, captured_at=now)
    )


def latest_page(conn: Connection, url: str) -> StoredPage | None:
    """The live copy of ``url`` fetched or confirmed most recently (its validators drive
    conditional GET; an imported copy of the same URL has none of the site's validators)."""
    row = (
        conn.execute(
            select(RawPage.__table__)
            .where(RawPage.url == url, RawPage.source == "live")
            .order_by(RawPage.last_fetched_at.desc(), RawPage.id.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return _stored(row, is_new=False) if row else None


def latest_for_request(conn: Connection, request_id: int, kind: str) -> StoredPage | None:
    row = (
        conn.execute(
            select(RawPage.__table__)
            .where(RawPage.request_id == request_id, RawPage.kind == kind)
            .order_by(RawPage.last_fetched_at.desc(), RawPage.id.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return _stored(row, is_new=False) if row else None


def read_body(conn: Connection, page_id: int) -> bytes:
    row = conn.execute(
        select(RawPage.body, RawPage.compression, RawPage.url).where(RawPage.id == page_id)
    ).first()
    if row is None:
        raise RawStoreError(f"no raw page with id {page_id}")
    return _decompressed(page_id, *row)


@dataclass(frozen=True, slots=True)
class PackedBody:
    """A stored body as read, still compressed: small and cheap to hand to another process."""

    page_id: int
    body: bytes
    compression: str
    url: str

    def unpack(self) -> bytes:
        """The body; RawStoreError when it does not decompress."""
        return _decompressed(self.page_id, self.body, self.compression, self.url)


def read_packed(conn: Connection, page_ids: Sequence[int]) -> dict[int, PackedBody | RawStoreError]:
    """Many bodies at once, not yet decompressed; a missing page maps to its error."""
    table = RawPage.__table__.c
    packed: dict[int, PackedBody | RawStoreError] = {}
    for chunk in chunked(sorted(set(page_ids)), 500):
        rows = conn.execute(
            select(table.id, table.body, table.compression, table.url).where(table.id.in_(chunk))
        )
        for page_id, body, compression, url in rows:
            packed[page_id] = PackedBody(page_id, bytes(body), compression, url)
    for page_id in page_ids:
        packed.setdefault(page_id, RawStoreError(f"no raw page with id {page_id}"))
    return packed


def _decompressed(page_id: int, body: bytes, compression: str, url: str) -> bytes:
    if compression == "none":
        return bytes(body)
    try:
        return zlib.decompress(body)
    except zlib.error as exc:
        raise RawStoreError(f"raw page {page_id} ({url}) does not decompress: {exc}") from None


def _find(conn: Connection, url: str, sha: str) -> RowMapping | None:
    return (
        conn.execute(
            select(RawPage.__table__).where(RawPage.url == url, RawPage.content_sha256 == sha)
        )
        .mappings()
        .first()
    )


def _stored(row: RowMapping, *, is_new: bool) -> StoredPage:
    return StoredPage(
        id=row["id"],
        url=row["url"],
        kind=row["kind"],
        request_id=row["request_id"],
        http_status=row["http_status"],
        content_sha256=row["content_sha256"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        content_type=row["content_type"],
        processed_version=row["processed_version"],
        is_new=is_new,
        source=row["source"],
        captured_at=row["captured_at"],
    )


def stored_urls(conn: Connection, kind: str) -> set[str]:
    """The URLs of which a 200 copy of ``kind`` is stored (what a spider has fetched before)."""
    return set(
        conn.execute(
            select(RawPage.url).distinct().where(RawPage.kind == kind, RawPage.http_status == 200)
        ).scalars()
    )
