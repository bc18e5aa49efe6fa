"""How the data got here: raw pages, crawl state and runs, quarantine, quality, exports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, JSONType, UTCDateTime, utcnow


class RawPage(Base):
    __tablename__ = "raw_pages"
    __table_args__ = (
        UniqueConstraint("url", "content_sha256", name="uq_raw_pages_url_content"),
        Index("ix_raw_pages_request_kind", "request_id", "kind"),
        {
            "comment": "Every distinct response body fetched, compressed, so parsing can be re-run without fetching."
        },
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Row id.")
    url: Mapped[str] = mapped_column(Text, comment="URL fetched (after redirects).")
    kind: Mapped[str] = mapped_column(
        String(24),
        index=True,
        comment="request_json, thread_html, authority_csv, body_json, user_json, list_html or version_json.",
    )
    request_id: Mapped[int | None] = mapped_column(
        BigInteger, comment="The request the page belongs to, when it belongs to one."
    )
    http_status: Mapped[int] = mapped_column(SmallInteger, comment="HTTP status of the response.")
    fetched_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When this content was first fetched (UTC)."
    )
    last_fetched_at: Mapped[datetime] = mapped_column(
        UTCDateTime,
        default=utcnow,
        comment="When this same content was last fetched or confirmed by a 304 (UTC).",
    )
    etag: Mapped[str | None] = mapped_column(Text, comment="ETag validator the server sent.")
    last_modified: Mapped[str | None] = mapped_column(
        Text, comment="Last-Modified validator the server sent."
    )
    content_type: Mapped[str | None] = mapped_column(String(255), comment="Content-Type header.")
    content_sha256: Mapped[str] = mapped_column(
        String(64), comment="SHA-256 of the uncompressed body."
    )
    body: Mapped[bytes] = mapped_column(
        LargeBinary, comment="The body, compressed as 'compression' says."
    )
    body_size: Mapped[int] = mapped_column(Integer, comment="Uncompressed body size in bytes.")
    compression: Mapped[str] = mapped_column(String(8), default="zlib", comment="zlib or none.")
    crawl_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("crawl_runs.id", ondelete="SET NULL"),
        comment="The crawl run that first fetched it.",
    )
    processed_version: Mapped[str | None] = mapped_column(
        String(32), comment="Parser version that last normalised this page; null until normalised."
    )
    # Provenance (migration 0004): where the bytes came from and when the site served them.
    source: Mapped[str] = mapped_column(
        String(8),
        default="live",
        server_default="live",
        comment="live (fetched from the site), archive (a web archive's capture) or import (a WARC file or saved page).",
    )
    archive: Mapped[str | None] = mapped_column(
        String(32),
        comment="The web archive a capture came from: wayback or commoncrawl; null otherwise.",
    )
    captured_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime,
        comment="When the site was last seen serving this content (UTC): the archive's capture time, the WARC record's date, or for live pages the last fetch or 304. Newer wins at normalise.",
    )
    original_url: Mapped[str | None] = mapped_column(
        Text, comment="The site URL an archived or imported page is a copy of; null for live pages."
    )


class CrawlState(Base):
    __tablename__ = "crawl_state"
    __table_args__ = {
        "comment": "Per-request crawl frontier: what was seen and when to look again. Lives in the database so a killed run resumes."
    }

    request_id: Mapped[int] = mapped_column(
        BigInteger, primary_key=True, autoincrement=False, comment="The site's request id."
    )
    url_title: Mapped[str | None] = mapped_column(String(255), comment="Last known slug.")
    discovered_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the id was first seen (UTC)."
    )
    discovered_via: Mapped[str | None] = mapped_column(
        String(32), comment="list, probe, link or seed: how the id was found."
    )
    last_checked_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the request was last fetched (UTC)."
    )
    last_http_status: Mapped[int | None] = mapped_column(
        SmallInteger, comment="HTTP status of the last fetch."
    )
    last_event_id: Mapped[int | None] = mapped_column(
        BigInteger, comment="Newest event id seen in the request JSON."
    )
    last_event_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="Time of the newest indexed event seen (UTC)."
    )
    site_updated_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="The request JSON's updated_at when last fetched (UTC)."
    )
    next_check_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, index=True, comment="When the request is next due for a fetch (UTC)."
    )
    check_interval_hours: Mapped[float | None] = mapped_column(
        Float, comment="Current re-check interval; grows while nothing changes."
    )
    failures: Mapped[int] = mapped_column(Integer, default=0, comment="Consecutive failed fetches.")
    last_error: Mapped[str | None] = mapped_column(Text, comment="The last fetch error.")
    gone: Mapped[bool] = mapped_column(
        Boolean, default=False, comment="The site answers 403/404 for it now."
    )


class CrawlRun(Base):
    __tablename__ = "crawl_runs"
    __table_args__ = {"comment": "One row per crawl (or pipeline stage) run, with its figures."}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Row id.")
    spider: Mapped[str] = mapped_column(
        String(32),
        comment="Spider or stage: authorities, discover, threads, attachments, normalise, analyse, export, refresh.",
    )
    base_url: Mapped[str | None] = mapped_column(Text, comment="The site crawled.")
    started_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the run started (UTC)."
    )
    finished_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the run ended (UTC); null while running or if killed."
    )
    status: Mapped[str] = mapped_column(
        String(16),
        default="running",
        comment="running, finished, failed, interrupted, or crashed (stopped beating while "
        "running: the machine or process died).",
    )
    pages: Mapped[int] = mapped_column(Integer, default=0, comment="Pages fetched.")
    items: Mapped[int] = mapped_column(Integer, default=0, comment="Items (rows) produced.")
    errors: Mapped[int] = mapped_column(Integer, default=0, comment="Errors.")
    retries: Mapped[int] = mapped_column(Integer, default=0, comment="Retried requests.")
    stats: Mapped[dict[str, Any]] = mapped_column(
        JSONType, default=dict, comment="All of the run's counters."
    )
    heartbeat_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime,
        comment="Last sign of life while running (UTC), renewed every few seconds: a running "
        "row whose heartbeat has stopped is marked crashed by the next run.",
    )
    host: Mapped[str | None] = mapped_column(
        String(255), comment="Host name of the machine running it."
    )
    pid: Mapped[int | None] = mapped_column(Integer, comment="Process id running it on host.")
    wall_reason: Mapped[str | None] = mapped_column(
        Text,
        comment="Why the run stopped at a bot wall (a challenge page instead of content); null if it met none.",
    )
    wall_url: Mapped[str | None] = mapped_column(
        Text, comment="The first URL that answered with the bot wall."
    )
    wall_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the bot wall was first met (UTC)."
    )


class Quarantine(Base):
    __tablename__ = "quarantine"
    __table_args__ = (
        UniqueConstraint("stage", "entity_key", "reason", name="uq_quarantine_entry"),
        {"comment": "Records that failed a stage, with the reason; the run went on without them."},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Row id.")
    stage: Mapped[str] = mapped_column(
        String(24), index=True, comment="fetch, parse, normalise, extract or analyse."
    )
    entity_key: Mapped[str] = mapped_column(
        String(255),
        comment="What failed, e.g. 'raw_page:17', 'request:540577', 'attachment:1398278/2'.",
    )
    reason: Mapped[str] = mapped_column(
        String(64), comment="Short machine-readable reason, e.g. thread_parse_error, bomb, timeout."
    )
    detail: Mapped[str | None] = mapped_column(Text, comment="The error message.")
    raw_page_id: Mapped[int | None] = mapped_column(
        ForeignKey("raw_pages.id", ondelete="SET NULL"), comment="Raw page involved, if any."
    )
    first_seen_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When it first failed (UTC)."
    )
    last_seen_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When it last failed (UTC)."
    )
    occurrences: Mapped[int] = mapped_column(
        Integer, default=1, comment="How many runs hit this failure."
    )
    resolved_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When a later run processed it successfully (UTC)."
    )


class SiteStats(Base):
    __tablename__ = "site_stats"
    __table_args__ = {
        "comment": "Snapshots of the site's /version.json totals, the yardstick for coverage."
    }

    id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Row id.")
    fetched_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the snapshot was taken (UTC)."
    )
    visible_request_count: Mapped[int | None] = mapped_column(
        Integer, comment="Requests the site says are public."
    )
    visible_public_body_count: Mapped[int | None] = mapped_column(
        Integer, comment="Authorities the site says are visible."
    )
    data: Mapped[dict[str, Any]] = mapped_column(
        JSONType, default=dict, comment="The whole /version.json document."
    )


class DataQualityReport(Base):
    __tablename__ = "data_quality_reports"
    __table_args__ = {
        "comment": "Data-quality figures computed after each refresh: coverage, null and failure rates."
    }

    id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Row id.")
    crawl_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("crawl_runs.id", ondelete="SET NULL"), comment="The run the report belongs to."
    )
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the report was made (UTC)."
    )
    passed: Mapped[bool] = mapped_column(
        Boolean, comment="Whether every figure was within its threshold."
    )
    metrics: Mapped[dict[str, Any]] = mapped_column(
        JSONType, default=dict, comment="The figures, by name."
    )
    failures: Mapped[list[Any]] = mapped_column(
        JSONType, default=list, comment="Figures past their thresholds."
    )


class ExportRun(Base):
    __tablename__ = "export_runs"
    __table_args__ = {"comment": "Dataset exports written, for versioning and incremental exports."}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Row id.")
    started_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the export started (UTC)."
    )
    finished_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the export finished (UTC)."
    )
    formats: Mapped[list[Any]] = mapped_column(
        JSONType, default=list, comment="Formats written: csv, jsonl, parquet, sqlite."
    )
    path: Mapped[str] = mapped_column(Text, comment="Folder written.")
    version: Mapped[str] = mapped_column(String(64), comment="Dataset version label of the folder.")
    incremental: Mapped[bool] = mapped_column(
        Boolean, default=False, comment="Only rows changed since the previous export."
    )
    since: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="Watermark: rows changed after this were exported (UTC)."
    )
    row_counts: Mapped[dict[str, Any]] = mapped_column(
        JSONType, default=dict, comment="Rows written per resource."
    )


class PipelineSetting(Base):
    __tablename__ = "pipeline_settings"
    __table_args__ = {
        "comment": "Settings the pipeline keeps with its data (e.g. the generated pseudonym key)."
    }

    key: Mapped[str] = mapped_column(String(64), primary_key=True, comment="Setting name.")
    value: Mapped[str] = mapped_column(Text, comment="Setting value.")
