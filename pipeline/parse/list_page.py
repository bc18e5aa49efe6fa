"""``/list`` (and body/user request lists): ``app/views/request/_request_listing_via_event``.

One item per request, newest event first::

    <div class="request_listing">
      <div class="request_left">
        <span class="head"><a href="/request/<slug>#incoming-123">Title</a></span>
        <div class="requester">Response by <a>Body</a> to <a>User</a> on <time datetime="…">…</time>.</div>
        <p><i class="icon-standalone icon_successful"></i> <strong>Successful.</strong></p>

The count is ``h2.foi_results`` ("About 1,234 FOI requests found"), written only above a
non-empty list, so a count without items is a layout change (ListPageError); the next page is
will_paginate's ``a.next_page[rel=next]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from lxml.etree import XPath
from lxml.etree import _Element as Element

from pipeline.parse.document import NotHtmlError, html_document
from pipeline.parse.errors import ListPageError
from pipeline.parse.text import inline_text
from pipeline.parse.thread_items import has_class

_ITEMS = XPath(f"//div[{has_class('request_listing')}]")
_HEAD_LINK = XPath(f".//span[{has_class('head')}]//a[@href]")
_REQUESTER = XPath(f".//div[{has_class('requester')}]")
_TIME = XPath(f".//div[{has_class('requester')}]//time/@datetime")
_ICON = XPath(".//i[contains(@class,'icon_')]/@class")
_STRONG = XPath(f".//div[{has_class('request_left')}]/p/strong")
_SNIPPET = XPath(f".//*[{has_class('desc')}]")
_COUNT = XPath(f"//h2[{has_class('foi_results')}]")
_NEXT = XPath(f"//a[{has_class('next_page')} or @rel='next']/@href")

# What the errors name (ListPageError.selector), as wdtk-site.md §2.6 writes them.
ITEM = "div.request_listing"
HEAD_LINK = 'div.request_listing span.head a[href^="/request/"]'
REQUESTER_TIME = "div.requester time[datetime]"

_SLUG = re.compile(r"/request/([^/?#]+)(?:#((?:incoming|outgoing|comment)-\d+))?")
_ICON_STATUS = re.compile(r"\bicon_([a-z_]+)")
_NUMBER = re.compile(r"\d[\d,]*")


@dataclass(slots=True)
class ListItem:
    url_title: str
    title: str
    fragment: str | None  # "incoming-123": the event that put the request here
    event_at: datetime | None
    status: str | None  # icon_<status>: the calculated status
    display_status: str | None
    description: str
    snippet: str


@dataclass(slots=True)
class ListPage:
    items: list[ListItem] = field(default_factory=list)
    total: int | None = None  # "About N FOI requests found" (an estimate)
    next_page: str | None = None


def _item(el: Element, url: str | None) -> ListItem:
    links = _HEAD_LINK(el)
    m = _SLUG.search(links[0].get("href") or "") if links else None
    if not m:
        raise ListPageError(HEAD_LINK, "request_listing without a /request/ link", url)
    times = _TIME(el)
    try:
        event_at = datetime.fromisoformat(times[0]) if times else None
    except ValueError:
        raise ListPageError(REQUESTER_TIME, f"bad time {times[0]!r}", url) from None
    icons = [s for c in _ICON(el) for s in _ICON_STATUS.findall(c)]
    strongs = _STRONG(el)
    requester = _REQUESTER(el)
    snippet = _SNIPPET(el)
    return ListItem(
        url_title=m.group(1),
        title=inline_text(links[0]),
        fragment=m.group(2),
        event_at=event_at,
        status=icons[0] if icons else None,
        display_status=inline_text(strongs[0]).rstrip(".") or None if strongs else None,
        description=inline_text(requester[0]) if requester else "",
        snippet=inline_text(snippet[0]) if snippet else "",
    )


def parse_list_page(html: bytes | str, url: str | None = None) -> ListPage:
    """Items, estimated total and next-page link of one list page."""
    try:
        doc = html_document(html)
    except NotHtmlError as exc:
        raise ListPageError("html", f"not an HTML document: {exc}", url) from None
    items = [_item(el, url) for el in _ITEMS(doc)]
    counts = _COUNT(doc)
    total = None
    if counts and not items:
        # The count is only written above a non-empty result list (_list_results.html.erb).
        raise ListPageError(ITEM, "a result count but no request_listing items", url)
    if counts:
        text = inline_text(counts[0])
        numbers = _NUMBER.findall(text)
        total = (
            int(numbers[-1].replace(",", ""))
            if numbers
            else (1 if text.startswith("One") else None)
        )
    nexts = _NEXT(doc)
    return ListPage(items=items, total=total, next_page=nexts[0] if nexts else None)
