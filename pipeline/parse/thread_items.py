"""Correspondence blocks of ``div#left_column``, one function per block type.

Outgoing (``sent``/``followup_sent``/``send_error``), ``div.outgoing.correspondence#outgoing-<id>``::

    span.correspondence__header__author   "A Wilkinson"
    a.correspondence__header__date > time[datetime="2019-06-16T10:57:21+01:00"]
    a.toggle-delivery-log--delivered       (delivery status, when known)
    div.correspondence_text                the body

Incoming (``response``), ``div.incoming.correspondence.<prominence>#incoming-<id>``: the author
span reads "Despatch Box,\\n Ministry of Housing, Communities and Local Government" (sender,
comma, then the authority's name when the mail came from its domain), and
``div.correspondence_text`` holds ``div.attachments`` *before* the body.

Annotation, ``div.comment_in_request#comment-<id>``: ``h2`` = "<a href=/user/x>Name</a> left
an annotation (<time>)", body in ``div.comment_in_request_text``.

Resent (``resent``/``followup_resent``), ``div.outgoing.correspondence.box#outgoing-<id>``: only
``h2 > time`` and "Sent request to … again."; it reuses the original message's id.
"""

from __future__ import annotations

import re
from datetime import datetime

from lxml.etree import XPath
from lxml.etree import _Element as Element

from pipeline.parse.attachments import ITEM_SELECTOR, parse_attachments
from pipeline.parse.errors import ThreadParseError
from pipeline.parse.quotes import split_quoted
from pipeline.parse.text import element_text, inline_text
from pipeline.parse.walks import (
    attachment_holders,
    delivery_links,
    first_author,
    first_header_time,
    first_hidden_message,
    first_text,
    hidden_body_parts,
    unfold_links,
)
from pipeline.records import AttachmentRef, ThreadItem


def has_class(name: str) -> str:
    """XPath predicate body: the class attribute contains the token ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


_ANY_TIME = XPath(".//time/@datetime")
_COMMENT_H2 = XPath(".//h2")
_COMMENT_USER = XPath(".//h2//a[starts-with(@href,'/user/')]")
_COMMENT_TEXT = XPath(".//div[contains(@class,'comment_in_request_text')]")
_RESENT_TIME = XPath(".//h2//time/@datetime")

_BLOCK_ID = re.compile(r"^(outgoing|incoming|comment)-(\d+)$")
_DELIVERY_CLASS = re.compile(r"toggle-delivery-log--([a-z_]+)")
_PROMINENCES = ("hidden", "requester_only", "normal")
_LEFT_ANNOTATION = re.compile(r"\s+left an annotation\s*\(.*$", re.S)


# What the errors name (ThreadParseError.selector) for correspondence blocks.
MESSAGE_BLOCKS = "div.correspondence.incoming|outgoing"


def block_selector(kind: str) -> str:
    """``div.incoming#incoming-<id>``: the block of one kind (outgoing, incoming, comment)."""
    return f"div.{kind}#{kind}-<id>" if kind != "comment" else "div.comment_in_request#comment-<id>"


def block_id(block: Element, kind: str, url: str | None) -> int:
    """The numeric WDTK id from ``id="<kind>-<n>"``; a block without one is a layout change."""
    m = _BLOCK_ID.match(block.get("id") or "")
    if not m or m.group(1) != kind:
        raise ThreadParseError(
            block_selector(kind), f"block without a parsable id {block.get('id')!r}", url
        )
    return int(m.group(2))


