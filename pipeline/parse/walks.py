"""Selectors of the thread page written as walks over the lxml tree, each giving exactly what
the XPath in its docstring gives (in document order; ``first_*`` cut to its first item).

They exist for speed. libxml2 collects every match of an XPath before the first can be taken,
and each call sets up an evaluation context; a walk stops at the first match (most blocks'
bodies are never visited) and the tag filter of ``iterdescendants`` runs in C. ``contains()``
is ``in`` on the attribute's text (an absent attribute is the empty string); a class token
(``has_class``) is a word of the attribute split on XML whitespace, as ``normalize-space``.
"""

from __future__ import annotations

import re

import lxml.etree
from lxml.etree import _Element as Element

_XML_SPACE = re.compile(r"[ \t\r\n]+")


def class_tokens(el: Element) -> set[str]:
    """The words of ``@class`` as XPath's ``normalize-space`` separates them."""
    return set(_XML_SPACE.split(el.get("class") or ""))


def correspondence_blocks(left: Element) -> list[Element]:
    """``.//div[(has_class('correspondence') and (has_class('incoming') or
    has_class('outgoing'))) or has_class('comment_in_request')]``"""
    found = []
    for div in left.iterdescendants("div"):
        raw = div.get("class") or ""
        if "correspondence" not in raw and "comment_in_request" not in raw:
            continue  # neither word anywhere: neither token
        tokens = class_tokens(div)
        if (
            "correspondence" in tokens and ("incoming" in tokens or "outgoing" in tokens)
        ) or "comment_in_request" in tokens:
            found.append(div)
    return found


def request_hrefs(scope: Element) -> list[str]:
    """``.//a[starts-with(@href,'/request/')]/@href``"""
    return [
        href
        for a in scope.iterdescendants("a")
        if (href := a.get("href")) is not None and href.startswith("/request/")
    ]


def first_author(block: Element) -> list[Element]:
    """``.//*[contains(@class,'correspondence__header__author')]``"""
    for el in block.iterdescendants(lxml.etree.Element):  # elements only, as ``*``
        if "correspondence__header__author" in (el.get("class") or ""):
            return [el]
    return []


def _under(el: Element, scope: Element, word: str) -> bool:
    """Whether an ancestor of ``el`` strictly inside ``scope`` has ``word`` in its class."""
    for ancestor in el.iterancestors():
        if ancestor is scope:
            return False
        if word in (ancestor.get("class") or ""):
            return True
    return False


def first_header_time(block: Element) -> list[str]:
    """``.//*[contains(@class,'correspondence__header')]//time/@datetime``"""
    for time in block.iterdescendants("time"):
        value = time.get("datetime")
        if value is not None and _under(time, block, "correspondence__header"):
            return [value]
    return []


def delivery_links(block: Element) -> list[Element]:
    """``.//*[contains(@class,'correspondence__header__delivery-status')]//a[
    @data-delivery-status or contains(@class,'toggle-delivery-log--')]``"""
    return [
        a
        for a in block.iterdescendants("a")
        if (
            a.get("data-delivery-status") is not None
            or "toggle-delivery-log--" in (a.get("class") or "")
        )
        and _under(a, block, "correspondence__header__delivery-status")
    ]


def first_text(block: Element) -> list[Element]:
    """``.//div[contains(@class,'correspondence_text')]``"""
    for div in block.iterdescendants("div"):
        if "correspondence_text" in (div.get("class") or ""):
            return [div]
    return []


def first_hidden_message(block: Element) -> list[Element]:
    """``.//p[@id='hidden_message']``"""
    for p in block.iterdescendants("p"):
        if p.get("id") == "hidden_message":
            return [p]
    return []


def attachment_holders(text: Element) -> list[Element]:
    """``./div[contains(@class,'attachments')]``"""
    return [div for div in text.iterchildren("div") if "attachments" in (div.get("class") or "")]


def unfold_links(text: Element) -> list[Element]:
    """``.//span[contains(@class,'unfold_link')]``"""
    return [s for s in text.iterdescendants("span") if "unfold_link" in (s.get("class") or "")]


def hidden_body_parts(text: Element) -> list[Element]:
    """``./div[not(contains(@class,'attachments'))]/p[contains(@class,'hidden_attachment')]``"""
    return [
        p
        for div in text.iterchildren("div")
        if "attachments" not in (div.get("class") or "")
        for p in div.iterchildren("p")
        if "hidden_attachment" in (p.get("class") or "")
    ]
