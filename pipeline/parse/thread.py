"""Request thread pages (``/request/<url_title>``) → :class:`pipeline.records.ThreadPage`.

Reads the 2019 markup of the saved fixtures and the current templates (they differ mainly in
``js-collapsable`` → ``js-collapsible`` and an extra ``div`` around bodies). The page is parsed
once with lxml; every XPath is compiled at import. Required structure — ``div#left_column``,
the request ``h1``, the status class on ``div#request_status``, a parsable id on every block,
an item in every attachment list and a link on every readable attachment — raises
:class:`ThreadParseError` naming the selector; ``merge_thread`` adds the checks that need the
request JSON (message blocks the JSON's events say must be there).

Header, as served::

    <div class="request-header"> <h1>Misfeasance in Public Office</h1>
      <p class="request-header__subtitle"><a href="/user/a_wilkinson_2">A Wilkinson</a> made this
        Freedom of Information request to <a href="/body/mhclg">Ministry of …</a></p>
      <div id="request_status" class="request-status-message request-status-message--not_held">
"""

from __future__ import annotations

import re
from datetime import date, datetime

from lxml.etree import XPath
from lxml.etree import _Element as Element

from pipeline.parse.document import NotHtmlError, html_document
from pipeline.parse.errors import ThreadParseError
from pipeline.parse.text import inline_text
from pipeline.parse.thread_items import (
    parse_comment,
    parse_incoming,
    parse_outgoing,
    parse_resent_time,
)
from pipeline.parse.walks import correspondence_blocks, request_hrefs
from pipeline.records import ThreadItem, ThreadPage

# id() is a hash lookup in libxml2; the // scans below walk the whole document.
_LEFT = XPath("id('left_column')[self::div]")
_STATUS = XPath("id('request_status')[self::div]")
_HEADER_OF_STATUS = XPath("ancestor::div[contains(@class,'request-header')][last()]")
_HEADER = XPath("(//div[contains(@class,'request-header')])[1]")
_H1 = XPath(".//h1")
_SUBTITLE = XPath(".//p[contains(@class,'request-header__subtitle')]")
_STATUS_TIME = XPath(".//time/@datetime")
_JSON_LINK = XPath("/html/head/link[@rel='alternate' and @type='application/json']/@href")
_CPLINK = XPath("//input[contains(@class,'cplink__field')]/@value")

STATUS_SELECTOR = "div#request_status.request-status-message--<status>"

_STATUS_CLASS = re.compile(r"request-status-message--([a-z_]+)")
_ID_HREF = re.compile(r"^/request/(\d+)(?:/|$|\?|#)")
_SLUG_JSON = re.compile(r"^/request/([^/?#]+)\.json$")
_SLUG_LINK = re.compile(r"/request/([^/?#.]+)(?:[#?/]|$)")
_BATCH = re.compile(r"/info_request_batch/(\d+)")
_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")


def _document(html: bytes | str, url: str | None) -> Element:
    try:
        return html_document(html)
    except NotHtmlError as exc:
        raise ThreadParseError("html", f"not an HTML document: {exc}", url) from None


def _link(subtitle: Element | None, prefix: str) -> tuple[str | None, str | None]:
    if subtitle is None:
        return None, None
    for a in subtitle.iter("a"):
        href = a.get("href") or ""
        if href.startswith(prefix):
            slug = href[len(prefix) :].split("/", 1)[0].split("?", 1)[0] or None
            return inline_text(a) or None, slug
    return None, None


def _law_used(subtitle: Element | None) -> str | None:
    text = inline_text(subtitle) if subtitle is not None else ""
    if "Environmental Information Regulations" in text:
        return "eir"
    if "Freedom of Information" in text:
        return "foi"
    return None


def _status(boxes: list[Element], url: str | None) -> tuple[str | None, date | None]:
    if not boxes:
        return None, None
    m = _STATUS_CLASS.search(boxes[0].get("class") or "")
    if not m:  # the box always carries its status as a modifier class (_request_header)
        raise ThreadParseError(STATUS_SELECTOR, "status box without a status class", url)
    due = None
    for value in _STATUS_TIME(boxes[0]):
        if _DATE.match(value.strip()):
            try:
                due = date.fromisoformat(value.strip())
            except ValueError:
                raise ThreadParseError(
                    "div#request_status time", f"bad date {value!r}", url
                ) from None
            break
    return m.group(1), due


