"""Plain text from Alaveteli's rendered message bodies.

Bodies go through Rails' ``simple_format``: a blank line in the email becomes a new ``<p>``,
a single newline becomes ``<br />`` followed by the newline itself. So the raw newlines in
the HTML carry no meaning (they sit next to a ``<br>``); only ``<br>`` and block boundaries do.
Masks such as ``[<a href="/help/officers#mobiles">email address</a>]`` read back as
``[email address]`` because only the tags are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from lxml.etree import _Element as Element

_BLOCK_TAGS = frozenset(
    {"p", "div", "blockquote", "pre", "ul", "ol", "li", "table", "tr", "h1", "h2", "h3", "h4"}
)
# Breaks are written as control characters (not whitespace to str.split) while walking, so
# that one split/join turns every other run of whitespace, including the source's raw
# newlines, into a single space.
_BR, _PARA = "\x01", "\x02"
_MANY_BREAKS = re.compile(r"\n{3,}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _walk(el: Element, out: list[str], skip: Collection[Element]) -> None:
    tag = el.tag
    if isinstance(tag, str):  # comments and processing instructions have no text
        if tag == "br":
            out.append(_BR)
        elif el not in skip:
            block = tag in _BLOCK_TAGS
            if block:
                out.append(_PARA)
            if el.text:
                out.append(el.text)
            for child in el:
                _walk(child, out, skip)
            if block:
                out.append(_PARA)
    if el.tail:
        out.append(el.tail)


def normalise_lines(raw: str) -> str:
    """Strip each line, keep single newlines, and squeeze paragraph gaps to one blank line."""
    lines = (line.strip() for line in raw.split("\n"))
    return _MANY_BREAKS.sub("\n\n", "\n".join(lines)).strip()


def element_text(el: Element, skip: Collection[Element] = ()) -> str:
    """Text of ``el`` (not its tail) with paragraphs as blank lines and ``<br>`` as newlines."""
    out: list[str] = [el.text or ""]
    for child in el:
        _walk(child, out, skip)
    flat = " ".join("".join(out).split()).replace(_BR, "\n").replace(_PARA, "\n\n")
    return normalise_lines(flat)


def inline_text(el: Element) -> str:
    """Text of ``el`` on one line, whitespace collapsed (headers, names, labels)."""
    return " ".join("".join(el.itertext()).split())


def opening_words(text: str, n: int = 5) -> list[str]:
    """The first ``n`` word tokens of a body: runs of letters and apostrophes, 2+ letters long.

    Digits and punctuation are not words, and single letters ("I", "a") are dropped. This is
    how the fixture index's ``body_probes`` column was written.
    """
    words = [w for w in _WORD.findall(text) if sum(c.isalpha() for c in w) >= 2]
    return words[:n]
