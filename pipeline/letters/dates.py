"""Dates as UK letters write them: "31 January 2019", "31st Jan 2019", "January 31, 2019",
"31/01/2019" (day first), "31.01.19", "2019-01-31", with or without a weekday."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
PATTERNS = (
    re.compile(rf"\b{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<mon>[01]?\d)[/.](?P<year>(?:19|20)?\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b"),
)


@dataclass(frozen=True, slots=True)
class DateMention:
    value: date
    start: int
    end: int


def find_dates(text: str) -> list[DateMention]:
    """Every date mentioned, in text order, overlapping forms resolved to the longest."""
    found: list[DateMention] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            value = _to_date(match)
            if value is not None:
                found.append(DateMention(value, match.start(), match.end()))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if year < 100:
        year += 2000
    month = MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["mon"])
    try:
        return date(year, month, int(groups["day"]))
    except ValueError:
        return None


def letter_date(text: str) -> DateMention | None:
    """The letter's own date: a ``Date:`` line, else the first date standing alone on a line
    in the letter's head (before the salutation)."""
    head_end = len(text)
    salutation = re.search(r"(?m)^\s*Dear\b", text)
    if salutation:
        head_end = salutation.start()
    mentions = find_dates(text)
    for mention in mentions:
        line = text[max(0, mention.start - 40) : mention.start].rsplit("\n", 1)[-1]
        if re.fullmatch(r"\s*Date[d]?\s*[:\-]?\s*", line, re.I):
            return mention
    for mention in mentions:
        if mention.start > head_end:
            break
        before = text[max(0, mention.start - 80) : mention.start].rsplit("\n", 1)
        after = text[mention.end : mention.end + 80].split("\n", 1)
        if len(before) < 2 and mention.start >= 80:
            continue  # the line is longer than a date line can be
        if len(after) < 2 and mention.end + 80 < len(text):
            continue
        before_text, after_text = before[-1].strip(" \t*#|"), after[0].strip(" \t*#|.")
        if not before_text and not after_text:
            return mention
    return None
