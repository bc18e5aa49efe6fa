"""What was asked and said: requests, their event history, messages and attachments."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, JSONType, UTCDateTime, utcnow
from pipeline.visibility import VISIBILITIES

MESSAGE_KINDS = ("outgoing", "incoming", "annotation")


class Request(Base):
    __tablename__ = "requests"
    __table_args__ = (
        CheckConstraint(f"visibility IN {VISIBILITIES!r}", name="visibility"),
        Index("ix_requests_authority_created", "authority_id", "created_at"),
        Index("ix_requests_state_created", "described_state", "created_at"),
        {
            "comment": "FOI and EIR requests, keyed by the site's numeric id (stable across renames)."
        },
    )

    id: Mapped[int] = mapped_column(
        BigInteger, primary_key=True, autoincrement=False, comment="The site's numeric request id."
    )
    url_title: Mapped[str | None] = mapped_column(
        String(255),
        comment="Current slug, as in /request/<url_title>; earlier ones are in request_slugs.",
    )
    title: Mapped[str | None] = mapped_column(Text, comment="Request title.")
    authority_id: Mapped[int | None] = mapped_column(
        ForeignKey("authorities.id"), index=True, comment="The authority the request was sent to."
    )
    requester_url_name: Mapped[str | None] = mapped_column(
        ForeignKey("requesters.url_name"),
        index=True,
        comment="The requester's account; null for external or anonymous requests.",
    )
    external_requester_name: Mapped[str | None] = mapped_column(
        Text,
        comment="Name given for an external request (JSON user_name), when there is no account.",
    )
    law_used: Mapped[str | None] = mapped_column(
        String(8), comment="foi or eir, as the site records it."
    )
    described_state: Mapped[str | None] = mapped_column(
        String(40),
        index=True,
        comment="State the requester (or an admin) last chose; Alaveteli's taxonomy.",
    )
    display_status: Mapped[str | None] = mapped_column(
        Text,
        comment="The site's human label for the calculated status when fetched, e.g. 'Delayed'.",
    )
    status: Mapped[str | None] = mapped_column(
        String(40),
        index=True,
        comment="Calculated status from the page's status block, incl. waiting_classification and the overdue states.",
    )
    awaiting_description: Mapped[bool | None] = mapped_column(
        Boolean, comment="A response arrived that nobody has classified yet."
    )
    prominence: Mapped[str | None] = mapped_column(
        String(20), comment="normal, backpage, requester_only or hidden."
    )
    visibility: Mapped[str] = mapped_column(
        String(12),
        default="public",
        index=True,
        comment="public, backpage (unlisted), hidden (403: taken down), embargoed (404 for now) or removed (404).",
    )
    hidden_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the pipeline found the request hidden or removed (UTC)."
    )
    tags: Mapped[list[Any]] = mapped_column(
        JSONType, default=list, comment="Site tags as [name, value-or-null] pairs."
    )
    batch_id: Mapped[int | None] = mapped_column(
        BigInteger,
        index=True,
        comment="Batch id when the request was sent to several authorities at once.",
    )
    created_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, index=True, comment="When the request was created on the site (UTC)."
    )
    updated_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the site last updated the request (UTC)."
    )
    due_date_shown: Mapped[date | None] = mapped_column(
        Date, comment="Response due date printed in the page's status sentence, when shown."
    )
    json_page_id: Mapped[int | None] = mapped_column(
        ForeignKey("raw_pages.id", ondelete="SET NULL"),
        comment="Raw JSON page the row was built from.",
    )
    html_page_id: Mapped[int | None] = mapped_column(
        ForeignKey("raw_pages.id", ondelete="SET NULL"),
        comment="Raw thread page the row was built from.",
    )
    parser_version: Mapped[str | None] = mapped_column(
        String(32), comment="Version of the parser that produced this row."
    )
    captured_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime,
        comment="When the site served the pages this row comes from: the older of its JSON's and thread page's capture times (UTC). How stale the row may be.",
    )
    data_source: Mapped[str | None] = mapped_column(
        String(8),
        comment="Where those pages came from: live, archive (a web archive's capture) or import (a WARC file or saved page); the older page's source when they differ.",
    )
    first_seen_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the pipeline first stored this request (UTC)."
    )
    last_changed_at: Mapped[datetime] = mapped_column(
        UTCDateTime,
        default=utcnow,
        comment="When any value in this row last changed (UTC); unchanged re-loads leave it alone.",
    )


class RequestSlug(Base):
    __tablename__ = "request_slugs"
    __table_args__ = {
        "comment": "Every url_title a request has had: the site keeps no history, so renames are recorded here."
    }

    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True, comment="The request."
    )
    url_title: Mapped[str] = mapped_column(
        String(255), primary_key=True, comment="A slug the request was served under."
    )
    first_seen_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the pipeline first saw this slug (UTC)."
    )
    last_seen_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the pipeline last saw this slug in use (UTC)."
    )


class RequestEvent(Base):
    __tablename__ = "request_events"
    __table_args__ = (
        Index("ix_request_events_request_created", "request_id", "created_at"),
        {
            "comment": "The request's event history from its JSON (info_request_events), the source of truth for states and times."
        },
    )

    id: Mapped[int] = mapped_column(
        BigInteger, primary_key=True, autoincrement=False, comment="The site's event id."
    )
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), comment="The request."
    )
    event_type: Mapped[str] = mapped_column(
        String(32),
        index=True,
        comment="sent, response, followup_sent, comment, status_update, overdue, … (Alaveteli EVENT_TYPES).",
    )
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime,
        comment="When the event happened on the site (UTC); for responses, the receipt time.",
    )
    described_state: Mapped[str | None] = mapped_column(
        String(40), comment="State chosen when this was the latest event at classification."
    )
    calculated_state: Mapped[str | None] = mapped_column(
        String(40), comment="State propagated to this event by the site."
    )
    last_described_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the request was last classified at this event (UTC)."
    )
    incoming_message_id: Mapped[int | None] = mapped_column(
        BigInteger, comment="Incoming message of this event, if any."
    )
    outgoing_message_id: Mapped[int | None] = mapped_column(
        BigInteger, comment="Outgoing message of this event, if any."
    )
    comment_id: Mapped[int | None] = mapped_column(
        BigInteger, comment="Annotation of this event, if any."
    )
    display_status: Mapped[str | None] = mapped_column(
        Text, comment="The site's label for the event, e.g. 'Internal review request'."
    )
    parser_version: Mapped[str | None] = mapped_column(
        String(32), comment="Version of the parser that produced this row."
    )


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint(f"kind IN {MESSAGE_KINDS!r}", name="kind"),
        Index("ix_messages_request_sent", "request_id", "sent_at"),
        {
            "comment": "Correspondence on a request's thread: outgoing messages, incoming replies and annotations."
        },
    )

    kind: Mapped[str] = mapped_column(
        String(10),
        primary_key=True,
        comment="outgoing, incoming or annotation (the site numbers each kind separately).",
    )
    id: Mapped[int] = mapped_column(
        BigInteger,
        primary_key=True,
        autoincrement=False,
        comment="The site's id for this kind: outgoing-<id>, incoming-<id>, comment-<id>.",
    )
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), comment="The request."
    )
    event_id: Mapped[int | None] = mapped_column(
        BigInteger, comment="The JSON event that carries this message."
    )
    position: Mapped[int] = mapped_column(Integer, comment="Order on the thread page, from 0.")
    purpose: Mapped[str | None] = mapped_column(
        String(32),
        comment="For outgoing: initial_request, followup, clarification or internal_review_request.",
    )
    author: Mapped[str | None] = mapped_column(
        Text,
        comment="Sender name as shown (trailing commas removed); personal data for outgoing messages.",
    )
    author_organisation: Mapped[str | None] = mapped_column(
        Text, comment="For incoming messages, the authority part of the header."
    )
    author_url_name: Mapped[str | None] = mapped_column(
        String(255), comment="For annotations, the author's /user/<url_name>."
    )
    sent_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="Time shown on the page (time[datetime]), as UTC."
    )
    utc_offset_minutes: Mapped[int | None] = mapped_column(
        SmallInteger,
        comment="The offset the page printed with sent_at, in minutes (60 for +01:00).",
    )
    body_text: Mapped[str | None] = mapped_column(
        Text,
        comment="Message text without quoted sections; paragraphs separated by blank lines; redaction masks kept.",
    )
    quoted_text: Mapped[str | None] = mapped_column(
        Text, comment="Quoted sections (earlier messages, disclaimers) kept apart from the body."
    )
    prominence: Mapped[str] = mapped_column(
        String(20),
        default="normal",
        comment="normal, hidden or requester_only (hidden messages have no body).",
    )
    hidden_notice: Mapped[str | None] = mapped_column(
        Text, comment="The site's notice for a hidden message."
    )
    delivery_status: Mapped[str | None] = mapped_column(
        String(16), comment="For outgoing: delivered, sent, failed or unknown."
    )
    resent_at: Mapped[list[Any]] = mapped_column(
        JSONType, default=list, comment="ISO times at which the site re-sent this outgoing message."
    )
    parser_version: Mapped[str | None] = mapped_column(
        String(32), comment="Version of the parser that produced this row."
    )
    first_seen_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the pipeline first stored this message (UTC)."
    )
    last_changed_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When any value in this row last changed (UTC)."
    )


class Attachment(Base):
    __tablename__ = "attachments"
    __table_args__ = (
        ForeignKeyConstraint(
            ["message_kind", "message_id"], ["messages.kind", "messages.id"], ondelete="CASCADE"
        ),
        CheckConstraint("message_kind = 'incoming'", name="incoming_only"),
        Index("ix_attachments_download", "download_status"),
        {
            "comment": "Files attached to incoming messages, their download state and extracted text."
        },
    )

    message_id: Mapped[int] = mapped_column(
        BigInteger, primary_key=True, autoincrement=False, comment="The incoming message."
    )
    part: Mapped[int] = mapped_column(
        Integer,
        primary_key=True,
        autoincrement=False,
        comment="MIME leaf number in the message, as in …/attach/<part>/<name>.",
    )
    message_kind: Mapped[str] = mapped_column(
        String(10),
        default="incoming",
        comment="Always 'incoming' (only replies carry attachments).",
    )
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), index=True, comment="The request."
    )
    wdtk_attachment_id: Mapped[int | None] = mapped_column(
        BigInteger,
        comment="The site's attachment id (li#attachment-<id>), when the markup shows it.",
    )
    filename: Mapped[str] = mapped_column(Text, comment="Display filename as printed on the page.")
    content_type: Mapped[str | None] = mapped_column(
        String(255), comment="Type the site declares (from its icon or the download header)."
    )
    size_label: Mapped[str | None] = mapped_column(
        String(16), comment="Size as printed, e.g. '82K' or '1.3M'."
    )
    size_bytes: Mapped[int | None] = mapped_column(
        BigInteger, comment="Size in bytes: exact once downloaded, else estimated from size_label."
    )
    url: Mapped[str | None] = mapped_column(Text, comment="Download path on the site.")
    html_url: Mapped[str | None] = mapped_column(
        Text, comment="Path of the site's HTML view of the file, when offered."
    )
    hidden: Mapped[bool] = mapped_column(
        Boolean, default=False, comment="The site hides this attachment."
    )
    erased: Mapped[bool] = mapped_column(
        Boolean, default=False, comment="The site erased this attachment."
    )
    download_status: Mapped[str] = mapped_column(
        String(16),
        default="pending",
        comment="pending, downloaded, wait (site still masking), too_large, failed, hidden or gone.",
    )
    download_attempts: Mapped[int] = mapped_column(
        Integer, default=0, comment="How many times a download was tried."
    )
    downloaded_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the file was downloaded (UTC)."
    )
    sha256: Mapped[str | None] = mapped_column(
        String(64), index=True, comment="SHA-256 of the downloaded bytes."
    )
    stored_path: Mapped[str | None] = mapped_column(
        Text, comment="Where the bytes are kept, relative to WDTK_DATA_DIR (content-addressed)."
    )
    sniffed_type: Mapped[str | None] = mapped_column(
        String(255), comment="Type found from the bytes themselves."
    )
    text: Mapped[str | None] = mapped_column(Text, comment="Text extracted from the file.")
    text_method: Mapped[str | None] = mapped_column(
        String(32),
        comment="How the text was extracted: pdf, ocr, docx, xlsx, odt, rtf, html, text, csv, eml.",
    )
    extraction_status: Mapped[str | None] = mapped_column(
        String(24),
        comment="ok, empty, ocr_unavailable, encrypted, too_large, bomb, timeout, corrupt or unsupported.",
    )
    extraction_error: Mapped[str | None] = mapped_column(
        Text, comment="Why extraction failed, when it did."
    )
    page_count: Mapped[int | None] = mapped_column(
        Integer, comment="Pages in the document, when known."
    )
    extracted_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the text was extracted (UTC)."
    )
    parser_version: Mapped[str | None] = mapped_column(
        String(32), comment="Version of the parser that produced the listing fields."
    )
    first_seen_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the pipeline first listed this attachment (UTC)."
    )
    last_changed_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When any value in this row last changed (UTC)."
    )
