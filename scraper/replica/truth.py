"""Ground truth: what the replica served for a request, as ``pipeline.records`` types.

A harvest is checked by comparing what a crawler parsed with ``Replica.truth(id)``: the
request JSON's record (``RequestRecord`` with events), the thread page's items
(``ThreadPage`` / ``ThreadItem`` / ``AttachmentRef``), every letter's labels and every
attachment's file facts. Repeated blocks of one message (a ``send_error`` re-rendering the
original, or "sent again" boxes) are folded into the first item, with ``resent_at`` filled.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from pipeline.records import (
    AttachmentRef,
    AuthorityRecord,
    EventRecord,
    ItemKind,
    RequestRecord,
    ThreadItem,
    ThreadPage,
    UserRecord,
)
from pipeline.states import display_status
from scraper.replica.attach import file_size
from scraper.replica.files import content_type_for, size_label
from scraper.replica.html_thread import attachment_paths
from scraper.replica.jsonapi import event_display_status, last_described_at
from scraper.replica.letters import LetterLabels
from scraper.replica.model import Request

if TYPE_CHECKING:
    from scraper.replica.replica import Replica

HIDDEN_NOTICE = "This message has been hidden. There are various reasons why we might have done this, sorry we can't be more specific here. Please contact us if you have any questions."
_ITEM_KINDS: dict[str, ItemKind] = {
    "outgoing": "outgoing",
    "incoming": "incoming",
    "annotation": "annotation",
}


@dataclass(frozen=True, slots=True)
class AttachmentTruth:
    incoming_message_id: int
    part: int
    filename: str
    content_type: str
    file_kind: str  # pdf | image_pdf | docx | xlsx | csv | txt | eml
    text: str  # the words in the file (what extraction or OCR should recover)
    size: int  # bytes served
    hidden: bool
    letter: LetterLabels | None
    download_path: str  # canonical (slug) path


@dataclass(frozen=True, slots=True)
class LetterTruth:
    incoming_message_id: int
    part: int | None  # None: the letter is the email body
    labels: LetterLabels


@dataclass(slots=True)
class RequestTruth:
    record: RequestRecord
    page: ThreadPage  # as served without ?unfold=1
    unfolded_page: ThreadPage  # as served with ?unfold=1
    status: str  # calculated status (the status block's class)
    visibility: str  # public | backpage | hidden | requester_only | embargoed
    url_title: str
    old_url_titles: list[str]
    batch_id: int | None
    due_date: date | None
    very_overdue_date: date | None
    letters: list[LetterTruth]
    attachments: list[AttachmentTruth]


def _size_bytes(label: str) -> int:
    return int(float(label[:-1]) * (1024 * 1024 if label.endswith("M") else 1024))


def thread_page(r: Request, unfold: bool) -> ThreadPage:
    items: list[ThreadItem] = []
    seen: dict[tuple[str, int], ThreadItem] = {}
    for e in r.events:
        m = e.message
        if m is None or e.type not in (
            "sent",
            "followup_sent",
            "send_error",
            "resent",
            "followup_resent",
            "response",
            "comment",
        ):
            continue
        key = (m.kind, m.id)
        if key in seen:
            if e.type in ("resent", "followup_resent"):
                seen[key].resent_at.append(e.at)
            continue
        hidden = m.prominence != "normal"
        attachments = []
        if not hidden:
            for att in m.attachments:
                if att.hidden:
                    attachments.append(AttachmentRef(name="", part=None, url=None, content_type=None, hidden=True,
                                                     wdtk_id=att.wdtk_id if r.markup == "current" else None))  # fmt: skip
                    continue
                download, html = attachment_paths(r, m.id, att)
                label = size_label(file_size(r, m, att))
                attachments.append(AttachmentRef(
                    name=att.filename, part=att.part, url=download, html_url=html, size_label=label,
                    size_bytes=_size_bytes(label), content_type=content_type_for(att.filename),
                    wdtk_id=att.wdtk_id if r.markup == "current" else None,
                ))  # fmt: skip
        kind = _ITEM_KINDS[m.kind]
        if m.kind == "incoming":
            # "Name,\n Authority" gives both; a bare "Authority" or "Name," gives the author only.
            author = m.author
            organisation = None if m.author == r.authority.name else m.author_organisation
        else:
            organisation, author = None, m.author
        item = ThreadItem(
            kind=kind,
            id=m.id,
            sent_at=(m.sent_at or e.at) if m.kind == "incoming" else e.at,
            author=None if hidden and m.kind == "outgoing" else author,
            body="" if hidden else m.body,
            quoted=m.quoted if unfold and not hidden and m.kind == "incoming" else None,
            author_organisation=None if hidden and m.kind == "outgoing" else organisation,
            author_url_name=m.author_url_name,
            attachments=attachments,
            prominence=m.prominence,
            hidden_notice=HIDDEN_NOTICE if hidden else None,
            delivery_status=m.delivery_status if m.kind == "outgoing" and not hidden else None,
        )
        seen[key] = item
        items.append(item)
    return ThreadPage(
        title=r.title, status=r.status, authority_name=r.authority.name,
        authority_url_name=r.authority.url_name, requester_name=r.user.name,
        requester_url_name=r.user.url_name, request_id=r.id, url_title=r.url_title,
        law_used=r.law_used, batch_id=r.batch_id,
        due_date=r.due_date if r.status in ("waiting_response", "waiting_response_overdue") else None,
        markup=r.markup,
        unfolded=unfold, items=items,
    )  # fmt: skip


def request_record(r: Request) -> RequestRecord:
    described_at = last_described_at(r.events)
    body = r.authority
    return RequestRecord(
        id=r.id, url_title=r.url_title, title=r.title, created_at=r.created_at, updated_at=r.updated_at,
        described_state=r.described_state, display_status=display_status(r.status),
        awaiting_description=r.awaiting_description, prominence=r.prominence, law_used=r.law_used,
        tags=list(r.tags), user=UserRecord(r.user.id, r.user.url_name, r.user.name, r.user.ban_text, r.user.about_me),
        authority=AuthorityRecord(
            id=body.id, url_name=body.url_name, name=body.name, short_name=body.short_name,
            tags=list(body.tags), home_page=body.home_page, notes=body.notes,
            created_at=body.created_at, updated_at=body.updated_at,
        ),
        events=[
            EventRecord(
                id=e.id, event_type=e.type, created_at=e.at, described_state=e.described_state,
                calculated_state=e.calculated_state, last_described_at=described_at.get(e.id),
                incoming_message_id=e.incoming_id, outgoing_message_id=e.outgoing_id,
                comment_id=e.comment_id, display_status=event_display_status(e),
            )
            for e in r.events
        ],
    )  # fmt: skip


def build_truth(replica: Replica, request_id: int) -> RequestTruth | None:
    r = replica.request(request_id)
    if r is None:
        return None
    letters, attachments = [], []
    for e in r.events:
        m = e.message
        if e.type != "response" or m is None:
            continue
        if m.letter is not None:
            letters.append(LetterTruth(m.id, None, m.letter))
        for att in m.attachments:
            if att.letter is not None:
                letters.append(LetterTruth(m.id, att.part, att.letter))
            canonical = f"/request/{r.url_title}/response/{m.id}/attach/{att.part}/{att.filename}"
            attachments.append(AttachmentTruth(
                m.id, att.part, att.filename, content_type_for(att.filename), att.file_kind, att.text,
                file_size(r, m, att), att.hidden or m.prominence != "normal", att.letter, canonical,
            ))  # fmt: skip
    return RequestTruth(
        record=request_record(r), page=thread_page(r, False), unfolded_page=thread_page(r, True),
        status=r.status, visibility=replica._visibility(request_id), url_title=r.url_title,
        old_url_titles=replica.old_slugs(request_id), batch_id=r.batch_id, due_date=r.due_date,
        very_overdue_date=r.very_overdue_date, letters=letters, attachments=attachments,
    )  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def truth_json(replica: Replica, request_id: int) -> dict[str, Any]:
    truth = build_truth(replica, request_id)
    assert truth is not None
    plain: dict[str, Any] = _plain(dataclasses.asdict(truth))
    return plain