def _request_id(scopes: list[Element]) -> int | None:
    for scope in scopes:  # header and correspondence first: they hold the /request/<id>/ links
        for href in request_hrefs(scope):
            m = _ID_HREF.match(href)
            if m:
                return int(m.group(1))
    return None


def _url_title(doc: Element) -> str | None:
    for href in _JSON_LINK(doc):
        m = _SLUG_JSON.match(href)
        if m:
            return m.group(1)
    for value in _CPLINK(doc):
        m = _SLUG_LINK.search(value)
        if m and not m.group(1).isdigit():
            return m.group(1)
    return None


def _items(blocks: list[Element], authority: str | None, url: str | None) -> list[ThreadItem]:
    items: list[ThreadItem] = []
    outgoing: dict[int, ThreadItem] = {}
    orphans: dict[int, list[datetime]] = {}  # resent blocks seen before their original
    for block in blocks:
        classes = (block.get("class") or "").split()
        if "comment_in_request" in classes:
            items.append(parse_comment(block, url))
        elif "incoming" in classes:
            items.append(parse_incoming(block, authority, url))
        elif "box" in classes:  # resent: same id as the original; not a message of its own
            m = re.match(r"^outgoing-(\d+)$", block.get("id") or "")
            if not m:
                raise ThreadParseError(
                    "div.outgoing.box#outgoing-<id>", f"bad id {block.get('id')!r}", url
                )
            when = parse_resent_time(block, url)
            original = outgoing.get(int(m.group(1)))
            target = original.resent_at if original else orphans.setdefault(int(m.group(1)), [])
            if when:
                target.append(when)
        else:
            item = parse_outgoing(block, url)
            if item.id in outgoing:  # a repeated full block would double the message
                continue
            item.resent_at.extend(orphans.pop(item.id, []))
            outgoing[item.id] = item
            items.append(item)
    for om_id, times in orphans.items():  # the original is not on the page: keep the send
        items.append(
            ThreadItem(kind="outgoing", id=om_id, sent_at=None, author=None, resent_at=times)
        )
    return items


def parse_thread(html: bytes | str, url: str | None = None) -> ThreadPage:
    """Parse one thread page. ``url`` only labels errors; no I/O happens here."""
    doc = _document(html, url)
    lefts = _LEFT(doc)
    if not lefts:
        raise ThreadParseError("div#left_column", "no correspondence column", url)
    boxes = _STATUS(doc)
    headers = (_HEADER_OF_STATUS(boxes[0]) if boxes else []) or _HEADER(doc)
    h1s = _H1(headers[0]) if headers else []
    if not h1s:
        raise ThreadParseError("div.request-header h1", "no request title", url)
    subtitles = _SUBTITLE(headers[0])
    subtitle = subtitles[0] if subtitles else None
    authority_name, authority_url_name = _link(subtitle, "/body/")
    requester_name, requester_url_name = _link(subtitle, "/user/")
    batch = None
    if subtitle is not None:
        for a in subtitle.iter("a"):
            m = _BATCH.search(a.get("href") or "")
            if m:
                batch = int(m.group(1))
    status, due = _status(boxes, url)
    blocks = correspondence_blocks(lefts[0])
    items = _items(blocks, authority_name, url)
    return ThreadPage(
        title=inline_text(h1s[0]),
        status=status,
        authority_name=authority_name,
        authority_url_name=authority_url_name,
        requester_name=requester_name,
        requester_url_name=requester_url_name,
        request_id=_request_id([headers[0], lefts[0], doc]),
        url_title=_url_title(doc),
        law_used=_law_used(subtitle),
        batch_id=batch,
        due_date=due,
        # js-collapsable was renamed js-collapsible in June 2025
        markup="2019"
        if any("js-collapsable" in (b.get("class") or "") for b in blocks)
        else "current",
        unfolded=any(item.quoted is not None for item in items),
        items=items,
    )
