"""``ul.list-of-attachments`` under an incoming message (``app/views/request/_attachments``).

A readable attachment looks like::

    <li class="attachment" id="attachment-123">           (the id only since 2022)
      <a href="/request/<slug>/response/<im>/attach/2/Response.pdf?cookie_passthrough=1">
        <img class="attachment__image" src="/assets/content_type/icon_application_pdf_large-<digest>.png"></a>
      <p class="attachment__name">Response.pdf</p>
      <p class="attachment__meta">82K <a href="…/attach/html/2/Response.pdf.html">View</a> <a …>Download</a></p>

A hidden one has only ``img icon_unknown`` and ``span.hidden_attachment``; an erased one keeps
its name and says "This file has been erased." in ``p.attachment__meta em`` (as does one the
site could not process, with another note). Any other item without an ``/attach/`` link is a
layout change and raises ThreadParseError. Links are told apart by href, never by label (the
labels changed in 2025).
"""

from __future__ import annotations

import mimetypes
import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from lxml.etree import XPath
from lxml.etree import _Element as Element

from pipeline.parse.errors import ThreadParseError
from pipeline.parse.text import inline_text
from pipeline.records import AttachmentRef

_ITEMS = XPath(".//ul[contains(@class,'list-of-attachments')]/li")
_NAME = XPath(".//p[contains(@class,'attachment__name')]")
_META = XPath(".//p[contains(@class,'attachment__meta')]")
_LINKS = XPath(".//a[contains(@href,'/attach/')]/@href")
_ICON = XPath(".//img/@src")
_HIDDEN = XPath(".//*[contains(@class,'hidden_attachment')]")
_ERASED = XPath(".//p[contains(@class,'attachment__meta')]//em")

# What the errors name (ThreadParseError.selector).
ITEM_SELECTOR = "ul.list-of-attachments li.attachment"
LINK_SELECTOR = 'li.attachment a[href*="/attach/"]'

_PART = re.compile(r"/attach/(?:html/)?(\d+)/")
_ICON_TYPE = re.compile(r"icon_([a-z]+)_(.+?)_large")
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)([KM])$")
_ATTACHMENT_ID = re.compile(r"^attachment-(\d+)$")
_UNITS = {"K": 1024, "M": 1024 * 1024}


def size_bytes(label: str) -> int | None:
    """Approximate bytes from Alaveteli's display size ("82K" = 82 KiB, "1.3M" = 1.3 MiB)."""
    m = _SIZE.match(label)
    if not m:
        return None
    return round(float(m.group(1)) * _UNITS[m.group(2)])


_PASSTHROUGH = "?cookie_passthrough=1"
_SPLIT_CHANGES = re.compile(r"[?#\t\r\n]")  # what urlsplit would split on or remove


def strip_passthrough(href: str) -> str:
    """Drop the varnish hint ``cookie_passthrough=1``, keeping any other query parameters."""
    # Every link the site writes is a plain path, with the hint or (the HTML views) without:
    # splitting and joining it again would give back the path itself.
    base = href[: -len(_PASSTHROUGH)] if href.endswith(_PASSTHROUGH) else href
    if base[:1] == "/" and base[1:2] != "/" and not _SPLIT_CHANGES.search(base):
        return base
    return _without_passthrough(href)


def _without_passthrough(href: str) -> str:
    parts = urlsplit(href)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k != "cookie_passthrough"
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


def content_type(icon_src: str | None, name: str) -> str | None:
    """MIME type from the icon asset name, else guessed from the filename extension."""
    if icon_src:
        m = _ICON_TYPE.search(icon_src.rsplit("/", 1)[-1])
        if m:
            return f"{m.group(1)}/{m.group(2)}"
    return mimetypes.guess_type(name, strict=False)[0] if name else None


def parse_attachment(li: Element) -> AttachmentRef:
    """One ``li.attachment``."""
    names = _NAME(li)
    name = inline_text(names[0]) if names else ""
    url = html_url = None
    for href in _LINKS(li):
        if "/attach/html/" in href:
            html_url = html_url or strip_passthrough(href)
        else:
            url = url or strip_passthrough(href)
    part_match = _PART.search(url or html_url or "")
    metas = _META(li)
    first = inline_text(metas[0]).split(" ", 1)[0] if metas else ""
    label = first if _SIZE.match(first) else None
    notes = _ERASED(li)
    erased = any("erased" in inline_text(em) for em in notes)
    id_match = _ATTACHMENT_ID.match(li.get("id") or "")
    icons = _ICON(li)
    hidden = bool(_HIDDEN(li))
    if url is None and html_url is None and not (hidden or notes or _unknown(icons)):
        # Only a concealed, unreadable, erased or unprocessed file (each marked) has no link.
        raise ThreadParseError(LINK_SELECTOR, "readable attachment without a link")
    if not name and url:  # a link but no name paragraph: fall back to the URL's filename
        name = unquote(url.rsplit("/", 1)[-1].split("?", 1)[0])
    return AttachmentRef(
        name=name,
        part=int(part_match.group(1)) if part_match else None,
        url=url,
        html_url=html_url,
        size_label=label,
        size_bytes=size_bytes(label) if label else None,
        content_type=content_type(icons[0] if icons else None, name),
        wdtk_id=int(id_match.group(1)) if id_match else None,
        hidden=hidden,
        erased=erased,
    )


def _unknown(icons: list[str]) -> bool:
    return bool(icons) and "icon_unknown" in icons[0]


def parse_attachments(container: Element) -> list[AttachmentRef]:
    """Every attachment under ``container``, in page order (the HTML always lists all)."""
    return [parse_attachment(li) for li in _ITEMS(container)]
