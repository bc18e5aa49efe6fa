"""Who wrote, to whom, and how many questions the quoted request had.

The authority is named by its e-mail domain (``Governance@cafcass.gov.uk``) matched back to a
word of the letter, which survives letterheads lost in PDF extraction. The addressee is the
header line that ends with the salutation's surname ("Dear Ms Soeder" → "Victoria Soeder").
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.letters.model import Evidence, Finding

_DOMAIN = re.compile(
    r"[\w.+-]+@(?:[\w-]+\.)*?(?P<label>[\w-]+)\.(?:gov|org|nhs|police|ac|sch|mod|parliament|co|gsi)\.uk\b|@(?P<label2>[\w-]+)\.(?:gov\.scot|scot|wales)\b",
    re.I,
)
_NOT_AUTHORITY = frozenset({"ico", "whatdotheyknow", "foi", "itspublicknowledge", "gsi"})
_THANKS = re.compile(
    r"Thank you for (?:contacting|writing to)\s+(?P<name>[A-Z][\w&]*(?:\s+[A-Z][\w&]*){0,4})"
)
_SALUTATION = re.compile(
    r"(?m)^\s*Dear\s+(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+(?P<surname>[A-Z][\w'-]+)\s*,?\s*$"
)
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+")
_NUMBERED = re.compile(r"(?m)^\s*(?:[-*]\s*)?(?P<n>\d{1,2})[.)]\s+\S")


def authority(text: str) -> Finding[str | None]:
    labels: Counter[str] = Counter()
    evidence: dict[str, Evidence] = {}
    for match in _DOMAIN.finditer(text):
        label = (match.group("label") or match.group("label2") or "").lower()
        if label and label not in _NOT_AUTHORITY:
            labels[label] += 1
            evidence.setdefault(label, Evidence.of(text, match.start(), match.end()))
    for label, _count in labels.most_common():
        for candidate in re.finditer(rf"\b{re.escape(label)}\b", text, re.I):
            if candidate.group(0)[0].isupper():
                return Finding(candidate.group(0), 0.7, evidence[label])
    thanks = _THANKS.search(text)
    if thanks:
        return Finding(
            thanks.group("name"), 0.5, Evidence.of(text, thanks.start("name"), thanks.end("name"))
        )
    return Finding(None, 0.3)


def addressed_to(text: str) -> Finding[str | None]:
    salutation = _SALUTATION.search(text)
    if salutation is None:
        return Finding(None, 0.3)
    surname = salutation.group("surname")
    head = text[: salutation.start()]
    pattern = re.compile(
        rf"(?m)^[ \t]*(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*\s+{re.escape(surname)})[ \t]*$"
    )
    match = pattern.search(head)
    if match is None:
        return Finding(None, 0.3)
    name = _HONORIFIC.sub("", match.group("name"))
    start = match.start("name") + (len(match.group("name")) - len(name))
    return Finding(name, 0.8, Evidence.of(text, start, match.end("name")))


def questions_in_request(text: str) -> Finding[int | None]:
    """The length of the first run of items numbered 1, 2, 3 … (the quoted request)."""
    expected, first, last = 1, None, None
    for match in _NUMBERED.finditer(text):
        number = int(match.group("n"))
        if number == expected:
            first = first if first is not None else match
            last = match
            expected += 1
        elif expected > 1:
            break
    if first is None or last is None or expected <= 2:
        return Finding(None, 0.5)
    return Finding(expected - 1, 0.7, Evidence.of(text, first.start(), last.end()))
