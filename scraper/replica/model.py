"""The replica's internal view of a request: richer than the public records (it knows the
letters' labels, the quoted text and the file kinds), and turned into ``pipeline.records``
types for the ground truth."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from pipeline.records import Markup
from scraper.replica.letters import LetterLabels
from scraper.replica.names import Authority, User


@dataclass(slots=True)
class Attachment:
    part: int
    filename: str  # display filename
    file_kind: str  # one of files.KINDS
    text: str  # the words in the file (what OCR or extraction should find)
    wdtk_id: int
    letter: LetterLabels | None = None
    rows: list[list[object]] | None = None  # tables for csv / xlsx
    hidden: bool = False
    layout: object | None = None  # how a letter is laid out in the file (``render`` specs)


@dataclass(slots=True)
class Message:
    kind: str  # outgoing | incoming | annotation
    id: int
    author: str
    body: str  # paragraphs separated by blank lines, masks applied
    author_organisation: str | None = None
    author_url_name: str | None = None
    quoted: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    letter: LetterLabels | None = None  # a letter written in the email body itself
    sent_at: datetime | None = None  # incoming: the email's Date header
    delivery_status: str | None = None
    prominence: str = "normal"
    message_type: str = "initial_request"  # outgoing: initial_request | followup


@dataclass(slots=True)
class Event:
    id: int
    type: str
    at: datetime
    described_state: str | None = None
    calculated_state: str | None = None
    message: Message | None = None
    # A classification this event applies to the request (status_update, followups that set a state).
    sets_state: str | None = None

    @property
    def incoming_id(self) -> int | None:
        return self.message.id if self.message and self.message.kind == "incoming" else None

    @property
    def outgoing_id(self) -> int | None:
        return self.message.id if self.message and self.message.kind == "outgoing" else None

    @property
    def comment_id(self) -> int | None:
        return self.message.id if self.message and self.message.kind == "annotation" else None


@dataclass(slots=True)
class Request:
    """A request as it stands at one clock value."""

    id: int
    title: str
    url_title: str
    created_at: datetime
    authority: Authority
    user: User
    law_used: str  # foi | eir
    regime: str  # FOIA | EIR | FOISA
    markup: Markup  # "2019" | "current"
    prominence: str  # normal | backpage | hidden | requester_only
    embargoed: bool
    events: list[Event]
    described_state: str
    awaiting_description: bool
    status: str  # calculated status
    due_date: date | None
    very_overdue_date: date | None
    updated_at: datetime
    batch_id: int | None = None
    batch_size: int = 0
    tags: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def public(self) -> bool:
        """Served with a 200 to anonymous visitors (normal or backpage)."""
        return not self.embargoed and self.prominence in ("normal", "backpage")

    @property
    def listed(self) -> bool:
        """Indexed by Xapian, so shown in /list."""
        return not self.embargoed and self.prominence == "normal"
