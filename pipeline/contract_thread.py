"""The site contract for thread pages (wdtk-site.md §2.2–2.3): the selectors the parser reads,
cross-checked against the request's JSON (every response event has its incoming block)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from lxml.html import HtmlElement

from pipeline.contract import Finding, fail_finding, is_iso_time, ok_finding, parse_document

_BLOCK_ID = re.compile(r"^(incoming|outgoing)-\d+$")


def _thread_checks() -> list[tuple[str, Callable[[HtmlElement, Mapping[str, Any]], Finding]]]:
    return [
        ("div.request-header h1", _header_title),
        ('p.request-header__subtitle a[href^="/body/"]', _subtitle_body),
        ("div#request_status.request-status-message--<status>", _status_block),
        ("div.correspondence#incoming-<id> (one per response event)", _incoming_blocks),
        ("div.correspondence[id=incoming-N|outgoing-N]", _block_ids),
        ("a.correspondence__header__date > time[datetime]", _block_dates),
        ("span.correspondence__header__author", _block_authors),
        ("ul.list-of-attachments li.attachment", _attachment_list),
    ]


def _header_title(root: HtmlElement, _: Mapping[str, Any]) -> Finding:
    name = "div.request-header h1"
    found = root.cssselect(name)
    if found and found[0].text_content().strip():
        return ok_finding("thread", name)
    return fail_finding("thread", name, "no request title")


def _subtitle_body(root: HtmlElement, _: Mapping[str, Any]) -> Finding:
    name = 'p.request-header__subtitle a[href^="/body/"]'
    return (
        ok_finding("thread", name)
        if root.cssselect(name)
        else fail_finding("thread", name, "no authority link")
    )


def _status_block(root: HtmlElement, _: Mapping[str, Any]) -> Finding:
    name = "div#request_status.request-status-message--<status>"
    found = root.cssselect("div#request_status.request-status-message")
    if not found:
        return fail_finding("thread", name, "no div#request_status.request-status-message")
    classes = (found[0].get("class") or "").split()
    statuses = [c.split("--", 1)[1] for c in classes if c.startswith("request-status-message--")]
    if not statuses:
        return fail_finding(
            "thread", name, "status block has no request-status-message--<status> class"
        )
    return ok_finding("thread", name, statuses[0])


def _incoming_blocks(root: HtmlElement, doc: Mapping[str, Any]) -> Finding:
    name = "div.correspondence#incoming-<id> (one per response event)"
    wanted = [
        e.get("incoming_message_id")
        for e in doc.get("info_request_events") or []
        if isinstance(e, dict)
        and e.get("event_type") == "response"
        and e.get("incoming_message_id")
    ]
    if not wanted:
        return Finding("thread", name, "skip", "the request has no responses")
    present = {e.get("id") for e in root.cssselect("div.incoming.correspondence")}
    missing = [m for m in wanted if f"incoming-{m}" not in present]
    if missing:
        return fail_finding(
            "thread", name, f"{len(missing)} of {len(wanted)} missing, e.g. incoming-{missing[0]}"
        )
    return ok_finding("thread", name, f"{len(wanted)} found")


def _blocks(root: HtmlElement) -> list[HtmlElement]:
    return root.cssselect("div.correspondence")


def _block_ids(root: HtmlElement, _: Mapping[str, Any]) -> Finding:
    name = "div.correspondence[id=incoming-N|outgoing-N]"
    blocks = _blocks(root)
    if not blocks:
        return fail_finding("thread", name, "no div.correspondence at all")
    bad = [b.get("id") for b in blocks if not _BLOCK_ID.match(b.get("id") or "")]
    if bad:
        return fail_finding("thread", name, f"unexpected id {bad[0]!r}")
    return ok_finding("thread", name, f"{len(blocks)} blocks")


def _block_dates(root: HtmlElement, _: Mapping[str, Any]) -> Finding:
    name = "a.correspondence__header__date > time[datetime]"
    # Resent notices (.box) carry a bare h2 > time instead of the header.
    blocks = [b for b in _blocks(root) if "box" not in (b.get("class") or "").split()]
    if not blocks:
        return Finding("thread", name, "skip", "no correspondence blocks")
    bad = 0
    for block in blocks:
        times = block.cssselect("a.correspondence__header__date > time")
        if not times or not is_iso_time(times[0].get("datetime")):
            bad += 1
    if bad:
        return fail_finding(
            "thread", name, f"missing or unreadable in {bad} of {len(blocks)} blocks"
        )
    return ok_finding("thread", name, f"{len(blocks)} dated")


def _block_authors(root: HtmlElement, _: Mapping[str, Any]) -> Finding:
    name = "span.correspondence__header__author"
    blocks = [b for b in _blocks(root) if "box" not in (b.get("class") or "").split()]
    if not blocks:
        return Finding("thread", name, "skip", "no correspondence blocks")
    bad = sum(1 for b in blocks if not b.cssselect(name))
    if bad:
        return fail_finding("thread", name, f"missing in {bad} of {len(blocks)} blocks")
    return ok_finding("thread", name)


def _attachment_list(root: HtmlElement, _: Mapping[str, Any]) -> Finding:
    name = "ul.list-of-attachments li.attachment"
    # Links to files are the ground truth that attachments exist, whatever the classes say.
    links = [
        a for a in root.cssselect("div.correspondence a[href]") if "/attach/" in a.get("href", "")
    ]
    items = root.cssselect(name)
    if not links and not items:
        return Finding("thread", name, "skip", "no attachments on this page")
    if not items:
        return fail_finding("thread", name, f"{len(links)} attachment links but no list items")
    named = [
        i
        for i in items
        if i.cssselect("p.attachment__name") or i.cssselect("span.hidden_attachment")
    ]
    if len(named) != len(items):
        return fail_finding(
            "thread",
            "li.attachment p.attachment__name",
            f"missing in {len(items) - len(named)} of {len(items)} items",
        )
    return ok_finding("thread", name, f"{len(items)} attachments")


def check_thread_page(
    html: bytes | str, request: Mapping[str, Any], url: str = "thread"
) -> list[Finding]:
    """Thread selectors, cross-checked against the request's JSON (one block per response)."""
    root = parse_document(html, url)
    findings = [check(root, request) for _, check in _thread_checks()]
    findings.append(_parser_reads(html, url))
    return findings


def _parser_reads(html: bytes | str, url: str) -> Finding:
    from pipeline.parse import ParseError, parse_thread

    name = "pipeline.parse.parse_thread"
    data = html.encode() if isinstance(html, str) else html
    try:
        parse_thread(data, url)
    except ParseError as exc:
        return fail_finding("thread", name, str(exc))
    return ok_finding("thread", name)
