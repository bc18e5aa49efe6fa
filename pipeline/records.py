"""Typed records that flow between the layers.

Parsers in ``pipeline`` return these; ``db`` loads them; the replica in ``scraper.replica``
builds its ground truth from the same types, so a test can compare what was served with what
was harvested field by field. Datetimes are always timezone-aware and keep the offset the site
printed (``2019-06-16T10:57:21+01:00``).

One place per fact: the Alaveteli state taxonomy lives in ``pipeline.states``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

ItemKind = Literal["outgoing", "incoming", "annotation"]
Markup = Literal["2019", "current"]
Tag = tuple[str, str | None]


@dataclass(slots=True)
class AttachmentRef:
    """One entry of ``ul.list-of-attachments`` under an incoming message."""

    name: str  # display filename, as printed in p.attachment__name
    part: int | None  # MIME leaf number from the URL (…/attach/<part>/<name>)
    url: str | None  # download path, without ?cookie_passthrough=1
    html_url: str | None = None  # …/attach/html/<part>/<name>.html when offered
    size_label: str | None = None  # "82K", "1.3M" (first token of p.attachment__meta)
    size_bytes: int | None = None  # approximate bytes from size_label
    content_type: str | None = None  # from the icon asset name, e.g. application/pdf
    wdtk_id: int | None = None  # li#attachment-<id> (current markup only)
    hidden: bool = False  # span.hidden_attachment
    erased: bool = False  # "This file has been erased."


@dataclass(slots=True)
class ThreadItem:
    """One correspondence block of a thread page, in page order."""

    kind: ItemKind
    id: int  # outgoing-<id>, incoming-<id> or comment-<id>
    sent_at: datetime | None  # time[datetime], offset kept
    author: str | None  # sender name; trailing commas and whitespace removed
    body: str = ""  # text with paragraphs separated by blank lines; quotes removed
    quoted: str | None = None  # quoted sections (only present on unfolded pages)
    author_organisation: str | None = None  # "<name>, <Authority>": the authority part
    author_url_name: str | None = None  # /user/<url_name> of an annotation's author
    attachments: list[AttachmentRef] = field(default_factory=list)
    prominence: str = "normal"  # normal | hidden | requester_only
    hidden_notice: str | None = None  # p#hidden_message text
    delivery_status: str | None = None  # delivered | sent | failed | unknown (outgoing)
    resent_at: list[datetime] = field(default_factory=list)  # "Sent request … again" blocks


@dataclass(slots=True)
class ThreadPage:
    """Everything a request thread page says, as read from its HTML."""

    title: str
    status: str | None  # request-status-message--<status>: the calculated status
    authority_name: str | None
    authority_url_name: str | None
    requester_name: str | None  # None for "An anonymous user"
    requester_url_name: str | None
    request_id: int | None = None  # from /request/<id>/… links when the page has them
    url_title: str | None = None
    law_used: str | None = None  # foi | eir, from the subtitle wording
    batch_id: int | None = None
    due_date: date | None = None  # the status sentence's time[datetime], when present
    markup: Markup = "current"
    unfolded: bool = False  # quoted sections were shown (?unfold=1)
    items: list[ThreadItem] = field(default_factory=list)


@dataclass(slots=True)
class EventRecord:
    """One entry of ``info_request_events`` in the request JSON."""

    id: int
    event_type: str
    created_at: datetime
    described_state: str | None = None
    calculated_state: str | None = None
    last_described_at: datetime | None = None
    incoming_message_id: int | None = None
    outgoing_message_id: int | None = None
    comment_id: int | None = None
    display_status: str | None = None


@dataclass(slots=True)
class AuthorityRecord:
    """An authority from ``all-authorities.csv`` or ``/body/<url_name>.json``."""

    id: int
    url_name: str
    name: str
    short_name: str | None = None
    tags: list[Tag] = field(default_factory=list)
    home_page: str | None = None
    publication_scheme: str | None = None
    disclosure_log: str | None = None
    notes: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int | None = None
    info: dict[str, int] | None = None  # JSON only: requests_count, …


@dataclass(slots=True)
class UserRecord:
    """A requester from the request JSON's ``user`` or ``/user/<url_name>.json``."""

    id: int | None
    url_name: str
    name: str
    ban_text: str | None = None
    about_me: str | None = None


@dataclass(slots=True)
class RequestRecord:
    """``/request/<url_title>.json``: the source of truth for ids, states and event times."""

    id: int
    url_title: str
    title: str
    created_at: datetime
    updated_at: datetime
    described_state: str
    display_status: str | None
    awaiting_description: bool
    prominence: str
    law_used: str
    tags: list[Tag] = field(default_factory=list)
    user: UserRecord | None = None
    external_user_name: str | None = None  # user_name, for external requests
    authority: AuthorityRecord | None = None
    events: list[EventRecord] = field(default_factory=list)
