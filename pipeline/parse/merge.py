"""Pair a thread page with its request JSON.

JSON is the source of truth for ids, states and event times; the HTML for text, senders and
attachments. Blocks pair with events by message id: ``response`` ↔ ``incoming_message_id``,
``sent``/``followup_sent``/``send_error`` ↔ ``outgoing_message_id``, ``comment`` ↔
``comment_id``; ``resent``/``followup_resent`` events belong to the outgoing block they repeat.
Whatever pairs with nothing is reported, not dropped: a comment hidden by an admin is in the
JSON only, a block whose event is missing from the JSON is in the HTML only. Message blocks the
JSON proves must be on the page, and are not, raise ThreadParseError (``_check_blocks``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pipeline.parse.errors import ThreadParseError
from pipeline.parse.thread_items import MESSAGE_BLOCKS, block_selector
from pipeline.records import EventRecord, RequestRecord, ThreadItem, ThreadPage

_SENDS = frozenset({"sent", "followup_sent", "send_error"})
_RESENDS = frozenset({"resent", "followup_resent"})


@dataclass(slots=True)
class MergedItem:
    item: ThreadItem
    event: EventRecord
    resent_events: list[EventRecord] = field(default_factory=list)
    # A send_error event re-renders the whole outgoing block under the same id; the parser
    # keeps one block, and the extra events are listed here.
    other_events: list[EventRecord] = field(default_factory=list)

    @property
    def event_at(self) -> datetime:
        """When the site recorded the event (for incoming mail, receipt, not the Date: header)."""
        return self.event.created_at


@dataclass(slots=True)
class MergedThread:
    request: RequestRecord
    page: ThreadPage
    items: list[MergedItem] = field(default_factory=list)  # page order
    html_only: list[ThreadItem] = field(default_factory=list)
    json_only: list[EventRecord] = field(default_factory=list)  # rendered types without a block
    conflicts: list[str] = field(default_factory=list)  # JSON and HTML disagree on a fact

    @property
    def complete(self) -> bool:
        return not (self.html_only or self.json_only or self.conflicts)


def block_key(event: EventRecord) -> tuple[str, int] | None:
    """The (kind, id) of the block an event renders as, or None for events without one."""
    if event.event_type == "response" and event.incoming_message_id is not None:
        return ("incoming", event.incoming_message_id)
    if event.event_type in _SENDS | _RESENDS and event.outgoing_message_id is not None:
        return ("outgoing", event.outgoing_message_id)
    if event.event_type == "comment" and event.comment_id is not None:
        return ("annotation", event.comment_id)
    return None


def _conflicts(request: RequestRecord, page: ThreadPage) -> list[str]:
    found = []
    if page.request_id is not None and page.request_id != request.id:
        found.append(f"request id: JSON {request.id}, page {page.request_id}")
    if page.url_title is not None and page.url_title != request.url_title:
        found.append(f"url_title: JSON {request.url_title!r}, page {page.url_title!r}")
    if page.law_used is not None and page.law_used != request.law_used:
        found.append(f"law_used: JSON {request.law_used!r}, page {page.law_used!r}")
    return found


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _check_blocks(
    request: RequestRecord,
    merged: MergedThread,
    kinds: set[str],
    primary: dict[tuple[str, int], EventRecord],
) -> None:
    """Message blocks the JSON says must be on the page (only run when a kind is missing).

    The site renders a block for every message event, concealed ones included, in event order,
    so: no message block at all while the JSON lists messages; no outgoing block although the
    request was sent (the first block of every thread); no incoming block although a response
    came before a block that is on the page. Each is a layout change, not an empty thread. A
    response newer than everything on the page is not: the page may be an older capture.
    """
    where = f"request {request.url_title!r}"
    sends = [e for (kind, _), e in primary.items() if kind == "outgoing"]
    responses = [e for (kind, _), e in primary.items() if kind == "incoming"]
    if not sends and not responses:
        return
    if "incoming" not in kinds and "outgoing" not in kinds:
        listed = len(sends) + len(responses)
        raise ThreadParseError(
            MESSAGE_BLOCKS,
            f"no message block, but the JSON lists {_n(listed, 'message')} for {where}",
        )
    if "outgoing" not in kinds and sends:
        raise ThreadParseError(
            block_selector("outgoing"),
            f"no outgoing block, but the JSON lists {_n(len(sends), 'sent message')} for {where}",
        )
    if "incoming" not in kinds and responses and merged.items:
        shown = max(m.event.created_at for m in merged.items)
        earlier = [e for e in responses if e.created_at < shown]
        if earlier:
            raise ThreadParseError(
                block_selector("incoming"),
                f"no incoming block, but the JSON lists {_n(len(earlier), 'response')} older "
                f"than the page's newest block for {where}",
            )


def merge_thread(request: RequestRecord, page: ThreadPage) -> MergedThread:
    """Pair every block of ``page`` with its event in ``request``; report the leftovers."""
    primary: dict[tuple[str, int], EventRecord] = {}
    resends: dict[tuple[str, int], list[EventRecord]] = {}
    others: dict[tuple[str, int], list[EventRecord]] = {}
    unpaired: list[EventRecord] = []
    for event in sorted(request.events, key=lambda e: (e.created_at, e.id)):
        key = block_key(event)
        if key is None:
            continue
        if event.event_type in _RESENDS:
            resends.setdefault(key, []).append(event)
        elif key in primary:
            others.setdefault(key, []).append(event)
        else:
            primary[key] = event
    merged = MergedThread(request=request, page=page, conflicts=_conflicts(request, page))
    seen: set[tuple[str, int]] = set()
    kinds: set[str] = set()
    for item in page.items:
        kinds.add(item.kind)
        key = (item.kind, item.id)
        paired = primary.get(key)
        if paired is None:
            merged.html_only.append(item)
            continue
        seen.add(key)
        extra = resends.get(key, [])
        merged.items.append(
            MergedItem(
                item=item, event=paired, resent_events=extra, other_events=others.get(key, [])
            )
        )
        if len(extra) != len(item.resent_at):
            merged.conflicts.append(
                f"{item.kind}-{item.id}: {len(extra)} resend events in JSON, {len(item.resent_at)} on page"
            )
    if not ("incoming" in kinds and "outgoing" in kinds):
        _check_blocks(request, merged, kinds, primary)
    unpaired.extend(e for k, e in primary.items() if k not in seen)
    unpaired.extend(e for k, es in resends.items() if k not in seen for e in es)
    unpaired.extend(e for k, es in others.items() if k not in seen for e in es)
    merged.json_only = sorted(unpaired, key=lambda e: (e.created_at, e.id))
    return merged
