"""WDTK's masks, as the site applies them to what authorities send.

In e-mail bodies and text attachments the request's own address becomes ``[FOI #<id> email]``
and any other address ``[email address]``; in binary files (PDFs, Word documents) every
character of an address except ``@`` and ``.`` becomes ``x``, keeping its length
(wdtk-site.md §5).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from scraper.replica.rng import stable_int

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")


def _replace_addresses(text: str, new: Callable[[str], str]) -> str:
    """``text`` with every address (as ``_EMAIL`` matches them) replaced by ``new(address)``.

    Found from each "@" outwards: scanning for ``_EMAIL`` from every word in a long letter
    costs more than the rest of writing it."""
    out, last, at = [], 0, text.find("@")
    while at != -1:
        start = at
        while start > last and (text[start - 1].isalnum() or text[start - 1] in "_.+-"):
            start -= 1
        domain = _DOMAIN.match(text, at + 1)
        if start < at and domain:
            out += [text[last:start], new(text[start : domain.end()])]
            last = domain.end()
        at = text.find("@", max(at + 1, last))
    return "".join([*out, text[last:]])


def wdtk_address(request_id: int) -> str:
    """The request's own address, as the authority saw it (masked wherever WDTK shows it)."""
    return (
        f"request-{request_id}-{stable_int('address', request_id) % 16**8:08x}@whatdotheyknow.com"
    )


def binary_mask(text: str) -> str:
    if "@" not in text:
        return text
    return _replace_addresses(text, lambda a: re.sub(r"[^@.]", "x", a))


def text_mask(text: str, request_id: int) -> str:
    if "@" not in text:
        return text
    text = text.replace(wdtk_address(request_id), f"[FOI #{request_id} email]")
    return _replace_addresses(text, lambda _a: "[email address]")
