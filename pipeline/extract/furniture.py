"""Page furniture: running headers and footers, page numbers, a letterhead on every page.

A line is furniture when it sits in the page's top or bottom band and either reads as a page
number ("Page 2 of 3", "- 2 -", "2/3") or recurs, digits aside, at about the same height on
at least half the pages (and two or more). Repeated header lines are kept where they first
appear (a letterhead's name, date and reference belong to the letter once); repeated footer
lines and page numbers are dropped everywhere, so a paragraph running over a page break is
not cut by them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from statistics import median

from pipeline.extract.layout import Line, Page

HEADER_BAND = 0.15  # share of the page height from the top
FOOTER_BAND = 0.15  # ... and from the bottom
SAME_PLACE = 0.03  # how far (share of the height) a repeat may drift: scans are not aligned
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—(\[]*(?:page|p\.|pg\.?)?\s*\d{1,4}\s*(?:(?:of|/)\s*\d{1,4})?[\s\-–—)\]]*$", re.I
)
_DIGITS = re.compile(r"\d+")


def _band(line: Line, page: Page) -> str | None:
    if page.height <= 0:
        return None
    if line.top < HEADER_BAND * page.height:
        return "top"
    if line.bottom > (1 - FOOTER_BAND) * page.height:
        return "bottom"
    return None


def _key(text: str) -> str:
    return " ".join(_DIGITS.sub("#", text.lower()).split())


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text)) and any(c.isdigit() for c in text)


def remove_furniture(pages: list[Page]) -> list[Page]:
    """The pages without their furniture (new Page objects; the input is not changed)."""
    repeated = _repeated(pages)
    seen: set[tuple[str, str]] = set()
    cleaned: list[Page] = []
    for page in pages:
        kept: list[Line] = []
        for line in page.lines:
            band = _band(line, page)
            if band is None or line.table:
                kept.append(line)
                continue
            if is_page_number(line.text):
                continue
            key = (band, _key(line.text))
            if key in repeated:
                if band == "bottom" or key in seen:
                    continue
                seen.add(key)
            kept.append(line)
        cleaned.append(Page(page.width, page.height, kept))
    return cleaned


def _repeated(pages: list[Page]) -> set[tuple[str, str]]:
    """(band, key) of the band lines that recur at about the same height on enough pages."""
    if len(pages) < 2:
        return set()
    places: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    for number, page in enumerate(pages):
        for line in page.lines:
            band = _band(line, page)
            if band is None or line.table or not line.text.strip():
                continue
            places[(band, _key(line.text))].setdefault(number, line.top / page.height)
    needed = max(2, (len(pages) + 1) // 2)
    repeated: set[tuple[str, str]] = set()
    for key, on_pages in places.items():
        if len(on_pages) < needed:
            continue
        centre = median(on_pages.values())
        if sum(abs(top - centre) <= SAME_PLACE for top in on_pages.values()) >= needed:
            repeated.add(key)
    return repeated