def parse_time(value: str | None, selector: str, url: str | None) -> datetime | None:
    """``time[datetime]``, offset kept; ``Z`` is accepted. Absent gives None, garbage raises."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ThreadParseError(selector, f"unparsable datetime {value!r}", url) from None
    if parsed.tzinfo is None:
        raise ThreadParseError(selector, f"datetime without an offset {value!r}", url)
    return parsed


def clean_author(text: str) -> str | None:
    """Sender name with surrounding whitespace and trailing/leading commas removed."""
    cleaned = text.strip().strip(",").strip()
    return cleaned or None


def split_author(text: str, authority: str | None) -> tuple[str | None, str | None]:
    """ "Despatch Box, Ministry of …" → ("Despatch Box", "Ministry of …").

    The authority's name is stripped from the end rather than splitting on a comma, because
    names such as "Ministry of Housing, Communities and Local Government" contain commas. A
    header that is only the authority's name (the sender used it) gives it as both parts.
    """
    text = " ".join(text.split())
    if authority and text.endswith(authority):
        sender = clean_author(text[: -len(authority)])
        return (sender or authority), authority
    return clean_author(text), None


def _hidden(block: Element) -> tuple[str | None, str | None]:
    notices = first_hidden_message(block)
    if not notices:
        return None, None
    notice = inline_text(notices[0])
    # An anonymous visitor gets the same wording for both; only requester_only adds "sign in".
    prominence = "requester_only" if "If you are the requester" in notice else "hidden"
    return notice, prominence


def parse_outgoing(block: Element, url: str | None) -> ThreadItem:
    item_id = block_id(block, "outgoing", url)
    notice, prominence = _hidden(block)
    authors = first_author(block)
    times = first_header_time(block)
    delivery = None
    for link in delivery_links(block):
        m = _DELIVERY_CLASS.search(link.get("class") or "")
        delivery = link.get("data-delivery-status") or (m.group(1) if m else None)
    texts = first_text(block)
    return ThreadItem(
        kind="outgoing",
        id=item_id,
        sent_at=parse_time(times[0] if times else None, "a.correspondence__header__date time", url),
        author=clean_author(inline_text(authors[0])) if authors else None,
        body=element_text(texts[0]) if texts else "",
        prominence=prominence or "normal",
        hidden_notice=notice,
        delivery_status=delivery,
    )


def parse_resent_time(block: Element, url: str | None) -> datetime | None:
    times = _RESENT_TIME(block) or _ANY_TIME(block)
    return parse_time(times[0] if times else None, "div.outgoing.box h2 time", url)


def _prominence_class(block: Element) -> str:
    classes = (block.get("class") or "").split()
    return next((p for p in _PROMINENCES if p in classes), "normal")


def _attachments(holder: Element, url: str | None) -> list[AttachmentRef]:
    """The items of one ``div.attachments``: it is only written when there are some."""
    try:
        found = parse_attachments(holder)
    except ThreadParseError as exc:  # raised without the page's URL
        raise ThreadParseError(exc.selector, exc.message, url) from None
    if not found:
        raise ThreadParseError(ITEM_SELECTOR, "attachments block without a list item", url)
    return found


def parse_incoming(block: Element, authority: str | None, url: str | None) -> ThreadItem:
    item_id = block_id(block, "incoming", url)
    notice, hidden_prominence = _hidden(block)
    prominence = _prominence_class(block)
    if prominence == "normal" and hidden_prominence:
        prominence = hidden_prominence
    authors = first_author(block)
    author, organisation = (
        split_author(inline_text(authors[0]), authority) if authors else (None, None)
    )
    times = first_header_time(block)
    body, quoted, attachments = "", None, []
    texts = first_text(block)
    if texts:
        text_el = texts[0]
        holders = attachment_holders(text_el)
        for holder in holders:
            attachments.extend(_attachments(holder, url))
        skip = set(holders)
        links = unfold_links(text_el)
        # "hide quoted sections" links to "?#incoming-<id>": the quotes are inline on this page.
        unfolded = any("unfold=1" not in (a.get("href") or "") for s in links for a in s.iter("a"))
        skip.update(links)
        # The main body part itself hidden: p.hidden_attachment in the body div, not a list item.
        hidden_body = hidden_body_parts(text_el)
        skip.update(hidden_body)
        if hidden_body and notice is None:
            notice = inline_text(hidden_body[0])
        body = element_text(text_el, skip)
        if unfolded:
            body, quoted = split_quoted(body)
    return ThreadItem(
        kind="incoming",
        id=item_id,
        sent_at=parse_time(times[0] if times else None, "a.correspondence__header__date time", url),
        author=author,
        author_organisation=organisation,
        body=body,
        quoted=quoted,
        attachments=attachments,
        prominence=prominence,
        hidden_notice=notice,
    )


def parse_comment(block: Element, url: str | None) -> ThreadItem:
    item_id = block_id(block, "comment", url)
    users = _COMMENT_USER(block)
    if users:
        author = clean_author(inline_text(users[0]))
        url_name = (users[0].get("href") or "").removeprefix("/user/").split("/", 1)[0] or None
    else:  # "You left an annotation" only appears to the commenter; keep the h2's lead words
        heads = _COMMENT_H2(block)
        author = clean_author(_LEFT_ANNOTATION.sub("", inline_text(heads[0]))) if heads else None
        url_name = None
    times = _ANY_TIME(block)
    texts = _COMMENT_TEXT(block)
    return ThreadItem(
        kind="annotation",
        id=item_id,
        sent_at=parse_time(times[0] if times else None, "div.comment_in_request h2 time", url),
        author=author,
        author_url_name=url_name,
        body=element_text(texts[0]) if texts else "",
    )
