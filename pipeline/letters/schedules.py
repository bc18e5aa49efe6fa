"""Parts of a schedule to the Act named in a letter: "Part VI of Schedule 1 to FOIA",
"Schedule 1, Part VI", "Sch. 1 Pt 6" are all ``FOIA Sch1 PtVI`` (LABELS.md), the form a
citation of the Act's own schedules takes. A schedule of some other law is not counted.
"""

from __future__ import annotations

import re

from pipeline.letters.model import Citation, Evidence

_PART = r"(?P<part>[IVX]{1,5}|\d{1,2})\b"
_SCHEDULE = r"(?P<sch>\d{1,2})\b"
_FORMS = (
    re.compile(rf"\bPart\s+{_PART}\s+of\s+Sch(?:edule|ed|\.)?\s*{_SCHEDULE}"),
    re.compile(
        rf"\bSch(?:edule|ed|\.)?\s*{_SCHEDULE}\s*,?\s*(?:to\s+the\s+Act\s*,?\s*)?"
        rf"(?:Part|Pt\.?)\s*{_PART}"
    ),
)
# What the schedule belongs to: "to FOIA", "of the Act", or some other law ("to the Local
# Government Act 1972"), which is not counted.
_BELONGS = re.compile(
    r"\s*,?\s*(?:to|of)\s+(?:the\s+)?(?P<law>(?:[A-Z(][\w'(),&-]*\s+|(?:and|of|for|the|in|on)\s+){0,8}?"
    r"(?:Act|Regulations|Order)\b|FOIA|FOISA)"
)
_OURS = re.compile(r"^(?:(?:the\s+)?(?:Act|FOIA|FOISA)|Freedom\s+of\s+Information\b.*)$", re.S)
_NUMERALS = (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def _roman(value: str) -> str:
    if not value.isdigit():
        return value
    number, out = int(value), ""
    for numeral, size in _NUMERALS:
        while number >= size:
            out, number = out + numeral, number - size
    return out


def find_schedules(text: str, regime: str, rights_from: int) -> list[Citation]:
    """Each mention of a part of one of the Act's schedules; FOISA's in a Scottish letter.
    Named in the decision (before ``rights_from``) it is relied on: a derogation such as the
    broadcasters' Part VI is the ground of the answer."""
    found: list[Citation] = []
    matches = sorted((m for form in _FORMS for m in form.finditer(text)), key=lambda m: m.start())
    for match in matches:
        belongs = _BELONGS.match(text, match.end())
        if belongs and not _OURS.match(belongs.group("law")):
            continue
        law = belongs.group("law") if belongs else ""
        act = "FOISA" if "FOISA" in law or "Scotland" in law or regime == "FOISA" else "FOIA"
        citation = f"{act} Sch{match.group('sch')} Pt{_roman(match.group('part'))}"
        relied = match.start() < rights_from
        found.append(
            Citation(
                citation,
                relied,
                0.8 if relied else 0.5,
                Evidence.of(text, match.start(), match.end()),
            )
        )
    return found
