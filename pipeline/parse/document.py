"""One HTML parse per page, with plain lxml elements (no lxml.html class lookup: faster).

WDTK serves UTF-8, so bytes are decoded as UTF-8 whatever a meta tag claims; libxml2 would
otherwise fall back to Latin-1 for a page saved without its ``<meta charset>``.
"""

from __future__ import annotations

import lxml.etree
from lxml.etree import _Element as Element


class NotHtmlError(ValueError):
    """The input could not be read as an HTML document."""


def html_document(data: bytes | str) -> Element:
    """The root element of ``data``; NotHtmlError when there is none."""
    try:
        if isinstance(data, bytes):
            root = lxml.etree.HTML(data, lxml.etree.HTMLParser(encoding="utf-8"))
        elif isinstance(data, str):
            root = lxml.etree.HTML(data)
        else:
            raise NotHtmlError(f"expected bytes or str, got {type(data).__name__}")
    except (lxml.etree.LxmlError, ValueError) as exc:
        raise NotHtmlError(str(exc) or type(exc).__name__) from None
    if root is None:
        raise NotHtmlError("the document is empty")
    return root
